"""Money, prices and counts formatted for people, from the price book's currency (Babel).

Babel's own formatter takes about 60 microseconds a figure, and the window formats a dozen figures on every keystroke:
Babel supplies the locale's symbols once (currency sign, digit grouping and decimal marks), and the figures are laid
out here by the same rules Babel applies to these fixed patterns (tests/test_formatting.py holds the two to the same
text for any amount, currency and locale). Babel is imported on the first call, not with this module: the desktop
window paints before it needs a figure.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

DEFAULT_LOCALE = "en_US"
QUOTED = re.compile(r"'([^']*)'")  # Babel drops single quotes around literal text (the Swiss group mark is one)


@lru_cache(maxsize=256)
def _marks(currency: str, locale: str) -> tuple[str, str, str]:
    """The currency's sign in `locale` (empty for none), and the locale's digit grouping and decimal marks."""
    from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

    sign = get_currency_symbol(currency, locale) if currency else ""
    return sign, get_group_symbol(locale), get_decimal_symbol(locale)


@lru_cache(maxsize=64)
def _groups_in_threes(locale: str) -> bool:
    """True when `locale` writes plain numbers as #,##0.### does (not 12,34,567 as in India): the fast layout applies."""
    from babel import Locale

    pattern = Locale.parse(locale).decimal_formats[None]
    return (pattern.grouping, pattern.prefix, pattern.suffix, pattern.int_prec[0]) == ((3, 3), ("", "-"), ("", ""), 1)


def _grouped(digits: str, mark: str) -> str:
    """`digits` with `mark` between each group of three from the right: 1,234,567."""
    head = len(digits) % 3 or 3
    return mark.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _laid_out(value: Decimal, currency: str, locale: str, least: int, most: int) -> str:
    """`value` as Babel writes the pattern ¤#,##0 with `least` to `most` decimals, the sign before it when negative."""
    if not value.is_finite():
        return _babel(value, currency, locale, least, most)
    sign, group, decimal_mark = _marks(currency, locale)
    rounded = abs(value).normalize().quantize(Decimal(1).scaleb(-most))
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction.ljust(least, "0")
    fraction = fraction[:least] + fraction[least:].rstrip("0")
    text = ("-" if value.is_signed() else "") + sign + _grouped(whole, group) + (decimal_mark + fraction if fraction else "")
    return QUOTED.sub(lambda m: m.group(1) or "'", text) if "'" in text else text


def _babel(value: Decimal, currency: str, locale: str, least: int, most: int) -> str:
    """Babel's own text for what the fast layout leaves to it (infinities and not-a-number)."""
    from babel.numbers import format_currency, format_decimal

    if not currency:
        return format_decimal(value, locale=locale)
    pattern = "¤#,##0." + "0" * least + "#" * (most - least)
    return format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)


