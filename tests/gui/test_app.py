"""The application object: names for settings, version, style, icon, and light or dark palettes."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from PySide6.QtGui import QPalette
from window_helpers import contrast

from cpiquote import __version__
from cpiquote.gui.common import theme

PROBE = """
import sys
from PySide6.QtCore import QTimer
import cpiquote.gui.app as app_module
app = app_module.create_application(["cpiquote"])
print(app.organizationName(), app.applicationName(), app.applicationVersion(), app.style().name(), sep="|")
print("icon" if not app.windowIcon().isNull() else "no icon")
QTimer.singleShot(300, app.quit)
app_module.create_application = lambda argv: app
print("exit", app_module.main(["cpiquote"]))
"""


def test_the_application_is_named_styled_and_runs_the_window(tmp_path: Any) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=environment, timeout=60, check=False)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert lines[0] == f"CPI Quote|CPI Quote|{__version__}|fusion"
    assert lines[1] == "icon"
    assert lines[2] == "exit 0"


def test_dark_and_light_palettes_keep_text_readable() -> None:
    for dark in (False, True):
        palette = theme.palette(dark)
        window, text = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
        assert (window.lightness() < 80) == dark
        assert abs(window.lightness() - text.lightness()) > 150
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        assert disabled != text


def test_hints_captions_and_placeholders_are_readable_small_text_on_both_desktops() -> None:
    for dark in (False, True):
        palette = theme.palette(dark)
        quiet = palette.color(QPalette.ColorRole.PlaceholderText)  # the "hint" and "caption" roles' colour
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
            assert contrast(quiet, palette.color(role)) >= 4.5, f"{'dark' if dark else 'light'} hint text on {role.name}"
