"""The estimator's ranges, pinned at each end and one step beyond (issue 15)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cpiquote.pricing import InputError, InteractionEstimate
from cpiquote.pricing.limits import MAX_FIGURE


@pytest.mark.parametrize(
    ("days", "allowed"), [("0", True), ("-0.01", False), ("366", True), ("366.01", False), ("NaN", False), ("Infinity", False)]
)
def test_extra_days_run_from_0_to_366(days: str, allowed: bool) -> None:
    make = lambda: InteractionEstimate(1_000, Decimal("0.5"), Decimal(days))  # noqa: E731
    if allowed:
        assert make().interactions == 1_000 + 500 * int(Decimal(days))
    else:
        with pytest.raises(InputError, match=r"^extra_days: must be between 0 and 366 days$"):
            make()


@pytest.mark.parametrize(("share", "allowed"), [("0", True), ("-0.01", False), ("1", True), ("1.01", False), ("NaN", False)])
def test_shares_run_from_0_to_1(share: str, allowed: bool) -> None:
    for field, make in (
        ("multi_day_share", lambda: InteractionEstimate(1_000, Decimal(share), Decimal(2))),
        ("reply_rate", lambda: InteractionEstimate(1_000, proactive=100, reply_rate=Decimal(share))),
    ):
        if allowed:
            assert make().interactions >= 1_000
        else:
            with pytest.raises(InputError, match=f"^{field}: must be a share between 0 and 1"):
                make()


@pytest.mark.parametrize(("count", "allowed"), [(0, True), (-1, False), (MAX_FIGURE, True), (MAX_FIGURE + 1, False)])
def test_counts_run_from_0_to_the_largest_figure(count: int, allowed: bool) -> None:
    for field, make in (
        ("conversations", lambda: InteractionEstimate(count)),
        ("proactive", lambda: InteractionEstimate(0, proactive=count)),
    ):
        if allowed:
            make()
        else:
            with pytest.raises(InputError, match=f"^{field}: must be a whole number from 0 to 1,000,000,000,000$"):
                make()


def test_the_estimate_rounds_up_and_adds_replies() -> None:
    estimate = InteractionEstimate(1_000, Decimal("0.1"), Decimal("1.5"), proactive=1_001, reply_rate=Decimal("0.5"))
    assert estimate.interactions == 1_000 + 150 + 501  # ceil(1150 + 500.5)
