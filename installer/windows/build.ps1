# Build CPI Quote's Windows installer on a Windows 10/11 x64 machine, from the repository root:
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Needs: Python 3.11 x64 (py launcher) and Inno Setup 6 (winget install JRSoftware.InnoSetup).
# Makes a clean virtual environment (.venv-build) with the pinned versions, builds dist\cpiquote\,
# runs its self-test (cpiquote-cli.exe self-test), then writes dist\cpiquote-<version>-windows-x64-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path ".venv-build\Scripts\python.exe")) {
    py -3.11 -m venv .venv-build
}
$python = ".venv-build\Scripts\python.exe"
& $python -m pip install --upgrade pip
& $python -m pip install -c constraints.txt -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $python installer\build.py --package
if ($LASTEXITCODE -ne 0) { throw "build failed: see the self-test lines above" }
