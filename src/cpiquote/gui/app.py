"""The desktop application: Qt set up the CPI Quote way, and the entry point `cpiquote gui` runs.

Start-up: the window's first paint is held within 2x a bare QMainWindow's (`python benchmarks/run.py gui`). These
are the only things done differently for it, each saving 2 ms or more before the first paint (measured with
`python -X importtime` and `time.perf_counter` on the 2-core CI machine); everything else is plain code:

- `cpiquote` alone opens the window without building the argument parser (cli._dispatch): about 26 ms.
- Cycle collection is off while the window is built and frozen after it (cli._open_window, `main` here): about
  10 ms, as the few hundred thousand objects start-up makes live as long as the app.
- Fusion is chosen on Qt's command line, not with setStyle() (create_application), and the focus rings' style
  (gui.common.focus_ring) replaces it after the first paint (MainWindow.finish_start): about 13 ms of QStyle's enums.
- The charts, the estimator's and the ramp's fields and the price book's hints come after the first paint
  (MainWindow.finish_start): the charts alone import in about 35 ms.
- The table pages are built when first shown (MainWindow._result_tables): about 6 ms.
- calendar is imported where a refused date is explained (quote.numbers), not at start: about 3 ms.
- Babel's number formats load with the first formatted amount (formatting): about 7 ms.
- The pricing engine and the quotation's types load with the first price (the `cpiquote.pricing` package's lazy
  names), and the notices' words with them (guidance.quotation_entries): about 20 ms together.
- Qt's dialog classes load when a dialog first opens (gui.common.dialogs): about 4 ms together.
- The Renewal workspace is built when first shown (MainWindow.show_workspace), and the quote library's dialog, with
  SQLAlchemy, when File > Quote library first opens (MainWindow.show_library): tens of milliseconds each.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from cpiquote import __version__
from cpiquote.gui.common import theme
from cpiquote.gui.common.icons import app_icon

NAME = "CPI Quote"


def create_application(argv: list[str]) -> QApplication:
    """The QApplication: names for settings, Fusion style, palette following the system's light or dark scheme."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    # Fusion chosen on the command line Qt reads, not with setStyle(): wrapping a QStyle in Python makes PySide build
    # QStyle's large enums, left until the focus rings' style is set after the first paint (gui.common.focus_ring).
    app = QApplication([*argv[:1], "-style", "Fusion", *argv[1:]])
    app.setOrganizationName(NAME)
    app.setApplicationName(NAME)
    app.setApplicationDisplayName(NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("cpiquote")
    theme.apply_system_palette()
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: theme.apply_system_palette())
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def main(argv: list[str] | None = None, quote: str = "") -> int:
    """Start the app and show the main window (with the `.cpiquote` file `quote`, if given); returns the exit status."""
    from cpiquote.gui.main_window import MainWindow

    app = create_application(list(sys.argv if argv is None else argv))
    window = MainWindow()
    window.show()
    if quote:
        from cpiquote.gui.quote import workflows

        workflows.open_quote(window, quote)  # a file that cannot be opened is explained over the window
    # What start-up built lives as long as the app: set it aside from cycle collection (so collections while
    # typing stay short) and collect from here on (the command line pauses collection during start-up).
    gc.freeze()
    gc.enable()
    return app.exec()
