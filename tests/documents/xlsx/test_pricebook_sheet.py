"""The workbook's Price book sheet after LibreOffice recalculates it: every smallest order is one a customer can place."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from openpyxl import Workbook
from recalc import SOFFICE, as_decimal, cells, recalculate, value
from xlsx_helpers import EXAMPLE_1, INFO

from cpiquote.documents.xlsx.pricebook_sheet import NO_ORDER_IN_BAND
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import PriceBook, QuoteRequest, parse_pricebook, price_quote

SAMPLE_BANDS = "  { from = 100_000,   price = 0.85 },\n"
NARROW_BANDS = "  { from = 100_100, price = 0.84 },\n  { from = 100_900, price = 0.83 },\n"  # 100,100..100,899 holds no block


@dataclass(frozen=True)
class Sheet:
    """A recalculated workbook, the price book and the request it was rendered from."""

    wb: Workbook
    pricebook: PriceBook
    request: QuoteRequest


def _variant(sample: bytes, old: str, new: str, name: str) -> PriceBook:
    text = sample.decode()
    assert old in text
    return parse_pricebook(text.replace(old, new).encode(), name)


@pytest.fixture(scope="module")
def sheets(sample_pricebook: PriceBook, sample_pricebook_bytes: bytes) -> dict[str, Sheet]:
    """The sample, one whose minimum order skips the first band, one with a band narrower than a block: one LibreOffice run."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it to prove the workbook's formulas")
    high_minimum = _variant(sample_pricebook_bytes, "minimum_annual_credits = 50_000", "minimum_annual_credits = 150_000", "high.toml")
    narrow = _variant(sample_pricebook_bytes, SAMPLE_BANDS, SAMPLE_BANDS + NARROW_BANDS, "narrow.toml")
    cases = {
        "sample": (sample_pricebook, EXAMPLE_1),
        "high-minimum": (high_minimum, QuoteRequest((95_000,))),
        "narrow-band": (narrow, QuoteRequest((95_000,))),
    }
    contents = {key: render_xlsx(price_quote(book, request), INFO) for key, (book, request) in cases.items()}
    return {key: Sheet(wb, *cases[key]) for key, wb in recalculate(contents).items()}


def _orders(sheet: Sheet) -> list[tuple[object, object]]:
    return list(zip(cells(sheet.wb, "BreakCredits"), cells(sheet.wb, "BreakFee"), strict=True))


@pytest.mark.slow
def test_the_first_band_starts_at_the_minimum_order(sheets: dict[str, Sheet]) -> None:
    credits, fee = _orders(sheets["sample"])[0]
    assert credits == 50_000, "not 1,000 credits: the minimum order is 50,000"
    assert as_decimal(fee, 2) == Decimal("43700.00")


@pytest.mark.slow
@pytest.mark.parametrize("key", ["sample", "high-minimum", "narrow-band"])
def test_every_row_is_an_order_the_engine_prices_at_that_fee(sheets: dict[str, Sheet], key: str) -> None:
    sheet = sheets[key]
    book, bands = sheet.pricebook, sheet.pricebook.bands
    for index, (credits, fee) in enumerate(_orders(sheet)):
        if credits == NO_ORDER_IN_BAND:
            assert fee in (None, "")
            continue
        assert isinstance(credits, int) and credits >= book.minimum_annual_credits and credits % book.increment == 0
        assert credits >= bands[index].from_credit and (index + 1 == len(bands) or credits < bands[index + 1].from_credit)
        order = QuoteRequest(ordered_credits_per_year=(credits,), years=sheet.request.years)
        assert as_decimal(fee, 2) == price_quote(book, order).first_year.annual_subscription


@pytest.mark.slow
def test_bands_no_order_can_reach_say_so(sheets: dict[str, Sheet]) -> None:
    high = [credits for credits, _ in _orders(sheets["high-minimum"])]
    assert high[:2] == [NO_ORDER_IN_BAND, 150_000], "the minimum order, 150,000, skips the first band"
    narrow = [credits for credits, _ in _orders(sheets["narrow-band"])]
    assert narrow[1:4] == [100_000, NO_ORDER_IN_BAND, 101_000], "credits 100,100 to 100,899 hold no whole block of 1,000"


@pytest.mark.slow
@pytest.mark.parametrize("key", ["high-minimum", "narrow-band"])
def test_price_break_advice_still_equals_the_engine(sheets: dict[str, Sheet], key: str) -> None:
    sheet = sheets[key]
    advice = price_quote(sheet.pricebook, sheet.request).first_year.price_break
    shown = value(sheet.wb, "PriceBreakCredits")
    assert (None if shown in (None, "") else shown) == (advice and advice.annual_credits)
