"""The JSON of a quotation: every figure as data, notices as kind, year, figures and the sentence people read."""

from __future__ import annotations

import json
from decimal import Decimal

from cpiquote.documents.json import quotation_to_dict
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote


def as_json(pricebook: PriceBook, request: QuoteRequest) -> dict:
    """The quotation's data after a round trip through JSON text, as a reader of `cpiquote quote --json` gets it."""
    return json.loads(json.dumps(quotation_to_dict(price_quote(pricebook, request))))


def test_a_notice_gives_its_kind_year_figures_and_sentence(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest((60_000,), generative_ai=True, ordered_credits_per_year=(50_000,)))
    sentence = (
        "The forecast needs 40,000 credits more than the 50,000 ordered: an expected overage of $49,400.00 a year at $1.2350 a credit."
    )
    assert data["notices"] == [
        {
            "kind": "under_ordered",
            "year": 1,
            "figures": {
                "shortfall_credits": 40_000,
                "ordered_credits": 50_000,
                "overage_price_per_credit": "1.2350",
                "expected_overage": "49400.00",
            },
            "message": sentence,
        }
    ]
    assert data["warnings"] == [sentence]


def test_notices_about_the_whole_quote_have_no_year(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest((95_000,), discount_percent=Decimal("12.50")))
    approval, price_break = data["notices"]
    assert (approval["kind"], approval["year"]) == ("approval_required", None)
    assert approval["figures"] == {"discount_percent": "12.50", "approval_above_percent": "10"}
    assert approval["message"] == "A discretionary discount of 12.5% is above 10%: this quote needs approval."
    assert (price_break["kind"], price_break["year"]) == ("price_break", 1)
    assert price_break["figures"] == {
        "annual_credits": 100_000,
        "annual_subscription": "74380.00",
        "current_annual_subscription": "78973.50",
        "saving": "4593.50",
    }
    assert data["warnings"] == [approval["message"], price_break["message"]]


def test_a_ramps_notices_name_their_year_in_the_sentence(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest((30_000, 95_000), years=2))
    assert [(n["kind"], n["year"]) for n in data["notices"]] == [("minimum_applied", 1), ("price_break", 2)]
    assert data["notices"][0]["figures"] == {"required_credits": 30_000, "minimum_credits": 50_000}
    assert data["warnings"][0] == "Year 1: 30,000 credits required; raised to the minimum order of 50,000 credits a year."


def test_a_quote_sized_in_credits_has_no_interactions_and_no_required_credits(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest(ordered_credits_per_year=(250_000,), years=2, generative_ai=True))
    assert data["request"]["ordered_credits_per_year"] == [250_000]
    assert data["request"]["interactions_per_year"] is None
    assert [(y["interactions"], y["required_credits"], y["ordered_credits"]) for y in data["years"]] == [(None, None, 250_000)] * 2
    assert [(y["price_per_credit"], y["annual_subscription"]) for y in data["years"]] == [("0.7200", "180000.00")] * 2
    assert (data["total_contract_value"], data["notices"], data["warnings"]) == ("360000.00", [], [])


def test_a_forecast_alone_orders_no_credits(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest((1_200_000,), years=3, generative_ai=True, intent_manager=True))
    assert data["request"]["ordered_credits_per_year"] is None
    year = data["years"][0]
    assert (year["interactions"], year["required_credits"], year["ordered_credits"], year["annual_credits"]) == (
        1_200_000,
        2_040_000,
        None,
        2_040_000,
    )
    assert (year["price_per_credit"], year["annual_subscription"], data["total_contract_value"]) == ("0.5060", "1032240.00", "3096720.00")


def test_the_price_book_is_named_with_its_tier_mode(sample_pricebook: PriceBook, graduated_pricebook: PriceBook) -> None:
    request = QuoteRequest((100_000,))
    assert as_json(sample_pricebook, request)["pricebook"] == {
        "name": "Live Assist for Dynamics 365 - sample price book",
        "version": "2026.1",
        "currency": "USD",
        "sha256": sample_pricebook.sha256,
        "tier_mode": "volume",
    }
    assert as_json(graduated_pricebook, request)["pricebook"]["tier_mode"] == "graduated"


def test_sense_checks_are_notices_like_any_other(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest((1_200_000,), years=3, services_hours=Decimal(1_000_000)))
    (notice,) = data["notices"]
    assert (notice["kind"], notice["year"]) == ("services_above_subscription", None)
    assert notice["figures"] == {"services_hours": "1000000", "services": "200000000.00", "subscription_total": "1821600.00"}
    assert data["warnings"] == [notice["message"]] and notice["message"].endswith("check the hours.")
