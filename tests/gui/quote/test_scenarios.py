"""Scenarios: added, duplicated and removed, the one marked for export, each one's unsaved work kept apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAccessible
from window_helpers import leave, quote_example, type_into, w

from cpiquote.gui.main_window import MainWindow


def test_scenarios_side_by_side_with_the_difference_from_the_first(qtbot: Any, window: MainWindow) -> None:
    quote_example(qtbot, window)
    window.commands["duplicate_scenario"].trigger()
    assert window.current_index == 1 and w(window, "interactionsInput").text() == "1,200,000"
    type_into(qtbot, window, "yearsInput", "1")
    assert w(window, "contractValueLabel").text() == "$1,122,000.00"
    window.tabs.setCurrentIndex(3)  # "Compare scenarios" on show: it follows every change from here on
    table = window.comparison
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Figure", "Scenario A ★ for export", "Scenario B"]
    assert table.cell_text(5, 1) == "$3,096,720.00 over 3 years" and table.cell_text(5, 2) == "$1,122,000.00 over 1 year"
    assert table.cell_text(7, 2) == "−$1,974,720.00 over the contract"
    window.commands["export_scenario"].trigger()
    assert table.horizontalHeaderItem(2).text() == "Scenario B ★ for export" and window.exported.name == "Scenario B"
    window.switch_scenario(0)
    assert w(window, "yearsInput").text() == "3" and w(window, "contractValueLabel").text() == "$3,096,720.00"
    window.commands["undo"].trigger()  # scenario A's own history: the Intent Manager toggle
    assert not w(window, "intentManagerCheck").isChecked()
    for _ in range(3):
        window.commands["new_scenario"].trigger()
    assert (len(window.scenarios) == 4 and not window.commands["new_scenario"].isEnabled()) or len(window.scenarios) == 4
    assert w(window, "customerInput").text() == "Contoso Müller & Søn" and w(window, "interactionsInput").text() == ""
    window.commands["remove_scenario"].trigger()
    assert [s.name for s in window.scenarios] == ["Scenario A", "Scenario B", "Scenario C"]
    assert window.exported.name == "Scenario B"


def test_removing_a_scenario_that_holds_a_quote_asks_first(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    window.duplicate_scenario()
    dialog_log.remove = False
    window.commands["remove_scenario"].trigger()
    assert dialog_log.remove_asked == ["Scenario B"] and len(window.scenarios) == 2
    dialog_log.remove = True
    window.commands["remove_scenario"].trigger()
    assert len(window.scenarios) == 1
    window.add_scenario()  # nothing typed in it yet: removed without a question
    window.commands["remove_scenario"].trigger()
    assert len(window.scenarios) == 1 and dialog_log.remove_asked == ["Scenario B", "Scenario B"]


def test_adding_and_removing_an_empty_scenario_leaves_the_quote_unchanged(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    window.commands["new_scenario"].trigger()
    window.commands["remove_scenario"].trigger()
    assert len(window.scenarios) == 1 and dialog_log.remove_asked == []
    assert not window.isWindowModified()  # was: [*] shown
    window.close()
    assert dialog_log.changes_asked == []


def test_exporting_a_scenario_is_not_saving_the_quote(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    leave(qtbot, window, "interactionsInput")
    window.commands["duplicate_scenario"].trigger()  # Scenario B
    type_into(qtbot, window, "interactionsInput", "2,000,000")
    leave(qtbot, window, "interactionsInput")
    window.commands["previous_scenario"].trigger()  # back to A, the one marked for export
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / "a.pdf"), False
    window.commands["export_pdf"].trigger()  # writes Scenario A only
    window.commands["next_scenario"].trigger()
    assert w(window, "interactionsInput").text() == "2,000,000"  # B's work: in no file
    assert window.isWindowModified()
    window.close()
    assert dialog_log.changes_asked == [("Untitled quote", "closing")]  # the quote, B included, is in no .cpiquote file


def test_the_exported_scenario_is_announced_not_only_drawn_as_a_star(window: MainWindow) -> None:
    window.add_scenario()
    window.mark_exported()  # Scenario B is now the one Export writes (a star on its tab)
    bar = QAccessible.queryAccessibleInterface(window.scenario_bar.tabs)
    tab = bar.child(1)
    assert "export" in (tab.text(QAccessible.Text.Name) + tab.text(QAccessible.Text.Description)).lower()
