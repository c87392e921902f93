"""The renewal PDF read back: the analysis page's figures and recommendation, the top-up order or early renewal quote,
and the renewal quote, against the engine's analysis (tests/pricing/test_renewal.py works the figures by hand)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from pdf_helpers import QUOTE_DATE, pages_text

from cpiquote import formatting as fmt
from cpiquote import wording
from cpiquote.documents.info import document_info
from cpiquote.documents.pdf.renewal import render_renewal_pdf, run_out_day
from cpiquote.pricing import InputError, PriceBook, Quotation, price_quote
from cpiquote.pricing.renewal import RenewalAnalysis, analyse, renewal_request, subscription_from_pricebook

D = dt.date
JANUARY_1 = D(2026, 1, 1)
USD = "USD"


def _case(book: PriceBook, years: int, used: int, as_of: dt.date, start: dt.date = JANUARY_1) -> tuple[RenewalAnalysis, Quotation]:
    subscription = subscription_from_pricebook(book, start, years, 200_000, generative_ai=years == 3)
    analysis = analyse(book, subscription, used, as_of)
    request = renewal_request(book, subscription, analysis.forecast.credits, Decimal(5), customer="Contoso Retail Ltd")
    return analysis, price_quote(book, request)


def figures(quotation: Quotation) -> set[str]:
    """Every figure of a quote sized in credits as a customer reads it (it has no interactions)."""
    shown = {fmt.money(quotation.total_contract_value, USD)}
    for y in quotation.years:
        shown |= {fmt.count(y.annual_credits), fmt.price(y.price_per_credit, USD), fmt.money(y.annual_subscription, USD)}
        shown |= {fmt.price(y.overage_price_per_credit, USD), fmt.price(y.list_price_per_credit, USD)}
    return shown | {fmt.money(invoice.amount, USD) for invoice in quotation.invoices}


@pytest.fixture(scope="module")
def cases(sample_pricebook: PriceBook) -> dict[str, tuple[RenewalAnalysis, Quotation, list[str]]]:
    """One analysis per recommendation, with its renewal quote and the PDF's pages as text."""
    forfeit = replace(sample_pricebook, early_renewal_unused_credit="forfeit")
    made = {
        "early_renewal": _case(sample_pricebook, 3, 120_000, D(2027, 10, 1), start=D(2027, 3, 15)),
        "top_up": _case(forfeit, 1, 41_539, D(2026, 3, 14)),
        "overage": _case(sample_pricebook, 1, 40_123, D(2026, 3, 14)),
        "none": _case(sample_pricebook, 1, 30_000, D(2026, 3, 14)),
    }
    rendered = {}
    for kind, (analysis, quotation) in made.items():
        info = document_info(quotation, quote_date=QUOTE_DATE)
        rendered[kind] = (analysis, quotation, pages_text(render_renewal_pdf(analysis, quotation, info, invariant=True)))
    return rendered


def test_each_case_is_recommended_as_its_name_says(cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]]) -> None:
    assert {kind: analysis.recommendation.value for kind, (analysis, _, _) in cases.items()} == {kind: kind for kind in cases}


@pytest.mark.parametrize("kind", ["early_renewal", "top_up", "overage", "none"])
def test_page_one_shows_the_subscription_the_usage_and_every_options_figures(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]], kind: str
) -> None:
    a, _, pages = cases[kind]
    page = pages[0]
    s, fc = a.subscription, a.forecast
    assert "Renewal analysis" in page
    shown = [
        fmt.count(s.annual_credits),
        fmt.price(s.price_per_credit, USD),
        fmt.price(s.overage_price, USD),
        fmt.money(s.annual_fee, USD),
        fmt.count(fc.used_credits),
        f"{fmt.count(fc.credits)}",
        fmt.money(a.overage.cost, USD),
        fmt.count(a.early_renewal.annual_credits) + " a year",
        fmt.price(a.early_renewal.price_per_credit, USD),
    ]
    shown += (
        ["OVER THE SUBSCRIPTION", fmt.count(a.excess_credits)] if a.excess_credits else ["FORECAST UNUSED", fmt.count(a.unused_credits)]
    )
    if a.top_up is not None:
        shown += [fmt.count(a.top_up.credits), fmt.price(a.top_up.price_per_credit, USD), fmt.money(a.top_up.cost, USD)]
    for figure in shown:
        assert figure in page, figure
    for sentence in [wording.forecast_text(a), *wording.renewal_texts(a)]:
        assert sentence in page, sentence


