"""Notices of a quotation, and an account manager's renewal analysis, as sentences for people: the one place they are worded.

The engine hands over each notice as a kind and figures; here they become words, with amounts in the price book's
currency (cpiquote.formatting). The window, the text summary, the JSON, the PDF and the workbook all read these
sentences, so a notice says the same everywhere. The sales person's sentences are the default; the customer's
documents use `customer_text`, which addresses the customer where the sales person's words would not suit them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cpiquote import formatting as fmt
from cpiquote.pricing.quotation import Notice, NoticeKind, Quotation

if TYPE_CHECKING:  # the renewal maths loads the engine: the window's start does not need it
    from cpiquote.pricing.renewal import RenewalAnalysis


# What every PDF and workbook priced from an illustrative price book ([pricebook] illustrative = true) carries
# where the customer reads it: the sample's prices are not an offer.
ILLUSTRATIVE_PRICES = "Illustrative prices"
ILLUSTRATIVE_NOTE = f"{ILLUSTRATIVE_PRICES} · not an offer"
# What a quote whose discount is above the approval level says until someone allowed to has approved it.
SUBJECT_TO_APPROVAL = "Subject to approval"


@dataclass(frozen=True)
class _Figures:
    """A notice's figures ready to be written: counts, money and percentages in one currency and locale."""

    figures: Mapping[str, Decimal]
    currency: str
    locale: str

    def count(self, name: str) -> str:
        return fmt.count(int(self.figures[name]), self.locale)

    def money(self, name: str) -> str:
        return fmt.money(self.figures[name], self.currency, self.locale)

    def price(self, name: str) -> str:
        return fmt.price(self.figures[name], self.currency, self.locale)

    def percent(self, name: str) -> str:
        return fmt.percent(self.figures[name])


def _minimum_applied(f: _Figures) -> str:
    return f"{f.count('required_credits')} credits required; raised to the minimum order of {f.count('minimum_credits')} credits a year."


def _under_ordered(f: _Figures) -> str:
    return (
        f"The forecast needs {f.count('shortfall_credits')} credits more than the {f.count('ordered_credits')} ordered: "
        f"an expected overage of {f.money('expected_overage')} a year at {f.price('overage_price_per_credit')} a credit."
    )


def _approval_required(f: _Figures) -> str:
    return (
        f"A discretionary discount of {f.percent('discount_percent')} is above {f.percent('approval_above_percent')}: "
        "this quote needs approval."
    )


def _price_break(f: _Figures) -> str:
    return (
        f"Order {f.count('annual_credits')} credits: {f.money('annual_subscription')} a year "
        f"instead of {f.money('current_annual_subscription')}; you save {f.money('saving')}."
    )


def _services_above_subscription(f: _Figures) -> str:
    hours = fmt.number(f.figures["services_hours"], f.locale)
    return (
        f"Professional services of {hours} hours cost {f.money('services')}, more than the whole subscription "
        f"({f.money('subscription_total')}): check the hours."
    )


def _pass_through_above_contract(f: _Figures) -> str:
    return (
        f"The messaging pass-through estimate, {f.money('pass_through_total')} over the contract "
        f"({f.money('annual_estimate')} a year), is above the contract value of {f.money('total_contract_value')}: "
        "check that the SMS and WhatsApp figures are per month."
    )


def _ramp_falls_by_more_than_half(f: _Figures) -> str:
    return (
        f"{f.count('annual_credits')} credits, less than half the {f.count('previous_credits')} of the year before: "
        "check the ramp's figures."
    )


SALES_SENTENCES: Mapping[NoticeKind, Callable[[_Figures], str]] = {
    NoticeKind.MINIMUM_APPLIED: _minimum_applied,
    NoticeKind.UNDER_ORDERED: _under_ordered,
    NoticeKind.APPROVAL_REQUIRED: _approval_required,
    NoticeKind.PRICE_BREAK: _price_break,
    # Sense checks: the sales person's alone (documents.info.CUSTOMER_NOTICE_KINDS leaves them out), so no customer words.
    NoticeKind.SERVICES_ABOVE_SUBSCRIPTION: _services_above_subscription,
    NoticeKind.PASS_THROUGH_ABOVE_CONTRACT: _pass_through_above_contract,
    NoticeKind.RAMP_FALLS_BY_MORE_THAN_HALF: _ramp_falls_by_more_than_half,
}


def _figures(notice: Notice, quotation: Quotation, locale: str) -> _Figures:
    return _Figures(notice.figures, quotation.pricebook.currency, locale)


def notice_text(notice: Notice, quotation: Quotation, locale: str = fmt.DEFAULT_LOCALE) -> str:
    """A notice of `quotation` as a sentence for the sales person; a ramp's notice about one year starts "Year N: "."""
    sentence = SALES_SENTENCES[notice.kind](_figures(notice, quotation, locale))
    # Without a ramp every year has the same figures: the notice is about each of them, so no year is named.
    return f"Year {notice.year}: {sentence}" if notice.year is not None and quotation.request.is_ramp else sentence


