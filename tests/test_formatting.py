"""Figures as people read them: currency from the price book, thousands separators."""

from __future__ import annotations

from decimal import Decimal

from cpiquote import formatting as fmt


def test_money_prices_and_counts() -> None:
    assert fmt.money(Decimal("1032240.00"), "USD") == "$1,032,240.00"
    assert fmt.money(Decimal("85000.00"), "EUR") == "€85,000.00"
    assert fmt.price(Decimal("0.5060"), "USD") == "$0.5060"
    assert fmt.price(Decimal("0.98765"), "USD") == "$0.98765"  # a list price as finance wrote it, not rounded to 4
    assert fmt.price(Decimal("0.95"), "USD") == "$0.9500"
    assert (fmt.rate(Decimal(200), "USD"), fmt.rate(Decimal("187.125"), "USD")) == ("$200.00", "$187.125")
    assert fmt.count(2_040_000) == "2,040,000"
    assert (fmt.number(Decimal("1.75")), fmt.number(Decimal("1.50")), fmt.number(Decimal("1E+1"))) == ("1.75", "1.5", "10")
    assert fmt.percent(Decimal("12.50")) == "12.5%"


def test_money_always_shows_the_cents_the_engine_rounds_to() -> None:
    assert fmt.money(Decimal("47241.30"), "JPY") == "¥47,241.30"
    assert fmt.money(Decimal("100.00"), "KWD") == "KWD100.00"
    assert fmt.money(Decimal("1032240.00"), "USD") == "$1,032,240.00"
