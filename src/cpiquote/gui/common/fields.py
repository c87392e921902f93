"""Small input widgets of the quote form: number fields (whole numbers kept as typed, decimals that refuse nonsense as
it is typed), text boxes of several lines, inline messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QRegularExpressionValidator, QValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from cpiquote.gui.common.theme import style
from cpiquote.quote.numbers import GROUP_SEPARATORS

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

# What may be typed in decimals and percentages: digits with thousands separators (commas, spaces, and the no-break
# spaces that e-mail and spreadsheets copy), never letters or minus signs. The form checks where separators stand.
# Whole numbers take any text (see AsTypedValidator).
DECIMAL_PATTERN = "[0-9][0-9, \u00a0\u202f]{0,12}(\\.[0-9]{0,2})?|\\.[0-9]{0,2}"
PERCENT_PATTERN = r"[0-9]{1,3}(\.[0-9]{0,2})?|\.[0-9]{0,2}"
DAYS_PATTERN = r"[0-9]{1,3}(\.[0-9]{0,2})?|\.[0-9]{0,2}"


REFUSALS = {
    DECIMAL_PATTERN: "a number of 0 or more with up to two decimals, such as 12.5",
    PERCENT_PATTERN: "a percentage from 0 to 100 with up to two decimals, such as 12.5",
}


def refusal(pattern: str | None) -> str:
    """Why a keystroke was refused in a field that accepts `pattern`."""
    return REFUSALS.get(pattern or "", "numbers only")


PASTED_BLANKS = " \t\r\n\u00a0\u202f"


def trim_paste(text: str, pos: int) -> tuple[str, int]:
    """`text` without the blanks a paste brings along, and the cursor position in it.

    A cell copied from a spreadsheet ends in a line break, a figure copied from an e-mail often starts with a space:
    both would otherwise refuse the whole paste. Trailing spaces stay: they may be thousands separators being typed.
    """
    leading = text.lstrip(PASTED_BLANKS)
    trimmed = leading.rstrip("\t\r\n")
    return trimmed, max(0, min(pos - (len(text) - len(leading)), len(trimmed)))


class PatternValidator(QRegularExpressionValidator):
    """Accepts text matching a pattern, after dropping the blanks a paste brings along."""

    def validate(self, text: str, pos: int) -> object:
        """Trim what a paste brings along, then match."""
        return super().validate(*trim_paste(text, pos))


def pattern_validator(pattern: str, parent: QWidget) -> QValidator:
    """A validator that accepts only text matching `pattern` (an empty field is allowed while typing)."""
    return PatternValidator(QRegularExpression(f"(?:{pattern})?"), parent)


class AsTypedValidator(QValidator):
    """Keeps a whole-number field's text as typed ("250k", "1.2m", or a mistake), only without a paste's blanks.

    Refusing keystrokes one by one would drop characters and leave a figure the person did not type ("1.2m" became
    "12"); the quote's grammar reads the whole text instead, and a mistake stays in sight with its reason beside it.
    """

    def validate(self, text: str, pos: int) -> object:
        """Acceptable, whatever it holds, so that leaving the field always ends the edit."""
        return (QValidator.State.Acceptable, *trim_paste(text, pos))


def group_separator(locale: QLocale) -> str:
    """The user's locale's digit grouping separator when the grammar reads it (1\u202f200\u202f000 in French), else ","."""
    separator = locale.groupSeparator()
    return separator if separator in GROUP_SEPARATORS else ","


class YearsValidator(QValidator):
    """Contract years: a whole number from 1 to the price book's longest contract, refused beyond it."""

    def __init__(self, max_years: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.max_years = max_years

    def validate(self, text: str, pos: int) -> object:
        """Acceptable from 1 to max_years; empty or 0 is intermediate; anything else is refused.

        Digits are the ASCII ones only: "²" or "３" pass str.isdigit() and would otherwise reach int().
        """
        trimmed, pos = trim_paste(text, pos)
        if not trimmed:
            return QValidator.State.Intermediate, trimmed, pos
        if not (trimmed.isascii() and trimmed.isdigit()) or len(trimmed) > 2 or int(trimmed) > self.max_years:
            return QValidator.State.Invalid, text, pos
        state = QValidator.State.Acceptable if int(trimmed) >= 1 else QValidator.State.Intermediate
        return state, trimmed, pos


def line_edit(object_name: str, accessible_name: str, placeholder: str = "", pattern: str | None = None) -> QLineEdit:
    """A line edit named for automation and screen readers, with an optional input pattern."""
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(False)
    if pattern is not None:
        edit.setValidator(pattern_validator(pattern, edit))
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return edit


class TextBox(QPlainTextEdit):
    """A text field of several lines (a billing address, notes), `lines` tall, scrolling beyond. Tab moves on to the next
    field, as in a line edit (a tab typed in notes would print as nothing); leaving it ends its typing (`finished`)."""

    finished = Signal()

    def __init__(self, object_name: str, accessible_name: str, placeholder: str = "", lines: int = 3) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # the quote's undo history takes every change (see UndoShortcutRouter)
        margins = 2 * (self.frameWidth() + int(self.document().documentMargin())) + 2  # + 2: the last line whole, not scrolled
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + margins)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Leaving the box ends its typing, as leaving a line edit does."""
        super().focusOutEvent(event)
        self.finished.emit()


def check_box(object_name: str, text: str, accessible_name: str | None = None) -> QCheckBox:
    """A named check box."""
    box = QCheckBox(text)
    box.setObjectName(object_name)
    box.setAccessibleName(accessible_name or text.replace("&", ""))
    return box


def error_label(object_name: str) -> QLabel:
    """The inline message shown beside a field when its value cannot be priced (hidden otherwise)."""
    label = QLabel()
    label.setObjectName(object_name)
    style(label, "fieldError")
    label.setWordWrap(True)
    label.setVisible(False)  # its text is its accessible name; the field's description repeats it
    return label


def hint_label(text: str = "") -> QLabel:
    """A quiet explanatory line under a control."""
    label = QLabel(text)
    style(label, "hint")
    label.setWordWrap(True)
    return label


UNITS = ("%", "days", "hours")  # every unit the form's figures are in (see inputs.py); each keeps room for the widest


def with_unit(edit: QWidget, unit: str = "") -> QWidget:
    """A figure's field followed by its unit ("%", "hours"), kept together on one line. Figures without a unit keep the
    unit's room empty, so every figure in the form ends at the same edge."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    row.addWidget(edit, 1)
    unit_label = QLabel(unit)
    style(unit_label, "hint")
    unit_label.setMinimumWidth(max(unit_label.fontMetrics().horizontalAdvance(name) for name in UNITS))
    row.addWidget(unit_label)
    box.setFocusProxy(edit)  # the row's label mnemonic (Alt+letter) reaches the field
    return box


