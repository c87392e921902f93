# Build CPI Quote's Windows installer on a Windows 10/11 x64 machine, from the repository root:
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Needs: Python 3.11 x64 (py launcher) and Inno Setup 6 (winget install JRSoftware.InnoSetup).
# Makes a clean virtual environment (.venv-build) with the pinned versions, builds dist\cpiquote\,
# runs its self-test (cpiquote-cli.exe self-test), then writes dist\cpiquote-<version>-windows-x64-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# A new environment each time: nothing left over from an earlier build is frozen into this one.
if (Test-Path ".venv-build") { Remove-Item -Recurse -Force ".venv-build" }
py -3.11 -m venv .venv-build
if ($LASTEXITCODE -ne 0) { throw "could not make the virtual environment (is Python 3.11 x64 installed?)" }
$python = ".venv-build\Scripts\python.exe"
& $python -m pip install --upgrade pip
if ($LASTEXITCODE -ne 0) { throw "pip upgrade failed" }
& $python -m pip install -c constraints.txt -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $python installer\build.py --package
if ($LASTEXITCODE -ne 0) { throw "build failed: see the self-test lines above" }
