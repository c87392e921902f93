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
style = app.style().name()
print(app.organizationName(), app.applicationName(), app.applicationVersion(), style, app.applicationDisplayName(), sep="|")
print("icon" if not app.windowIcon().isNull() else "no icon")

def shown():  # once the window shows: Fusion, inside the style that draws visible focus rings
    print(type(app.style()).__name__, app.style().baseStyle().name())
    app.quit()

QTimer.singleShot(300, shown)
app_module.create_application = lambda argv: app
print("exit", app_module.main(["cpiquote"]))
"""


def test_the_application_is_named_styled_and_runs_the_window(tmp_path: Any) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=environment, timeout=60, check=False)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stderr
    assert lines[0] == f"CPI Quote|CPI Quote|{__version__}|fusion|CPI Quote"  # the display name: what window titles end with
    assert lines[1] == "icon"
    assert lines[2] == "FocusRingStyle fusion"
    assert lines[3] == "exit 0"


OPEN_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
import cpiquote.gui.app as app_module
from cpiquote import cli

def report():
    [window] = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
    print(window.windowTitle(), window.findChild(QLineEdit, "customerInput").text(), sep="|", flush=True)
    window.close()

create = app_module.create_application
def create_and_report(argv):
    app = create(argv)
    QTimer.singleShot(500, report)
    return app

app_module.create_application = create_and_report
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_quote_file_given_on_the_command_line_opens_in_the_window(tmp_path: Any) -> None:
    from cpiquote import services
    from cpiquote.pricing import QuoteRequest
    from cpiquote.quote.document import QuoteDocument

    book = services.default_pricebook_path()
    quote = tmp_path / "Contoso.cpiquote"
    services.save_quote(QuoteDocument.of_request(QuoteRequest((95_000,), customer="Contoso"), services.open_pricebook(book), book), quote)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    for argv in (["gui", str(quote)], [str(quote)]):  # named, or opened from the desktop (the file alone)
        result = subprocess.run(
            [sys.executable, "-c", OPEN_PROBE, *argv], capture_output=True, text=True, env=environment, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == "Contoso.cpiquote[*]|Contoso"


FIRST_PAINT_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings
from cpiquote.gui.app import create_application
from cpiquote.gui.main_window import MainWindow

DEFERRED = sys.argv[2:]

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = True
            print(*(name for name in DEFERRED if name in sys.modules), sep="\\n", flush=True)
            app.quit()
        return False

app = create_application(["cpiquote"])
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
window.document.mark_saved()
"""

# What gui.app's start-up list says waits until after the window's first paint (each costs milliseconds to load)
DEFERRED = (
    "cpiquote.gui.charts",  # the charts
    "cpiquote.gui.common.focus_ring",  # the focus rings' style, and QStyle's enums with it
    "cpiquote.pricing.engine",  # the pricing engine
    "cpiquote.pricing.quotation",  # the quotation's types
    "cpiquote.wording",  # the notices' words
    "babel",  # number formats
    "calendar",  # only a refused date needs it
    "sqlalchemy",  # the quote library
)


def test_the_window_paints_first_and_loads_what_can_wait_after(tmp_path: Any) -> None:
    """The start-up list of gui.app holds: none of what it defers is loaded when the window first paints."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    command = [sys.executable, "-c", FIRST_PAINT_PROBE, str(tmp_path / "settings.ini"), *DEFERRED]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [], f"loaded before the first paint: {result.stdout.split()}"
