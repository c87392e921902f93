"""What a screen reader is told without being asked: the new figures once typing pauses, and the guidance when it changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QTabBar, QWidget

PAUSE_MS = 700  # typing has paused: long enough between keystrokes, short enough to follow the last one


def announce(widget: QWidget, text: str) -> None:
    """Ask screen readers to say `text` for `widget` politely: after what they are saying, without interrupting it."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class Announcer(QObject):
    """Says the latest of a run of results once the changes pause, not each keystroke's, and only what is new.

    `later(text, guidance)` (re)starts the wait; when it ends, `text` is said unless it was the last thing said, with
    the guidance after it when that changed since it was last said.
    """

    def __init__(self, widget: QWidget, pause_ms: int = PAUSE_MS) -> None:
        super().__init__(widget)
        self._widget = widget
        self._text = self._guidance = ""  # waiting to be said
        self._said_text = self._said_guidance = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self._say)

    def later(self, text: str, guidance: str = "") -> None:
        """Say `text` (and `guidance`, if changed) once no other result follows within the pause."""
        self._text, self._guidance = text, guidance
        self._timer.start()

    def settle(self) -> None:
        """Take what waits as already heard (what a window shows as it opens is read with the window)."""
        self._timer.stop()
        self._said_text, self._said_guidance = self._text, self._guidance

    def _say(self) -> None:
        news = self._guidance != self._said_guidance and self._guidance not in self._text
        if self._text != self._said_text or news:
            announce(self._widget, f"{self._text} Guidance: {self._guidance}" if news and self._guidance else self._text)
        self.settle()


class TabStrip(QAccessibleWidget):
    """A tab bar as a screen reader should hear it: named as the set it is ("Result pages"), not after its current
    tab as Qt names it; its tabs as children, the current one focused only while the bar has the focus (Qt's claim
    it always, so a window had several "focused" objects at once)."""

    def __init__(self, bar: QTabBar) -> None:
        super().__init__(bar, QAccessible.Role.PageTabList)
        self._bar = bar
        self._tabs: dict[int, Tab] = {}

    def text(self, kind: QAccessible.Text) -> str:
        """The bar's accessible name for its name; the rest as for any widget."""
        return self._bar.accessibleName() if kind == QAccessible.Text.Name else super().text(kind)

    def childCount(self) -> int:  # noqa: N802 - Qt override
        """One child a tab."""
        return self._bar.count()

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes null (None) here
        """Tab `index` (made, and registered with Qt, once)."""
        if not 0 <= index < self._bar.count():
            return None
        if index not in self._tabs:
            self._tabs[index] = Tab(self._bar, index)
            QAccessible.registerAccessibleInterface(self._tabs[index])
        return self._tabs[index]

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 - Qt override
        """Which tab `child` is (-1: none of this bar's)."""
        return next((index for index, tab in self._tabs.items() if tab is child), -1)

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802 - Qt override; Qt takes null (None)
        """The current tab while the bar has the focus."""
        return self.child(self._bar.currentIndex()) if self._bar.hasFocus() else None


class Tab(QAccessibleInterface):
    """One tab of a TabStrip: its accessible name (or text), its tooltip as description, focused only as said there."""

    def __init__(self, bar: QTabBar, index: int) -> None:
        super().__init__()
        self._bar, self._index = bar, index

    def isValid(self) -> bool:  # noqa: N802 - Qt override
        """Whether the tab still exists."""
        return self._index < self._bar.count()

    def object(self) -> None:  # type: ignore[override]  # Qt takes null (None) here
        """No QObject of its own."""
        return None

    def role(self) -> QAccessible.Role:
        """A page tab."""
        return QAccessible.Role.PageTab

    def state(self) -> QAccessible.State:
        """Focusable; focused only when current in a focused bar; selected when current."""
        state = QAccessible.State()
        state.focusable = True
        state.selectable = True
        current = self._index == self._bar.currentIndex()
        state.selected = current
        state.focused = current and self._bar.hasFocus()
        state.invisible = not self._bar.isVisible()
        return state

    def rect(self) -> QRect:
        """The tab's place on the screen."""
        local = self._bar.tabRect(self._index)
        return QRect(self._bar.mapToGlobal(local.topLeft()), local.size())

    def text(self, kind: QAccessible.Text) -> str:
        """Its name without the Alt letter's "&", and its tooltip as description."""
        if not self.isValid():
            return ""
        if kind == QAccessible.Text.Name:
            return self._bar.accessibleTabName(self._index) or self._bar.tabText(self._index).replace("&", "")
        return self._bar.tabToolTip(self._index) if kind == QAccessible.Text.Description else ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:  # noqa: N802 - Qt override
        """Names are set by the program, not by assistive tools."""

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]  # Qt takes null (None) here
        """The tab bar."""
        return QAccessible.queryAccessibleInterface(self._bar)

    def child(self, _index: int) -> None:  # type: ignore[override]  # Qt takes null (None) here
        """No children."""
        return None

    def childCount(self) -> int:  # noqa: N802 - Qt override
        """No children."""
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:  # noqa: N802 - Qt override
        """No children."""
        return -1

    def childAt(self, _x: int, _y: int) -> None:  # type: ignore[override]  # noqa: N802 - Qt override; Qt takes null (None)
        """No children."""
        return None


class NamedTabBar(QTabBar):
    """A tab bar that screen readers hear as a TabStrip: by its accessible name, the set it is.

    (A class of its own because Qt asks its own factory first, by class name, and it knows only QTabBar.)
    """


def _tab_strips(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    """Qt's accessibility factory hook: NamedTabBars get a TabStrip; everything else Qt's own interface."""
    if class_name == NamedTabBar.__name__ and isinstance(obj, QTabBar):
        return TabStrip(obj)
    return None


# Installed as the window's modules load (this one with the first window): before any interface is asked for
QAccessible.installFactory(_tab_strips)
