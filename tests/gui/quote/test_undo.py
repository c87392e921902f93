"""Undo and redo: one step per field typed in, named as the form names the field, the same figures either way."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from window_helpers import leave, tick, type_into, w

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote.undo import EditCommand, describe


def _closure(function: Any) -> list[object]:
    """What a function closes over (an undo step's setter holds its window)."""
    return [cell.cell_contents for cell in function.__closure__ or ()]


def shown(window: MainWindow) -> tuple[Any, ...]:
    """The headline figures and the banner, as a person sees them."""
    names = ("annualSubscriptionLabel", "contractValueLabel", "pricePerCreditLabel", "annualCreditsLabel")
    banner = w(window, "staleBanner")
    return (*(w(window, n).text() for n in names), banner.text() if banner.isVisible() else None)


def test_undo_and_redo_step_through_fields_with_typing_coalesced(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    leave(qtbot, window, "interactionsInput")
    type_into(qtbot, window, "discountInput", "5")
    assert w(window, "annualSubscriptionLabel").text() == "$85,737.50"
    window.commands["undo"].trigger()
    assert w(window, "discountInput").text() == ""
    assert w(window, "annualSubscriptionLabel").text() == "$90,250.00"
    window.commands["undo"].trigger()  # every keystroke of "95000", and its grouping on leaving, was one step
    assert w(window, "interactionsInput").text() == ""
    assert window.quotation is None
    window.commands["redo"].trigger()
    assert w(window, "interactionsInput").text() == "95,000"
    assert w(window, "annualSubscriptionLabel").text() == "$90,250.00"


def test_undo_names_fields_as_the_form_does(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    assert window.commands["undo"].text() == "&Undo change to contract years"
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp2Input", "5")
    assert window.commands["undo"].text() == "&Undo change to interactions in year 2"


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
    live = sum(isinstance(o, EditCommand) and window in _closure(o.setter) for o in gc.get_objects())
    steps = sum(s.stack.count() for s in window.scenarios)
    # PySide keeps the Python side of every command pushed: one per keystroke grew memory as long as the app ran
    assert live <= steps + 5, f"{live} EditCommand objects alive for {steps} undo steps"
    window.commands["undo"].trigger()
    assert w(window, "interactionsInput").text() == "95,000"


def test_an_undo_step_is_named_as_the_form_names_its_field() -> None:
    """The Edit menu's text for a step, from the field and its new value alone (no window needed)."""
    assert describe("interactions", "95000") == "change to interactions per year"
    assert describe("ramp_2", "5") == "change to interactions in year 2"
    assert (describe("care_package", True), describe("genai", False)) == ("Care Package on", "Generative AI off")
