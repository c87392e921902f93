"""The menus' commands and their shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from cpiquote.gui.main_window import MainWindow


def test_no_command_takes_the_macos_minimize_shortcut(window: MainWindow) -> None:
    """Qt maps Ctrl to Command on macOS: Ctrl+M becomes Cmd+M, the system's Minimize."""
    taken = [name for name, action in window.commands.items() if QKeySequence("Ctrl+M") in action.shortcuts()]
    assert not taken, taken
