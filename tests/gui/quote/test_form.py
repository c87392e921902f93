"""The form reads what is typed with the one grammar of `cpiquote.quote` and says what is wrong on its field.

How values become a QuoteRequest is tested in tests/quote/test_inputs.py; here, what the window makes of it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from window_helpers import paste_into, tick, type_into, w

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote.form import field_name, locate, problem_sentence
from cpiquote.pricing import InputError
from cpiquote.quote.inputs import Value, default_values
from cpiquote.quote.numbers import GROUPING


def test_figures_pasted_with_no_break_space_separators_are_read(qtbot: Any, window: MainWindow) -> None:
    assert paste_into(qtbot, window, "interactionsInput", "95\u00a0000") == "95\u00a0000"
    assert paste_into(qtbot, window, "smsInput", "1\u202f200") == "1\u202f200"
    assert window.quotation is not None
    assert window.quotation.request.interactions_per_year == (95_000,) and window.quotation.request.sms_per_month == 1_200


def test_a_decimal_comma_is_refused_not_read_as_thousands(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    type_into(qtbot, window, "servicesHoursInput", "12,5")
    assert window.quotation is None, "12,5 hours must not become 125"
    assert "decimals after a point" in window.inputs.error_text("services_hours")
    type_into(qtbot, window, "interactionsInput", "95,00")
    assert window.inputs.error_text("interactions").startswith("Must be a whole number without decimals")
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "servicesHoursInput", "1,250.5")
    assert window.quotation is not None and window.quotation.request.services_hours == Decimal("1250.5")


def test_a_ramp_year_out_of_range_is_named_and_marked_on_that_year(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "interactionsInput", "100000")
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp3Input", "9999999999999")
    assert window.inputs.error_text("ramp_3") == "Must be a whole number from 0 to 1,000,000,000,000"
    assert window.inputs.error_text("ramp_1") == ""
    assert window.guidance.texts() == ["Interactions in year 3: must be a whole number from 0 to 1,000,000,000,000."]


def test_an_estimate_too_large_to_price_is_marked_on_the_conversations(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "conversationsInput", "999,999,999,999")
    type_into(qtbot, window, "multiDayShareInput", "100")
    type_into(qtbot, window, "extraDaysInput", "5")
    assert window.quotation is None
    assert window.inputs.error_text("conversations").startswith("The estimated interactions per year must be a whole number")
    assert window.inputs.error_text("interactions") == ""


def test_the_window_and_the_command_line_refuse_a_figure_in_the_same_words(qtbot: Any, window: MainWindow, capsys: Any) -> None:
    from cpiquote import cli

    type_into(qtbot, window, "interactionsInput", "95000")
    type_into(qtbot, window, "servicesHoursInput", "12,5")
    assert cli.main(["quote", "--interactions", "95000", "--services-hours", "12,5"]) == 2
    said = capsys.readouterr().err.strip()
    reason = "must be written with decimals after a point, as in 12.5: " + GROUPING
    assert window.inputs.error_text("services_hours") == reason[:1].upper() + reason[1:]
    assert said == f"cpiquote: --services-hours: {reason}"


def typed(**values: Value) -> dict[str, Value]:
    """An empty form with `values` typed in."""
    return {**default_values(), **values}


def test_an_error_about_the_interactions_is_placed_on_the_ramp_year_it_is_about() -> None:
    error = InputError("interactions", "must be a whole number from 0 to 1,000,000,000,000", year=3)
    assert locate(error, typed(ramp=True)) == ("ramp_3", error.reason)
    assert locate(error, typed()) == ("interactions", error.reason)
    assert locate(InputError("credits", "too many", year=2), typed(ramp=True)) == ("ramp_credits_2", "too many")
    assert locate(InputError("discount", "too high"), typed(ramp=True)) == ("discount", "too high")


def test_fields_are_named_as_the_form_labels_them() -> None:
    keys = ("services_hours", "ramp_4", "multi_day_share", "proactive_reach")
    assert [field_name(key) for key in keys] == ["Services hours", "Interactions in year 4", "Running past midnight", "Proactive reach"]


@pytest.mark.parametrize(
    ("field", "reason", "missing", "sentence"),
    [
        ("years", "enter the contract years", True, "Enter the contract years."),
        ("discount", "must be a percentage from 0 to 100, such as 5 or 12.5", False,
         "Discount: must be a percentage from 0 to 100, such as 5 or 12.5."),
        ("conversations", "conversations per year must be fewer", False, "Conversations per year must be fewer."),
    ],
)  # fmt: skip
def test_a_problem_is_one_sentence_that_names_its_field_once(field: str, reason: str, missing: bool, sentence: str) -> None:
    assert problem_sentence(field, reason, missing) == sentence


def test_the_window_and_the_command_line_read_and_refuse_shorthand_alike(qtbot: Any, window: MainWindow, capsys: Any) -> None:
    from cpiquote import cli

    type_into(qtbot, window, "interactionsInput", "1.2345k")
    assert cli.main(["quote", "--interactions", "1.2345k"]) == 2
    reason = "must be a whole number: 1.2345k is 1,234.5; write 1,234 or 1,235"
    assert capsys.readouterr().err.strip() == f"cpiquote: --interactions: {reason}"
    assert window.inputs.error_text("interactions") == reason[:1].upper() + reason[1:]
    field = w(window, "interactionsInput")
    field.selectAll()
    field.insert("1\u202f200k")  # a French grouping, typed as a person there types it (keyClicks cannot: not ASCII)
    assert window.quotation is not None and window.quotation.years[0].interactions == 1_200_000


@pytest.mark.parametrize(
    ("name", "key", "text", "said"),
    [
        ("customerInput", "customer", "C" * 201, "Is 201 characters long; the longest a quote can show is 200"),
        ("contactInput", "contact", "a\uffffb", "Has the character U+FFFF at character 2, which no document can hold"),
        ("customerInput", "customer", "x\x1b]0;PWNED\x07", "Has the control character U+001B at character 2"),
    ],
)
def test_text_no_document_can_show_is_named_beside_its_field(
    qtbot: Any, window: MainWindow, name: str, key: str, text: str, said: str
) -> None:
    """Where the person is looking, in the same words as the command line; the quote waits until it is fixed."""
    type_into(qtbot, window, "interactionsInput", "95000")
    w(window, name).setText(text)  # pasted, or typed through an input method
    assert window.quotation is None and window.inputs.error_text(key).startswith(said)
    w(window, name).setText("Contoso")
    assert window.quotation is not None and window.inputs.error_text(key) == ""
