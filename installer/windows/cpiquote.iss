; Inno Setup 6 script for CPI Quote: packs dist\cpiquote\ (built by `python installer\build.py`) into
; dist\cpiquote-<version>-windows-x64-setup.exe.
;
; Build (installer\windows\build.ps1 does all of it):
;   python installer\build.py --package
; or, after build.py, by hand:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\cpiquote.iss
;
; Install for one user or for everyone:
;   Double-clicked, setup asks whether to install for the current user (no administrator rights,
;   into %LOCALAPPDATA%\Programs\CPI Quote) or for all users (administrator, into C:\Program Files\CPI Quote).
;
; Silent install for IT (software distribution, Intune, GPO start-up scripts):
;   cpiquote-0.1.0-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER
;   cpiquote-0.1.0-windows-x64-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS     (run as administrator)
;   Optional: /DIR="D:\Apps\CPI Quote"  /TASKS="desktopicon"  /LOG="C:\Temp\cpiquote-setup.log"
;   /CLOSEAPPLICATIONS closes a running CPI Quote before an upgrade.
; Upgrades: run the newer setup the same way; the fixed AppId below makes it replace the installed version in place.
; Silent uninstall:
;   "%LOCALAPPDATA%\Programs\CPI Quote\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART      (per-user install)
;   "C:\Program Files\CPI Quote\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART             (all-users install)
; Settings (HKCU\Software\CPI Quote) and saved quotes are left in place by the uninstaller.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=0.1.0 cpiquote.iss (python installer\build.py --package does this)
#endif

#define AppName "CPI Quote"
#define AppExe "cpiquote.exe"
#define AppCliExe "cpiquote-cli.exe"
#define DistDir "..\..\dist\cpiquote"
#define IconFile "..\..\resources\icons\app\cpiquote.ico"

[Setup]
; Never change the AppId: Windows and Inno Setup recognise an upgrade by it.
AppId={{88AC19A3-10EE-4E72-BAAF-BFA9F7F6B38A}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default (no administrator rights needed); the dialog or /ALLUSERS switches to all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=cpiquote-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole library folder, so no file of an older version lingers beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\{#AppCliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#DistDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Quote Live Assist for Dynamics 365 on cost per interaction"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
