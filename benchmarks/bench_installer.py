"""The frozen app against the installed package: one-folder size and start-up, when dist/cpiquote/ has been built.

Build first with `python installer/build.py`; without a build this prints one line saying so.
Start-up is the median of alternating runs (installer/build.py's `compare`): `pricebook check` starts the app
without Qt, `self-test` starts Qt, opens the window, prices, and writes a PDF and a workbook.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "installer" / "build.py"


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cpiquote_installer_build", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run() -> list[str]:
    """One line for the size and one per start-up measure, or one line saying there is no build."""
    build = _build_module()
    if not Path(build.frozen_command()[0]).is_file():
        return [f"installer: no frozen build in {build.shipped_folder()} (run python installer/build.py first)"]
    lines = [f"installer: one-folder size {build.folder_size_mb(build.shipped_folder()):.1f} MB (Linux target 200 MB)"]
    for label, arguments in (("pricebook check", ["pricebook", "check", str(build.SAMPLE_PRICEBOOK)]), ("self-test", ["self-test"])):
        frozen, installed = build.compare(arguments)
        lines.append(
            f"installer: frozen `{label}` {frozen * 1000:.0f} ms (installed package {installed * 1000:.0f} ms, "
            f"ratio {frozen / installed:.2f}x)"
        )
    return lines
