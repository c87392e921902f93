"""The main window prices what is typed at once: the worked examples of pricing-rules.md section 3 and the guidance."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from window_helpers import tick, type_into, w

from cpiquote.gui.main_window import MainWindow

NAMED_INPUTS = (
    "customerInput",
    "interactionsInput",
    "yearsInput",
    "genaiCheck",
    "intentManagerCheck",
    "performanceOptimizerCheck",
    "discountInput",
    "carePackageCheck",
    "servicesHoursInput",
)
NAMED_RESULTS = (
    "creditsPerInteractionLabel",
    "annualCreditsLabel",
    "pricePerCreditLabel",
    "annualSubscriptionLabel",
    "contractValueLabel",
    "overagePriceLabel",
    "warningsList",
    "applyPriceBreakButton",
)


def text(window: MainWindow, name: str) -> str:
    return str(w(window, name).text())


def guidance(window: MainWindow) -> list[str]:
    warnings = w(window, "warningsList")
    return [warnings.item(row).text() for row in range(warnings.count())]


def test_every_named_widget_is_there_with_an_accessible_name(window: MainWindow) -> None:
    for name in NAMED_INPUTS + NAMED_RESULTS:
        assert w(window, name).accessibleName(), name
    assert window.windowTitle().startswith("CPI Quote")


def test_an_empty_form_asks_for_the_interactions_without_a_price(window: MainWindow) -> None:
    assert window.quotation is None
    assert text(window, "annualSubscriptionLabel") == "—"
    assert guidance(window) == ["Enter the interactions per year."]
    assert not w(window, "applyPriceBreakButton").isEnabled()


def test_typing_the_three_year_example_shows_the_engines_figures(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "genaiCheck")
    tick(qtbot, window, "intentManagerCheck")
    assert text(window, "creditsPerInteractionLabel") == "1.7"
    assert text(window, "annualCreditsLabel") == "2,040,000"
    assert text(window, "pricePerCreditLabel") == "$0.5060"
    assert text(window, "annualSubscriptionLabel") == "$1,032,240.00"
    assert text(window, "contractValueLabel") == "$3,096,720.00"
    assert text(window, "overagePriceLabel") == "$0.6578"
    assert not w(window, "applyPriceBreakButton").isEnabled()
    assert window.year_table.rowCount() == 3
    assert window.year_table.cell_text(2, 5) == "$1,032,240.00"


def test_all_three_features_on_a_small_volume(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "58000")
    for name in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck"):
        tick(qtbot, window, name)
    assert text(window, "creditsPerInteractionLabel") == "1.75"
    assert text(window, "requiredCreditsLabel") == "101,500"
    assert text(window, "annualCreditsLabel") == "102,000"
    assert text(window, "pricePerCreditLabel") == "$0.8500"
    assert text(window, "annualSubscriptionLabel") == "$86,700.00"


def test_a_small_order_is_raised_to_the_minimum_with_a_visible_note(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "30000")
    assert text(window, "annualCreditsLabel") == "50,000"
    assert text(window, "annualSubscriptionLabel") == "$47,500.00"
    note = w(window, "minimumNoteLabel")
    assert note.isVisible() and "minimum" in note.text() and "30,000" in note.text()
    assert any("raised to the minimum order of 50,000" in line for line in guidance(window))


def test_care_package_and_services_make_the_invoice_schedule(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "yearsInput", "3")
    for name in ("genaiCheck", "intentManagerCheck", "carePackageCheck"):
        tick(qtbot, window, name)
    type_into(qtbot, window, "servicesHoursInput", "40")
    assert text(window, "contractValueLabel") == "$3,414,392.00"
    assert text(window, "carePackageLabel") == "$103,224.00"
    assert text(window, "servicesLabel") == "$8,000.00"
    amounts = [window.invoice_table.cell_text(row, 5) for row in range(4)]
    assert amounts == ["$1,143,464.00", "$1,135,464.00", "$1,135,464.00", "$3,414,392.00"]


def test_pass_through_estimate_is_shown_apart_from_the_contract_value(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "smsInput", "10,000")
    type_into(qtbot, window, "whatsappInput", "2000")
    # (10,000 x 0.0083 + 2,000 x 0.025) x 1.15 = 152.95 a month
    assert text(window, "passThroughLabel") == "$152.95 a month"
    assert window.pass_through_table.cell_text(4, 1) == "$1,835.40"
    assert text(window, "contractValueLabel") == "$85,000.00"


def test_a_discount_above_the_approval_threshold_is_flagged(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "discountInput", "15")
    assert any("needs approval" in line for line in guidance(window))
    assert text(window, "discountLabel") == "15% (approval)"
    assert w(window, "discountLabel").toolTip() == "Needs approval: discounts above 10% do"
    discount = w(window, "discountLabel")
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: discount.width() >= discount.sizeHint().width())  # all of it on show in the default window
    assert window.quotation is not None and window.quotation.approval_required


def test_a_discount_above_the_maximum_is_refused_beside_the_field_and_in_the_guidance(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "discountInput", "35")  # the "3" on the way priced, but it was never a complete input
    reason = "35% is above the maximum discretionary discount of 30%; lower it or ask sales operations"
    assert window.quotation is None
    assert guidance(window) == [f"Discount: {reason}."]
    assert window.inputs.error_text("discount") == reason[0].upper() + reason[1:]
    assert w(window, "discountError").isVisible()
    banner = w(window, "staleBanner")
    assert banner.isVisible() and "Not up to date" in banner.text()
    # greyed: the figures from before the discount was typed, 1,200,000 x $0.5500
    assert text(window, "annualSubscriptionLabel") == "$660,000.00" and not w(window, "annualSubscriptionLabel").isEnabled()
    type_into(qtbot, window, "discountInput", "30")
    assert window.quotation is not None and not banner.isVisible() and not w(window, "discountError").isVisible()


def test_the_price_break_is_advised_and_applied_as_one_undo_step(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    assert text(window, "annualSubscriptionLabel") == "$90,250.00"
    assert "Order 100,000 credits: $85,000.00 a year instead of $90,250.00; you save $5,250.00." in guidance(window)
    button = w(window, "applyPriceBreakButton")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert text(window, "interactionsInput") == "100,000"
    assert text(window, "annualCreditsLabel") == "100,000"
    assert text(window, "annualSubscriptionLabel") == "$85,000.00"
    assert not button.isEnabled()
    window.commands["undo"].trigger()
    assert text(window, "interactionsInput") == "95000"
    assert text(window, "annualSubscriptionLabel") == "$90,250.00"


def test_applying_a_price_break_with_features_orders_exactly_the_advised_credits(qtbot: Any, window: MainWindow) -> None:
    for name in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck"):
        tick(qtbot, window, name)
    type_into(qtbot, window, "interactionsInput", "135000")  # 236,250 credits at 0.85 = 200,812.50; 250,000 at 0.75 is less
    assert window.quotation is not None and window.quotation.first_year.price_break is not None
    advised = window.quotation.first_year.price_break.annual_credits
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    assert window.quotation.first_year.annual_credits == advised == 250_000
    assert text(window, "interactionsInput") == "142,857"


@pytest.mark.parametrize(
    ("name", "typed", "kept"),
    [
        ("interactionsInput", "12a3", "123"),
        ("interactionsInput", "-5", "5"),
        ("interactionsInput", "1.5", "15"),
        ("interactionsInput", "abc", ""),
        ("discountInput", "-12.5x", "12.5"),
        ("servicesHoursInput", "4e1", "41"),
    ],
)
def test_numbers_refuse_letters_negatives_and_fractions_as_typed(qtbot: Any, window: MainWindow, name: str, typed: str, kept: str) -> None:
    type_into(qtbot, window, name, typed)
    assert text(window, name) == kept


def test_a_refused_keystroke_is_explained_beside_the_field_until_the_next_edit(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "12x")
    assert window.inputs.error_text("interactions") == "Whole numbers only, such as 120,000 (no letters, minus signs or decimals)"
    type_into(qtbot, window, "yearsInput", "9")
    assert window.inputs.error_text("years") == "The longest contract is 5 years"
    type_into(qtbot, window, "discountInput", "-")
    assert window.inputs.error_text("discount").startswith("A percentage from 0 to 100")
    type_into(qtbot, window, "discountInput", "5")
    assert window.inputs.error_text("discount") == ""
    type_into(qtbot, window, "yearsInput", "1")
    assert window.inputs.error_text("years") == ""
    assert text(window, "annualSubscriptionLabel") == "$45,125.00"  # 12 interactions: the 50,000 minimum at 0.95 less 5%


def test_years_are_limited_to_the_price_book(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "7")
    assert text(window, "yearsInput") == ""
    type_into(qtbot, window, "yearsInput", "5")
    assert text(window, "yearsInput") == "5"
    type_into(qtbot, window, "yearsInput", "0")
    type_into(qtbot, window, "interactionsInput", "1000")
    assert window.quotation is None
    assert "from 1 to 5 years" in window.inputs.error_text("years")


def test_an_estimate_from_conversations_fills_the_interactions_and_is_kept(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "conversationsInput", "1,000,000")
    type_into(qtbot, window, "multiDayShareInput", "5")
    type_into(qtbot, window, "extraDaysInput", "1.2")
    type_into(qtbot, window, "proactiveInput", "100000")
    type_into(qtbot, window, "replyRateInput", "20")
    # ceil(1,000,000 x (1 + 0.05 x 1.2) + 100,000 x 0.2) = 1,080,000
    assert text(window, "interactionsInput") == "1,080,000"
    assert w(window, "interactionsInput").isReadOnly()
    assert window.quotation is not None and window.quotation.request.estimate is not None
    assert window.quotation.first_year.interactions == 1_080_000
    tick(qtbot, window, "estimateCheck")
    assert window.quotation is not None and window.quotation.request.estimate is None


def test_a_ramp_prices_each_year_on_its_own_volume(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "800000")
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    assert [text(window, f"ramp{y}Input") for y in (1, 2, 3)] == ["800000"] * 3
    type_into(qtbot, window, "ramp2Input", "1,000,000")
    type_into(qtbot, window, "ramp3Input", "1200000")
    quotation = window.quotation
    assert quotation is not None and quotation.request.interactions_per_year == (800_000, 1_000_000, 1_200_000)
    assert [window.year_table.cell_text(row, 1) for row in range(3)] == ["800,000", "1,000,000", "1,200,000"]
    assert text(window, "annualCreditsLabel") == "800,000"
    window.commands["undo"].trigger()
    window.commands["undo"].trigger()
    window.commands["undo"].trigger()  # the toggle and its pre-filled years were one step
    assert not w(window, "rampCheck").isChecked() and text(window, "ramp1Input") == ""
