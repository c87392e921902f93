"""How quickly the desktop window starts and follows typing, offscreen.

Start-up: a fresh Python process, from just before it is started to the main window's first paint, against a
bare PySide6 QMainWindow started the same way in the same run (median of several runs each, interleaved).
CPI Quote is started through its real entry point, `cpiquote` with no arguments (what the installed command,
`python -m cpiquote` and the frozen app run), with its settings kept in a temporary folder. For scale, the
run also starts a one-field window (a label, a line edit, a menu with a standard shortcut, an SVG window
icon, a status bar): the fixed cost of any real form over an empty QMainWindow.
Typing: the time from setting interactionsInput's text to updated result labels (the window re-prices
synchronously), and to a repainted window (pending layout and paint events processed too).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # chosen before Qt loads

STARTS = 9
# Every start-up's window opens on a 1,920 x 1,080 screen (offscreen's own is 800 x 800), where CPI Quote opens at its
# designed 1,280 x 800, the size the bare windows are given. (The typing window is sized explicitly.)
SCREEN = {"screens": [{"name": "bench", "width": 1920, "height": 1080}]}
EDITS = 300
SMALL_LAPTOP = (1093, 550)  # a 1,366 x 768 screen at 125%, less a task bar and a title bar
ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app" / "cpiquote.svg"

# `watch(window)` prints the time of the window's first paint, then of its completion (CPI Quote adds its
# charts right after the first paint), and ends the process. Qt is imported only when a window is watched, so
# the watcher changes nothing in what the program imports, and when.
WATCH = """
def watch(window):
    from PySide6.QtCore import QEvent, QObject, QTimer

    def ready():
        if getattr(window, "price_chart", True) is None:
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

    window.watcher = FirstPaint()
    window.installEventFilter(window.watcher)
"""

BARE = (
    WATCH
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
watch(window)
window.show()
app.exec()
"""
)

ONE_FIELD = (
    WATCH
    + f"""
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QMainWindow, QWidget
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.setWindowIcon(QIcon({str(ICON)!r}))
form = QWidget()
QFormLayout(form).addRow("&Customer:", QLineEdit(alignment=Qt.AlignmentFlag.AlignLeft))
window.setCentralWidget(form)
action = QAction("&Open", window, shortcut=QKeySequence.StandardKey.Open)
window.menuBar().addMenu("&File").addAction(action)
window.statusBar().showMessage("Ready")
watch(window)
window.show()
app.exec()
"""
)

# The real entry point, `cpiquote` with no arguments, untouched: the main window's class is wrapped, as its
# module finishes loading, so that showing it starts the watch. Settings go to a temporary folder.
CPIQUOTE = (
    WATCH
    + """
import importlib.util

class WatchMainWindow:
    def find_spec(self, name, path=None, target=None):
        if name != "cpiquote.gui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            from PySide6.QtCore import QSettings
            QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # an INI file on every platform (not the registry)
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["CPIQUOTE_BENCH_SETTINGS"])
            show = module.MainWindow.show

            def show_watched(window):
                watch(window)
                show(window)

            module.MainWindow.show = show_watched

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, WatchMainWindow())
sys.argv = ["cpiquote"]
from cpiquote.cli import main
main()
"""
)


# Two costs any PySide app with a real form pays and a bare QMainWindow does not, measured in the same processes:
# building the `Qt` namespace's Python enums on its first use, and PySide's check, on every import after its own,
# of whether the imported module uses PySide (it reads the module's source file).
QT_NAMESPACE = """
import PySide6.QtCore as QtCore
started = time.perf_counter()
QtCore.Qt
print(time.perf_counter() - started)
"""
SOURCE_CHECKS = """
import inspect
checking = [0.0]
read_source = inspect.getsource

def timed_getsource(thing):
    started = time.perf_counter()
    try:
        return read_source(thing)
    finally:
        checking[0] += time.perf_counter() - started

inspect.getsource = timed_getsource
leave = os._exit

def report_and_leave(status):
    print(checking[0], file=sys.stderr, flush=True)
    leave(status)

os._exit = report_and_leave
"""


