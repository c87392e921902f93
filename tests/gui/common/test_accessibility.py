"""Announcements to screen readers: posted politely, once the changes pause, and only what is new."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel

from cpiquote.gui.common import accessibility
from cpiquote.gui.common.accessibility import Announcer


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What screen readers are asked to say, in order."""
    said: list[str] = []
    monkeypatch.setattr(accessibility, "announce", lambda _widget, text: said.append(text))
    return said


def test_an_announcement_is_posted_politely(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    label = QLabel("Contract value")
    qtbot.addWidget(label)
    posted: list[tuple[str, QAccessible.AnnouncementPoliteness]] = []
    real_update = QAccessible.updateAccessibility

    def record(event: Any) -> None:
        assert isinstance(event, QAccessibleAnnouncementEvent)
        posted.append((event.message(), event.politeness()))
        real_update(event)  # and through to Qt, which must take it without error

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    accessibility.announce(label, "Contract value $1,000.00")
    assert posted == [("Contract value $1,000.00", QAccessible.AnnouncementPoliteness.Polite)]


def test_only_the_last_of_quick_changes_is_said_once_they_pause(qtbot: Any, heard: list[str]) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    announcer = Announcer(label, pause_ms=50)
    for figure in ("$1.00", "$12.00", "$123.00"):
        announcer.later(f"Contract value {figure}.")
    assert heard == [], "nothing while typing goes on"
    qtbot.waitUntil(lambda: heard == ["Contract value $123.00."])
    announcer.later("Contract value $123.00.")
    qtbot.wait(120)
    assert heard == ["Contract value $123.00."], "the same figures are not said again"


def test_the_guidance_is_said_after_the_figures_when_it_changes(qtbot: Any, heard: list[str]) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    announcer = Announcer(label, pause_ms=10)
    announcer.later("Contract value $1.00.", "No warnings.")
    qtbot.waitUntil(lambda: len(heard) == 1)
    announcer.later("Contract value $2.00.", "No warnings.")
    qtbot.waitUntil(lambda: len(heard) == 2)
    announcer.later("Contract value $2.00.", "A price break is advised.")
    qtbot.waitUntil(lambda: len(heard) == 3)
    assert heard == [
        "Contract value $1.00. Guidance: No warnings.",
        "Contract value $2.00.",
        "Contract value $2.00. Guidance: A price break is advised.",
    ]


def test_what_shows_as_a_window_opens_is_not_announced(qtbot: Any, heard: list[str]) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    announcer = Announcer(label, pause_ms=10)
    announcer.later("Enter the interactions per year.")
    announcer.settle()
    announcer.later("Enter the interactions per year.")
    qtbot.wait(60)
    assert heard == []
