"""The scenarios compared: what sets each apart, year 1's figures, and the difference from the first."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from window_helpers import type_into

from cpiquote import services
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote.comparison import terms
from cpiquote.pricing import PriceBook, QuoteRequest


def test_the_comparison_tells_scenarios_apart_and_says_its_figures_are_year_1(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    window.duplicate_scenario()
    window.duplicate_scenario()
    type_into(qtbot, window, "discountInput", "12.5")
    table = window.comparison
    assert [table.cell_text(row, 0) for row in range(1, 4)] == ["Credits in year 1", "Price per credit, year 1", "Subscription, year 1"]
    assert table.cell_text(0, 2) == "3 years · no extras" and table.cell_text(0, 3) == "3 years · 12.5% discount · no extras"
    assert table.cell_text(5, 2) == "no difference" and table.cell_text(5, 3).startswith("−$")


def test_one_scenario_alone_is_not_compared_with_itself(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    table = window.comparison
    assert not any(table.cell_text(row, 0).startswith("Difference") for row in range(table.rowCount()))
    window.duplicate_scenario()
    table = window.comparison
    assert table.cell_text(table.rowCount() - 1, 0) == "Difference from Scenario A"
    assert table.cell_text(table.rowCount() - 1, 2) == "no difference"


def test_a_scenarios_terms_say_what_sets_it_apart(sample_pricebook: PriceBook) -> None:
    """The comparison's header line for a scenario, from its quotation alone (no window needed)."""
    assert terms(services.price(sample_pricebook, QuoteRequest((95_000,), 1))) == "1 year · no extras"
    ramp = QuoteRequest(
        (100_000, 200_000, 300_000), 3, generative_ai=True, intent_manager=True, care_package=True, discount_percent=Decimal("12.5")
    )
    assert terms(services.price(sample_pricebook, ramp)) == "3 years · ramp · 12.5% discount · Generative AI, Intent Manager, Care Package"
