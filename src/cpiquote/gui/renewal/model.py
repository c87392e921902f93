"""What the Renewal workspace works out from what is typed and counted, without Qt: the subscription, the credits used
this contract year, the analysis and the renewal quote's request.

Usage from a file is held as counted (interactions per day for a conversation log, per month for a monthly file) and
turned into credits with the subscription's features each time, so ticking a feature needs no second count. The rule
is the command line's (services.usage_for_renewal), which reads the file again each time instead:

- A log: the credits used are ceil(interactions x credits per interaction) over the contract year's days through
  as-of (usage-and-renewals.md section 1), so the chart's line through a day is ceil(interactions through it x rate);
  each day's own credits, ceil(its interactions x rate), give the forecast at the last 90 days' rate.
- A monthly file counts whole months, from the month the contract year starts in through the month of as-of (whose
  default is the last month's last day): a month's usage cannot be split by day. Each month's credits are its own
  (given, or ceil(its interactions x rate)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cpiquote.pricing.limits import MAX_FIGURE
from cpiquote.pricing.money import ceil_int
from cpiquote.quote import numbers
from cpiquote.quote.inputs import MissingInput
from cpiquote.usage.model import last_day, month_days

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook, QuoteRequest
    from cpiquote.pricing.renewal import ContractYear, RenewalAnalysis, Subscription
    from cpiquote.usage import UsageCount

Value = str | bool
PRICE_LIMIT = Decimal(10_000)  # far above any price per credit: the command line's limit too
FEATURES = ("generative_ai", "intent_manager", "performance_optimizer")
TEXT_KEYS = (
    "customer",
    "subscription_credits",
    "contract_start",
    "contract_years",
    "discount",
    "price_per_credit",
    "overage_price",
    "used_credits",
    "as_of",
    "growth",
)
Days = tuple[tuple[dt.date, int], ...]


def empty_values() -> dict[str, Value]:
    """The workspace's inputs before anything is typed."""
    return {**dict.fromkeys(TEXT_KEYS, ""), **dict.fromkeys(FEATURES, False)}


def subscription_from_values(pricebook: PriceBook, values: Mapping[str, Value]) -> Subscription:
    """The running subscription typed in the workspace; P and O from the price book where left empty.

    Raises MissingInput (an InputError) naming the first required field still empty, InputError for a wrong one.
    """
    from cpiquote.pricing.renewal import subscription_from_pricebook

    note = " (the price book's longest contract)"
    credits = numbers.parse_whole("subscription_credits", str(values["subscription_credits"]), 1, MAX_FIGURE)
    start = numbers.parse_date("contract_start", str(values["contract_start"]))
    years = numbers.parse_whole("contract_years", str(values["contract_years"]), 1, pricebook.max_years, note)
    if credits is None:  # the first empty field in the form's order is asked for
        raise MissingInput("subscription_credits", "enter the annual credits subscribed")
    if start is None:
        raise MissingInput("contract_start", "enter the contract's first day, as YYYY-MM-DD")
    if years is None:
        raise MissingInput("contract_years", "enter the contract's length in years")
    return subscription_from_pricebook(
        pricebook,
        start,
        years,
        credits,
        **{feature: bool(values[feature]) for feature in FEATURES},
        discount_percent=numbers.parse_percent("discount", str(values["discount"])) or Decimal(0),
        price_per_credit=numbers.parse_decimal("price_per_credit", str(values["price_per_credit"]), PRICE_LIMIT),
        overage_price=numbers.parse_decimal("overage_price", str(values["overage_price"]), PRICE_LIMIT),
    )


def credits_rate(pricebook: PriceBook, subscription: Subscription) -> Decimal:
    """Credits one interaction takes with the subscription's features (pricing rule 1)."""
    from cpiquote.pricing import credits_per_interaction

    return credits_per_interaction(pricebook, subscription.generative_ai, subscription.intent_manager, subscription.performance_optimizer)


# --- usage from a file ------------------------------------------------------------------------------------------------


def cumulative_credits(usage: UsageCount, rate: Decimal, year: ContractYear, as_of: dt.date) -> Days:
    """(day, credits used from the contract year's first day through it) from the year's first day through `as_of`: every
    day from a log's first in the year (days without usage included), or each month's last day of a monthly file."""
    if not usage.by_day:
        return _monthly_line(usage, rate, year, as_of)
    points: list[tuple[dt.date, int]] = []
    interactions = 0
    for day, day_interactions in _days(usage, year, as_of):
        interactions += day_interactions
        points.append((day, ceil_int(interactions * rate)))
    return tuple(points)


