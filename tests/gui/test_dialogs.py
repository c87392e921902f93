"""The dialog helpers: every problem of a price book reaches the person, however many there are."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from cpiquote.gui import dialogs


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    return boxes


def test_a_few_problems_are_listed_in_full(qtbot: Any, shown: list[QMessageBox]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs.show_error(parent, "Price book not opened", "bad.toml cannot be used.", ["a: missing", "b: must be > 0"])
    [box] = shown
    assert box.text() == "bad.toml cannot be used."
    assert box.informativeText() == "• a: missing\n• b: must be > 0"


def test_many_problems_are_all_under_details(qtbot: Any, shown: list[QMessageBox]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    problems = [f"key{i}: missing" for i in range(35)]
    dialogs.show_error(parent, "Price book not opened", "bad.toml cannot be used.", problems)
    [box] = shown
    assert box.informativeText().startswith("35 problems; the first 20:")
    assert box.detailedText().splitlines() == [f"• {problem}" for problem in problems]


def test_nobody_can_answer_a_dialog_offscreen_so_closing_discards(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert dialogs.ask_discard_changes(parent) is True
