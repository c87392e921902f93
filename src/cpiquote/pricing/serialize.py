"""Plain-data forms of quote requests: the JSON output's request, and the quote library tomorrow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cpiquote.pricing.estimator import InteractionEstimate
from cpiquote.pricing.quotation import QuoteRequest


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
