"""Plain-data forms of quotations: every figure, for the JSON output (the request is written by cpiquote.quote.inputs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cpiquote.pricing.quotation import PriceBreak, Quotation, YearQuote


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


def quotation_to_dict(quotation: Quotation) -> dict[str, Any]:
    """Every figure of a quotation as JSON-ready data: money as decimal strings, counts as integers.

    The request it priced is not among them: `cpiquote.quote.inputs.request_to_dict` writes it, from the table of inputs.
    """
    pricebook = quotation.pricebook
    return {
        "pricebook": {
            "name": pricebook.name,
            "version": pricebook.version,
            "currency": pricebook.currency,
            "sha256": pricebook.sha256,
            "tier_mode": pricebook.tier_mode,
        },
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
