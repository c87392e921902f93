"""What the form holds becomes a QuoteRequest: one number grammar, the ramp, the estimator, errors on their field.

The rules typed into the window first, then the pure functions that hold them, tested without a window.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from window_helpers import paste_into, tick, type_into

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote.form import FormState, FormValue, MissingInput, build_request, default_state, field_name, locate
from cpiquote.pricing import InputError, PriceBook


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
    assert window.inputs.error_text("interactions").startswith("Interactions per year must be a whole number")
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


def typed(**values: FormValue) -> FormState:
    """An empty form with `values` typed in."""
    state = default_state()
    state.update(values)
    return state


def refusal_of(state: FormState, pricebook: PriceBook) -> InputError:
    """The error that building a request from `state` raises (the test fails when a request is built)."""
    with pytest.raises(InputError) as caught:
        build_request(state, pricebook)
    return caught.value


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("95000", 95_000),
        ("1,200,000", 1_200_000),
        ("1 200 000", 1_200_000),
        ("95\u00a0000", 95_000),
        ("1\u202f200", 1_200),
        (" 250,000 ", 250_000),
    ],
)
def test_whole_numbers_are_read_with_or_without_separators_between_groups_of_three(
    sample_pricebook: PriceBook, text: str, read: int
) -> None:
    assert build_request(typed(interactions=text), sample_pricebook).interactions_per_year == (read,)


@pytest.mark.parametrize("text", ["95,00", "12,5", "1,2000", "1.5", "12x"])
def test_a_whole_number_with_a_misplaced_separator_or_a_fraction_is_refused_naming_the_field(
    sample_pricebook: PriceBook, text: str
) -> None:
    error = refusal_of(typed(interactions=text), sample_pricebook)
    assert error.field == "interactions"
    assert error.reason.startswith("interactions per year must be a whole number of 0 or more")


def test_a_decimal_comma_is_refused_and_a_decimal_point_read(sample_pricebook: PriceBook) -> None:
    error = refusal_of(typed(interactions="95000", services_hours="12,5"), sample_pricebook)
    assert error.field == "services_hours" and "decimals after a point" in error.reason
    request = build_request(typed(interactions="95000", services_hours="1,250.5"), sample_pricebook)
    assert request.services_hours == Decimal("1250.5")


def test_an_empty_form_is_missing_its_interactions_not_wrong(sample_pricebook: PriceBook) -> None:
    error = refusal_of(default_state(), sample_pricebook)
    assert isinstance(error, MissingInput)
    assert (error.field, error.reason) == ("interactions", "enter the interactions per year")


@pytest.mark.parametrize(
    ("years", "reason"),
    [
        ("", "enter the contract years"),
        ("0", "must be from 1 to 5 years (the price book's longest contract)"),
        ("6", "must be from 1 to 5 years (the price book's longest contract)"),
    ],
)
def test_contract_years_are_required_and_limited_to_the_price_book(sample_pricebook: PriceBook, years: str, reason: str) -> None:
    error = refusal_of(typed(interactions="95000", years=years), sample_pricebook)
    assert (error.field, error.reason) == ("years", reason)


def test_a_ramp_prices_one_figure_per_contract_year_from_the_years_fields(sample_pricebook: PriceBook) -> None:
    state = typed(interactions="50000", years="3", ramp=True, ramp_1="100,000", ramp_2="200,000", ramp_3="300,000", ramp_4="9")
    assert build_request(state, sample_pricebook).interactions_per_year == (100_000, 200_000, 300_000)


def test_a_missing_ramp_year_is_asked_for_by_its_year(sample_pricebook: PriceBook) -> None:
    error = refusal_of(typed(years="2", ramp=True, ramp_1="100,000"), sample_pricebook)
    assert isinstance(error, MissingInput)
    assert (error.field, error.reason) == ("ramp_2", "enter the interactions in year 2")


def test_the_estimator_gives_the_interactions_unless_the_ramp_is_on(sample_pricebook: PriceBook) -> None:
    estimator: FormState = {"estimate": True, "conversations": "1,000,000", "multi_day_share": "5", "extra_days": "1.2",
                            "proactive": "100000", "reply_rate": "20"}  # fmt: skip
    request = build_request(typed(**estimator), sample_pricebook)
    # ceil(1,000,000 x (1 + 0.05 x 1.2) + 100,000 x 0.2) = 1,080,000
    assert request.interactions_per_year == (1_080_000,) and request.estimate is not None
    ramp = build_request(typed(**estimator, ramp=True, ramp_1="500"), sample_pricebook)
    assert ramp.interactions_per_year == (500,) and ramp.estimate is None


def test_a_share_above_100_percent_is_refused(sample_pricebook: PriceBook) -> None:
    error = refusal_of(typed(estimate=True, conversations="1000", multi_day_share="150"), sample_pricebook)
    assert (error.field, error.reason) == ("multi_day_share", "share running past midnight must be a percentage from 0 to 100")


def test_an_error_about_the_interactions_is_placed_on_the_ramp_year_it_is_about() -> None:
    error = InputError("interactions", "must be a whole number from 0 to 1,000,000,000,000", year=3)
    assert locate(error, typed(ramp=True)) == ("ramp_3", error.reason)
    assert locate(error, typed()) == ("interactions", error.reason)
    assert locate(InputError("discount", "too high"), typed(ramp=True)) == ("discount", "too high")


def test_fields_are_named_as_the_form_labels_them() -> None:
    keys = ("services_hours", "ramp_4", "multi_day_share", "proactive_reach")
    assert [field_name(key) for key in keys] == ["Services hours", "Interactions in year 4", "Running past midnight", "Proactive reach"]
