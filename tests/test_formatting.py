"""Figures as people read them: currency from the price book, thousands separators."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

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


LOCALES = ("en_US", "en_GB", "de_DE", "de_CH", "fr_FR", "ja_JP", "en_IN", "ar_EG", "es_ES", "pt_BR", "sv_SE")
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "KWD", "CHF", "INR", "SEK", "BRL", "CNY")
AMOUNTS = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(lambda d: abs(d) < Decimal(10) ** 20)


@settings(max_examples=400, deadline=None)
@given(amount=AMOUNTS, currency=st.sampled_from(CURRENCIES), locale=st.sampled_from(LOCALES))
def test_figures_read_exactly_as_babel_writes_them(amount: Decimal, currency: str, locale: str) -> None:
    """The fast layout is Babel's text to the character, for any amount, currency and locale (and any sign)."""
    from babel.numbers import format_currency, format_decimal

    def babel(pattern: str) -> str:
        return format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)

    assert fmt.money(amount, currency, locale) == babel("¤#,##0.00")
    if abs(amount) < 10**12:  # with 14 decimals, a larger figure is past Decimal's 28 digits in Babel too
        assert fmt.price(amount, currency, locale) == babel("¤#,##0.0000##########")
        assert fmt.rate(amount, currency, locale) == babel("¤#,##0.00############")
    whole = int(amount)
    assert fmt.count(whole, locale) == format_decimal(whole, locale=locale)


def test_indian_grouping_and_swiss_marks_are_kept() -> None:
    assert fmt.count(1_234_567, "en_IN") == "12,34,567"
    assert fmt.money(Decimal("-1234567.5"), "EUR", "de_DE") == "-€1.234.567,50"
    assert fmt.money(Decimal("1234567.5"), "EUR", "fr_FR") == "€1\u202f234\u202f567,50"
