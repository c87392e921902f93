"""What a document says about itself: its number and dates, and whether its discount still awaits approval."""

from __future__ import annotations

from decimal import Decimal

from cpiquote.documents.info import document_info, subject_to_approval
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote


def test_a_discount_above_the_approval_level_is_subject_to_approval_until_approved(sample_pricebook: PriceBook) -> None:
    above = price_quote(sample_pricebook, QuoteRequest((1_200_000,), 3, discount_percent=Decimal(25)))  # the sample: above 10%
    within = price_quote(sample_pricebook, QuoteRequest((1_200_000,), 3, discount_percent=Decimal(10)))
    assert subject_to_approval(above, document_info(above, "Q-2026-00043"))
    assert subject_to_approval(above, document_info(above))  # a draft too
    assert not subject_to_approval(above, document_info(above, "Q-2026-00043", approved=True))
    assert not subject_to_approval(within, document_info(within, "Q-2026-00044"))
