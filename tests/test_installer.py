"""The installer files: what can be checked here without running PyInstaller (CI runs `python installer/build.py`)."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PureWindowsPath
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from cpiquote import __version__
from cpiquote.formatting import DEFAULT_LOCALE

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "cpiquote.spec"
ISS = INSTALLER / "windows" / "cpiquote.iss"
DESKTOP = INSTALLER / "linux" / "cpiquote.desktop"
ICON_DIR = ROOT / "resources" / "icons" / "app"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the Linux install scripts are POSIX shell")


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the PyInstaller spec, run with stand-ins for PyInstaller's classes -----------------------------------------------

COLLECTED = [  # (destination, source, type) as PyInstaller's Analysis lists them on Linux
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", "/x/libqwayland.so", "BINARY"),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "/x/libqsvgicon.so", "BINARY"),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "/x/libqopensslbackend.so", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "/x/libQt6Widgets.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Network.so.6", "/x/libQt6Network.so.6", "BINARY"),
    ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
    ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
    ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
    ("PySide6/Qt/translations/qtwebengine_de.qm", "/x/qtwebengine_de.qm", "DATA"),
    ("babel/locale-data/en_US.dat", "/x/en_US.dat", "DATA"),
    ("babel/locale-data/root.dat", "/x/root.dat", "DATA"),
    ("babel/locale-data/de_DE.dat", "/x/de_DE.dat", "DATA"),
    ("cpiquote/resources/pricebooks/sample.toml", "/x/sample.toml", "DATA"),
]


def run_spec(platform: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Execute the spec as PyInstaller would on `platform`, recording what it asks PyInstaller to build."""
    calls: dict[str, Any] = {"EXE": [], "BUNDLE": []}

    class Analysis:
        def __init__(self, scripts: list[str], **options: Any) -> None:
            self.entry_scripts, self.options, self.pure = scripts, options, []
            self.scripts = [("pyi_rth_pyside6", "/x/pyi_rth_pyside6.py", "PYSOURCE"), ("cpiquote_main", scripts[0], "PYSOURCE")]
            self.binaries = [entry for entry in COLLECTED if entry[2] != "DATA"]
            self.datas = [entry for entry in COLLECTED if entry[2] == "DATA"]
            calls["Analysis"] = self

    def recorder(kind: str) -> Any:
        def record(*args: Any, **options: Any) -> SimpleNamespace:
            made = SimpleNamespace(args=args, **options)
            if kind in ("EXE", "BUNDLE"):  # may be called more than once
                calls[kind].append(made)
            else:
                calls[kind] = made
            return made

        return record

    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {
        "SPECPATH": str(INSTALLER),
        "Analysis": Analysis,
        "PYZ": recorder("PYZ"),
        "EXE": recorder("EXE"),
        "COLLECT": recorder("COLLECT"),
        "BUNDLE": recorder("BUNDLE"),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return calls


def test_the_spec_ships_every_resource_where_the_frozen_package_looks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = run_spec("linux", monkeypatch)["Analysis"]

    assert analysis.options["datas"] == [
        (str(ROOT / "resources"), "cpiquote/resources"),
        # Alembic reads the quote library's migrations as files, from the package's own folder
        (str(ROOT / "src" / "cpiquote" / "store" / "migrations"), "cpiquote/store/migrations"),
    ]
    # resources_dir() tries Path(cpiquote/resources.py).parent / "resources" first: the same place, relative to the package
    source = (ROOT / "src" / "cpiquote" / "resources.py").read_text(encoding="utf-8")
    assert 'Path(__file__).resolve().parent / "resources"' in source
    assert [Path(script) for script in analysis.entry_scripts] == [INSTALLER / "cpiquote_main.py"]


def test_the_spec_builds_a_windowed_app_and_a_console_twin_in_one_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = run_spec("win32", monkeypatch)

    executables = {exe.name: exe for exe in calls["EXE"]}
    assert set(executables) == {"cpiquote", "cpiquote-cli"}
    assert executables["cpiquote"].console is False
    assert executables["cpiquote-cli"].console is True
    assert Path(executables["cpiquote"].icon) == ICON_DIR / "cpiquote.ico"
    assert calls["COLLECT"].name == "cpiquote"
    assert calls["BUNDLE"] == []


def test_the_spec_excludes_unused_qt_modules_and_test_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    excludes = set(run_spec("linux", monkeypatch)["Analysis"].options["excludes"])

    for module in (
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "QtQml",
        "QtQuick",
        "Qt3DCore",
        "QtMultimedia",
        "QtNetwork",
        "QtPdf",
        "QtCharts",
        "QtDesigner",
    ):
        assert f"PySide6.{module}" in excludes
    assert {"pytest", "hypothesis", "pypdf", "mypy"} <= excludes
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"} & excludes


def test_the_spec_drops_unused_qt_plugins_translations_and_locales_but_keeps_what_the_window_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analysis = run_spec("linux", monkeypatch)["Analysis"]

    kept = {entry[0] for entry in analysis.binaries + analysis.datas}
    assert kept == {
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "libQt6Widgets.so.6",
        "PySide6/Qt/translations/qtbase_de.qm",
        "babel/locale-data/en_US.dat",
        "babel/locale-data/root.dat",
        "cpiquote/resources/pricebooks/sample.toml",
    }


def test_on_linux_qt_is_not_imported_before_the_app_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    linux = run_spec("linux", monkeypatch)["Analysis"]
    windows = run_spec("win32", monkeypatch)["Analysis"]

    assert [entry[0] for entry in linux.scripts] == ["cpiquote_main"]
    assert linux.options["runtime_hooks"] == [str(INSTALLER / "rth_qt_paths.py")]
    assert "import PySide6" not in (INSTALLER / "rth_qt_paths.py").read_text(encoding="utf-8")
    assert [entry[0] for entry in windows.scripts] == ["pyi_rth_pyside6", "cpiquote_main"]
    assert windows.options["runtime_hooks"] == []


def test_the_macos_bundle_is_high_dpi_with_the_package_version_and_icon(monkeypatch: pytest.MonkeyPatch) -> None:
    (bundle,) = run_spec("darwin", monkeypatch)["BUNDLE"]

    assert bundle.name == "CPI Quote.app"
    assert Path(bundle.icon) == ICON_DIR / "cpiquote.icns"
    assert bundle.version == __version__
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9-]+)+", bundle.bundle_identifier)
    assert bundle.info_plist["NSHighResolutionCapable"] is True
    assert bundle.info_plist["CFBundleShortVersionString"] == __version__


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def test_nothing_in_the_app_imports_a_module_the_spec_leaves_out(monkeypatch: pytest.MonkeyPatch) -> None:
    excluded = set(run_spec("linux", monkeypatch)["Analysis"].options["excludes"])

    offenders = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in (ROOT / "src").rglob("*.py")
        for module in _imported_modules(path)
        if module in excluded or module.split(".")[0] in excluded
    }
    assert offenders == set(), "the frozen app would fail on these imports; take them out of the spec's excludes"


