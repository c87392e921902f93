"""The guidance column: it keeps still while a quote is typed, and a long entry keeps its icon by its first line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from window_helpers import guidance_left, tick, type_into, w

from cpiquote import services
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.gui.quote.guidance import ALL_CLEAR, ILLUSTRATIVE, notice_icons, quotation_entries
from cpiquote.pricing import NoticeKind, PriceBook, QuoteRequest


@pytest.mark.parametrize("book", ["sample", "graduated", "francs"])
def test_the_guidance_column_stays_put_while_a_quote_is_typed(
    qtbot: Any,
    window: MainWindow,
    dialog_log: Any,
    tmp_path: Path,
    graduated_pricebook_bytes: bytes,
    sample_pricebook_bytes: bytes,
    book: str,
) -> None:
    if book != "sample":  # graduated: the band and list price are the top band's; francs: "CHF" is wider than "$"
        content = graduated_pricebook_bytes if book == "graduated" else sample_pricebook_bytes.replace(b'"USD"', b'"CHF"')
        (tmp_path / f"{book}.toml").write_bytes(content)
        dialog_log.open_path = str(tmp_path / f"{book}.toml")
        workflows.open_pricebook(window)
        expected = ("graduated", "USD") if book == "graduated" else ("volume", "CHF")
        assert (window.pricebook.tier_mode, window.pricebook.currency) == expected
    window.resize(1280, 800)
    empty = guidance_left(window)
    seen = set()
    field = w(window, "interactionsInput")
    field.setFocus()
    for key in "1200000":  # every keystroke re-prices: 1, 12, 120, ... 1,200,000
        qtbot.keyClicks(field, key)
        seen.add(guidance_left(window))
    type_into(qtbot, window, "yearsInput", "3")
    seen.add(guidance_left(window))
    for name in ("genaiCheck", "intentManagerCheck", "carePackageCheck"):
        tick(qtbot, window, name)
        seen.add(guidance_left(window))
    type_into(qtbot, window, "discountInput", "25")  # "25% (approval)"
    seen.add(guidance_left(window))
    type_into(qtbot, window, "smsInput", "25,000")
    seen.add(guidance_left(window))
    assert seen == {empty}, "the guidance column moved while the quote was typed"


def test_a_long_guidance_entry_keeps_its_icon_by_its_first_line(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "2,900,000")
    type_into(qtbot, window, "discountInput", "25")  # "A discretionary discount of 25% is above 10%: ..." wraps
    guidance_left(window)
    view = window.guidance.list
    rect = view.visualItemRect(view.item(0))
    assert rect.height() > 2 * view.fontMetrics().lineSpacing(), "the entry wraps onto several lines"
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    background = image.pixelColor(round((rect.right() - 2) * ratio), round((rect.bottom() - 2) * ratio))
    icon_rows = [y for y in range(round(rect.top() * ratio), round(rect.bottom() * ratio))
                 for x in range(round(rect.left() * ratio), round((rect.left() + 24) * ratio))
                 if image.pixelColor(x, y) != background]  # fmt: skip
    assert icon_rows and max(icon_rows) / ratio < rect.top() + 1.5 * view.fontMetrics().lineSpacing(), "icon by the first line"


def test_a_million_services_hours_is_no_longer_all_clear(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, real_pricebook_bytes: bytes
) -> None:
    (tmp_path / "real.toml").write_bytes(real_pricebook_bytes)  # the sample's prices, not marked illustrative
    dialog_log.open_path = str(tmp_path / "real.toml")
    workflows.open_pricebook(window)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    assert window.guidance.texts() == [ALL_CLEAR]
    type_into(qtbot, window, "servicesHoursInput", "1000000")
    assert window.guidance.texts() == [
        "Professional services of 1,000,000 hours cost $200,000,000.00, more than the whole subscription ($1,821,600.00): check the hours."
    ]
    assert w(window, "contractValueLabel").text() == "$201,821,600.00", "guidance, never a refusal: the quote is priced"


def test_an_illustrative_price_book_comes_first_and_is_never_all_clear(sample_pricebook: PriceBook, real_pricebook: PriceBook) -> None:
    request = QuoteRequest((95_000,))  # a price break: one notice
    entries = quotation_entries(services.price(sample_pricebook, request))
    assert entries[0] == ("notice-warning", ILLUSTRATIVE) and len(entries) == 2
    assert quotation_entries(services.price(sample_pricebook, QuoteRequest((1_200_000,)))) == [("notice-warning", ILLUSTRATIVE)]
    assert quotation_entries(services.price(real_pricebook, QuoteRequest((1_200_000,)))) == [("notice-info", ALL_CLEAR)]


def test_every_notice_kind_has_an_icon_of_its_own_weight() -> None:
    """A sense check is a warning, like the minimum order; only a price break is a saving."""
    assert set(notice_icons()) == set(NoticeKind)
    assert notice_icons()[NoticeKind.SERVICES_ABOVE_SUBSCRIPTION] == notice_icons()[NoticeKind.MINIMUM_APPLIED] == "notice-warning"