def seconds_in(script: str, bytecode: str) -> float:
    """What a script prints last on standard error (or standard output): a duration in seconds."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "*.warning=false", "PYTHONPYCACHEPREFIX": bytecode}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as settings:
        environment["CPIQUOTE_BENCH_SETTINGS"] = settings
        result = subprocess.run([sys.executable, "-c", "import os, sys, time\n" + script], capture_output=True, text=True,
                                env=environment, check=True)  # fmt: skip
    return float((result.stderr.split() or result.stdout.split())[-1])


def fixed_costs() -> list[str]:
    """Medians of the Qt namespace's enums and of PySide's source checks in CPI Quote's start-up and a bare window's."""
    with tempfile.TemporaryDirectory() as bytecode:
        runs = [(seconds_in(QT_NAMESPACE, bytecode), seconds_in(SOURCE_CHECKS + CPIQUOTE, bytecode),
                 seconds_in(SOURCE_CHECKS + BARE, bytecode)) for _ in range(STARTS)]  # fmt: skip
    enums, app, bare = (statistics.median(run[index] for run in runs) * 1000 for index in range(3))
    return [
        f"gui: start-up costs a bare QMainWindow does not pay: the Qt namespace's enums {enums:.1f} ms; PySide reading "
        f"the source of each module imported after it {app:.1f} ms (bare window {bare:.1f} ms)"
    ]


def seconds_to_paint(script: str, bytecode: str, settings: str, platform: str) -> tuple[float, float]:
    """Seconds from starting a Python process to its window's first paint, and to the window being complete.

    Bytecode is cached in `bytecode` (as an installed or frozen app has it) even where the environment
    turns caching off, so the figure is what a person sees, not the cost of compiling the sources.
    """
    environment = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_LOGGING_RULES": "*.warning=false"}
    environment["PYTHONPYCACHEPREFIX"] = bytecode
    environment["CPIQUOTE_BENCH_SETTINGS"] = settings
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.monotonic()
    command = [sys.executable, "-c", "import os, sys, time\n" + script]
    result = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=settings, check=True)
    painted, complete = (float(word) for word in result.stdout.split()[-2:])
    return painted - started, complete - started


def start_up() -> list[str]:
    """Median start-up times of CPI Quote, a bare QMainWindow and a one-field window, interleaved in one run."""
    scripts = {"bare": BARE, "one field": ONE_FIELD, "cpiquote": CPIQUOTE}
    painted: dict[str, list[float]] = {name: [] for name in scripts}
    complete: list[float] = []
    with tempfile.TemporaryDirectory() as bytecode, tempfile.TemporaryDirectory() as settings:
        (Path(settings) / "screen.json").write_text(json.dumps(SCREEN))
        platform = "offscreen:configfile=screen.json"  # relative to the processes' folder, `settings`: Qt splits on ":"
        for script in scripts.values():  # warm-up: bytecode written, files in the page cache
            seconds_to_paint(script, bytecode, settings, platform)
        for _ in range(STARTS):
            for name, script in scripts.items():
                first, last = seconds_to_paint(script, bytecode, settings, platform)
                painted[name].append(first)
                if name == "cpiquote":
                    complete.append(last)
    bare, one_field, app = (statistics.median(painted[name]) * 1000 for name in scripts)
    complete_ms = statistics.median(complete) * 1000
    return [
        f"gui: start-up to first paint of the main window {app:.0f} ms (bare QMainWindow {bare:.0f} ms, ratio {app / bare:.2f}x; "
        f"target 2.0x)",
        f"gui: start-up to the complete main window, charts included {complete_ms:.0f} ms (ratio {complete_ms / bare:.2f}x)",
        f"gui: for scale, a one-field window with a menu and an icon {one_field:.0f} ms (ratio {one_field / bare:.2f}x; "
        f"CPI Quote against it {app / one_field:.2f}x)",
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
    type_figures(app, field, label)  # type: ignore[arg-type]  # warm-up: both sizes are then measured in a warm window
    synchronous, painted = type_figures(app, field, label)  # type: ignore[arg-type]
    window.resize(*SMALL_LAPTOP)  # the guidance under the details, the results scrolling
    for _ in range(4):  # the relayout can post another
        app.processEvents()
    _, painted_small = type_figures(app, field, label)  # type: ignore[arg-type]
    window.document.mark_saved()
    window.close()
    window.deleteLater()
    app.processEvents()
    line = "gui: edit to updated results {:.2f} ms median, {:.2f} ms 95th percentile"
    paint = "gui: edit to repainted window {:.2f} ms median, {:.2f} ms 95th percentile"
    small = paint + " at {} x {} (a small laptop)"
    return [
        line.format(statistics.median(synchronous) * 1000, percentile(synchronous, 0.95) * 1000),
        paint.format(statistics.median(painted) * 1000, percentile(painted, 0.95) * 1000),
        small.format(statistics.median(painted_small) * 1000, percentile(painted_small, 0.95) * 1000, *SMALL_LAPTOP),
    ]


def type_figures(app: QApplication, field: QLineEdit, label: QLabel) -> tuple[list[float], list[float]]:
    """Seconds from each of EDITS figures typed to updated results, and to a repainted window."""
    synchronous, painted = [], []
    for i in range(EDITS):
        before = label.text()
        started = time.perf_counter()
        field.setText(f"{1_000_000 + 7_919 * i:,}")
        synchronous.append(time.perf_counter() - started)
        app.processEvents()
        painted.append(time.perf_counter() - started)
        assert label.text() != before or i == 0
    return synchronous, painted


def run() -> list[str]:
    """Start-up ratio against a bare QMainWindow and two costs behind it, then typing latency."""
    return start_up() + fixed_costs() + typing()


if __name__ == "__main__":
    for printed in run():
        print(printed)
