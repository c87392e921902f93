"""Both tier modes at and around every band boundary of the sample price book."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from cpiquote.pricing import PriceBook, QuoteRequest, price_quote

SAMPLE_BANDS = [
    (1, "0.95"),
    (100_000, "0.85"),
    (250_000, "0.75"),
    (500_000, "0.65"),
    (1_000_000, "0.55"),
    (2_500_000, "0.48"),
    (5_000_000, "0.42"),
]
BOUNDARY_CREDITS = sorted({c for start, _ in SAMPLE_BANDS[1:] for c in (start - 1_000, start, start + 1_000)})


def _expected_band(credits: int) -> tuple[int, Decimal]:
    start, price = [band for band in SAMPLE_BANDS if band[0] <= credits][-1]
    return start, Decimal(price)


def _graduated_fee(credits: int) -> Decimal:
    fee = Decimal(0)
    for index, (start, price) in enumerate(SAMPLE_BANDS):
        end = SAMPLE_BANDS[index + 1][0] - 1 if index + 1 < len(SAMPLE_BANDS) else credits
        count = max(0, min(end, credits) - start + 1)
        fee += (count * Decimal(price)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return fee


@pytest.mark.parametrize("credits", BOUNDARY_CREDITS)
def test_volume_mode_prices_every_credit_at_the_band_of_the_last(sample_pricebook: PriceBook, credits: int) -> None:
    year = price_quote(sample_pricebook, QuoteRequest((credits,))).first_year
    start, price = _expected_band(credits)
    assert year.annual_credits == credits
    assert (year.band_from, year.list_price_per_credit, year.price_per_credit) == (start, price, price)
    assert year.annual_subscription == (credits * price).quantize(Decimal("0.01"))
    assert len(year.lines) == 1


@pytest.mark.parametrize("credits", BOUNDARY_CREDITS)
def test_graduated_mode_prices_each_credit_at_its_own_band(graduated_pricebook: PriceBook, credits: int) -> None:
    year = price_quote(graduated_pricebook, QuoteRequest((credits,))).first_year
    expected_fee = _graduated_fee(credits)
    assert year.annual_subscription == expected_fee
    assert year.price_per_credit == (expected_fee / credits).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    assert (year.band_from, year.list_price_per_credit) == _expected_band(credits)
    assert sum(line.credits for line in year.lines) == credits
    assert [line.band_from for line in year.lines] == [s for s, _ in SAMPLE_BANDS if s <= credits]
    assert year.price_break is None  # advice is for volume mode only


def test_graduated_band_lines_for_two_bands(graduated_pricebook: PriceBook) -> None:
    year = price_quote(graduated_pricebook, QuoteRequest((120_000,))).first_year
    assert [(line.band_from, line.credits, line.amount) for line in year.lines] == [
        (1, 99_999, Decimal("94999.05")),
        (100_000, 20_001, Decimal("17000.85")),
    ]
    assert year.annual_subscription == Decimal("111999.90")
    assert year.price_per_credit == Decimal("0.9333")
