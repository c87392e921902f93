"""The rounding the pricing rules allow, at the points where a wrong mode would move a figure by a cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cpiquote.pricing.money import ceil_int, ceil_to_multiple, percent_factor, round2, round2_down, round4


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [("0.125", "0.13"), ("0.135", "0.14"), ("0.124", "0.12"), ("2.675", "2.68"), ("-0.125", "-0.13")],
)
def test_money_rounds_half_up_to_cents_never_to_even(amount: str, rounded: str) -> None:
    assert round2(Decimal(amount)) == Decimal(rounded)


@pytest.mark.parametrize(("amount", "cut"), [("0.129", "0.12"), ("0.125", "0.12"), ("0.121", "0.12"), ("-0.129", "-0.12")])
def test_a_split_line_is_cut_to_cents(amount: str, cut: str) -> None:
    assert round2_down(Decimal(amount)) == Decimal(cut)


@pytest.mark.parametrize(("price", "rounded"), [("0.50605", "0.5061"), ("0.50615", "0.5062"), ("0.50604", "0.5060")])
def test_a_price_per_credit_rounds_half_up_to_four_places(price: str, rounded: str) -> None:
    assert round4(Decimal(price)) == Decimal(rounded)


def test_whole_numbers_and_blocks_round_up() -> None:
    assert (ceil_int(Decimal("1.0001")), ceil_int(Decimal(2)), ceil_int(Decimal("-1.5"))) == (2, 2, -1)
    assert (ceil_to_multiple(50_001, 1_000), ceil_to_multiple(50_000, 1_000), ceil_to_multiple(1, 1_000)) == (51_000, 50_000, 1_000)
    assert (percent_factor(Decimal(4)), percent_factor(Decimal(0)), percent_factor(Decimal(100))) == (Decimal("0.96"), 1, 0)
