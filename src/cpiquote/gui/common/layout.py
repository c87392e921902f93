"""Layouts that let the window fit a small screen: a row that stacks when narrow, a column that scrolls when short."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QGridLayout, QScrollArea, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent


class BesideOrBelow(QWidget):
    """Two widgets side by side where the row has room for both, the second under the first where it has not (a small
    screen, or the form dragged wider): the window can be as narrow as the wider of the two.

    The arrangement follows the row's width alone, never its height, so changing it cannot feed back on itself; and in
    a scrolling column the width is judged with room for the scroll bar, so the bar coming or going never changes it
    (else two arrangements could fit one window size, and which showed would depend on how the window got there).
    """

    SPACING = 10
    rearranged = Signal(bool)  # True: the second is now under the first

    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first, self.second = first, second
        self._column: QAbstractScrollArea | None = None
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(self.SPACING)
        self._grid.addWidget(first, 0, 0)
        self.below = True  # so that the first arrangement, side by side, is made (resize events correct it)
        self._arrange(False)

    def room_beside(self) -> int:
        """The width the row needs to show the two side by side."""
        return self.first.minimumSizeHint().width() + self.SPACING + self.second.minimumSizeHint().width()

    def scroll_with(self, column: QAbstractScrollArea) -> None:
        """The row is in `column`, which scrolls: judge its width with room for the column's scroll bar.

        (Given, not found by walking up the parents: naming a widget Qt made, such as a scroll area's viewport, makes
        PySide load every widget class to find its type, about 9 ms before the window first shows.)
        """
        self._column = column

    def fits_beside(self, width: int) -> bool:
        """Whether the two go side by side in a row `width` wide (with room for the scroll bar of the row's column)."""
        column = self._column
        if column is not None and not column.verticalScrollBar().isVisibleTo(column):
            width -= column.verticalScrollBar().sizeHint().width()
        return width >= self.room_beside()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As narrow as the wider of the two (the second then goes below); as tall as the arrangement on show."""
        narrow = max(self.first.minimumSizeHint().width(), self.second.minimumSizeHint().width())
        return QSize(narrow, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Side by side or one under the other, for the new width."""
        super().resizeEvent(event)
        self._arrange(not self.fits_beside(event.size().width()))

    def event(self, event: QEvent) -> bool:
        """A figure that needs more room (another currency) can change the arrangement at the same width."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._arrange(not self.fits_beside(self.width()))
        return handled

    def _arrange(self, below: bool) -> None:
        if below == self.below:
            return
        self.below = below
        self._grid.removeWidget(self.second)
        if below:
            self._grid.addWidget(self.second, 1, 0)
            self._grid.setColumnStretch(0, 1)
            self._grid.setColumnStretch(1, 0)
        else:
            self._grid.addWidget(self.second, 0, 1)
            self._grid.setColumnStretch(0, 0)  # the first as wide as it asks; the second takes the rest
            self._grid.setColumnStretch(1, 1)
        self.updateGeometry()
        self.rearranged.emit(below)


class VerticalScroll(QScrollArea):
    """A column that scrolls up and down, never sideways: as narrow as its content allows, with room for the scroll
    bar, and as short as the window needs, so a short screen scrolls the column instead of cutting the window off."""

    def __init__(self, content: QWidget, object_name: str, least: QSize | None = None) -> None:
        """`least`: a size the column never asks to be smaller than, even when its content could be."""
        super().__init__()
        self._least = least if least is not None else QSize(0, 0)
        self.setObjectName(object_name)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no extra Tab stop: the column scrolls to the field that takes focus
        self._reported = self._smallest_width()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Scroll the control that took focus into view, however it came (Tab, an Alt letter, a click, the program):
        QScrollArea scrolls only for Tab."""
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The content's smallest width plus the scroll bar's, so the bar never covers it or makes it scroll sideways.

        (A hint, not setMinimumWidth(): layouts and splitters take an explicit minimum over the hint, and the content's
        need, larger with a larger font, would be lost.)
        """
        return QSize(self._smallest_width(), max(self._least.height(), super().minimumSizeHint().height()))

    def _smallest_width(self) -> int:
        content = self.widget()
        width = content.minimumSizeHint().width() if content is not None else 0
        return max(self._least.width(), width + self.verticalScrollBar().sizeHint().width())

    def event(self, event: QEvent) -> bool:
        """The content asking for another width changes this column's smallest width too (and only then is the window
        laid out again: a figure typed in changes no width)."""
        if event.type() == QEvent.Type.LayoutRequest:
            smallest = self._smallest_width()
            if smallest != self._reported:
                self._reported = smallest
                self.updateGeometry()
        return super().event(event)
