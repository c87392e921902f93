"""How quickly the desktop window starts and follows typing, offscreen.

Start-up: a fresh Python process, from just before it is started to the main window's first paint, against a
bare PySide6 QMainWindow started the same way in the same run (median of several runs each, interleaved).
Typing: the time from setting interactionsInput's text to updated result labels (the window re-prices
synchronously), and to a repainted window (pending layout and paint events processed too).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # chosen before Qt loads

STARTS = 7
EDITS = 300

FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
{setup}
def ready():
    if getattr(window, "price_chart", True) is None:  # CPI Quote adds its charts right after the first paint
        QTimer.singleShot(0, ready)
        return
    print(time.monotonic(), flush=True)
    os._exit(0)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = print(time.monotonic(), flush=True)
            QTimer.singleShot(0, ready)
        return False
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
"""

CPIQUOTE = """
import tempfile, pathlib
from PySide6.QtCore import QSettings
from cpiquote.gui.app import create_application
from cpiquote.gui.main_window import MainWindow
app = create_application(sys.argv)
folder = tempfile.mkdtemp()
window = MainWindow(QSettings(str(pathlib.Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
"""


def seconds_to_paint(setup: str, bytecode: str) -> tuple[float, float]:
    """Seconds from starting a Python process to its window's first paint, and to the window being complete.

    Bytecode is cached in `bytecode` (as an installed or frozen app has it) even where the environment
    turns caching off, so the figure is what a person sees, not the cost of compiling the sources.
    """
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*.warning=false"}
    environment["PYTHONPYCACHEPREFIX"] = bytecode
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.monotonic()
    script = FIRST_PAINT.format(setup=setup)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True)
    painted, complete = (float(word) for word in result.stdout.split()[-2:])
    return painted - started, complete - started


def start_up() -> list[str]:
    """Median start-up times of CPI Quote and of a bare QMainWindow, interleaved in one run."""
    bare: list[float] = []
    app: list[float] = []
    app_complete: list[float] = []
    with tempfile.TemporaryDirectory() as bytecode:
        seconds_to_paint(BARE, bytecode)  # warm-up: bytecode written, files in the page cache
        seconds_to_paint(CPIQUOTE, bytecode)
        for _ in range(STARTS):
            bare.append(seconds_to_paint(BARE, bytecode)[0])
            painted, complete = seconds_to_paint(CPIQUOTE, bytecode)
            app.append(painted)
            app_complete.append(complete)
    bare_ms, app_ms, complete_ms = (statistics.median(times) * 1000 for times in (bare, app, app_complete))
    return [
        f"gui: start-up to first paint of the main window {app_ms:.0f} ms (bare QMainWindow {bare_ms:.0f} ms, "
        f"ratio {app_ms / bare_ms:.2f}x)",
        f"gui: start-up to the complete main window, charts included {complete_ms:.0f} ms (ratio {complete_ms / bare_ms:.2f}x)",
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def typing() -> list[str]:
    from PySide6.QtCore import QSettings, QTemporaryDir
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

    from cpiquote.gui.app import create_application
    from cpiquote.gui.main_window import MainWindow

    app = QApplication.instance() or create_application([sys.argv[0]])
    folder = QTemporaryDir()
    window = MainWindow(QSettings(folder.filePath("settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    field = window.findChild(QLineEdit, "interactionsInput")
    label = window.findChild(QLabel, "annualSubscriptionLabel")
    for name in ("genaiCheck", "intentManagerCheck", "carePackageCheck"):
        window.findChild(QWidget, name).setChecked(True)  # type: ignore[union-attr]
    window.findChild(QLineEdit, "yearsInput").setText("3")  # type: ignore[union-attr]
    app.processEvents()
    synchronous, painted = [], []
    for i in range(EDITS):
        before = label.text()  # type: ignore[union-attr]
        started = time.perf_counter()
        field.setText(f"{1_000_000 + 7_919 * i:,}")  # type: ignore[union-attr]
        synchronous.append(time.perf_counter() - started)
        app.processEvents()
        painted.append(time.perf_counter() - started)
        assert label.text() != before or i == 0  # type: ignore[union-attr]
    window.mark_saved()
    window.close()
    window.deleteLater()
    app.processEvents()
    line = "gui: edit to updated results {:.2f} ms median, {:.2f} ms 95th percentile"
    paint = "gui: edit to repainted window {:.2f} ms median, {:.2f} ms 95th percentile"
    return [
        line.format(statistics.median(synchronous) * 1000, percentile(synchronous, 0.95) * 1000),
        paint.format(statistics.median(painted) * 1000, percentile(painted, 0.95) * 1000),
    ]


def run() -> list[str]:
    """Start-up ratio against a bare QMainWindow, then typing latency."""
    return start_up() + typing()


if __name__ == "__main__":
    for printed in run():
        print(printed)
