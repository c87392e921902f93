"""Build CPI Quote for this machine into dist/cpiquote/, prove it works, and report its size and start-up time.

    python installer/build.py             build, run the frozen self-test, print size and start-up figures
    python installer/build.py --package   also wrap the build in this system's installer:
                                          Windows .exe (Inno Setup), macOS .dmg, Linux .tar.gz

Exits non-zero when PyInstaller fails, the frozen self-test fails, or (on Linux) the folder is over 350 MB.
Start-up is measured two ways, each as the median of a few runs, frozen app against the installed package
(`python -m cpiquote`): `pricebook check` (starting Python and the app without Qt) and `self-test`
(starting Qt, opening the window, pricing, writing a PDF and a workbook).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "cpiquote"
MAC_APP = DIST / "CPI Quote.app"
SIZE_LIMIT_MB = 350  # the Linux target: 200 MB, plus polars' compiled runtime (132 MB), which counts usage logs
TIMING_RUNS = 5
NOISE_SECONDS = 0.01  # differences below 10 ms (or 5%) are run-to-run noise on a shared machine
SAMPLE_PRICEBOOK = ROOT / "resources" / "pricebooks" / "sample.toml"


def version() -> str:
    """The version the spec stamps on the build: cpiquote.__version__ of this checkout."""
    sys.path.insert(0, str(ROOT / "src"))
    from cpiquote import __version__

    return __version__


def frozen_command() -> list[str]:
    """The frozen program, as shipped, that prints to the terminal: cpiquote-cli.exe on Windows, the .app's on macOS."""
    if sys.platform == "win32":
        return [str(APP_DIR / "cpiquote-cli.exe")]
    if sys.platform == "darwin":
        return [str(MAC_APP / "Contents" / "MacOS" / "cpiquote")]
    return [str(APP_DIR / "cpiquote")]


def shipped_folder() -> Path:
    """What the installer ships: the .app bundle on macOS, the one-folder build elsewhere."""
    return MAC_APP if sys.platform == "darwin" else APP_DIR


def installed_command() -> list[str]:
    """The same program run from the installed package, for comparison."""
    return [sys.executable, "-m", "cpiquote"]


def child_environment() -> dict[str, str]:
    """The environment for the programs this script starts: offscreen Qt without a display, the shipped price book."""
    env = {key: value for key, value in os.environ.items() if key != "CPIQUOTE_PRICEBOOK"}
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def clean() -> None:
    """Remove the previous build, so nothing stale ships."""
    for path in (APP_DIR, MAC_APP, WORK):
        if path.exists():
            shutil.rmtree(path)


def freeze() -> float:
    """Run PyInstaller on the spec; the seconds it took."""
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(INSTALLER / "cpiquote.spec"),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


def folder_size_mb(folder: Path) -> float:
    """The size of every file in `folder`, in MB (10^6 bytes), not following links."""
    total = sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return total / 1_000_000


def self_test() -> bool:
    """Run the frozen app's self-test, its lines shown as they come; True when it passed."""
    print(f"$ {' '.join(frozen_command())} self-test", flush=True)
    return subprocess.run([*frozen_command(), "self-test"], cwd=DIST, env=child_environment(), check=False).returncode == 0


def seconds(command: Sequence[str]) -> float:
    """The wall-clock time of one run of `command` (output discarded)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=DIST, env=child_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def compare(arguments: Sequence[str]) -> tuple[float, float]:
    """Median seconds of the frozen app and of the installed package running `arguments`.

    One untimed run of each first (disk cache), then the two alternate, so load from other
    processes falls on both alike.
    """
    frozen, installed = [*frozen_command(), *arguments], [*installed_command(), *arguments]
    seconds(frozen), seconds(installed)
    pairs = [(seconds(frozen), seconds(installed)) for _ in range(TIMING_RUNS)]
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def report_startup() -> None:
    """Print the frozen app's start-up against the installed package's, for a start without Qt and with it."""
    measures = (
        ("start-up without Qt (`pricebook check` of the sample)", ["pricebook", "check", str(SAMPLE_PRICEBOOK)]),
        ("start-up with Qt (`self-test`: window, pricing, PDF, workbook)", ["self-test"]),
    )
    for label, arguments in measures:
        frozen, installed = compare(arguments)
        verdict = "no slower" if frozen <= installed + max(NOISE_SECONDS, installed * 0.05) else "slower"
        print(
            f"{label}: frozen {frozen * 1000:.0f} ms, installed package {installed * 1000:.0f} ms ({verdict}; median of {TIMING_RUNS})",
            flush=True,
        )


def inno_compiler() -> str:
    """Inno Setup's compiler: on PATH, where winget installs it (per user), or where its own installer does."""
    candidates = [
        Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Inno Setup 6" / "ISCC.exe",
    ]
    found = shutil.which("iscc") or next((str(path) for path in candidates if path.is_file()), None)
    if found is None:
        raise SystemExit(
            "build.py: Inno Setup 6 is not installed (ISCC.exe not found); install it with "
            "`winget install JRSoftware.InnoSetup`, then run the build again"
        )
    return found


def package() -> Path:
    """Wrap the build in this system's installer; the file written."""
    if sys.platform == "win32":
        subprocess.run([inno_compiler(), f"/DAppVersion={version()}", str(INSTALLER / "windows" / "cpiquote.iss")], check=True)
        return DIST / f"cpiquote-{version()}-windows-x64-setup.exe"
    if sys.platform == "darwin":
        subprocess.run(["bash", str(INSTALLER / "macos" / "make_dmg.sh")], check=True)
        return DIST / f"cpiquote-{version()}-macos.dmg"
    subprocess.run([sys.executable, str(INSTALLER / "linux" / "make_tarball.py")], check=True)
    return DIST / f"cpiquote-{version()}-linux-x86_64.tar.gz"


def main(argv: Sequence[str] | None = None) -> int:
    """Build, self-test, report; with --package, also make the installer."""
    parser = argparse.ArgumentParser(description="Build CPI Quote for this machine into dist/cpiquote/ and self-test it.")
    parser.add_argument("--package", action="store_true", help="also build this system's installer (.exe, .dmg or .tar.gz)")
    args = parser.parse_args(argv)
    clean()
    print(f"building CPI Quote {version()} for {sys.platform} ...", flush=True)
    print(f"PyInstaller took {freeze():.0f} s", flush=True)
    if not self_test():
        print("build FAILED: the frozen app's self-test failed", file=sys.stderr)
        return 1
    size = folder_size_mb(shipped_folder())
    over = sys.platform.startswith("linux") and size > SIZE_LIMIT_MB
    print(f"one-folder size: {size:.1f} MB in {shipped_folder()}" + (f" (over the {SIZE_LIMIT_MB} MB target)" if over else ""))
    report_startup()
    if args.package:
        print(f"installer: {package()}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
