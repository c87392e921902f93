"""Notices in words: one sentence per kind, in the price book's currency, naming a ramp's year."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from cpiquote.pricing import InteractionEstimate, NoticeKind, PriceBook, QuoteRequest, price_quote
from cpiquote.wording import SALES_SENTENCES, customer_text, notice_text, notice_texts

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
