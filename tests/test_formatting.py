"""Figures as people read them: currency from the price book, thousands separators, notices in words."""

from __future__ import annotations

from decimal import Decimal

from cpiquote import formatting as fmt
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote


def test_money_prices_and_counts() -> None:
    assert fmt.money(Decimal("1032240.00"), "USD") == "$1,032,240.00"
    assert fmt.money(Decimal("85000.00"), "EUR") == "€85,000.00"
    assert fmt.price(Decimal("0.5060"), "USD") == "$0.5060"
    assert fmt.count(2_040_000) == "2,040,000"
    assert (fmt.number(Decimal("1.75")), fmt.number(Decimal("1.50")), fmt.number(Decimal("1E+1"))) == ("1.75", "1.5", "10")
    assert fmt.percent(Decimal("12.50")) == "12.5%"


def test_money_always_shows_the_cents_the_engine_rounds_to() -> None:
    assert fmt.money(Decimal("47241.30"), "JPY") == "¥47,241.30"
    assert fmt.money(Decimal("100.00"), "KWD") == "KWD100.00"
    assert fmt.money(Decimal("1032240.00"), "USD") == "$1,032,240.00"


def test_notices_read_with_the_price_books_currency(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000,), discount_percent=Decimal("12.50")))
    texts = [fmt.notice_text(n, q) for n in q.warnings]
    assert texts[0] == "A discretionary discount of 12.5% is above 10%: this quote needs approval."
    assert texts[1] == "Order 100,000 credits: $74,380.00 a year instead of $78,973.50; you save $4,593.50."


def test_ramp_notices_name_their_year(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((30_000, 95_000), years=2))
    texts = [fmt.notice_text(n, q) for n in q.warnings]
    assert texts[0] == "Year 1: 30,000 credits required; raised to the minimum order of 50,000 credits a year."
    assert texts[1] == "Year 2: Order 100,000 credits: $81,600.00 a year instead of $86,640.00; you save $5,040.00."
