"""Long sessions with scenarios, undo and exports: faults found in a review, each kept from coming back."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from window_helpers import tick, type_into, w

from cpiquote.gui.common import dialogs
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.gui.quote.undo import EditCommand


def leave(qtbot: Any, window: MainWindow, name: str) -> None:
    qtbot.keyClick(w(window, name), Qt.Key.Key_Tab)


def test_exporting_one_scenario_does_not_mark_other_scenarios_edits_as_saved(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
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
    assert dialog_log.discard_asked == 1  # B would be lost


def test_undo_back_to_the_start_shows_the_start_screen_not_the_undone_figures(qtbot: Any, window: MainWindow) -> None:
    start = (w(window, "contractValueLabel").text(), w(window, "staleBanner").text(), window.guidance.texts())
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    leave(qtbot, window, "interactionsInput")
    window.commands["undo"].trigger()
    assert w(window, "interactionsInput").text() == ""
    # was: "$660,000.00" greyed, under "Not up to date. ... The greyed figures are for the last complete input."
    assert (w(window, "contractValueLabel").text(), w(window, "staleBanner").text(), window.guidance.texts()) == start


def test_undo_redo_of_an_unpriceable_step_shows_the_same_greyed_figures_both_ways(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "500")
    leave(qtbot, window, "interactionsInput")
    tick(qtbot, window, "estimateCheck")  # no conversations yet: greyed figures of 500
    shown = w(window, "requiredCreditsLabel").text()
    type_into(qtbot, window, "conversationsInput", "1000")
    leave(qtbot, window, "conversationsInput")
    window.commands["undo"].trigger()  # back to the step above
    assert w(window, "requiredCreditsLabel").text() == shown  # was: 1,000 (the undone step's) instead of 500


def test_a_long_customer_name_gives_a_suggested_file_name_that_can_be_written(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    type_into(qtbot, window, "customerInput", "Contoso Worldwide Holdings " * 10)  # 260 characters
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _c, path, _f: str(tmp_path / Path(path).name))  # accept suggestion
    dialog_log.open_exported = False
    window.commands["export_pdf"].trigger()
    assert dialog_log.errors == []  # was: "...cannot be written (File name too long); choose
    #                                                          another folder or free some space"


def test_a_valid_file_name_of_244_characters_can_be_written(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / ("Q" * 240 + ".pdf")), False  # 244 < 255: a legal name
    window.commands["export_pdf"].trigger()
    assert dialog_log.errors == []  # was: the ".<name>.<random>.part" temp file is > 255


def test_a_customer_name_starting_with_a_dot_does_not_give_a_hidden_file(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "customerInput", ".NET Solutions")
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    assert window.quotation is not None
    assert not workflows.suggested_name(window.quotation, ".pdf").startswith(".")  # was: ".NET Solutions - CPI quote ….pdf"


def test_adding_and_removing_an_empty_scenario_leaves_the_quote_unchanged(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    window.commands["new_scenario"].trigger()
    window.commands["remove_scenario"].trigger()
    assert len(window.scenarios) == 1 and dialog_log.remove_asked == []
    assert not window.isWindowModified()  # was: [*] shown
    window.close()
    assert dialog_log.discard_asked == 0  # was: "This quote has changes that are not exported"


def test_a_failed_export_does_not_remember_a_folder_that_does_not_exist(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    dialog_log.save_path = str(tmp_path / "a.pdf")
    dialog_log.open_exported = False
    window.commands["export_pdf"].trigger()
    dialog_log.save_path = str(tmp_path / "gone" / "a.pdf")
    window.commands["export_pdf"].trigger()
    assert dialog_log.errors and "does not exist" in dialog_log.errors[0][1]
    assert window.settings.value("export/folder", "", type=str) == str(tmp_path)  # was: ".../gone" remembered


def test_re_exporting_over_a_read_only_file_does_not_silently_replace_it(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    sent = tmp_path / "sent to customer.pdf"
    sent.write_bytes(b"%PDF- the version the customer signed")
    sent.chmod(0o444)
    dialog_log.save_path, dialog_log.open_exported = str(sent), False
    window.commands["export_pdf"].trigger()
    # was: replaced by a rename, the read-only bit copied onto the new file
    assert sent.read_bytes() == b"%PDF- the version the customer signed"
    [(title, text, _)] = dialog_log.errors
    assert title == "Export failed" and "the file is read-only" in text


def test_a_file_name_too_long_for_any_file_system_is_explained(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / ("x" * 300 + ".pdf")), False
    window.commands["export_pdf"].trigger()  # was: an OSError out of a Qt slot, and nothing on screen
    [(title, text, _)] = dialog_log.errors
    assert title == "Export failed" and "the file name is too long; choose a shorter name" in text


def test_opening_the_exported_file_says_so_when_it_cannot(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    monkeypatch.setattr(dialogs, "open_url", lambda _url: False)  # no application for PDF files
    dialog_log.save_path = str(tmp_path / "q.pdf")
    window.commands["export_pdf"].trigger()  # person answered "Open it now?" with Yes
    assert (tmp_path / "q.pdf").exists()
    assert dialog_log.errors  # was: nothing happens, nothing said


# --- found by a model-based soak test of long sessions ------------------------------------------------------------


def shown(window: MainWindow) -> tuple[Any, ...]:
    """The headline figures and the banner, as a person sees them."""
    names = ("annualSubscriptionLabel", "contractValueLabel", "pricePerCreditLabel", "annualCreditsLabel")
    banner = w(window, "staleBanner")
    return (*(w(window, n).text() for n in names), banner.text() if banner.isVisible() else None)


@pytest.mark.parametrize(
    ("field", "typed", "greyed"),
    [
        ("discountInput", "34", "$47,500.00"),  # above the 30% maximum; its "3" on the way is not a complete input
        ("servicesHoursInput", "1,200,000", "$47,500.00"),  # above the hours limit; not the "1,200" on the way
    ],
)
def test_the_greyed_figures_are_those_before_the_input_that_broke_the_quote_and_survive_undo_redo(
    qtbot: Any, window: MainWindow, field: str, typed: str, greyed: str
) -> None:
    type_into(qtbot, window, "interactionsInput", "10")
    leave(qtbot, window, "interactionsInput")
    type_into(qtbot, window, field, typed)
    before = shown(window)
    assert before[1] == greyed and before[4] is not None and before[4].startswith("Not up to date")
    window.commands["undo"].trigger()
    window.commands["redo"].trigger()
    assert shown(window) == before


def test_typing_keeps_one_undo_command_per_step_not_one_per_keystroke(qtbot: Any, window: MainWindow) -> None:
    for i in range(40):
        type_into(qtbot, window, "interactionsInput", "1,200,000" if i % 2 else "95,000")
        leave(qtbot, window, "interactionsInput")
    gc.collect()
    live = sum(isinstance(o, EditCommand) and o.panel is window.inputs for o in gc.get_objects())
    steps = sum(s.stack.count() for s in window.scenarios)
    # PySide keeps the Python side of every command pushed: one per keystroke grew memory as long as the app ran
    assert live <= steps + 5, f"{live} EditCommand objects alive for {steps} undo steps"
    window.commands["undo"].trigger()
    assert w(window, "interactionsInput").text() == "95,000"