def notice_texts(quotation: Quotation, locale: str = fmt.DEFAULT_LOCALE) -> list[str]:
    """Every notice of `quotation` as the sales person reads it, in order."""
    return [notice_text(notice, quotation, locale) for notice in quotation.warnings]


def _minimum_for_the_customer(notice: Notice, quotation: Quotation, f: _Figures) -> str:
    which = f"In year {notice.year}, the" if notice.year is not None and quotation.request.is_ramp else "The"
    estimated = "estimated " if quotation.request.estimate is not None else ""
    return (
        f"{which} {estimated}interactions need {f.count('required_credits')} credits; "
        f"the quote is raised to the minimum order of {f.count('minimum_credits')} credits a year."
    )


def _under_ordered_for_the_customer(notice: Notice, quotation: Quotation, f: _Figures) -> str:
    ramp = notice.year is not None and quotation.request.is_ramp
    which = f"In year {notice.year}, the" if ramp else "The"
    forecast = "estimated" if quotation.request.estimate is not None else "forecast"
    # The customer must know before signing that usage beyond what they buy is invoiced, and at what price.
    return (
        f"{which} {forecast} interactions need {f.count('shortfall_credits')} more credits than the "
        f"{f.count('ordered_credits')} ordered{'' if ramp else ' a year'}. Usage beyond the credits ordered is invoiced as "
        f"overage at {f.price('overage_price_per_credit')} a credit: an expected {f.money('expected_overage')} a year."
    )


CUSTOMER_SENTENCES: Mapping[NoticeKind, Callable[[Notice, Quotation, _Figures], str]] = {
    NoticeKind.MINIMUM_APPLIED: _minimum_for_the_customer,
    NoticeKind.UNDER_ORDERED: _under_ordered_for_the_customer,
}


def customer_text(notice: Notice, quotation: Quotation, locale: str = fmt.DEFAULT_LOCALE) -> str:
    """A notice as the quote's documents tell the customer; a kind with no words of its own reads as `notice_text`.

    Which kinds a customer may read at all is the documents' choice (cpiquote.documents.info.CUSTOMER_NOTICE_KINDS).
    """
    words = CUSTOMER_SENTENCES.get(notice.kind)
    if words is None:
        return notice_text(notice, quotation, locale)
    return words(notice, quotation, _figures(notice, quotation, locale))


# --- renewals: an account manager's analysis in words (usage-and-renewals.md sections 2 to 4) ---------------------------


def _day(day: dt.date, locale: str) -> str:
    """A date as people read it: October 2, 2027."""
    from babel.dates import format_date  # imported when first needed, like the formatting of money

    return format_date(day, format="long", locale=locale)


@dataclass(frozen=True)
class _Renewal:
    """An analysis's money and counts ready to be written, in the price book's currency."""

    analysis: RenewalAnalysis
    locale: str

    def money(self, amount: Decimal) -> str:
        return fmt.money(amount, self.analysis.early_renewal.quotation.pricebook.currency, self.locale)

    def price(self, price_per_credit: Decimal) -> str:
        return fmt.price(price_per_credit, self.analysis.early_renewal.quotation.pricebook.currency, self.locale)

    def count(self, value: int) -> str:
        return fmt.count(value, self.locale)

    def year_end(self) -> str:
        return _day(self.analysis.forecast.year.last_day, self.locale)

    def cost(self, amount: Decimal) -> str:
        """A cost this year; below zero (an early renewal's credit larger than its charge) it is a net credit."""
        return f"a net credit of {self.money(-amount)}" if amount < 0 else self.money(amount)


def _options_by_cost(analysis: RenewalAnalysis) -> list[tuple[Decimal, int, str, str]]:
    """The options as (cost this year, commitment rank, kind, name in a sentence), cheapest first, ties to the smaller commitment."""
    options = [(analysis.overage.cost, 0, "overage", "paying overage")]
    if analysis.top_up is not None:
        options.append((analysis.top_up.cost, 1, "top_up", "a top-up"))
    options.append((analysis.early_renewal.cost_this_year, 2, "early_renewal", "renewing early"))
    return sorted(options)


def _no_action(r: _Renewal) -> str:
    a = r.analysis
    forecast, subscribed = r.count(a.forecast.credits), r.count(a.subscription.annual_credits)
    if a.unused_credits == 0:
        return f"No action needed: the forecast of {forecast} credits uses exactly the {subscribed} subscribed."
    unused = f"{r.count(a.unused_credits)} credits are forecast to go unused, and unused credits do not roll over"
    return f"No action needed: the forecast of {forecast} credits is within the {subscribed} subscribed; {unused}."