class Stack(QWidget):
    """Widgets one above the other, never shorter than they need at the width they have.

    A form row's field with its hint or message line: QFormLayout can lay a row out from what its wrapped lines needed
    before a message appeared (it keeps the old heights at the same width) and squash the field and clip its lines; an
    explicit minimum height, kept up to date with the width, is one no layout overrides. A short form scrolls instead.
    """

    def __init__(self, widgets: tuple[QWidget, ...]) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for widget in widgets:
            column.addWidget(widget)
        self.setFocusProxy(widgets[0])  # the row's label mnemonic (Alt+letter) reaches the field

    def needed_height(self) -> int:
        """The height its widgets need at its width: each line edit's size hint, each wrapped line's every line."""
        column = self.layout()
        assert column is not None
        if column.hasHeightForWidth():
            return column.totalHeightForWidth(self.width())
        return column.totalSizeHint().height()

    def _hold(self) -> None:
        needed = self.needed_height()
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """A new width wraps the lines anew."""
        super().resizeEvent(event)
        self._hold()

    def event(self, event: QEvent) -> bool:
        """A line shown, hidden or reworded changes the height needed."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._hold()
        return handled


def stacked(*widgets: QWidget) -> QWidget:
    """Widgets one above the other without margins (a field, and later its message line), never squashed."""
    return Stack(widgets)


class UndoShortcutRouter(QObject):
    """Lets Undo and Redo typed in a line edit or text box reach the window's undo history instead of the field's own.

    A QLineEdit claims Ctrl+Z for itself; its private undo would bypass the quote's history (and scenarios).
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Refuse the line edit's claim on the Undo and Redo shortcuts."""
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            event.ignore()
            return True
        return False
