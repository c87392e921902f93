"""What a usage count gives: the result types, the errors, and credits from interactions. No polars here.

The window and `cpiquote quote` import this package without paying for polars: only counting a log loads it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cpiquote.pricing.errors import InputError
from cpiquote.pricing.money import ceil_int

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook


class UsageError(InputError):
    """A usage file or option that cannot be counted: `field` is the file's name (or the option), `reason` says why."""


class UsageCancelled(Exception):
    """The person cancelled the count (`cancelled()` returned True); nothing was counted."""


@dataclass(frozen=True)
class MonthUsage:
    """One local calendar month's usage."""

    month: str  # "2026-03"
    interactions: int | None  # None in a monthly file given in credits
    credits: int | None  # None when no feature flags were given (and the file was in interactions)


@dataclass(frozen=True)
class DayUsage:
    """One local calendar day's usage (counted on request)."""

    day: dt.date
    interactions: int
    credits: int | None


@dataclass(frozen=True)
class UsageCount:
    """A log's or a monthly file's usage, counted by usage-and-renewals.md section 1."""

    interactions: int  # 0 for a monthly file given in credits (its months' interactions are None)
    credits: int | None  # ceil(interactions x credits per interaction) when the features are known, else None
    conversations: int  # conversations with at least one interaction (unanswered proactive ones are not)
    multi_day_conversations: int  # conversations counted on more than one local day
    proactive_without_reply: int  # proactive conversations no customer ever answered: they count nothing
    rows_read: int  # data rows in the file, system rows and skipped rows included, blank lines not
    rows_skipped: int
    first_skipped: str | None  # "line 17: timestamp '2026-13-01' is not ISO 8601 ...", when rows were skipped
    by_month: tuple[MonthUsage, ...]  # in month order
    by_day: tuple[DayUsage, ...]  # empty unless asked for


@dataclass(frozen=True)
class Features:
    """The feature flags that fix credits per interaction."""

    generative_ai: bool = False
    intent_manager: bool = False
    performance_optimizer: bool = False


def credits_per_interaction(pricebook: PriceBook | None, features: Features | None) -> Decimal | None:
    """Credits one interaction consumes, or None when the price book or the features are not given."""
    if pricebook is None or features is None:
        return None
    from cpiquote.pricing.engine import credits_per_interaction as rate

    return rate(pricebook, features.generative_ai, features.intent_manager, features.performance_optimizer)


def credits_for(interactions: int, rate: Decimal | None) -> int | None:
    """ceil(interactions x credits per interaction): the credits those interactions consume (None without a rate)."""
    return None if rate is None else ceil_int(interactions * rate)


def daily_credits(usage: UsageCount) -> tuple[tuple[dt.date, int], ...]:
    """Each counted day's credits, in day order, for the forecast from the last 90 days' rate.

    Empty when the days were not counted (count with by_day=True). Raises UsageError when they were counted without
    the feature flags, which fix the credits.
    """
    if any(day.credits is None for day in usage.by_day):
        raise UsageError("features", "the daily usage was counted without the feature flags; count it with them to get credits")
    return tuple((day.day, day.credits) for day in usage.by_day if day.credits is not None)


def month_days(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a month written "2026-03"."""
    first = dt.date.fromisoformat(f"{month}-01")
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def last_day(usage: UsageCount) -> dt.date | None:
    """The last day a usage file covers: its last day with usage (a log), its last month's last day (a monthly file)."""
    if usage.by_day:
        return usage.by_day[-1].day
    if usage.by_month:
        return month_days(usage.by_month[-1].month)[1]
    return None


def credits_through(usage: UsageCount, rate: Decimal, first_day: dt.date, as_of: dt.date) -> int:
    """The credits used from `first_day` through `as_of` at `rate` credits per interaction (usage-and-renewals.md 1):
    ceil(interactions x rate) over a log's days; a monthly file's whole months, from `first_day`'s month through
    `as_of`'s (a month's usage cannot be split by day)."""
    if usage.by_day:
        return ceil_int(sum(day.interactions for day in usage.by_day if first_day <= day.day <= as_of) * rate)
    months = [m for m in usage.by_month if f"{first_day:%Y-%m}" <= m.month <= f"{as_of:%Y-%m}"]
    return sum((m.credits or 0) if m.interactions is None else ceil_int(m.interactions * rate) for m in months)
