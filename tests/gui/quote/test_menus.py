"""The menus' commands and their shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from pytestqt.qtbot import QtBot

from cpiquote.gui.main_window import MainWindow


def test_no_command_takes_the_macos_minimize_shortcut(window: MainWindow) -> None:
    """Qt maps Ctrl to Command on macOS: Ctrl+M becomes Cmd+M, the system's Minimize."""
    taken = [name for name, action in window.commands.items() if QKeySequence("Ctrl+M") in action.shortcuts()]
    assert not taken, taken


def _menu_action(window: MainWindow, menu_title: str, text: str) -> QAction:
    menu = next(action.menu() for action in window.menuBar().actions() if action.text() == menu_title)
    return next(action for action in menu.actions() if action.text() == text)


def test_previous_scenario_shows_the_keys_as_written_on_the_keyboard(window: MainWindow) -> None:
    """Qt calls Shift+Tab "Backtab": the menu must say Ctrl+Shift+Tab, the keys a person presses."""
    action = _menu_action(window, "&Scenario", "Pre&vious scenario")
    assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+Shift+Tab"
    assert "Backtab" not in action.toolTip()


def test_ctrl_shift_tab_goes_to_the_previous_scenario(qtbot: QtBot, window: MainWindow) -> None:
    """The key press Qt delivers for Ctrl+Shift+Tab (Backtab with Ctrl and Shift) still switches scenario."""
    window.commands["new_scenario"].trigger()
    assert window.current_index == 1
    qtbot.keyClick(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.current_index == 0


def test_the_file_menu_saves_in_the_library_and_to_a_file_and_edit_has_the_preferences(window: MainWindow) -> None:
    file_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&File")
    texts = [action.text() for action in file_menu.actions() if not action.isSeparator()]
    assert texts[texts.index("&Save") : texts.index("&Save") + 5] == [
        "&Save",
        "Save to &file…",
        "New re&vision",
        "D&uplicate as new quote",
        "&Re-price with the current price book…",
    ]
    assert _menu_action(window, "&Edit", "Pre&ferences…").shortcut() == QKeySequence(QKeySequence.StandardKey.Preferences)
    window.show_workspace(renewal=True)  # they act on the open quote, which the renewal workspace hides
    assert not any(window.commands[name].isEnabled() for name in ("new_revision", "duplicate_quote", "reprice_quote"))
