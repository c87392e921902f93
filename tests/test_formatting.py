"""Figures as people read them: currency from the price book, thousands separators."""

from __future__ import annotations

from decimal import Decimal

import pytest

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
