"""The only rounding the pricing rules allow: half up, at named points."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")
HUNDRED = Decimal(100)


def round2(amount: Decimal) -> Decimal:
    """An amount of money, rounded half up to cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def round2_down(amount: Decimal) -> Decimal:
    """An amount of money cut to cents: only for lines whose total is rounded by the rules (the pass-through split)."""
    return amount.quantize(CENT, rounding=ROUND_DOWN)


def round4(price: Decimal) -> Decimal:
    """A price per credit, rounded half up to four decimal places."""
    return price.quantize(TEN_THOUSANDTH, rounding=ROUND_HALF_UP)


def ceil_int(value: Decimal) -> int:
    """The smallest whole number not below `value`."""
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def ceil_to_multiple(count: int, step: int) -> int:
    """`count` rounded up to the next multiple of `step` (credits are sold in blocks)."""
    return -(-count // step) * step


def percent_factor(percent: Decimal) -> Decimal:
    """The multiplier that takes `percent` off: 4 -> 0.96."""
    return 1 - percent / HUNDRED
