"""Plain-data forms of requests and quotations: JSON output today, the quote library tomorrow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cpiquote.pricing.estimator import InteractionEstimate
from cpiquote.pricing.quotation import PriceBreak, Quotation, QuoteRequest, YearQuote


def _text(value: Decimal) -> str:
    return str(value)


def request_to_dict(request: QuoteRequest) -> dict[str, Any]:
    """A request as JSON-ready data; `request_from_dict` gives back an equal request."""
    estimate = request.estimate
    return {
        "interactions_per_year": list(request.interactions_per_year) or None,
        "ordered_credits_per_year": list(request.ordered_credits_per_year) or None,
        "years": request.years,
        "generative_ai": request.generative_ai,
        "intent_manager": request.intent_manager,
        "performance_optimizer": request.performance_optimizer,
        "discount_percent": _text(request.discount_percent),
        "care_package": request.care_package,
        "services_hours": _text(request.services_hours),
        "sms_per_month": request.sms_per_month,
        "whatsapp_mtm_per_month": request.whatsapp_mtm_per_month,
        "estimate": None
        if estimate is None
        else {
            "conversations": estimate.conversations,
            "multi_day_share": _text(estimate.multi_day_share),
            "extra_days": _text(estimate.extra_days),
            "proactive": estimate.proactive,
            "reply_rate": _text(estimate.reply_rate),
        },
        "customer": request.customer,
        "contact": request.contact,
    }


def request_from_dict(data: dict[str, Any]) -> QuoteRequest:
    """The request `request_to_dict` stored, exactly."""
    raw = data.get("estimate")
    estimate = (
        None
        if raw is None
        else InteractionEstimate(
            conversations=int(raw["conversations"]),
            multi_day_share=Decimal(raw["multi_day_share"]),
            extra_days=Decimal(raw["extra_days"]),
            proactive=int(raw["proactive"]),
            reply_rate=Decimal(raw["reply_rate"]),
        )
    )
    return QuoteRequest(
        interactions_per_year=tuple(int(n) for n in data.get("interactions_per_year") or ()),
        ordered_credits_per_year=tuple(None if n is None else int(n) for n in data.get("ordered_credits_per_year") or ()),
        years=int(data["years"]),
        generative_ai=bool(data["generative_ai"]),
        intent_manager=bool(data["intent_manager"]),
        performance_optimizer=bool(data["performance_optimizer"]),
        discount_percent=Decimal(data["discount_percent"]),
        care_package=bool(data["care_package"]),
        services_hours=Decimal(data["services_hours"]),
        sms_per_month=int(data["sms_per_month"]),
        whatsapp_mtm_per_month=int(data["whatsapp_mtm_per_month"]),
        estimate=estimate,
        customer=str(data.get("customer", "")),
        contact=str(data.get("contact", "")),
    )


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


def quotation_to_dict(quotation: Quotation) -> dict[str, Any]:
    """Every figure of a quotation as JSON-ready data: money as decimal strings, counts as integers."""
    pricebook = quotation.pricebook
    return {
        "pricebook": {
            "name": pricebook.name,
            "version": pricebook.version,
            "currency": pricebook.currency,
            "sha256": pricebook.sha256,
            "tier_mode": pricebook.tier_mode,
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
        "warnings": [notice.message for notice in quotation.warnings],
        "notices": [{"kind": notice.kind, "year": notice.year, "message": notice.message} for notice in quotation.warnings],
    }