def money(amount: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """An already-rounded amount with its cents, such as $1,032,240.00 or ¥47,241.30.

    Always two decimals, whatever the currency's own: the engine rounds every amount to cents, and a yen figure shown
    without them (or a dinar one with a third decimal) would not be the amount quoted, nor add up with the others.
    """
    return _laid_out(amount, currency, locale, 2, 2)


def price(price_per_credit: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """A price per credit with four decimal places, or more as the price list writes it: $0.5060, $0.98765."""
    return _laid_out(price_per_credit, currency, locale, 4, 14)


def rate(amount_per_unit: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """A price book's rate per unit (an hour) with its cents, or more decimals as written: $200.00, $187.125."""
    return _laid_out(amount_per_unit, currency, locale, 2, 14)


def count(value: int, locale: str = DEFAULT_LOCALE) -> str:
    """A whole number with thousands separators, such as 2,040,000."""
    if not _groups_in_threes(locale):
        from babel.numbers import format_decimal

        return format_decimal(value, locale=locale)
    return _laid_out(Decimal(value), "", locale, 0, 3)  # Babel's #,##0.### for a whole number


def number(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """A plain decimal as written, with thousands separators and without trailing zeros: 1.75, 0.2."""
    text = format(value.normalize(), "f")  # "f" keeps 1E+1 as 10
    integer, _, fraction = text.partition(".")
    grouped = count(int(integer), locale)
    return f"{grouped}.{fraction}" if fraction else grouped


def percent(value: Decimal) -> str:
    """A percentage as a person writes it: 8%, 12.5%."""
    return f"{number(value)}%"


# --- text people typed, made safe for a terminal and for documents -------------------------------------------------

_LINE_BREAK = re.compile("[\n\r\v\f\x85\u2028\u2029]")  # one break between two lines of an address or notes
_LINE_BREAK_RUNS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]+")  # pasted into a one-line field: a space
# Embeddings, overrides and isolates: harmless in a document's right-to-left name, but on a terminal they reorder
# what follows them, so that a printed line can show other text than it holds.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char: str) -> bool:
    """True for C0 and C1 control characters and DEL: escape sequences start with them."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def _is_unstorable(char: str) -> bool:
    """True for a character no document may hold: a control, a lone surrogate, a noncharacter (U+FFFE, U+FDD0, ...).

    A workbook is XML, which has no place for them (Excel refuses the file); a PDF cannot encode a surrogate.
    """
    code = ord(char)
    return _is_control(char) or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _escaped(char: str) -> str:
    """A character written as Python writes it in a string: \\x1b, \\u202e; a byte that was not UTF-8 as that byte."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, carried as a surrogate (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal_safe(text: str, json: bool = False) -> str:
    """`text` as it may be printed on a terminal: controls, bidi overrides, surrogates and noncharacters visibly escaped
    (an escape sequence in a customer's name or a price book must not rewrite the screen); line breaks are kept.

    `json`: `text` is a JSON document, and the escapes are JSON's (\\u001b), so that it still reads as the same data.
    """
    escape = _json_escaped if json else _escaped
    return "".join(escape(char) if char != "\n" and (_is_unstorable(char) or char in _BIDI_CONTROLS) else char for char in text)


def _json_escaped(char: str) -> str:
    import json

    return json.dumps(char)[1:-1]  # \u001b; a character past U+FFFF as its surrogate pair


def character_name(char: str) -> str:
    """A character as a message names it: U+0001, U+FFFE."""
    return f"U+{ord(char):04X}"


def _kept_lines(text: str) -> str:
    """Text of several lines with "\n" between them: each trimmed at its end, tabs as spaces, the whole trimmed."""
    lines = _LINE_BREAK.split(text.replace("\r\n", "\n"))
    return "\n".join(line.replace("\t", " ").rstrip() for line in lines).strip()


def document_text(field: str, text: str, max_length: int, multiline: bool = False) -> str:
    """A text a person gave (customer, contact, quote number; an address or notes when `multiline`) as a document
    holds it; raises InputError.

    In one line, tabs and line breaks become spaces; in several, every line break becomes "\n", tabs spaces, and each
    line loses its trailing spaces. The ends are trimmed. Any other control character, a surrogate or a noncharacter
    is refused naming it (a workbook cannot hold it), and so is a text past `max_length` characters (a document has
    room for a name or a page of notes, not for a book).
    """
    from cpiquote.pricing.errors import InputError  # imported when first needed, as Babel is

    cleaned = _kept_lines(text) if multiline else _LINE_BREAK_RUNS.sub(" ", text).strip()
    bad = next((char for char in cleaned if _is_unstorable(char) and not (multiline and char == "\n")), None)
    if bad is not None:
        kind = "the control character" if _is_control(bad) else "the character"
        where = cleaned.index(bad) + 1
        raise InputError(field, f"has {kind} {character_name(bad)} at character {where}, which no document can hold; type it without it")
    if len(cleaned) > max_length:
        raise InputError(field, f"is {len(cleaned):,} characters long; the longest a quote can show is {max_length:,}")
    return cleaned
