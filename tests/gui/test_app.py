"""The application object: names for settings, version, style and icon, and it runs the window."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from cpiquote import __version__

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
