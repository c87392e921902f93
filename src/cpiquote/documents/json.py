"""A priced quotation as JSON-ready data: every figure, money as decimal strings and counts as integers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cpiquote import wording
from cpiquote.pricing.quotation import Notice, PriceBreak, Quotation, YearQuote
from cpiquote.quote.inputs import request_to_dict


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
