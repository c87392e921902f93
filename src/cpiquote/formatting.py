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
