"""Focus rings people can see: Fusion with a two-pixel ring in `theme.focus_ring_colour`, on every control.

The style is put in place after the window's first paint (MainWindow.finish_start; gui.app lists why): a Python
QStyle subclass makes PySide build QStyle's large enums, about 13 ms, and the first paint has no ring to draw (focus
starts in a text field, which Fusion outlines by itself).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from cpiquote.gui.common.theme import focus_ring_colour


class FocusRingStyle(QProxyStyle):
    """Fusion with a focus ring people can see: two pixels in `focus_ring_colour` (Fusion's own is a faint tint,
    about 1.5:1), on check boxes, tool buttons, tabs, list items and table cells, however focus came (Fusion shows
    a check box's only after Tab, not after its Alt letter)."""

    def drawPrimitive(  # noqa: N802 - Qt override
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        """The focus ring ourselves; everything else as Fusion draws it."""
        if element != QStyle.PrimitiveElement.PE_FrameFocusRect:
            super().drawPrimitive(element, option, painter, widget)
            return
        self._ring(option.rect, painter, selected=bool(option.state & QStyle.StateFlag.State_Selected))

    def drawControl(  # noqa: N802 - Qt override
        self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        """As Fusion draws it, and a ring around the focused tab (Fusion draws none on tabs)."""
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_TabBarTabLabel and option.state & QStyle.StateFlag.State_HasFocus:
            self._ring(option.rect.adjusted(3, 3, -3, -3), painter)

    @staticmethod
    def _ring(rect: QRect, painter: QPainter, selected: bool = False) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The application's palette: a check box's own has a window colour made for its outline, not the one behind it
        painter.setPen(QPen(focus_ring_colour(QApplication.palette(), selected), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 2, 2)
        painter.restore()


def show_focus_rings() -> None:
    """Draw focus rings with FocusRingStyle from now on, in whichever theme is applied (the ring's colour is taken from
    the application's palette as it is drawn). Setting a style keeps the application's palettes."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle("Fusion"))
