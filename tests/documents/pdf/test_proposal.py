"""The proposal PDF a customer chooses from: the options side by side first, then each option's quotation."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pdf_helpers import LARGEST, QUOTE_DATE, WORKED, pages_text

from cpiquote import formatting as fmt
from cpiquote.documents.info import document_info
from cpiquote.documents.pdf.proposal import render_proposal_pdf
from cpiquote.documents.proposal import proposal_options
from cpiquote.pricing import PriceBook, Quotation, price_quote

GOOD_BETTER_BEST = (replace(WORKED, years=1, care_package=False), replace(WORKED, care_package=False), WORKED)


@pytest.fixture(scope="module")
def proposal(sample_pricebook: PriceBook) -> tuple[list[Quotation], list[str]]:
    quotations = [price_quote(sample_pricebook, request) for request in GOOD_BETTER_BEST]
    info = document_info(quotations[0], quote_number="Q-2026-00043", quote_date=QUOTE_DATE)
    return quotations, pages_text(render_proposal_pdf(proposal_options(quotations), info, invariant=True))


def test_the_first_page_compares_every_option(proposal: tuple[list[Quotation], list[str]]) -> None:
    quotations, pages = proposal
    first = pages[0]
    assert "Proposal" in first and "Your options" in first and "Contoso Retail Ltd" in first and "Q-2026-00043" in first
    assert "Option 1 Option 2 Option 3" in first
    assert "1 year, no Care Package 3 years, no Care Package 3 years, Care Package" in first
    for quotation in quotations:
        assert fmt.money(quotation.total_contract_value, "USD") in first
        assert fmt.price(quotation.first_year.price_per_credit, "USD") in first


def test_each_option_follows_as_its_own_quotation(proposal: tuple[list[Quotation], list[str]]) -> None:
    quotations, pages = proposal
    starts = [next(i for i, page in enumerate(pages) if f"Option {n} of 3" in page) for n in (1, 2, 3)]
    assert starts[0] == 1 and starts == sorted(starts)  # after the summary, in order, each on pages of its own
    for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(pages)], strict=True)):
        option_text = " ".join(pages[start:end])
        assert fmt.money(quotations[n].total_contract_value, "USD") in option_text
        assert "Signature" in option_text or "Accepted" in option_text  # each option can be signed on its own
        assert not any(f"Option {other} of 3" in option_text for other in (1, 2, 3) if other != n + 1)


def test_the_largest_figures_fit_four_options(sample_pricebook: PriceBook) -> None:
    """Four options of the largest quote the engine accepts still lay out (no LayoutError) with every figure whole."""
    quotations = [price_quote(sample_pricebook, replace(LARGEST, years=years)) for years in (1, 2, 3, 5)]
    info = document_info(quotations[0], quote_date=QUOTE_DATE)
    first = pages_text(render_proposal_pdf(proposal_options(quotations), info, invariant=True))[0]
    for quotation in quotations:
        assert fmt.money(quotation.total_contract_value, "USD") in first