def test_every_locale_the_app_formats_in_ships_in_the_frozen_app() -> None:
    named = {DEFAULT_LOCALE}
    for path in (ROOT / "src").rglob("*.py"):
        named.update(re.findall(r"""locale\s*=\s*["']([A-Za-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert all(name in ("root", "en") or name.startswith("en_") for name in named), named


# --- the Windows installer ---------------------------------------------------------------------------------------------


def _iss_path(windows_path: str) -> Path:
    """A path written in the .iss (Windows separators, relative to the script's folder) as a path here."""
    return ISS.parent.joinpath(*PureWindowsPath(windows_path).parts).resolve()


def _iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', ISS.read_text(encoding="utf-8"), re.MULTILINE))


def test_the_inno_setup_script_installs_the_files_the_spec_produces(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = run_spec("win32", monkeypatch)
    defines = _iss_defines()

    assert {defines["AppExe"], defines["AppCliExe"]} == {f"{exe.name}.exe" for exe in calls["EXE"]}
    assert _iss_path(defines["DistDir"]) == ROOT / "dist" / calls["COLLECT"].name
    assert _iss_path(defines["IconFile"]) == ICON_DIR / "cpiquote.ico"
    assert _iss_path(defines["IconFile"]).is_file()
    assert re.search(r"^OutputDir=(.+)$", ISS.read_text(encoding="utf-8"), re.MULTILINE).group(1) == "..\\..\\dist"


def test_the_inno_setup_script_has_a_fixed_app_id_and_per_user_or_all_users_installs() -> None:
    script = ISS.read_text(encoding="utf-8")

    assert re.search(r"^AppId=\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", script, re.MULTILINE)
    assert re.search(r"^PrivilegesRequired=lowest$", script, re.MULTILINE)
    assert re.search(r"^PrivilegesRequiredOverridesAllowed=dialog commandline$", script, re.MULTILINE)
    assert "{autoprograms}" in script
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER", "/ALLUSERS", "unins000.exe"):
        assert switch in script


def test_build_py_looks_for_the_setup_file_inno_setup_writes() -> None:
    script = ISS.read_text(encoding="utf-8")
    build = (INSTALLER / "build.py").read_text(encoding="utf-8")

    output = re.search(r"^OutputBaseFilename=(.+)$", script, re.MULTILINE)
    assert output is not None
    assert output.group(1).replace("{#AppVersion}", "{version()}") + ".exe" in build
    assert "/DAppVersion=" in build


# --- icons ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_app_icon_exists_as_a_square_png_of_each_size(size: int) -> None:
    with Image.open(ICON_DIR / f"cpiquote-{size}.png") as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        rgba = image.convert("RGBA")
        assert rgba.getpixel((0, size - 1))[3] == 0, "the corner is transparent, so the bubble's shape shows"
        assert rgba.getpixel((size // 2, size * 2 // 5))[3] == 255, "the coin in the middle is opaque"


def test_the_windows_and_macos_icons_hold_the_sizes_their_systems_use() -> None:
    with Image.open(ICON_DIR / "cpiquote.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICON_DIR / "cpiquote.icns") as icns:
        assert {(16, 16, 2), (128, 128, 1), (512, 512, 2)} <= set(icns.info["sizes"])


def test_the_svg_icon_is_square_and_titled() -> None:
    root = ElementTree.parse(ICON_DIR / "cpiquote.svg").getroot()

    assert root.get("viewBox") == "0 0 512 512"
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "CPI Quote"


# --- Linux: menu entry, tarball, install and uninstall -----------------------------------------------------------------


def test_the_desktop_file_is_valid() -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    result = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""


def test_the_desktop_file_names_the_icon_and_desktop_name_the_app_uses() -> None:
    entries = dict(line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line)
    app_source = (ROOT / "src" / "cpiquote" / "gui" / "app.py").read_text(encoding="utf-8")

    assert entries["Icon"] == "cpiquote"
    assert entries["Exec"] == "cpiquote"
    assert 'setDesktopFileName("cpiquote")' in app_source  # Wayland matches the window to this file by that name


@pytest.fixture
def fake_build(tmp_path: Path) -> Path:
    """A stand-in for dist/cpiquote/: a cpiquote program that says it ran, and a library folder."""
    app = tmp_path / "dist" / "cpiquote"
    (app / "_internal").mkdir(parents=True)
    (app / "_internal" / "library.txt").write_text("library\n")
    for name in ("cpiquote", "cpiquote-cli"):
        (app / name).write_text(f'#!/bin/sh\necho {name} ran with "$@"\n')
        (app / name).chmod(0o755)
    return app


@posix_only
def test_the_tarball_holds_the_app_scripts_menu_entry_and_icons(fake_build: Path, tmp_path: Path) -> None:
    make_tarball = _load(INSTALLER / "linux" / "make_tarball.py", "make_tarball")

    target = make_tarball.make_tarball(fake_build, tmp_path, tmp_path / "work")

    top = make_tarball.tarball_name()
    assert target.name == f"cpiquote-{__version__}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(target) as archive:
        members = {member.name: member for member in archive.getmembers()}
    for name in (
        "install.sh",
        "uninstall.sh",
        "cpiquote/cpiquote",
        "cpiquote/_internal/library.txt",
        "share/applications/cpiquote.desktop",
        "share/icons/hicolor/scalable/apps/cpiquote.svg",
        *(f"share/icons/hicolor/{size}x{size}/apps/cpiquote.png" for size in ICON_SIZES),
    ):
        assert f"{top}/{name}" in members
    assert members[f"{top}/install.sh"].mode & 0o111


def unpacked_tarball(build: Path, tmp_path: Path) -> Path:
    """The Linux tarball of `build`, unpacked as a person would before running install.sh."""
    make_tarball = _load(INSTALLER / "linux" / "make_tarball.py", "make_tarball")
    return Path(make_tarball.stage(build, (tmp_path / "unpacked").resolve()))


def as_user(home: Path, **env: str) -> dict[str, str]:
    """The environment of a user whose home is `home`, with `env` (such as PREFIX) added."""
    return {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}


def install(unpacked: Path, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run install.sh as a user whose home is `home` (with `env`, such as PREFIX); the run, whether it worked or not."""
    return subprocess.run(["sh", str(unpacked / "install.sh")], env=as_user(home, **env), capture_output=True, text=True, check=False)


@posix_only
def test_install_sh_installs_into_local_and_uninstall_sh_removes_it(fake_build: Path, tmp_path: Path) -> None:
    unpacked = unpacked_tarball(fake_build, tmp_path)
    home = tmp_path / "home"
    env = as_user(home)

    assert install(unpacked, home).returncode == 0

    local = home / ".local"
    assert subprocess.run([str(local / "bin" / "cpiquote"), "self-test"], capture_output=True, text=True, check=True).stdout == (
        "cpiquote ran with self-test\n"
    )
    entry = (local / "share" / "applications" / "cpiquote.desktop").read_text()
    assert f'Exec="{local}/opt/cpiquote/cpiquote"\n' in entry
    assert (local / "share" / "icons" / "hicolor" / "48x48" / "apps" / "cpiquote.png").is_file()
    assert (local / "opt" / "cpiquote" / "_internal" / "library.txt").is_file()

    subprocess.run(["sh", str(local / "opt" / "cpiquote" / "uninstall.sh")], env=env, check=True, capture_output=True)

    assert not (local / "opt" / "cpiquote").exists()
    assert not (local / "bin" / "cpiquote").exists()
    assert not (local / "share" / "applications" / "cpiquote.desktop").exists()
    assert list((local / "share" / "icons").rglob("cpiquote.*")) == []


@posix_only
def test_a_home_folder_with_a_space_gets_a_menu_entry_that_starts_the_app(fake_build: Path, tmp_path: Path) -> None:
    unpacked = unpacked_tarball(fake_build, tmp_path)
    home = tmp_path / "Dana Whitfield"
    assert install(unpacked, home).returncode == 0
    entry = (home / ".local" / "share" / "applications" / "cpiquote.desktop").read_text()
    [exec_line] = [line for line in entry.splitlines() if line.startswith("Exec=")]
    assert shlex.split(exec_line.removeprefix("Exec=")) == [str(home / ".local" / "opt" / "cpiquote" / "cpiquote")]


@posix_only
def test_a_system_wide_install_is_removed_by_its_own_uninstaller_without_a_prefix(fake_build: Path, tmp_path: Path) -> None:
    unpacked = unpacked_tarball(fake_build, tmp_path)
    prefix, home = tmp_path / "usr-local", tmp_path / "home"
    env = as_user(home)
    assert install(unpacked, home, PREFIX=str(prefix)).returncode == 0
    assert install(unpacked, home).returncode == 0  # the user's own copy too

    subprocess.run(["sh", str(prefix / "opt" / "cpiquote" / "uninstall.sh")], env=env, check=True, capture_output=True)

    assert not (prefix / "opt" / "cpiquote").exists() and not (prefix / "bin" / "cpiquote").exists()
    assert (home / ".local" / "opt" / "cpiquote").is_dir(), "the user's own install is not touched"


@posix_only
def test_install_sh_never_replaces_a_cpiquote_command_it_did_not_install(fake_build: Path, tmp_path: Path) -> None:
    unpacked = unpacked_tarball(fake_build, tmp_path)
    home = tmp_path / "home"
    other = home / ".local" / "bin" / "cpiquote"
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\necho installed with pip\n")
    result = install(unpacked, home)
    assert result.returncode == 1 and "is not CPI Quote's link" in result.stderr
    assert other.read_text() == "#!/bin/sh\necho installed with pip\n" and not (home / ".local" / "opt" / "cpiquote").exists()


@posix_only
def test_uninstall_sh_keeps_a_cpiquote_command_it_did_not_install(fake_build: Path, tmp_path: Path) -> None:
    unpacked = unpacked_tarball(fake_build, tmp_path)
    home = tmp_path / "home"
    env = as_user(home)
    assert install(unpacked, home).returncode == 0
    other = home / ".local" / "bin" / "cpiquote"
    other.unlink()
    other.write_text("#!/bin/sh\necho installed with pip\n")

    subprocess.run(["sh", str(home / ".local" / "opt" / "cpiquote" / "uninstall.sh")], env=env, check=True, capture_output=True)

    assert other.read_text() == "#!/bin/sh\necho installed with pip\n"


@posix_only
def test_the_installed_desktop_file_is_valid(fake_build: Path, tmp_path: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    unpacked = unpacked_tarball(fake_build, tmp_path)
    home = tmp_path / "home"
    assert install(unpacked, home).returncode == 0

    result = subprocess.run(
        [validator, str(home / ".local" / "share" / "applications" / "cpiquote.desktop")], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_macos_app_is_a_window_app_not_a_background_one() -> None:
    """COLLECT takes `console` from its last EXE (the console twin), and BUNDLE then writes LSBackgroundOnly: no Dock
    icon, no menu bar. The spec overrides it; this cannot be built here, so the override is checked where it is made."""
    tree = ast.parse((INSTALLER / "cpiquote.spec").read_text())
    [bundle] = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "BUNDLE"]
    [plist] = [keyword.value for keyword in bundle.keywords if keyword.arg == "info_plist"]
    assert isinstance(plist, ast.Dict)
    values = {ast.literal_eval(key): value for key, value in zip(plist.keys, plist.values, strict=True) if key is not None}
    assert isinstance(values["LSBackgroundOnly"], ast.Constant) and values["LSBackgroundOnly"].value is False
