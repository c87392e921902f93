"""Pack the Linux build (dist/cpiquote/) into dist/cpiquote-<version>-linux-<machine>.tar.gz with install.sh.

    python installer/build.py               first: builds dist/cpiquote/ and self-tests it
    python installer/linux/make_tarball.py  then: writes the tarball (build.py --package runs both)

The tarball holds one folder, cpiquote-<version>-linux-<machine>/, with the app folder, the menu entry, the
hicolor icons, install.sh (into ~/.local by default) and uninstall.sh.
"""

from __future__ import annotations

import platform
import re
import shutil
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
ICON_DIR = ROOT / "resources" / "icons" / "app"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def version() -> str:
    """cpiquote.__version__ of this checkout, read without importing the package."""
    text = (ROOT / "src" / "cpiquote" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("src/cpiquote/__init__.py has no __version__ line")
    return found.group(1)


def tarball_name(machine: str | None = None) -> str:
    """cpiquote-<version>-linux-<machine>, the folder name inside the tarball and the tarball's name."""
    return f"cpiquote-{version()}-linux-{machine or platform.machine()}"


def stage(app_dir: Path, folder: Path) -> Path:
    """Lay out the tarball's contents in `folder`: the app, install and uninstall scripts, menu entry, icons."""
    if not (app_dir / "cpiquote").is_file():
        raise SystemExit(f"{app_dir / 'cpiquote'} is missing: run `python installer/build.py` first")
    shutil.copytree(app_dir, folder / "cpiquote", symlinks=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX / script, folder / script)
        (folder / script).chmod(0o755)
    applications = folder / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(LINUX / "cpiquote.desktop", applications / "cpiquote.desktop")
    _stage_icons(folder / "share" / "icons" / "hicolor")
    return folder


def _stage_icons(hicolor: Path) -> None:
    """The app icon in every hicolor size folder, plus the SVG as the scalable one."""
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(ICON_DIR / f"cpiquote-{size}.png", target / "cpiquote.png")
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ICON_DIR / "cpiquote.svg", scalable / "cpiquote.svg")


def make_tarball(app_dir: Path, out_dir: Path, work_dir: Path) -> Path:
    """Stage in `work_dir` and write the .tar.gz into `out_dir`; the tarball's path."""
    name = tarball_name()
    staging = work_dir / name
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    stage(app_dir, staging)
    target = out_dir / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz") as archive:
        archive.add(staging, arcname=name)
    return target


def main() -> int:
    """Write the tarball from dist/cpiquote/ and print where it is."""
    target = make_tarball(ROOT / "dist" / "cpiquote", ROOT / "dist", ROOT / "build" / "tarball")
    print(f"wrote {target} ({target.stat().st_size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
