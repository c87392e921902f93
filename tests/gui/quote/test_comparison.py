"""The scenarios compared: what sets each apart, their figures a year and for the contract, and the differences from the first."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from window_helpers import type_into

from cpiquote import services
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote.comparison import comparison_column, terms
from cpiquote.pricing import PriceBook, QuoteRequest


def test_the_comparison_tells_scenarios_apart_a_year_and_over_the_contract(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    window.duplicate_scenario()
    window.duplicate_scenario()
    type_into(qtbot, window, "discountInput", "12.5")
    table = window.comparison
    assert [table.cell_text(row, 0) for row in range(1, 8)] == [
        "Credits a year",
        "Price per credit",
        "Annual fee (subscription and Care Package)",
        "Contract value a year, on average",
        "Contract value",
        "Difference a year from Scenario A",
        "Difference in contract value from Scenario A",
    ]
    assert table.cell_text(0, 2) == "3 years · no extras" and table.cell_text(0, 3) == "3 years · 12.5% discount · no extras"
    assert table.cell_text(5, 1) == "$1,821,600.00 over 3 years"
    assert table.cell_text(6, 2) == table.cell_text(7, 2) == "no difference"
    assert table.cell_text(6, 3).startswith("−$") and table.cell_text(6, 3).endswith(" a year")


def test_one_scenario_alone_is_not_compared_with_itself(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    table = window.comparison
    assert not any(table.cell_text(row, 0).startswith("Difference") for row in range(table.rowCount()))
    window.duplicate_scenario()
    table = window.comparison
    assert table.cell_text(table.rowCount() - 1, 0) == "Difference in contract value from Scenario A"
    assert table.cell_text(table.rowCount() - 1, 2) == "no difference"


def test_a_scenarios_terms_say_what_sets_it_apart(sample_pricebook: PriceBook) -> None:
    """The comparison's header line for a scenario, from its quotation alone (no window needed)."""
    assert terms(services.price(sample_pricebook, QuoteRequest((95_000,), 1))) == "1 year · no extras"
    ramp = QuoteRequest(
        (100_000, 200_000, 300_000), 3, generative_ai=True, intent_manager=True, care_package=True, discount_percent=Decimal("12.5")
    )
    assert terms(services.price(sample_pricebook, ramp)) == "3 years · ramp · 12.5% discount · Generative AI, Intent Manager, Care Package"


def test_a_5_year_scenario_is_set_against_a_3_year_one_a_year_as_well_as_in_all(sample_pricebook: PriceBook) -> None:
    """Worked example 9 over 3 years, then over 5: cheaper a year, dearer in all, and each length said."""
    request = QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40))
    three = services.price(sample_pricebook, request)
    five = services.price(sample_pricebook, replace(request, years=5))
    assert comparison_column(three, three, "") == [
        "3 years · Generative AI, Intent Manager, Care Package",
        "2,040,000",
        "$0.5060",
        "$1,135,464.00",
        "$1,138,130.67",
        "$3,414,392.00 over 3 years",
        "—",
        "—",
    ]
    assert comparison_column(five, three, "")[1:] == [
        "2,040,000",
        "$0.4840",
        "$1,086,096.00",
        "$1,087,696.00",
        "$5,438,480.00 over 5 years",
        "−$50,434.67 a year",
        "+$2,024,088.00 over the contract",
    ]


def test_a_ramps_yearly_figures_show_as_ranges(sample_pricebook: PriceBook) -> None:
    ramp = services.price(sample_pricebook, QuoteRequest((100_000, 400_000, 1_200_000), 3, generative_ai=True, care_package=True))
    column = comparison_column(ramp, None, "")
    assert column[1:6] == [
        "150,000 to 1,800,000",
        "$0.5060 to $0.7820",
        "$129,030.00 to $1,001,880.00",
        "$508,530.00",
        "$1,525,590.00 over 3 years",
    ]


def test_an_unpriced_scenario_says_why_in_every_row(sample_pricebook: PriceBook) -> None:
    first = services.price(sample_pricebook, QuoteRequest((95_000,), 1))
    column = comparison_column(None, first, "Interactions: must be a whole number")
    assert column[0] == "not priced: Interactions: must be a whole number" and set(column[1:]) == {"—"}
    assert len(column) == len(comparison_column(first, first, ""))
    assert comparison_column(first, first, "")[5] == "$90,250.00 over 1 year"