def _monthly_line(usage: UsageCount, rate: Decimal, year: ContractYear, as_of: dt.date) -> Days:
    """A monthly file's credits summed month by month, at each month's last day (as-of for its own month)."""
    points: list[tuple[dt.date, int]] = []
    credits = 0
    for month in usage.by_month:
        if f"{year.first_day:%Y-%m}" <= month.month <= f"{as_of:%Y-%m}":
            credits += (month.credits or 0) if month.interactions is None else ceil_int(month.interactions * rate)
            points.append((min(month_days(month.month)[1], as_of), credits))
    return tuple(points)


def _days(usage: UsageCount, year: ContractYear, as_of: dt.date) -> list[tuple[dt.date, int]]:
    """(day, interactions) of every day from a log's first in the contract year through `as_of`, days without usage too."""
    by_day = {each.day: each.interactions for each in usage.by_day if year.first_day <= each.day <= as_of}
    if not by_day:
        return []
    first = min(by_day)
    return [(day, by_day.get(day, 0)) for day in (first + dt.timedelta(days=n) for n in range((as_of - first).days + 1))]


def daily_usage(usage: UsageCount, rate: Decimal, year: ContractYear, as_of: dt.date) -> Days:
    """Each counted day's credits, ceil(its interactions x rate), in the contract year through `as_of`, for the forecast
    at the last 90 days' rate: a log's days only (a month is not a day's usage)."""
    return tuple((each.day, ceil_int(each.interactions * rate)) for each in usage.by_day if year.first_day <= each.day <= as_of)


# --- the analysis -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """What the workspace shows: the analysis, the usage line it came from and the renewal quote's request."""

    analysis: RenewalAnalysis
    used: Days  # the cumulative line through as-of: from a file, or () when the total was typed
    renewal: QuoteRequest


def as_of_day(values: Mapping[str, Value], usage: UsageCount | None) -> dt.date:
    """The day usage is counted to: as typed, else a file's last day."""
    typed = numbers.parse_date("as_of", str(values["as_of"]))
    if typed is None and usage is not None:
        typed = last_day(usage)
    if typed is None:
        raise MissingInput("as_of", "enter the day the usage was counted to, as YYYY-MM-DD")
    return typed


def figures(pricebook: PriceBook, values: Mapping[str, Value], usage: UsageCount | None) -> Figures:
    """The analysis of what is typed (and counted from a file, when `usage` is given), and the renewal quote's request.

    The renewal quote is sized from the forecast year (usage-and-renewals.md section 4) plus the growth typed.
    """
    from cpiquote.pricing.renewal import analyse, contract_year, renewal_request

    subscription = subscription_from_values(pricebook, values)
    as_of = as_of_day(values, usage)
    used: Days = ()
    daily: Days = ()
    if usage is not None:
        rate, year = credits_rate(pricebook, subscription), contract_year(subscription, as_of)
        used, daily = cumulative_credits(usage, rate, year, as_of), daily_usage(usage, rate, year, as_of)
        used_credits = used[-1][1] if used else 0
    else:
        typed = numbers.parse_whole("used_credits", str(values["used_credits"]))
        if typed is None:
            raise MissingInput("used_credits", "enter the credits used so far this contract year")
        used_credits = typed
    analysis = analyse(pricebook, subscription, used_credits, as_of, daily)
    growth = numbers.parse_decimal("growth", str(values["growth"]), Decimal(1000), "percent") or Decimal(0)
    customer = str(values["customer"]).strip()
    return Figures(analysis, used, renewal_request(pricebook, subscription, analysis.forecast.credits, growth, customer=customer))


def typed_line(analysis: RenewalAnalysis) -> Days:
    """A typed total as a line: nothing used the day before the year starts, the total at the end of as-of."""
    fc = analysis.forecast
    return ((fc.year.first_day - dt.timedelta(days=1), 0), (fc.year.first_day + dt.timedelta(days=fc.elapsed_days - 1), fc.used_credits))


def usage_line(figures: Figures) -> Sequence[tuple[dt.date, int]]:
    """The cumulative line the chart draws: a file's, or the typed total's straight line from the year's start."""
    if not figures.used:
        return typed_line(figures.analysis)
    year = figures.analysis.forecast.year
    return ((year.first_day - dt.timedelta(days=1), 0), *figures.used)
