"""A proposal's options as every front end describes them: what sets each apart, and their figures side by side."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cpiquote.documents.proposal import SAME_INPUTS, proposal_options, summary_rows, what_differs
from cpiquote.pricing import InputError, PriceBook, QuoteRequest, price_quote

BASE = {"interactions_per_year": (1_000_000,), "generative_ai": True}


def options(pricebook: PriceBook, *requests: QuoteRequest):  # type: ignore[no-untyped-def]
    return proposal_options([price_quote(pricebook, request) for request in requests])


def test_good_better_best_differ_in_what_was_changed_only(sample_pricebook: PriceBook) -> None:
    chosen = options(
        sample_pricebook,
        QuoteRequest(years=1, **BASE),
        QuoteRequest(years=3, **BASE),
        QuoteRequest(years=3, care_package=True, **BASE),
    )
    assert [option.name for option in chosen] == ["Option 1", "Option 2", "Option 3"]
    assert what_differs(chosen) == ("1 year, no Care Package", "3 years, no Care Package", "3 years, Care Package")


def test_options_alike_in_every_input_say_so(sample_pricebook: PriceBook) -> None:
    chosen = options(sample_pricebook, QuoteRequest(**BASE), QuoteRequest(**BASE))
    assert what_differs(chosen) == (SAME_INPUTS, SAME_INPUTS)


def test_a_ramp_and_a_discount_are_described(sample_pricebook: PriceBook) -> None:
    ramp = QuoteRequest(interactions_per_year=(800_000, 1_000_000, 1_200_000), years=3, discount_percent=Decimal(5))
    chosen = options(sample_pricebook, ramp, QuoteRequest(interactions_per_year=(1_000_000,), years=3))
    assert what_differs(chosen) == (
        "800,000 to 1,200,000 interactions over the term, 5% discount",
        "1,000,000 interactions a year, no discount",
    )


def test_summary_rows_give_each_options_figures_from_the_engine(sample_pricebook: PriceBook) -> None:
    one, three = (price_quote(sample_pricebook, QuoteRequest(years=years, **BASE)) for years in (1, 3))
    rows = {row.label: row.cells for row in summary_rows(proposal_options([one, three]))}
    assert rows["Contract term"] == ("1 year", "3 years")
    assert rows["Credits a year"] == ("1,500,000", "1,500,000")
    assert rows["Price per credit"] == ("$0.5500", "$0.5060")
    assert rows["Annual subscription"] == ("$825,000.00", "$759,000.00")
    assert rows["Contract value"] == ("$825,000.00", "$2,277,000.00")
    assert "Care Package a year" not in rows and "Professional services" not in rows  # nobody has one: no row of zeros


def test_a_ramps_yearly_figures_span_the_term(sample_pricebook: PriceBook) -> None:
    ramp = price_quote(sample_pricebook, QuoteRequest(interactions_per_year=(50_000, 1_000_000), years=2))
    flat = price_quote(sample_pricebook, QuoteRequest(interactions_per_year=(1_000_000,), years=2))
    rows = {row.label: row.cells for row in summary_rows(proposal_options([ramp, flat]))}
    assert rows["Credits a year"] == ("50,000 to 1,000,000", "1,000,000")


@pytest.mark.parametrize("count", [0, 1, 5])
def test_a_proposal_has_two_to_four_options(sample_pricebook: PriceBook, count: int) -> None:
    quotation = price_quote(sample_pricebook, QuoteRequest(**BASE))
    with pytest.raises(InputError, match="2 to 4 scenarios") as raised:
        proposal_options([quotation] * count)
    assert raised.value.field == "scenario"
