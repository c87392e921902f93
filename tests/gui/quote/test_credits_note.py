"""The line under the annual credits (gui/quote/results.py credits_note): no window needed."""

from __future__ import annotations

import pytest

from cpiquote.gui.quote.results import credits_note
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote


@pytest.mark.parametrize(
    ("request_", "note"),
    [
        (QuoteRequest((95_000,)), "95,000 required"),
        (QuoteRequest((30_000,)), "minimum order (30,000 required)"),
        (QuoteRequest(ordered_credits_per_year=(250_000,)), "ordered; no forecast given"),
        (QuoteRequest((95_000,), ordered_credits_per_year=(100_000,)), "ordered (95,000 required)"),
        (QuoteRequest((60_000,), generative_ai=True, ordered_credits_per_year=(50_000,)), "ordered; 40,000 short of the forecast"),
    ],
)
def test_the_credits_note_says_how_the_credits_meet_the_forecast(sample_pricebook: PriceBook, request_: QuoteRequest, note: str) -> None:
    assert credits_note(price_quote(sample_pricebook, request_).first_year) == note
