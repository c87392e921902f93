"""The JSON of a quotation: every figure as data, notices as kind, year, figures and the sentence people read."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from cpiquote.documents.json import quotation_to_dict, renewal_to_dict
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote
from cpiquote.pricing.renewal import analyse, renewal_request, subscription_from_pricebook
from cpiquote.wording import renewal_texts


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


def test_a_renewal_analysis_gives_the_issues_keys_with_money_as_strings_and_counts_as_integers(sample_pricebook: PriceBook) -> None:
    # tests/pricing/test_renewal.py's three-year contract over 29 February, worked by hand there
    subscription = subscription_from_pricebook(sample_pricebook, dt.date(2027, 3, 15), 3, 200_000, generative_ai=True)
    analysis = analyse(sample_pricebook, subscription, 120_000, dt.date(2027, 10, 1))
    renewal = price_quote(sample_pricebook, renewal_request(sample_pricebook, subscription, 218_508, Decimal(5)))
    data = json.loads(json.dumps(renewal_to_dict(analysis, renewal)))
    assert (data["forecast_credits"], data["subscription_credits"], data["recommendation"]) == (218_508, 200_000, "early_renewal")
    assert data["options"] == {
        "overage": {"credits": 18_508, "price_per_credit": "1.0166", "cost": "18815.23"},
        "top_up": {"credits": 19_000, "price_per_credit": "0.7820", "cost": "14858.00"},
        "early_renewal": {
            "start": "2027-10-02",
            "annual_credits": 218_000,
            "price_per_credit": "0.7820",
            "annual_subscription": "170476.00",
            "cost_this_year": "6556.29",
            "credit_for_unused": "70508.20",
        },
    }
    assert data["forecast"] == {
        "contract_year": 1,
        "first_day": "2027-03-15",
        "last_day": "2028-03-14",
        "days": 366,
        "used_credits": 120_000,
        "elapsed_days": 201,
        "remaining_days": 165,
        "recent_credits": None,
    }
    assert (data["subscription"]["annual_fee"], data["subscription"]["overage_price"]) == ("156400.00", "1.0166")
    assert data["texts"] == renewal_texts(analysis)
    assert data["renewal_quote"] == json.loads(json.dumps(quotation_to_dict(renewal)))
    assert data["renewal_quote"]["years"][0]["annual_credits"] == 230_000  # 218,508 x 1.05 -> 229,434 -> 230,000
    # 230,000 x 0.7820 = 179,860.00 against 156,400.00 now
    assert data["renewal_difference"] == {"annual_credits": 30_000, "annual_subscription": "23460.00"}


def test_a_renewal_within_the_subscription_has_no_top_up_and_may_have_no_renewal_quote(sample_pricebook: PriceBook) -> None:
    subscription = subscription_from_pricebook(sample_pricebook, dt.date(2026, 1, 1), 1, 200_000)
    data = renewal_to_dict(analyse(sample_pricebook, subscription, 30_000, dt.date(2026, 3, 14)), None)
    assert (data["options"]["top_up"], data["recommendation"], data["unused_credits"]) == (None, "none", 50_000)
    assert data["options"]["overage"] == {"credits": 0, "price_per_credit": "1.1050", "cost": "0.00"}
    assert data["options"]["early_renewal"]["cost_this_year"] == "-34000.00"
    assert (data["renewal_quote"], data["renewal_difference"]) == (None, None)


def test_sense_checks_are_notices_like_any_other(sample_pricebook: PriceBook) -> None:
    data = as_json(sample_pricebook, QuoteRequest((1_200_000,), years=3, services_hours=Decimal(1_000_000)))
    (notice,) = data["notices"]
    assert (notice["kind"], notice["year"]) == ("services_above_subscription", None)
    assert notice["figures"] == {"services_hours": "1000000", "services": "200000000.00", "subscription_total": "1821600.00"}
    assert data["warnings"] == [notice["message"]] and notice["message"].endswith("check the hours.")
