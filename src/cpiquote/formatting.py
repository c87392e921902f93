"""Money, prices and counts formatted for people, from the price book's currency (Babel).

Babel is imported on the first call, not with this module: the desktop window paints before it needs a figure.
"""

from __future__ import annotations

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
