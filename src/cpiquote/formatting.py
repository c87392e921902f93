"""Money, prices and counts formatted for people, from the price book's currency (Babel).

Babel is imported on the first call, not with this module: the desktop window paints before it needs a figure.
"""

from __future__ import annotations

import re
from decimal import Decimal

DEFAULT_LOCALE = "en_US"


def money(amount: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """An already-rounded amount with its cents, such as $1,032,240.00 or ¥47,241.30.

    Always two decimals, whatever the currency's own: the engine rounds every amount to cents, and a yen figure shown
    without them (or a dinar one with a third decimal) would not be the amount quoted, nor add up with the others.
    """
    from babel.numbers import format_currency  # imported when first needed (start-up time)

    return format_currency(amount, currency, format="¤#,##0.00", locale=locale, currency_digits=False)


def price(price_per_credit: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """A price per credit with four decimal places, or more as the price list writes it: $0.5060, $0.98765."""
    from babel.numbers import format_currency

    return format_currency(price_per_credit, currency, format="¤#,##0.0000##########", locale=locale, currency_digits=False)


def rate(amount_per_unit: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """A price book's rate per unit (an hour) with its cents, or more decimals as written: $200.00, $187.125."""
    from babel.numbers import format_currency

    return format_currency(amount_per_unit, currency, format="¤#,##0.00############", locale=locale, currency_digits=False)


def count(value: int, locale: str = DEFAULT_LOCALE) -> str:
    """A whole number with thousands separators, such as 2,040,000."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


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


def document_text(field: str, text: str, max_length: int) -> str:
    """A one-line text a person gave (customer, contact, quote number) as a document holds it; raises InputError.

    Tabs and line breaks become spaces and the ends are trimmed; any other control character, a surrogate or a
    noncharacter is refused naming it (a workbook cannot hold it), and so is a text past `max_length` characters
    (a document has room for a name, not for a page).
    """
    from cpiquote.pricing.errors import InputError  # imported when first needed, as Babel is

    cleaned = _LINE_BREAK_RUNS.sub(" ", text).strip()
    bad = next((char for char in cleaned if _is_unstorable(char)), None)
    if bad is not None:
        kind = "the control character" if _is_control(bad) else "the character"
        where = cleaned.index(bad) + 1
        raise InputError(field, f"has {kind} {character_name(bad)} at character {where}, which no document can hold; type it without it")
    if len(cleaned) > max_length:
        raise InputError(field, f"is {len(cleaned):,} characters long; the longest a quote can show is {max_length}")
    return cleaned