def _recommended(r: _Renewal) -> str:
    """The recommended option, what it costs this year and how it compares with the next cheapest."""
    a = r.analysis
    options = _options_by_cost(a)
    cost = next(option[0] for option in options if option[2] == a.recommendation.value)
    second_cost, second = next((option[0], option[3]) for option in options if option[2] != a.recommendation.value)
    what = {
        "overage": "pay overage",
        "top_up": f"a top-up of {r.count(a.top_up.credits if a.top_up else 0)} credits",
        "early_renewal": f"renew early from {_day(a.early_renewal.start, r.locale)}",
    }[a.recommendation.value]
    beside = (
        f"the same as {second}, which commits the customer to more"
        if cost == second_cost
        else f"{r.money(second_cost - cost)} less than {second}"
    )
    return f"Recommended: {what}, {r.cost(cost)} this year ({beside}), to the end of the contract year on {r.year_end()}."


def _overage_line(r: _Renewal) -> str:
    o = r.analysis.overage
    if o.credits == 0:
        return "Overage: none; the forecast is within the subscription."
    over = f"Overage: {r.count(o.credits)} credits over the subscription"
    return f"{over} at {r.price(o.price_per_credit)} a credit: {r.money(o.cost)} this year."


def _top_up_line(r: _Renewal) -> str:
    t = r.analysis.top_up
    if t is None:
        return "Top-up: not needed; the forecast is within the subscription."
    pricebook = r.analysis.early_renewal.quotation.pricebook
    smallest = (
        " (the smallest top-up sold)" if t.credits == pricebook.top_up_minimum_credits and r.analysis.excess_credits < t.credits else ""
    )
    return (
        f"Top-up: {r.count(t.credits)} credits{smallest} at {r.price(t.price_per_credit)} a credit, expiring with the contract year "
        f"on {r.year_end()}: {r.money(t.cost)} this year."
    )


def _early_renewal_line(r: _Renewal) -> str:
    e, fc = r.analysis.early_renewal, r.analysis.forecast
    years = e.quotation.request.years
    contract = (
        f"Early renewal: a new {years}-year contract from {_day(e.start, r.locale)} of {r.count(e.annual_credits)} credits a year "
        f"at {r.price(e.price_per_credit)} a credit ({r.money(e.annual_subscription)} a year)"
    )
    days = f"{fc.remaining_days} day{'' if fc.remaining_days == 1 else 's'} left"
    charge = r.money(e.cost_this_year + e.credit_for_unused)
    if e.quotation.pricebook.early_renewal_unused_credit == "prorated":
        unused = f"{charge} for the {days} of this contract year, less {r.money(e.credit_for_unused)} for the current fee's unused part"
    else:
        unused = f"{charge} for the {days} of this contract year; the current fee's unused part is forfeited"
    return f"{contract}: {unused}: {r.cost(e.cost_this_year)} this year."


def renewal_texts(analysis: RenewalAnalysis, locale: str = fmt.DEFAULT_LOCALE) -> list[str]:
    """The analysis in words: the recommendation, then one line each for overage, top-up and early renewal, in that order.

    One wording for the command line, the documents and the window; money in the price book's currency.
    """
    r = _Renewal(analysis, locale)
    first = _no_action(r) if analysis.recommendation.value == "none" else _recommended(r)
    return [first, _overage_line(r), _top_up_line(r), _early_renewal_line(r)]


def forecast_text(analysis: RenewalAnalysis, locale: str = fmt.DEFAULT_LOCALE) -> str:
    """The forecast in a sentence: the contract year, credits used so far, the forecast (and the 90-day one) against S."""
    r, fc = _Renewal(analysis, locale), analysis.forecast
    year = f"Contract year {fc.year.number} ({_day(fc.year.first_day, locale)} to {r.year_end()}, {fc.year.days} days)"
    used = f"{r.count(fc.used_credits)} credits used in {fc.elapsed_days} day{'' if fc.elapsed_days == 1 else 's'}"
    recent = "" if fc.recent_credits is None else f" ({r.count(fc.recent_credits)} at the last 90 days' rate)"
    subscribed = r.count(analysis.subscription.annual_credits)
    return f"{year}: {used}; forecast {r.count(fc.credits)} credits for the year{recent} against {subscribed} subscribed."


def renewal_quote_text(analysis: RenewalAnalysis, renewal: Quotation, locale: str = fmt.DEFAULT_LOCALE) -> str:
    """The next term's quote beside the current subscription: credits, price per credit, annual fee and the difference."""
    r, current, new = _Renewal(analysis, locale), analysis.subscription, renewal.first_year
    difference = new.annual_subscription - current.annual_fee
    change = "the same fee" if difference == 0 else f"{r.money(abs(difference))} {'more' if difference > 0 else 'less'} a year"
    return (
        f"Renewal quote: {r.count(new.annual_credits)} credits a year at {r.price(new.price_per_credit)} a credit, "
        f"{r.money(new.annual_subscription)} a year, against {r.count(current.annual_credits)} at {r.price(current.price_per_credit)}, "
        f"{r.money(current.annual_fee)} a year now: {change}."
    )
