"""Autosave: the open quote's unsaved changes in a recovery file a few seconds after each change, offered at the next
start after a crash, removed by a clean close."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from window_helpers import quote_example, text, type_into

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import recovery


def recovery_files() -> list[Path]:
    return sorted(recovery.folder().glob(f"*{recovery.SUFFIX}"))


def crashed_window(qtbot: Any, make_window: Callable[[], MainWindow], tmp_path: Path) -> Path:
    """A window that had unsaved changes and vanished without closing: its recovery file is left, unlocked."""
    window = make_window()
    quote_example(qtbot, window)
    assert window.autosave is not None
    window.autosave.write()
    [left] = recovery_files()
    kept = shutil.copy(left, tmp_path / left.name)
    window.close()  # (the log discards the changes) a clean close removes the file ...
    assert recovery_files() == []
    return Path(shutil.copy(kept, left))  # ... which a crash would have left behind


def test_a_change_is_autosaved_after_a_pause_and_a_clean_close_removes_it(qtbot: Any, window: MainWindow) -> None:
    assert window.autosave is not None and window.autosave.timer.interval() == 3000
    type_into(qtbot, window, "customerInput", "Contoso")
    assert recovery_files() == [] and window.autosave.timer.isActive()  # not while typing
    qtbot.waitUntil(lambda: len(recovery_files()) == 1, timeout=5000)
    assert "Contoso" in recovery_files()[0].read_text(encoding="utf-8")
    assert window.close() and recovery_files() == []


def test_after_a_crash_the_next_start_offers_the_unsaved_quote(qtbot: Any, make_window: Any, dialog_log: Any, tmp_path: Path) -> None:
    left = crashed_window(qtbot, make_window, tmp_path)
    again = make_window()  # the next start
    [[offered]] = dialog_log.restore_asked
    assert offered.startswith(f"Contoso Müller & Søn (autosaved {dt.date.today():%Y-%m-%d}")
    assert text(again, "customerInput") == "Contoso Müller & Søn" and text(again, "interactionsInput") == "1,200,000"
    assert again.isWindowModified() and again.quotation is not None  # restored, and still to be saved
    assert not left.exists() and len(recovery_files()) == 1  # the new window's own file holds it now


def test_declined_the_unsaved_quote_is_discarded(qtbot: Any, make_window: Any, dialog_log: Any, tmp_path: Path) -> None:
    left = crashed_window(qtbot, make_window, tmp_path)
    dialog_log.restore = False
    again = make_window()
    assert len(dialog_log.restore_asked) == 1 and text(again, "customerInput") == "" and not left.exists()


def test_a_quote_nobody_could_be_asked_about_is_kept_for_a_later_start(
    qtbot: Any, make_window: Any, dialog_log: Any, tmp_path: Path
) -> None:
    left = crashed_window(qtbot, make_window, tmp_path)
    dialog_log.restore = None  # offscreen, with no dialog shown
    make_window()
    assert left.exists()


def test_the_file_of_a_window_still_open_is_not_offered(qtbot: Any, make_window: Any, dialog_log: Any) -> None:
    first = make_window()
    type_into(qtbot, first, "customerInput", "Contoso")
    assert first.autosave is not None
    first.autosave.write()
    make_window()  # a second window of the app, while the first runs
    assert dialog_log.restore_asked == [] and len(recovery_files()) == 1


def test_a_restored_library_quote_keeps_its_number(qtbot: Any, make_window: Any, dialog_log: Any, tmp_path: Path) -> None:
    window = make_window()
    quote_example(qtbot, window)
    window.commands["save_quote"].trigger()
    type_into(qtbot, window, "yearsInput", "2")
    assert window.autosave is not None and window.library_link is not None
    number = window.library_link.number
    window.autosave.write()
    [left] = recovery_files()
    kept = shutil.copy(left, tmp_path / left.name)
    window.close()
    shutil.copy(kept, left)
    again = make_window()
    assert again.windowTitle().startswith(f"{number} r1 — ") and again.isWindowModified() and text(again, "yearsInput") == "2"
    again.commands["save_quote"].trigger()
    assert again.library_link is not None and (again.library_link.number, again.library_link.revision) == (number, 1)


LIBRARY_PROBE = """
import sys
from PySide6.QtCore import QSettings, QTimer
from cpiquote.gui.app import create_application
from cpiquote.gui.main_window import MainWindow

app = create_application(["cpiquote"])
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show()
QTimer.singleShot(300, lambda: window.document.set_value(0, "interactions", "95,000"))
def check():
    print(window.autosave.path.exists(), "sqlalchemy" in sys.modules, flush=True)
    app.quit()

QTimer.singleShot(300 + recovery_delay + 700, check)
app.exec()
"""


def test_a_quote_never_stored_in_the_library_autosaves_without_loading_it(tmp_path: Path) -> None:
    """The library and SQLAlchemy under it cost some 400 ms to load: a window that never uses them does not wait for
    them, not at start and not when it autosaves."""
    import os
    import subprocess
    import sys

    probe = LIBRARY_PROBE.replace("recovery_delay", str(recovery.DELAY_MS))
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    environment.pop("CPIQUOTE_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "settings.ini")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]  # autosaved, and the library never loaded
