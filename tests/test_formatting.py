"""Figures as people read them: currency from the price book, thousands separators."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpiquote import formatting as fmt
from cpiquote.pricing import InputError


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


def test_terminal_text_shows_escapes_instead_of_obeying_them() -> None:
    title = "Contoso\x1b]0;PWNED\x07 \x9b2J\u202egnp.exe\x7f"
    assert fmt.terminal_safe(title) == "Contoso\\x1b]0;PWNED\\x07 \\x9b2J\\u202egnp.exe\\x7f"
    assert fmt.terminal_safe("Müller, 東京, مرحبا\nline two") == "Müller, 東京, مرحبا\nline two"  # letters and lines as they are
    assert fmt.terminal_safe("M\udcfcller") == "M\\xfcller"  # a byte that was not UTF-8, as that byte


def test_terminal_json_stays_json() -> None:
    import json

    text = json.dumps({"customer": "a\x9b\u202eb\U0001fffe"}, ensure_ascii=False)
    shown = fmt.terminal_safe(text, json=True)
    assert "\x9b" not in shown and "\u202e" not in shown and json.loads(shown) == {"customer": "a\x9b\u202eb\U0001fffe"}


def test_document_text_makes_line_breaks_spaces_and_trims() -> None:
    assert fmt.document_text("customer", "  Contoso\tLtd\r\nBerlin\u2028 ", 200) == "Contoso Ltd Berlin"
    assert fmt.document_text("customer", "שלום Müller 東京 😀", 200) == "שלום Müller 東京 😀"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a\x01b", "has the control character U+0001 at character 2"),
        ("a\x1b[2J", "has the control character U+001B at character 2"),
        ("\x85x\x9b", "has the control character U+009B at character 2"),  # NEL is a line break; CSI is not
        ("ab\ufffe", "has the character U+FFFE at character 3"),
        ("\uffff", "has the character U+FFFF at character 1"),
        ("a\ud800", "has the character U+D800 at character 2"),
        ("a\ufdd0", "has the character U+FDD0 at character 2"),
        ("a\U0010ffff", "has the character U+10FFFF at character 2"),
    ],
)
def test_document_text_refuses_what_no_document_can_hold(text: str, said: str) -> None:
    with pytest.raises(InputError) as caught:
        fmt.document_text("contact", text, 200)
    assert caught.value.field == "contact" and caught.value.reason.startswith(said)
    assert caught.value.reason.endswith("which no document can hold; type it without it")


def test_document_text_refuses_text_past_its_length() -> None:
    assert fmt.document_text("customer", "x" * 200, 200) == "x" * 200
    with pytest.raises(InputError) as caught:
        fmt.document_text("customer", "ab " * 514 + "ab", 200)
    assert str(caught.value) == "customer: is 1,544 characters long; the longest a quote can show is 200"
