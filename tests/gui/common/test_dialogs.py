"""The dialog helpers: every problem of a price book reaches the person, however many there are."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QWidget

from cpiquote.gui.common import dialogs


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
    assert dialogs.ask_save_changes(parent, "Contoso.cpiquote", "closing") == dialogs.DISCARD


def test_a_file_opened_from_the_frozen_linux_app_gets_the_systems_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    seen: list[str | None] = []
    monkeypatch.setattr(dialogs.sys, "frozen", True, raising=False)
    monkeypatch.setattr(dialogs.sys, "platform", "linux")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/cpiquote/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: seen.append(dialogs.os.environ.get("LD_LIBRARY_PATH")) or True)
    assert dialogs.open_url(QUrl.fromLocalFile("/tmp/quote.pdf"))
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert dialogs.open_url(QUrl.fromLocalFile("/tmp/quote.pdf"))
    assert seen == ["/usr/local/lib", None], "the viewer starts with the system's library path"
    assert dialogs.os.environ["LD_LIBRARY_PATH"] == "/opt/cpiquote/_internal", "and the app keeps its own"
