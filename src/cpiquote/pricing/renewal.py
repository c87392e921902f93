"""An account manager's figures for a running subscription: the contract year, the forecast and the ways through it.

The rules are usage-and-renewals.md sections 2 to 4. Everything is priced by the engine (its net prices, minimum order
and increment); here are only the calendar, the forecast and the comparison. Pure: no I/O, standard library only.

Contract years. Year k runs from the start's (k-1)th anniversary to the day before the k-th. The anniversary of a
29 February start in a year without one is 28 February (the last day of the start's month, as contracts are
usually read), so a contract starting 2028-02-29 has years starting 2029-02-28, 2030-02-28, 2031-02-28 and
2032-02-29: its first year has 365 days, and the fourth (2031-02-28 to 2032-02-28, holding 2032-02-29) 366. Any
other start keeps its day of the month (2027-03-15 -> 2028-03-15), and a year has 366 days when it holds a 29 February.

Early renewal prorates over 365 days, whatever the calendar, and credits the current fee over the contract year's own
days (section 3); its cost this year is below zero when that credit is larger than the new fee's share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from cpiquote.pricing.engine import net_price_of_credit, overage_price_per_credit, price_quote, sized_credits
from cpiquote.pricing.errors import InputError
from cpiquote.pricing.limits import MAX_FIGURE
from cpiquote.pricing.money import HUNDRED, ceil_int, ceil_to_multiple, round2
from cpiquote.pricing.pricebook import PriceBook
from cpiquote.pricing.quotation import Quotation, QuoteRequest

DAYS_A_YEAR = 365  # early renewal prorates the new annual fee over 365 days (section 3), whatever the calendar
RECENT_DAYS = 90  # the recent forecast's window (section 2)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Subscription:
    """A running contract: its first day, length, annual credits S, price per credit P and overage price O."""

    start: dt.date
    years: int
    annual_credits: int
    price_per_credit: Decimal
    overage_price: Decimal
    generative_ai: bool = False
    intent_manager: bool = False
    performance_optimizer: bool = False
    discount_percent: Decimal = Decimal(0)

    @property
    def annual_fee(self) -> Decimal:
        """What a contract year of it costs: round2(S x P) (the engine's fee in volume mode)."""
        return round2(self.annual_credits * self.price_per_credit)


def _check_terms(pricebook: PriceBook, subscription: Subscription) -> None:
    """Refuse a contract length or size the rules cannot work with, naming the figure."""
    if not 1 <= subscription.years <= pricebook.max_years:
        raise InputError("contract_years", f"must be a whole number from 1 to {pricebook.max_years} (the price book's longest contract)")
    if not 1 <= subscription.annual_credits <= MAX_FIGURE:
        raise InputError("subscription_credits", f"must be a whole number from 1 to {MAX_FIGURE:,}")


def _check_subscription(pricebook: PriceBook, subscription: Subscription) -> None:
    """Refuse a subscription the rules cannot work with, naming the figure."""
    _check_terms(pricebook, subscription)
    for field, price in (("price_per_credit", subscription.price_per_credit), ("overage_price", subscription.overage_price)):
        if not (price.is_finite() and price > 0):
            raise InputError(field, "must be a price per credit greater than 0")


def _engine_price_per_credit(pricebook: PriceBook, subscription: Subscription) -> Decimal:
    """P as the engine prices a quote of S credits a year with the subscription's features, term and discount."""
    try:
        return price_quote(pricebook, _quote_request(subscription, subscription.annual_credits)).first_year.price_per_credit
    except InputError as error:  # the engine names its own fields; a subscription's are named as the person gave them
        if error.field == "credits":  # a subscription sold in other blocks, or under another price book, has its own price
            raise InputError("subscription_credits", f"{error.reason}; or give the subscription's own price per credit") from None
        raise


def subscription_from_pricebook(
    pricebook: PriceBook,
    start: dt.date,
    years: int,
    annual_credits: int,
    *,
    generative_ai: bool = False,
    intent_manager: bool = False,
    performance_optimizer: bool = False,
    discount_percent: Decimal = Decimal(0),
    price_per_credit: Decimal | None = None,
    overage_price: Decimal | None = None,
) -> Subscription:
    """A subscription whose P and O, when not given, are the price book's for S credits a year (section 2).

    P defaults to the engine's price per credit for a quote sized in S credits with these features, term and
    discount; O to the overage price of P (pricing rule 6: the engine's own when P is), so a P given alone keeps
    its overage price in step.
    """
    features = (generative_ai, intent_manager, performance_optimizer)
    given = Subscription(start, years, annual_credits, Decimal(0), Decimal(0), *features, discount_percent)
    _check_terms(pricebook, given)
    price = price_per_credit if price_per_credit is not None else _engine_price_per_credit(pricebook, given)
    overage = overage_price if overage_price is not None else overage_price_per_credit(pricebook, price)
    subscription = replace(given, price_per_credit=price, overage_price=overage)
    _check_subscription(pricebook, subscription)
    return subscription


def _quote_request(subscription: Subscription, annual_credits: int, customer: str = "") -> QuoteRequest:
    """A quote sized in `annual_credits` a year with the subscription's features, length and discount."""
    return QuoteRequest(
        years=subscription.years,
        generative_ai=subscription.generative_ai,
        intent_manager=subscription.intent_manager,
        performance_optimizer=subscription.performance_optimizer,
        discount_percent=subscription.discount_percent,
        customer=customer,
        ordered_credits_per_year=(annual_credits,),
    )


# --- the calendar ----------------------------------------------------------------------------------------------------


def anniversary(start: dt.date, years_later: int) -> dt.date:
    """The start's date `years_later` years on; 29 February falls on 28 February in a year without one."""
    year = start.year + years_later
    if year > dt.MAXYEAR:
        raise InputError("contract_start", f"{start.isoformat()} and {years_later} years run past the year {dt.MAXYEAR}; check the start")
    try:
        return start.replace(year=year)
    except ValueError:  # only 29 February has no date in some years
        return dt.date(year, 2, 28)


@dataclass(frozen=True)
class ContractYear:
    """Contract year `number` (from 1): from an anniversary of the start to the day before the next one."""

    number: int
    first_day: dt.date
    last_day: dt.date

    @property
    def days(self) -> int:
        """Its length in days: 365, or 366 when it holds a 29 February (see the module's note on 29 February starts)."""
        return (self.last_day - self.first_day).days + 1


def contract_end(subscription: Subscription) -> dt.date:
    """The contract's last day: the day before the anniversary that follows its last year."""
    return anniversary(subscription.start, subscription.years) - ONE_DAY


def contract_year(subscription: Subscription, as_of: dt.date) -> ContractYear:
    """The contract year that holds `as_of`; an InputError naming as_of when the contract does not."""
    start, end = subscription.start, contract_end(subscription)
    if not start <= as_of <= end:
        when = "before the contract starts" if as_of < start else "after the contract ends"
        raise InputError("as_of", f"{as_of.isoformat()} is {when}: give a day from {start.isoformat()} to {end.isoformat()}")
    number = next(k for k in range(1, subscription.years + 1) if as_of < anniversary(start, k))
    return ContractYear(number, anniversary(start, number - 1), anniversary(start, number) - ONE_DAY)


# --- the forecast ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    """The contract year's credits so far and forecast: F = ceil(U + U / elapsed x remaining)."""

    used_credits: int  # U, from the year's first day through as_of
    elapsed_days: int  # inclusive of as_of
    remaining_days: int  # after as_of, to the year's last day
    credits: int  # F, linear
    recent_credits: int | None  # from the last 90 days' rate, when daily usage was given
    year: ContractYear


def _recent_credits(year: ContractYear, used_credits: int, as_of: dt.date, daily: Sequence[tuple[dt.date, int]]) -> int | None:
    """ceil(U + rate x remaining) with the rate of the last 90 days through as_of; None without daily usage.

    The window starts at the latest of: 89 days before as_of, the contract year's first day and the first day given
    (so a log that began recently is not read as days of no use). Days inside it with no entry used nothing.
    """
    if not daily:
        return None
    for day, credits in daily:
        if credits < 0:
            raise InputError("usage", f"{day.isoformat()} has {credits:,} credits; a day's usage cannot be negative")
    first = max(as_of - dt.timedelta(days=RECENT_DAYS - 1), year.first_day, min(day for day, _ in daily))
    if first > as_of:
        return None  # every day given is after as_of: nothing to take a rate from
    window_days = (as_of - first).days + 1
    window_credits = sum(credits for day, credits in daily if first <= day <= as_of)
    remaining = (year.last_day - as_of).days
    return -(-(used_credits * window_days + window_credits * remaining) // window_days)


def forecast(subscription: Subscription, used_credits: int, as_of: dt.date, daily: Sequence[tuple[dt.date, int]] = ()) -> Forecast:
    """The linear forecast of the contract year holding `as_of` (section 2), and the 90-day one when `daily` is given.

    `used_credits` are those used from the year's first day through `as_of` inclusive. In whole numbers,
    U + U / elapsed x remaining = U x days / elapsed, so F is exact: ceil(U x days / elapsed).
    """
    if not 0 <= used_credits <= MAX_FIGURE:
        raise InputError("used_credits", f"must be a whole number from 0 to {MAX_FIGURE:,}")
    year = contract_year(subscription, as_of)
    elapsed = (as_of - year.first_day).days + 1
    linear = -(-used_credits * year.days // elapsed)
    recent = _recent_credits(year, used_credits, as_of, daily)
    return Forecast(used_credits, elapsed, year.days - elapsed, linear, recent, year)


# --- the options -----------------------------------------------------------------------------------------------------


class Recommendation(StrEnum):
    """The cheapest way through the contract year; a tie goes to the option committing the customer to less."""

    NONE = "none"  # the forecast is within the subscription
    OVERAGE = "overage"
    TOP_UP = "top_up"
    EARLY_RENEWAL = "early_renewal"


@dataclass(frozen=True)
class OverageOption:
    """Paying for the excess at the overage price: cost round2(excess x O)."""

    credits: int
    price_per_credit: Decimal
    cost: Decimal


@dataclass(frozen=True)
class TopUpOption:
    """T extra credits for the rest of the contract year (they expire with it), at the net price of credit S + T."""

    credits: int
    price_per_credit: Decimal
    cost: Decimal


@dataclass(frozen=True)
class EarlyRenewalOption:
    """A new contract from the day after as_of; cost this year = new fee x remaining / 365 - credit for unused."""

    start: dt.date
    annual_credits: int
    price_per_credit: Decimal
    annual_subscription: Decimal
    cost_this_year: Decimal  # may be below 0 when the credit for the current year exceeds the new fee's share
    credit_for_unused: Decimal  # round2(current fee x remaining / days) when prorated; 0.00 when forfeit
    quotation: Quotation  # the engine's quote of the new contract


@dataclass(frozen=True)
class RenewalAnalysis:
    """The forecast, the three options over the rest of the contract year, and the recommendation."""

    subscription: Subscription
    forecast: Forecast
    excess_credits: int  # max(0, F - S)
    unused_credits: int  # max(0, S - F): forecast unused, they do not roll over
    overage: OverageOption
    top_up: TopUpOption | None  # None when excess is 0
    early_renewal: EarlyRenewalOption
    recommendation: Recommendation


def _overage(subscription: Subscription, excess: int) -> OverageOption:
    return OverageOption(excess, subscription.overage_price, round2(excess * subscription.overage_price))


def _top_up(pricebook: PriceBook, subscription: Subscription, excess: int) -> TopUpOption | None:
    """T = max(minimum, excess in whole increments), at the net price of the band holding credit S + T."""
    if excess <= 0:
        return None
    credits = max(pricebook.top_up_minimum_credits, ceil_to_multiple(excess, pricebook.top_up_increment))
    price = net_price_of_credit(pricebook, subscription.years, subscription.discount_percent, subscription.annual_credits + credits)
    return TopUpOption(credits, price, round2(credits * price))


def _early_renewal(pricebook: PriceBook, subscription: Subscription, fc: Forecast, as_of: dt.date) -> EarlyRenewalOption:
    """The new contract sized from the current daily rate over a year, and what it costs over the rest of this one."""
    needed = -(-fc.used_credits * DAYS_A_YEAR // fc.elapsed_days)  # ceil(U / elapsed x 365)
    annual_credits = sized_credits(pricebook, needed)
    if annual_credits > MAX_FIGURE:
        raise InputError("used_credits", f"{fc.used_credits:,} credits in {fc.elapsed_days} days is more than a year's quote can hold")
    quotation = price_quote(pricebook, _quote_request(subscription, annual_credits))
    year = quotation.first_year
    charge = round2(year.annual_subscription * fc.remaining_days / DAYS_A_YEAR)
    credit = round2(Decimal(0))
    if pricebook.early_renewal_unused_credit == "prorated":
        credit = round2(subscription.annual_fee * fc.remaining_days / fc.year.days)
    return EarlyRenewalOption(
        as_of + ONE_DAY, annual_credits, year.price_per_credit, year.annual_subscription, charge - credit, credit, quotation
    )


def _recommend(
    fc: Forecast, subscription: Subscription, options: tuple[OverageOption, TopUpOption | None, EarlyRenewalOption]
) -> Recommendation:
    """None when F <= S; else the cheapest this year, ties to the smaller commitment: overage, top-up, early renewal."""
    if fc.credits <= subscription.annual_credits:
        return Recommendation.NONE
    overage, top_up, early = options
    costs = [(overage.cost, 0, Recommendation.OVERAGE), (early.cost_this_year, 2, Recommendation.EARLY_RENEWAL)]
    if top_up is not None:
        costs.append((top_up.cost, 1, Recommendation.TOP_UP))
    return min(costs)[2]


def analyse(
    pricebook: PriceBook, subscription: Subscription, used_credits: int, as_of: dt.date, daily: Sequence[tuple[dt.date, int]] = ()
) -> RenewalAnalysis:
    """Forecast the contract year holding `as_of` and price overage, top-up and early renewal over its rest (sections 2, 3)."""
    _check_subscription(pricebook, subscription)
    fc = forecast(subscription, used_credits, as_of, daily)
    excess = max(0, fc.credits - subscription.annual_credits)
    options = (_overage(subscription, excess), _top_up(pricebook, subscription, excess), _early_renewal(pricebook, subscription, fc, as_of))
    return RenewalAnalysis(
        subscription=subscription,
        forecast=fc,
        excess_credits=excess,
        unused_credits=max(0, subscription.annual_credits - fc.credits),
        overage=options[0],
        top_up=options[1],
        early_renewal=options[2],
        recommendation=_recommend(fc, subscription, options),
    )


# --- the renewal quote -----------------------------------------------------------------------------------------------


def renewal_request(
    pricebook: PriceBook, subscription: Subscription, yearly_credits: int, growth_percent: Decimal, *, customer: str = ""
) -> QuoteRequest:
    """The next term's quote (section 4), sized in credits: ceil(yearly x (1 + growth / 100)) in whole blocks, at least the minimum.

    `yearly_credits` are the last twelve months' usage or the forecast year's. The same features, length and discount
    as the subscription; the engine prices it like any quote.
    """
    _check_subscription(pricebook, subscription)
    if yearly_credits < 0:  # the usage it comes from is what the person gave: named as theirs
        raise InputError("used_credits", f"a year of {yearly_credits:,} credits cannot be; usage is 0 or more")
    if yearly_credits > MAX_FIGURE:
        raise InputError("used_credits", f"a year of {yearly_credits:,} credits is more than a quote can hold ({MAX_FIGURE:,} at most)")
    if not (growth_percent.is_finite() and -HUNDRED < growth_percent <= 10 * HUNDRED):
        raise InputError("growth", "must be a percentage above -100 and at most 1,000, such as 5 or 12.5")
    annual_credits = sized_credits(pricebook, ceil_int(yearly_credits * (1 + growth_percent / HUNDRED)))
    if annual_credits > MAX_FIGURE:
        raise InputError("growth", f"{yearly_credits:,} credits a year grown by {growth_percent}% is more than a quote can hold")
    return _quote_request(subscription, annual_credits, customer)