def test_the_recommended_option_heads_its_column_and_only_it(cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]]) -> None:
    names = {"overage": "Pay overage", "top_up": "Top-up", "early_renewal": "Renew early"}
    for kind, name in names.items():
        page = cases[kind][2][0]
        assert page.count("RECOMMENDED") == 1
        assert f"{name} RECOMMENDED" in page
    assert "RECOMMENDED" not in cases["none"][2][0]


def test_the_early_renewal_cost_below_zero_is_shown_as_a_credit(cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]]) -> None:
    a, _, pages = cases["none"]
    assert a.early_renewal.cost_this_year == Decimal("-34000.00")
    assert "$34,000.00 credit" in pages[0]


def test_the_day_the_credits_run_out_is_on_page_one(cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]]) -> None:
    # 41,539 credits in 73 days: the 200,000th on day ceil(200,000 x 73 / 41,539) = 352, 18 December 2026
    a, _, pages = cases["top_up"]
    assert run_out_day(a.forecast, a.subscription.annual_credits) == D(2026, 12, 18)
    assert "CREDITS RUN OUT" in pages[0] and "Dec 18, 2026" in pages[0]
    none, _, none_pages = cases["none"]
    assert run_out_day(none.forecast, none.subscription.annual_credits) is None
    assert "Not this year" in none_pages[0]


def test_a_top_up_is_a_one_off_order_whose_credits_expire_with_the_contract_year(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]],
) -> None:
    a, _, pages = cases["top_up"]
    assert a.top_up is not None
    order = pages[1]
    assert "Top-up" in order and "DRAFT-" in order and "-TU" in order
    assert "Top-up credits for contract year 1 (January 1, 2026 to December 31, 2026) 10,000 $0.8500 $8,500.00 Total $8,500.00" in order
    assert "a one-off purchase" in order
    assert (
        "Top-up credits expire at the end of the current contract year, on December 31, 2026: credits not used by then are lost "
        "and do not roll over into the next contract year." in order
    )
    assert "For Contoso Retail Ltd" in order  # an order to sign


def test_an_early_renewal_brings_the_new_contracts_quote_before_the_renewal_quote(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]],
) -> None:
    a, renewal, pages = cases["early_renewal"]
    early_pages = " ".join(page for page in pages if "-ER " in page)
    assert "Quotation" in early_pages and "Contoso Retail Ltd" in early_pages
    assert wording.renewal_texts(a)[3] in early_pages
    for figure in figures(a.early_renewal.quotation):
        assert figure in early_pages, figure
    first_renewal_page = next(i for i, page in enumerate(pages) if wording.renewal_quote_text(a, renewal) in page)
    assert first_renewal_page > max(i for i, page in enumerate(pages) if "-ER " in page)


@pytest.mark.parametrize("kind", ["early_renewal", "top_up", "overage", "none"])
def test_the_renewal_quote_closes_the_document_with_all_its_figures(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]], kind: str
) -> None:
    a, renewal, pages = cases[kind]
    start = next(i for i, page in enumerate(pages) if wording.renewal_quote_text(a, renewal) in page)
    quote = " ".join(pages[start:])
    for figure in figures(renewal):
        assert figure in quote, figure
    assert "Acceptance" in pages[-1]


def test_overage_and_no_action_have_no_document_between_the_analysis_and_the_renewal_quote(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]],
) -> None:
    for kind in ("overage", "none"):
        a, renewal, pages = cases[kind]
        assert wording.renewal_quote_text(a, renewal) in pages[1]
        assert "Top-up credits expire" not in " ".join(pages)
    none_page = cases["none"][2][0]
    assert "No action needed" in none_page and "50,000 credits are forecast to go unused" in none_page
    assert "unused credits do not roll over" in none_page


def test_a_paper_size_that_is_not_one_is_refused(cases: dict[str, tuple[RenewalAnalysis, Quotation, list[str]]]) -> None:
    a, renewal, _ = cases["overage"]
    info = replace(document_info(renewal, quote_date=QUOTE_DATE), paper="legal")
    with pytest.raises(InputError, match="legal"):
        render_renewal_pdf(a, renewal, info)
