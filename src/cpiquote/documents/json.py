"""A priced quotation (and a renewal analysis) as JSON-ready data: every figure, money as decimal strings and counts as integers."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cpiquote import wording
from cpiquote.pricing.quotation import Notice, PriceBreak, Quotation, YearQuote
from cpiquote.quote.inputs import request_to_dict

if TYPE_CHECKING:
    from cpiquote.pricing.renewal import RenewalAnalysis, Subscription


def _text(value: Decimal) -> str:
    return str(value)


def _price_break(price_break: PriceBreak | None) -> dict[str, Any] | None:
    if price_break is None:
        return None
    return {
        "annual_credits": price_break.annual_credits,
        "annual_subscription": _text(price_break.annual_subscription),
        "saving": _text(price_break.saving),
    }


def _year(y: YearQuote) -> dict[str, Any]:
    return {
        "year": y.year,
        "interactions": y.interactions,
        "required_credits": y.required_credits,
        "ordered_credits": y.ordered_credits,
        "annual_credits": y.annual_credits,
        "minimum_applied": y.minimum_applied,
        "band_from": y.band_from,
        "list_price_per_credit": _text(y.list_price_per_credit),
        "price_per_credit": _text(y.price_per_credit),
        "annual_subscription": _text(y.annual_subscription),
        "care_package": _text(y.care_package),
        "overage_price_per_credit": _text(y.overage_price_per_credit),
        "price_break": _price_break(y.price_break),
        "shortfall_credits": y.shortfall_credits,
        "expected_overage": _text(y.expected_overage),
        "lines": [
            {
                "band_from": line.band_from,
                "credits": line.credits,
                "list_price_per_credit": _text(line.list_price_per_credit),
                "net_price_per_credit": _text(line.net_price_per_credit),
                "amount": _text(line.amount),
            }
            for line in y.lines
        ],
    }


def _figure(name: str, value: Decimal) -> int | str:
    # A notice's figures named ..._credits are counts (see Notice): integers, like every count of the JSON.
    return int(value) if name.endswith("_credits") else _text(value)


def _notice(notice: Notice, quotation: Quotation) -> dict[str, Any]:
    return {
        "kind": notice.kind.value,
        "year": notice.year,
        "figures": {name: _figure(name, value) for name, value in notice.figures.items()},
        "message": wording.notice_text(notice, quotation),
    }


def quotation_to_dict(quotation: Quotation) -> dict[str, Any]:
    """Every figure of a quotation as JSON-ready data: money as decimal strings, counts as integers."""
    pricebook = quotation.pricebook
    return {
        "pricebook": {
            "name": pricebook.name,
            "version": pricebook.version,
            "currency": pricebook.currency,
            "sha256": pricebook.sha256,
            "tier_mode": pricebook.tier_mode.value,
        },
        "request": request_to_dict(quotation.request),
        "credits_per_interaction": _text(quotation.credits_per_interaction),
        "years": [_year(y) for y in quotation.years],
        "term_discount_percent": _text(quotation.term_discount_percent),
        "discount_percent": _text(quotation.discount_percent),
        "approval_required": quotation.approval_required,
        "services": _text(quotation.services),
        "invoices": [
            {
                "number": i.number,
                "due": i.due,
                "amount": _text(i.amount),
                "subscription": _text(i.subscription),
                "care_package": _text(i.care_package),
                "services": _text(i.services),
            }
            for i in quotation.invoices
        ],
        "total_contract_value": _text(quotation.total_contract_value),
        "pass_through": {
            "monthly_estimate": _text(quotation.pass_through.monthly_estimate),
            "annual_estimate": _text(quotation.pass_through.annual_estimate),
        },
        "warnings": wording.notice_texts(quotation),
        "notices": [_notice(notice, quotation) for notice in quotation.warnings],
    }


def _subscription(subscription: Subscription) -> dict[str, Any]:
    return {
        "start": subscription.start.isoformat(),
        "years": subscription.years,
        "annual_credits": subscription.annual_credits,
        "price_per_credit": _text(subscription.price_per_credit),
        "overage_price": _text(subscription.overage_price),
        "annual_fee": _text(subscription.annual_fee),
        "generative_ai": subscription.generative_ai,
        "intent_manager": subscription.intent_manager,
        "performance_optimizer": subscription.performance_optimizer,
        "discount_percent": _text(subscription.discount_percent),
    }


def _forecast(analysis: RenewalAnalysis) -> dict[str, Any]:
    fc = analysis.forecast
    return {
        "contract_year": fc.year.number,
        "first_day": fc.year.first_day.isoformat(),
        "last_day": fc.year.last_day.isoformat(),
        "days": fc.year.days,
        "used_credits": fc.used_credits,
        "elapsed_days": fc.elapsed_days,
        "remaining_days": fc.remaining_days,
        "recent_credits": fc.recent_credits,
    }


def _options(analysis: RenewalAnalysis) -> dict[str, Any]:
    overage, top_up, early = analysis.overage, analysis.top_up, analysis.early_renewal
    return {
        "overage": {"credits": overage.credits, "price_per_credit": _text(overage.price_per_credit), "cost": _text(overage.cost)},
        "top_up": None
        if top_up is None
        else {"credits": top_up.credits, "price_per_credit": _text(top_up.price_per_credit), "cost": _text(top_up.cost)},
        "early_renewal": {
            "start": early.start.isoformat(),
            "annual_credits": early.annual_credits,
            "price_per_credit": _text(early.price_per_credit),
            "annual_subscription": _text(early.annual_subscription),
            "cost_this_year": _text(early.cost_this_year),
            "credit_for_unused": _text(early.credit_for_unused),
        },
    }


def renewal_to_dict(analysis: RenewalAnalysis, renewal: Quotation | None) -> dict[str, Any]:
    """A renewal analysis (and the next term's quote, when there is one) as JSON-ready data, money as decimal strings.

    `renewal_quote` is the quote's own JSON (quotation_to_dict); `renewal_difference` is its year 1 against the
    current subscription (annual credits and fee, new minus current).
    """
    current = analysis.subscription
    difference = None
    if renewal is not None:
        new = renewal.first_year
        difference = {
            "annual_credits": new.annual_credits - current.annual_credits,
            "annual_subscription": _text(new.annual_subscription - current.annual_fee),
        }
    return {
        "forecast_credits": analysis.forecast.credits,
        "subscription_credits": current.annual_credits,
        "excess_credits": analysis.excess_credits,
        "unused_credits": analysis.unused_credits,
        "forecast": _forecast(analysis),
        "subscription": _subscription(current),
        "options": _options(analysis),
        "recommendation": analysis.recommendation.value,
        "texts": wording.renewal_texts(analysis),
        "renewal_quote": None if renewal is None else quotation_to_dict(renewal),
        "renewal_difference": difference,
    }
