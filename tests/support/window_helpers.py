"""What a person does to the main window in tests, and what they see: widgets, typing, ticking, pasting, reading.

Figures, guidance and what a screen reader hears are read as a person would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from cpiquote.gui.main_window import MainWindow
from cpiquote.resources import sample_pricebook_path


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


def leave(qtbot: Any, window: MainWindow, name: str) -> None:
    """Tab out of a field, ending its typing session."""
    qtbot.keyClick(w(window, name), Qt.Key.Key_Tab)


def quote_example(qtbot: Any, window: MainWindow) -> None:
    """Type the three-year example for Contoso Müller & Søn (1,200,000 interactions, Generative AI, Intent Manager)."""
    type_into(qtbot, window, "customerInput", "Contoso")
    w(window, "customerInput").insert(" Müller & Søn")  # keyClicks cannot type non-ASCII
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    w(window, "genaiCheck").click()
    w(window, "intentManagerCheck").click()


def text(window: MainWindow, name: str) -> str:
    """The text a label or field shows."""
    return str(w(window, name).text())


def guidance(window: MainWindow) -> list[str]:
    """The guidance entries as shown, top to bottom."""
    warnings = w(window, "warningsList")
    return [warnings.item(row).text() for row in range(warnings.count())]


def guidance_left(window: MainWindow) -> int:
    """Where the guidance column starts, once the window has settled (its left edge in window coordinates)."""
    settle()
    return window.guidance.mapTo(window, window.guidance.rect().topLeft()).x()


# A 1,366 x 768 screen at 125% is 1,093 x 614 logical pixels; less a task bar and a title bar, about 1,093 x 550.
SMALL_LAPTOP = (1093, 550)


def top_left(window: MainWindow, widget: QWidget) -> QPoint:
    """Where `widget` starts in window coordinates."""
    return widget.mapTo(window, QPoint(0, 0))


def a_full_quote(qtbot: Any, window: MainWindow) -> None:
    """Every figure and note filled in, the long ones included (approval, minimum order, pass-through)."""
    type_into(qtbot, window, "interactionsInput", "20")  # below the minimum order: the longest credits note
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "discountInput", "25")  # "25% (approval)"
    type_into(qtbot, window, "smsInput", "25,000")
    tick(qtbot, window, "carePackageCheck")
    settle()


def edited_pricebook(tmp_path: Path, name: str, old: str, new: str) -> str:
    """A copy of the sample price book in `tmp_path` with `old` replaced by `new`; its path."""
    text = sample_pricebook_path().read_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new))
    return str(path)


def paste_into(qtbot: Any, window: MainWindow, name: str, text: str) -> str:
    """Paste `text` over a field's text with Ctrl+V; what the field then holds."""
    field = w(window, name)
    field.setFocus()
    field.selectAll()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return str(field.text())


def focus_name() -> str:
    """The object name of the widget with the keyboard focus."""
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else "<none>"


def spoken(widget: Any) -> str:
    """Everything a screen reader can get from a widget: its name, value and description."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return " | ".join(iface.text(t) for t in (QAccessible.Text.Name, QAccessible.Text.Value, QAccessible.Text.Description))


def priced_three_years(qtbot: Any, window: MainWindow) -> None:
    """Type a quote that prices: 1,200,000 interactions a year for three years."""
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "yearsInput", "3")
