"""Notices of a quotation as sentences for people: the one place guidance is worded.

The engine hands over each notice as a kind and figures; here they become words, with amounts in the price book's
currency (cpiquote.formatting). The window, the text summary, the JSON, the PDF and the workbook all read these
sentences, so a notice says the same everywhere. The sales person's sentences are the default; the customer's
documents use `customer_text`, which addresses the customer where the sales person's words would not suit them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from cpiquote import formatting as fmt
from cpiquote.pricing.quotation import Notice, NoticeKind, Quotation

# What every PDF and workbook priced from an illustrative price book ([pricebook] illustrative = true) carries
# where the customer reads it: the sample's prices are not an offer.
ILLUSTRATIVE_PRICES = "Illustrative prices"
ILLUSTRATIVE_NOTE = f"{ILLUSTRATIVE_PRICES} · not an offer"


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
