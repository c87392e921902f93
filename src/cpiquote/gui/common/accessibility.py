"""What a screen reader is told without being asked: the new figures once typing pauses, and the guidance when it changes."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

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
