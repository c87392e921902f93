"""The figures panel: headline cards and details that show every digit, notes and the approval mark.

Also the currency's amounts, what a screen reader hears, and a one-line banner over greyed figures.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from window_helpers import (
    SMALL_LAPTOP,
    a_full_quote,
    edited_pricebook,
    guidance,
    guidance_left,
    priced_three_years,
    settle,
    spoken,
    text,
    tick,
    type_into,
    w,
)

from cpiquote import formatting
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.gui.quote.results import credits_note
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote
from cpiquote.pricing.limits import MAX_FIGURE, MAX_SERVICES_HOURS
from cpiquote.resources import sample_pricebook_path


def test_a_large_deal_shows_every_digit_and_cent_on_the_headline_cards(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "20,000,000")
    type_into(qtbot, window, "yearsInput", "5")
    for toggle in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck", "carePackageCheck"):
        tick(qtbot, window, toggle)
    window.resize(1280, 800)
    QApplication.processEvents()
    assert w(window, "contractValueLabel").text() == formatting.money(window.quotation.total_contract_value, window.pricebook.currency)
    for name in ("annualSubscriptionLabel", "contractValueLabel", "pricePerCreditLabel", "annualCreditsLabel"):
        label = w(window, name)
        shown = QFontMetrics(label.font()).horizontalAdvance(label.text())
        assert shown <= label.contentsRect().width(), f"{name} cuts off {label.text()!r}"


def test_a_yen_quote_shows_the_amount_quoted_to_the_sen(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    assert workflows.load_pricebook(window, edited_pricebook(tmp_path, "yen.toml", 'currency = "USD"', 'currency = "JPY"'))
    type_into(qtbot, window, "interactionsInput", "51,000")
    type_into(qtbot, window, "discountInput", "2.5")
    assert window.quotation is not None and window.quotation.first_year.annual_subscription == Decimal("47241.30")
    assert w(window, "annualSubscriptionLabel").text() == "¥47,241.30"


def test_a_small_order_is_raised_to_the_minimum_with_a_visible_note(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "30000")
    assert text(window, "annualCreditsLabel") == "50,000"
    assert text(window, "annualSubscriptionLabel") == "$47,500.00"
    note = w(window, "minimumNoteLabel")
    assert note.isVisible() and "minimum" in note.text() and "30,000" in note.text()
    assert any("raised to the minimum order of 50,000" in line for line in guidance(window))


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


def test_clearing_the_quote_clears_the_approval_mark_on_the_discount(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95,000")
    type_into(qtbot, window, "discountInput", "12")  # above 10%: needs approval
    label = w(window, "discountLabel")
    assert label.text() == "12% (approval)" and label.toolTip()
    type_into(qtbot, window, "interactionsInput", "")  # nothing to price: dashes
    assert label.text() == "—" and label.toolTip() == ""
    assert label.palette().color(label.foregroundRole()) == w(window, "termDiscountLabel").palette().color(label.foregroundRole())


def test_graduated_prices_are_called_averages_not_set_against_a_lower_list_price(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    book = tmp_path / "graduated.toml"
    book.write_text(sample_pricebook_path().read_text().replace('mode = "volume"', 'mode = "graduated"'))
    assert workflows.load_pricebook(window, str(book)), dialog_log.errors
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    assert window.results.price_card.note.text() == "average over 5 bands"
    assert w(window, "listPriceLabel").text() == "$0.5500"
    assert window.results.detail_captions["listPriceLabel"].text() == "Top band's list price"
    assert w(window, "listPriceLabel").accessibleName() == "Top band's list price: $0.5500"


def test_screen_readers_get_the_figures_not_just_their_captions(qtbot: Any, window: MainWindow) -> None:
    priced_three_years(qtbot, window)
    silent = {}
    for name, label in window.results.labels.items():
        if label.text() not in spoken(label):
            silent[name] = (label.text(), spoken(label))
    assert not silent, f"figures a screen reader never hears: {silent}"


def test_a_quote_that_cannot_be_priced_says_so_in_one_line_without_repeating_the_reason(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "discountInput", "35")  # above the maximum: the reason shows beside the field and in the guidance
    guidance_left(window)
    banner = window.results.stale_banner
    assert banner.isVisible() and "Discount" in banner.text() and "above the maximum" not in banner.text()
    margins = banner.contentsMargins()
    assert banner.height() < 2 * banner.fontMetrics().lineSpacing() + margins.top() + margins.bottom(), "one line"


def test_every_detail_figure_shows_whole_in_the_default_window(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "9,000,000")
    type_into(qtbot, window, "yearsInput", "5")
    type_into(qtbot, window, "discountInput", "25")
    type_into(qtbot, window, "smsInput", "250,000")
    tick(qtbot, window, "carePackageCheck")
    QApplication.processEvents()
    for label in window.results.details_frame.findChildren(QLabel):
        if label.text():
            assert label.contentsRect().width() >= label.fontMetrics().horizontalAdvance(label.text()), label.text()
    assert window.guidance.width() >= 200, "the guidance keeps room for its sentences"


def test_at_its_smallest_the_window_still_shows_every_detail_whole(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "discountInput", "25")
    type_into(qtbot, window, "smsInput", "25,000")
    tick(qtbot, window, "carePackageCheck")
    for _ in range(3):  # the smallest size, once the layout has settled at it
        window.resize(window.minimumSizeHint())
        guidance_left(window)
    assert window.width() == window.minimumSizeHint().width()
    for label in window.results.details_frame.findChildren(QLabel):
        room = label.contentsRect().width() - 2 * label.margin()
        assert room >= label.fontMetrics().horizontalAdvance(label.text()), f"{label.text()!r} is cut off"


def test_at_its_smallest_the_window_shows_every_figure_and_caption_whole(qtbot: Any, window: MainWindow) -> None:
    window.finish_start()
    a_full_quote(qtbot, window)
    for _ in range(2):
        window.resize(window.minimumSizeHint())
        settle()
    assert window.size() == window.minimumSizeHint()
    results = window.results
    for label in results.findChildren(QLabel):
        if label.isVisible() and label.text().strip() and label not in [card.note for card in results.cards]:
            room = label.contentsRect().width() - 2 * label.margin()
            assert room >= label.fontMetrics().horizontalAdvance(label.text()), f"{label.text()!r} is cut off"


def test_a_figure_made_smaller_to_fit_keeps_its_card_in_line_with_the_others(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "yearsInput", "5")
    for year, interactions in enumerate(("100,000", "500,000", "2,000,000", "9,000,000", "90,000,000"), start=1):
        type_into(qtbot, window, f"ramp{year}Input", interactions)
    guidance_left(window)
    contract = window.results.contract_card
    assert contract.value.font().pointSizeF() < window.results.price_card.value.font().pointSizeF(), "the long figure was made smaller"
    assert {(card.y(), card.height()) for card in window.results.cards} == {(contract.y(), contract.height())}


def test_a_card_note_too_long_for_a_narrow_card_is_shortened_and_whole_in_its_tooltip(qtbot: Any, window: MainWindow) -> None:
    a_full_quote(qtbot, window)
    note = window.results.minimum_note
    assert note.text() == "minimum order (20 required)"
    window.resize(1280, 800)
    settle()
    assert note.shown_text() == note.text() and note.toolTip() == "", "the default window shows every note whole"
    window.resize(window.minimumSizeHint())
    settle()
    assert note.shown_text().endswith("…") and note.shown_text() != note.text()
    assert note.toolTip() == "minimum order (20 required)"
    assert note.fontMetrics().horizontalAdvance(note.shown_text()) <= note.contentsRect().width()


@pytest.mark.parametrize(
    ("request_", "note"),
    [
        (QuoteRequest((95_000,)), "95,000 required"),
        (QuoteRequest((30_000,)), "minimum order (30,000 required)"),
        (QuoteRequest(ordered_credits_per_year=(250_000,)), "ordered; no forecast given"),
        (QuoteRequest((95_000,), ordered_credits_per_year=(100_000,)), "ordered (95,000 required)"),
        (QuoteRequest((60_000,), generative_ai=True, ordered_credits_per_year=(50_000,)), "ordered; 40,000 short of the forecast"),
    ],
)
def test_the_credits_note_says_how_the_credits_meet_the_forecast(sample_pricebook: PriceBook, request_: QuoteRequest, note: str) -> None:
    assert credits_note(price_quote(sample_pricebook, request_).first_year) == note


def the_largest_quote(qtbot: Any, window: MainWindow) -> None:
    """Every volume at the most the engine accepts, every option on, over the longest contract."""
    for name in ("interactionsInput", "smsInput", "whatsappInput"):
        type_into(qtbot, window, name, f"{MAX_FIGURE:,}")
    type_into(qtbot, window, "yearsInput", str(window.pricebook.max_years))
    type_into(qtbot, window, "servicesHoursInput", f"{MAX_SERVICES_HOURS:,}")
    for toggle in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck", "carePackageCheck"):
        tick(qtbot, window, toggle)
    settle()


@pytest.mark.parametrize("size", [(1280, 800), SMALL_LAPTOP, None], ids=["default", "small laptop", "smallest"])
def test_the_largest_quote_shows_every_card_and_detail_whole(qtbot: Any, window: MainWindow, size: tuple[int, int] | None) -> None:
    """At the largest figures the engine accepts, each card's caption, figure and note, and each detail, shows all its text.

    Figures and notes are set smaller to fit; only in the window's smallest size may a note be shortened (whole in its tooltip).
    """
    the_largest_quote(qtbot, window)
    assert window.quotation is not None and window.quotation.total_contract_value > 10**12
    for _ in range(2):  # the smallest size, once the layout has settled at it
        window.resize(*(size or (window.minimumSizeHint().width(), window.minimumSizeHint().height())))
        settle()
    results = window.results
    labels = [label for card in results.cards for label in card.findChildren(QLabel)] + results.details_frame.findChildren(QLabel)
    assert formatting.money(window.quotation.total_contract_value, "USD") in [label.text() for label in labels]
    notes = [card.note for card in results.cards] if size is None else []
    cut = [
        label.text()
        for label in labels
        if label.isVisible()
        and label not in notes
        and label.fontMetrics().horizontalAdvance(label.text()) > label.contentsRect().width() - 2 * label.margin()
    ]
    assert cut == []
