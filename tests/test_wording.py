"""Notices in words: one sentence per kind, in the price book's currency, naming a ramp's year."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from cpiquote.pricing import InteractionEstimate, NoticeKind, PriceBook, QuoteRequest, price_quote
from cpiquote.pricing.renewal import RenewalAnalysis, analyse, renewal_request, subscription_from_pricebook
from cpiquote.wording import SALES_SENTENCES, customer_text, forecast_text, notice_text, notice_texts, renewal_quote_text, renewal_texts

UNDER_ORDERED = QuoteRequest((60_000,), generative_ai=True, ordered_credits_per_year=(50_000,))  # pricing-rules.md section 3

SENTENCES = {
    "USD": {
        NoticeKind.MINIMUM_APPLIED: "30,000 credits required; raised to the minimum order of 50,000 credits a year.",
        NoticeKind.UNDER_ORDERED: (
            "The forecast needs 40,000 credits more than the 50,000 ordered: an expected overage of $49,400.00 a year at $1.2350 a credit."
        ),
        NoticeKind.APPROVAL_REQUIRED: "A discretionary discount of 12.5% is above 10%: this quote needs approval.",
        NoticeKind.PRICE_BREAK: "Order 100,000 credits: $74,380.00 a year instead of $78,973.50; you save $4,593.50.",
    },
    "EUR": {
        NoticeKind.MINIMUM_APPLIED: "30,000 credits required; raised to the minimum order of 50,000 credits a year.",
        NoticeKind.UNDER_ORDERED: (
            "The forecast needs 40,000 credits more than the 50,000 ordered: an expected overage of €49,400.00 a year at €1.2350 a credit."
        ),
        NoticeKind.APPROVAL_REQUIRED: "A discretionary discount of 12.5% is above 10%: this quote needs approval.",
        NoticeKind.PRICE_BREAK: "Order 100,000 credits: €74,380.00 a year instead of €78,973.50; you save €4,593.50.",
    },
}


@pytest.mark.parametrize("currency", ["USD", "EUR"])
def test_every_kind_reads_in_the_price_books_currency(sample_pricebook: PriceBook, currency: str) -> None:
    book = replace(sample_pricebook, currency=currency)
    quotes = [
        price_quote(book, QuoteRequest((30_000,))),
        price_quote(book, UNDER_ORDERED),
        price_quote(book, QuoteRequest((95_000,), discount_percent=Decimal("12.50"))),  # approval, then the price break
    ]
    said = {notice.kind: notice_text(notice, q) for q in quotes for notice in q.warnings}
    assert said == SENTENCES[currency]


def test_a_ramps_notices_name_their_year(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((30_000, 95_000), years=2, discount_percent=Decimal(12)))
    assert notice_texts(q) == [
        "Year 1: 30,000 credits required; raised to the minimum order of 50,000 credits a year.",
        "A discretionary discount of 12% is above 10%: this quote needs approval.",  # about the whole quote: no year
        "Year 2: Order 100,000 credits: $71,810.00 a year instead of $76,247.00; you save $4,437.00.",
    ]


def test_without_a_ramp_no_year_is_named(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, replace(UNDER_ORDERED, years=3))
    assert q.warnings[0].year == 1
    assert notice_texts(q) == [
        "The forecast needs 40,000 credits more than the 50,000 ordered: an expected overage of $45,448.00 a year at $1.1362 a credit."
    ]


def test_the_customer_reads_the_minimum_order_addressed_to_them(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((30_000,)))
    assert (
        customer_text(q.warnings[0], q)
        == "The interactions need 30,000 credits; the quote is raised to the minimum order of 50,000 credits a year."
    )
    ramp = price_quote(sample_pricebook, QuoteRequest((100_000, 30_000), years=2))
    assert customer_text(ramp.warnings[0], ramp) == (
        "In year 2, the interactions need 30,000 credits; the quote is raised to the minimum order of 50,000 credits a year."
    )
    estimated = price_quote(sample_pricebook, QuoteRequest((30_000,), estimate=InteractionEstimate(30_000)))
    assert customer_text(estimated.warnings[0], estimated).startswith("The estimated interactions need 30,000 credits;")


def test_a_kind_without_customer_words_reads_as_the_sales_persons(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000,), discount_percent=Decimal("12.50")))  # approval: no customer words
    assert customer_text(q.warnings[0], q) == notice_text(q.warnings[0], q) == SENTENCES["USD"][NoticeKind.APPROVAL_REQUIRED]


# --- renewals --------------------------------------------------------------------------------------------------------


def _analysis(pricebook: PriceBook, used: int, as_of: dt.date, **changes: object) -> RenewalAnalysis:
    """The 200,000-credit 2026 subscription of tests/pricing/test_renewal.py (P 0.85, O 1.1050, fee 170,000.00)."""
    subscription = replace(subscription_from_pricebook(pricebook, dt.date(2026, 1, 1), 1, 200_000), **changes)
    return analyse(pricebook, subscription, used, as_of)


DAY_73 = dt.date(2026, 3, 14)  # 292 of 365 days left; F = 5U


def test_a_recommended_overage_says_what_it_saves_against_the_next_cheapest(sample_pricebook: PriceBook) -> None:
    assert renewal_texts(_analysis(sample_pricebook, 40_123, DAY_73)) == [
        "Recommended: pay overage, $679.58 this year ($0.42 less than renewing early), "
        "to the end of the contract year on December 31, 2026.",
        "Overage: 615 credits over the subscription at $1.1050 a credit: $679.58 this year.",
        "Top-up: 10,000 credits (the smallest top-up sold) at $0.8500 a credit, expiring with the contract year on December 31, 2026: "
        "$8,500.00 this year.",
        "Early renewal: a new 1-year contract from March 15, 2026 of 201,000 credits a year at $0.8500 a credit ($170,850.00 a year): "
        "$136,680.00 for the 292 days left of this contract year, less $136,000.00 for the current fee's unused part: $680.00 this year.",
    ]


def test_a_tie_says_the_recommendation_commits_the_customer_to_less(sample_pricebook: PriceBook) -> None:
    forfeit = replace(sample_pricebook, early_renewal_unused_credit="forfeit")
    recommendation, _, _, early = renewal_texts(_analysis(forfeit, 41_600, DAY_73, overage_price=Decimal("1.0625")))
    assert recommendation == (
        "Recommended: pay overage, $8,500.00 this year (the same as a top-up, which commits the customer to more), "
        "to the end of the contract year on December 31, 2026."
    )
    assert early.endswith(
        "$141,440.00 for the 292 days left of this contract year; the current fee's unused part is forfeited: $141,440.00 this year."
    )
    top = renewal_texts(_analysis(forfeit, 41_601, DAY_73, overage_price=Decimal("1.0625")))[0]
    assert top.startswith("Recommended: a top-up of 10,000 credits, $8,500.00 this year ($5.31 less than paying overage)")


def test_an_early_renewal_recommended_names_its_first_day(sample_pricebook: PriceBook) -> None:
    recommendation = renewal_texts(_analysis(sample_pricebook, 40_124, DAY_73))[0]
    assert recommendation == (
        "Recommended: renew early from March 15, 2026, $680.00 this year ($5.10 less than paying overage), "
        "to the end of the contract year on December 31, 2026."
    )


def test_within_the_subscription_no_action_and_the_unused_credits_are_said(sample_pricebook: PriceBook) -> None:
    below = renewal_texts(_analysis(sample_pricebook, 30_000, DAY_73))
    assert below[:3] == [
        "No action needed: the forecast of 150,000 credits is within the 200,000 subscribed; 50,000 credits are forecast to go unused, "
        "and unused credits do not roll over.",
        "Overage: none; the forecast is within the subscription.",
        "Top-up: not needed; the forecast is within the subscription.",
    ]
    assert below[3].endswith("less $136,000.00 for the current fee's unused part: a net credit of $34,000.00 this year.")
    exact = renewal_texts(_analysis(sample_pricebook, 40_000, DAY_73))[0]
    assert exact == "No action needed: the forecast of 200,000 credits uses exactly the 200,000 subscribed."


def test_renewal_money_is_in_the_price_books_currency(sample_pricebook: PriceBook) -> None:
    texts = renewal_texts(_analysis(replace(sample_pricebook, currency="EUR"), 40_123, DAY_73))
    assert "€679.58 this year (€0.42 less than renewing early)" in texts[0]
    assert "$" not in " ".join(texts)


def test_the_forecast_and_the_renewal_quote_in_a_sentence(sample_pricebook: PriceBook) -> None:
    analysis = _analysis(sample_pricebook, 40_123, DAY_73)
    assert forecast_text(analysis) == (
        "Contract year 1 (January 1, 2026 to December 31, 2026, 365 days): 40,123 credits used in 73 days; "
        "forecast 200,615 credits for the year against 200,000 subscribed."
    )
    renewal = price_quote(sample_pricebook, renewal_request(sample_pricebook, analysis.subscription, 200_615, Decimal(5)))
    # 200,615 x 1.05 = 210,645.75 -> 211,000 at 0.85 = 179,350.00, against 170,000.00 now
    assert renewal_quote_text(analysis, renewal) == (
        "Renewal quote: 211,000 credits a year at $0.8500 a credit, $179,350.00 a year, against 200,000 at $0.8500, "
        "$170,000.00 a year now: $9,350.00 more a year."
    )


def test_sense_checks_read_as_guidance_with_their_figures(sample_pricebook: PriceBook) -> None:
    services = price_quote(sample_pricebook, QuoteRequest((1_200_000,), years=3, services_hours=Decimal(1_000_000)))
    assert notice_texts(services) == [
        "Professional services of 1,000,000 hours cost $200,000,000.00, more than the whole subscription ($1,821,600.00): check the hours."
    ]
    messages = price_quote(sample_pricebook, QuoteRequest((30_000,), sms_per_month=415_000))
    assert notice_texts(messages)[1] == (
        "The messaging pass-through estimate, $47,534.16 over the contract ($47,534.16 a year), is above the contract value "
        "of $47,500.00: check that the SMS and WhatsApp figures are per month."
    )
    ramp = price_quote(sample_pricebook, QuoteRequest((1_000_000, 1_000_000, 400_000), years=3))
    assert notice_texts(ramp) == ["Year 3: 400,000 credits, less than half the 1,000,000 of the year before: check the ramp's figures."]


def test_every_kind_has_the_sales_persons_words() -> None:
    assert set(SALES_SENTENCES) == set(NoticeKind)
