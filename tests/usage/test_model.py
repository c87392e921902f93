"""The usage count's types: credits from interactions, and the daily credits the forecast reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cpiquote.pricing import PriceBook
from cpiquote.usage import DayUsage, Features, UsageCount, UsageError, daily_credits
from cpiquote.usage.model import credits_for, credits_per_interaction


def counted(*days: DayUsage) -> UsageCount:
    return UsageCount(sum(day.interactions for day in days), None, 0, 0, 0, 0, 0, None, (), days)


def test_daily_credits_are_each_days_credits_in_order() -> None:
    usage = counted(DayUsage(dt.date(2026, 1, 1), 10, 17), DayUsage(dt.date(2026, 1, 2), 3, 6))
    assert daily_credits(usage) == ((dt.date(2026, 1, 1), 17), (dt.date(2026, 1, 2), 6))
    assert daily_credits(counted()) == ()


def test_daily_credits_need_the_features() -> None:
    with pytest.raises(UsageError) as raised:
        daily_credits(counted(DayUsage(dt.date(2026, 1, 1), 10, None)))
    assert raised.value.field == "features"


def test_credits_round_up(sample_pricebook: PriceBook) -> None:
    rate = credits_per_interaction(sample_pricebook, Features(generative_ai=True, intent_manager=True, performance_optimizer=True))
    assert rate == Decimal("1.75")
    assert (credits_for(0, rate), credits_for(1, rate), credits_for(4, rate), credits_for(1_000_001, rate)) == (0, 2, 7, 1_750_002)
    assert credits_for(5, None) is None
    assert credits_per_interaction(sample_pricebook, None) is None
    assert credits_per_interaction(None, Features()) is None


def test_the_credits_used_are_counted_over_the_contract_years_days_or_whole_months() -> None:
    import datetime as dt
    from decimal import Decimal

    from cpiquote.usage.model import DayUsage, MonthUsage, UsageCount, credits_through, last_day

    def usage(days: tuple[DayUsage, ...] = (), months: tuple[MonthUsage, ...] = ()) -> UsageCount:
        return UsageCount(0, None, 0, 0, 0, 0, 0, None, months, days)

    log = usage(
        days=(DayUsage(dt.date(2027, 3, 14), 7, None), DayUsage(dt.date(2027, 3, 15), 1, None), DayUsage(dt.date(2027, 3, 20), 2, None))
    )
    # from 15 March: 1 + 2 interactions x 1.5 credits = 4.5 -> 5 (14 March is before the contract year)
    assert credits_through(log, Decimal("1.5"), dt.date(2027, 3, 15), dt.date(2027, 3, 31)) == 5
    assert last_day(log) == dt.date(2027, 3, 20)
    monthly = usage(months=(MonthUsage("2027-02", None, 9_999), MonthUsage("2027-03", None, 15_000), MonthUsage("2027-04", 1_000, None)))
    # March whole (the contract year starts in it) and April's 1,000 interactions x 1.5; February is before it
    assert credits_through(monthly, Decimal("1.5"), dt.date(2027, 3, 15), dt.date(2027, 4, 30)) == 16_500
    assert last_day(monthly) == dt.date(2027, 4, 30) and last_day(usage()) is None
