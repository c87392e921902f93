"""What a person does to the main window in tests: find a named widget, type into it, tick a box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from cpiquote.gui.main_window import MainWindow


def w(window: MainWindow, name: str) -> Any:
    """The window's widget with object name `name` (the test fails when there is none)."""
    widget = window.findChild(QWidget, name)
    assert widget is not None, f"no widget named {name}"
    return widget


def settle() -> None:
    """Let the window finish laying itself out: a relayout can post another (a resize, then the layouts inside)."""
    for _ in range(4):
        QApplication.processEvents()


def type_into(qtbot: Any, window: MainWindow, name: str, text: str) -> None:
    """Replace a field's text by typing, as a person does."""
    field = w(window, name)
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def tick(qtbot: Any, window: MainWindow, name: str) -> None:
    """Toggle a check box from the keyboard."""
    box = w(window, name)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def linear(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
