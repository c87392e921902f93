"""File > Export proposal: the person ticks two to four scenarios and gets one PDF that offers them as options."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pdf_helpers import pages_text
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QDialogButtonBox
from window_helpers import quote_example, tick, type_into

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import proposal


@pytest.fixture
def ticked(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[proposal.Choice]]:
    """The chooser answers "the scenarios that can be offered, in order", and keeps what it was shown."""
    shown: list[Sequence[proposal.Choice]] = []

    def ask(_parent: Any, listed: Sequence[proposal.Choice]) -> list[int]:
        shown.append(listed)
        return [i for i, choice in enumerate(listed) if not choice.problem]

    monkeypatch.setattr(proposal, "ask_scenarios", ask)
    return shown


def three_scenarios(qtbot: Any, window: MainWindow) -> None:
    """Scenario A: the three-year example; B: the same for 1 year; C: 3 years with the Care Package."""
    quote_example(qtbot, window)
    window.commands["duplicate_scenario"].trigger()
    type_into(qtbot, window, "yearsInput", "1")
    window.commands["duplicate_scenario"].trigger()
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "carePackageCheck")


def test_three_scenarios_become_one_proposal(
    qtbot: Any, window: MainWindow, dialog_log: Any, ticked: list[Sequence[proposal.Choice]], tmp_path: Path
) -> None:
    three_scenarios(qtbot, window)
    dialog_log.save_path = str(tmp_path / "options")  # no extension typed: .pdf is added
    window.commands["export_proposal"].trigger()
    [listed] = ticked
    assert [choice.label.split(":")[0] for choice in listed] == ["Scenario A", "Scenario B", "Scenario C"]
    assert listed[1].label.endswith(": 1 year, $1,122,000.00")
    pages = pages_text((tmp_path / "options.pdf").read_bytes())
    assert "Your options" in pages[0] and "Option 3" in pages[0]
    assert "3 years, no Care Package 1 year, no Care Package 3 years, Care Package" in pages[0]
    assert dialog_log.errors == [] and "options.pdf" in window.statusBar().currentMessage()
    dialog_log.save_path = str(tmp_path / "options.xlsx")
    window.commands["export_proposal"].trigger()
    assert load_workbook(tmp_path / "options.xlsx").sheetnames[:3] == ["Options", "Option 1", "Option 1 prices"]


def test_one_scenario_is_not_a_proposal(qtbot: Any, window: MainWindow, dialog_log: Any, ticked: list[Any], tmp_path: Path) -> None:
    quote_example(qtbot, window)
    dialog_log.save_path = str(tmp_path / "options.pdf")
    window.commands["export_proposal"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Not enough scenarios for a proposal" and "New scenario" in message
    assert ticked == [] and not (tmp_path / "options.pdf").exists()


def test_a_scenario_that_cannot_be_priced_is_listed_but_not_offered(
    qtbot: Any, window: MainWindow, dialog_log: Any, ticked: list[Sequence[proposal.Choice]], tmp_path: Path
) -> None:
    three_scenarios(qtbot, window)
    type_into(qtbot, window, "interactionsInput", "")
    dialog_log.save_path = str(tmp_path / "options.pdf")
    window.commands["export_proposal"].trigger()
    [listed] = ticked
    assert [bool(choice.problem) for choice in listed] == [False, False, True]
    assert "Option 2" in pages_text((tmp_path / "options.pdf").read_bytes())[0]


def test_the_chooser_allows_two_to_four_ticked_scenarios(qtbot: Any, window: MainWindow) -> None:
    listed = [proposal.Choice(f"Scenario {letter}: 1 year, $1.00", "") for letter in "ABC"] + [proposal.Choice("Scenario D", "no figures")]
    seen: list[tuple[list[bool], list[bool], bool]] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        boxes = dialog.findChildren(QCheckBox)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        seen.append(([b.isChecked() for b in boxes], [b.isEnabled() for b in boxes], ok.isEnabled()))
        boxes[0].setChecked(False)
        boxes[1].setChecked(False)
        seen.append(([b.isChecked() for b in boxes], [b.isEnabled() for b in boxes], ok.isEnabled()))
        boxes[1].setChecked(True)
        ok.click()

    QTimer.singleShot(0, answer)
    assert proposal.ask_scenarios(window, listed) == [1, 2]
    assert seen == [
        ([True, True, True, False], [True, True, True, False], True),
        ([False, False, True, False], [True, True, True, False], False),  # one ticked: not a proposal
    ]
