"""Every dialog the window opens, as small module-level functions that tests replace with monkeypatch.

Qt's dialog classes are imported when a dialog first opens: the window's first paint needs none of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QWidget

HEADLESS_PLATFORMS = ("offscreen", "minimal")
MAX_LISTED = 20


def ask_save_path(parent: QWidget, caption: str, path: str, file_filter: str) -> str:
    """The file a person chose to write ("" when cancelled)."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getSaveFileName(parent, caption, path, file_filter)
    return chosen


def ask_open_path(parent: QWidget, caption: str, folder: str, file_filter: str) -> str:
    """The file a person chose to open ("" when cancelled)."""
    from PySide6.QtWidgets import QFileDialog

    chosen, _ = QFileDialog.getOpenFileName(parent, caption, folder, file_filter)
    return chosen


def show_error(parent: QWidget, title: str, text: str, problems: Sequence[str] = ()) -> None:
    """A problem a person must read; `problems` are listed in full, one per line."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    listed = [f"• {problem}" for problem in problems]
    if len(listed) > MAX_LISTED:  # a long list scrolls under "Show Details..." instead of growing past the screen
        box.setInformativeText("\n".join([f"{len(listed)} problems; the first {MAX_LISTED}:", *listed[:MAX_LISTED]]))
        box.setDetailedText("\n".join(listed))
    elif listed:
        box.setInformativeText("\n".join(listed))
    box.exec()


def ask_text(parent: QWidget, title: str, label: str) -> str:
    """A line of text a person typed ("" when cancelled)."""
    from PySide6.QtWidgets import QInputDialog

    text, accepted = QInputDialog.getText(parent, title, label)
    return text.strip() if accepted else ""


def ask_open_file(parent: QWidget, path: str) -> bool:
    """After an export: does the person want to open the file now?"""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, "Export finished", f"Saved {path}.\n\nOpen it now?")
    return answer == QMessageBox.StandardButton.Yes


def open_url(url: QUrl) -> bool:
    """Open a file or link with the desktop's default application."""
    from PySide6.QtGui import QDesktopServices

    with system_libraries():
        return QDesktopServices.openUrl(url)


@contextmanager
def system_libraries() -> Iterator[None]:
    """While starting another program from the frozen Linux app: the library path it had before the app's launcher
    pointed it at the app's own libraries (PyInstaller keeps it in LD_LIBRARY_PATH_ORIG). A PDF viewer started with the
    app's copies of glib or zlib can fail on a newer system than the build's."""
    if not (getattr(sys, "frozen", False) and sys.platform.startswith("linux")):
        yield
        return
    ours = os.environ.get("LD_LIBRARY_PATH")
    original = os.environ.get("LD_LIBRARY_PATH_ORIG")
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original
    try:
        yield
    finally:
        if ours is None:
            os.environ.pop("LD_LIBRARY_PATH", None)
        else:
            os.environ["LD_LIBRARY_PATH"] = ours


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"  # the answers to ask_save_changes


def ask_save_changes(parent: QWidget, name: str, action: str) -> str:
    """Before `action` ("closing") drops a quote with unsaved changes: SAVE, DISCARD or CANCEL.

    On a platform without a screen (offscreen, minimal: CI and the self-test) nobody could answer, so it discards.
    """
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return DISCARD
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Warning, "Save changes?", f"Save the changes to {name} before {action}?", parent=parent)
    box.setInformativeText("Changes you do not save are lost.")
    box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = box.exec()
    return {buttons.Save: SAVE, buttons.Discard: DISCARD}.get(buttons(answer), CANCEL)


def ask_remove_scenario(parent: QWidget, name: str) -> bool:
    """Removing a scenario that holds a quote (it cannot be undone): True when the person confirms.

    Without a screen (offscreen, minimal) nobody could answer; the command was given, so it removes.
    """
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return True
    box = QMessageBox(QMessageBox.Icon.Question, "Remove scenario?", f"Remove {name} and everything typed in it?", parent=parent)
    box.setInformativeText("This cannot be undone.")
    remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is remove


def show_about(parent: QWidget, title: str, text: str) -> None:
    """The About box."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(parent, title, text)


def ask_password(parent: QWidget, where: str) -> str:
    """The password a database server (`where`, its URL without a password) asks for ("" when cancelled).

    Typed into a masked field and handed back; the caller keeps it in memory only.
    """
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    label = f"The quote library at {where} asks for a password.\n\nPassword:"
    text, accepted = QInputDialog.getText(parent, "Database password", label, QLineEdit.EchoMode.Password)
    return text if accepted else ""


def ask_restore_unsaved(parent: QWidget, names: Sequence[str]) -> bool | None:
    """At a start after a crash: restore the quote(s) `names` whose changes were not saved? None when nobody can answer
    (offscreen, minimal): the recovery files then stay for a start with a screen."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return None
    listed = "\n".join(f"• {name}" for name in names)
    box = QMessageBox(QMessageBox.Icon.Question, "Restore unsaved changes?", "CPI Quote did not close properly.", parent=parent)
    box.setInformativeText(f"These quotes had changes that were not saved:\n{listed}\n\nRestore them?")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def ask_confirm_changes(parent: QWidget, title: str, text: str, rows: Sequence[tuple[str, str, str, str]], action: str) -> bool:
    """Show figures before and after (rows of what, before, after, change) and ask whether to go on with `action`."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(620, 460)
    column = QVBoxLayout(dialog)
    label = QLabel(text)
    label.setWordWrap(True)
    column.addWidget(label)
    table = QTableWidget(len(rows), 4)
    table.setObjectName("changesTable")
    table.setAccessibleName("Figures before and after")
    table.setHorizontalHeaderLabels(["Figure", "Before", "After", "Change"])
    table.verticalHeader().setVisible(False)
    for row, cells in enumerate(rows):
        for column_index, cell in enumerate(cells):
            table.setItem(row, column_index, QTableWidgetItem(cell))
    table.resizeColumnsToContents()
    column.addWidget(table, 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    column.addWidget(buttons)
    return dialog.exec() == QDialog.DialogCode.Accepted
