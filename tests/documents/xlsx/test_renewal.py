"""The renewal workbook read back: the Analysis sheet before the renewal quote's sheets, its inputs and words, and
(after LibreOffice recalculates it; slow, skipped without LibreOffice) every formula against the engine's analysis."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from recalc import SOFFICE, as_decimal, edit, recalculate, value
from xlsx_helpers import cached_against

from cpiquote import wording
from cpiquote.documents.info import document_info
from cpiquote.documents.xlsx.renewal import RECOMMENDATION_WORDS, render_renewal_xlsx
from cpiquote.pricing import PriceBook, Quotation, price_quote
from cpiquote.pricing.renewal import RenewalAnalysis, analyse, renewal_request, subscription_from_pricebook

D = dt.date
JANUARY_1 = D(2026, 1, 1)
MONEY = {"AnnualFee", "OverageCost", "TopUpPricePerCredit", "TopUpCost", "EarlyRenewalCreditForUnused", "EarlyRenewalCostThisYear"}
INPUTS = (
    "SubscriptionCredits",
    "SubscriptionPricePerCredit",
    "SubscriptionOveragePrice",
    "SubscriptionYears",
    "UsedCredits",
    "UsageThrough",
)


def _case(book: PriceBook, years: int, used: int, as_of: dt.date, start: dt.date = JANUARY_1) -> tuple[RenewalAnalysis, Quotation, bytes]:
    subscription = subscription_from_pricebook(book, start, years, 200_000, generative_ai=years == 3)
    analysis = analyse(book, subscription, used, as_of)
    quotation = price_quote(book, renewal_request(book, subscription, analysis.forecast.credits, Decimal(5), customer="Contoso"))
    return analysis, quotation, render_renewal_xlsx(analysis, quotation, document_info(quotation, quote_date=D(2026, 11, 27)))


@pytest.fixture(scope="module")
def cases(sample_pricebook: PriceBook) -> dict[str, tuple[RenewalAnalysis, Quotation, bytes]]:
    """One analysis per recommendation, with its renewal quote and workbook."""
    forfeit = replace(sample_pricebook, early_renewal_unused_credit="forfeit")
    return {
        "early_renewal": _case(sample_pricebook, 3, 120_000, D(2027, 10, 1), start=D(2027, 3, 15)),
        "top_up": _case(forfeit, 1, 41_539, D(2026, 3, 14)),
        "overage": _case(sample_pricebook, 1, 40_123, D(2026, 3, 14)),
        "none": _case(sample_pricebook, 1, 30_000, D(2026, 3, 14)),
    }


def _texts(wb: Workbook, sheet: str) -> list[Any]:
    return [cell.value for row in wb[sheet].iter_rows() for cell in row if cell.value is not None]


def test_the_analysis_sheet_comes_first_then_the_renewal_quotes_sheets(cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]]) -> None:
    _, quotation, content = cases["top_up"]
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Analysis", "Quote", "Price book"]
    assert wb.active.title == "Analysis"
    assert quotation.first_year.annual_credits in _texts(wb, "Quote")
    assert wb.properties.title.startswith("Renewal analysis DRAFT-")
    for ws in wb.worksheets:
        assert ws.protection.sheet is True


def test_the_inputs_are_the_subscription_and_the_usage_highlighted_and_unlocked(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]],
) -> None:
    analysis, _, content = cases["early_renewal"]
    wb = load_workbook(io.BytesIO(content))
    written = {name: _named(wb, name) for name in INPUTS}
    s = analysis.subscription
    assert [written[name].value for name in ("SubscriptionCredits", "SubscriptionYears", "UsedCredits")] == [
        s.annual_credits,
        s.years,
        120_000,
    ]
    prices = [as_decimal(written[name].value, 4) for name in ("SubscriptionPricePerCredit", "SubscriptionOveragePrice")]
    assert prices == [s.price_per_credit, s.overage_price]
    assert written["UsageThrough"].value == dt.datetime(2027, 10, 1)
    for cell in written.values():
        assert cell.protection.locked is False and cell.fill.fgColor.rgb.endswith("FFF2CC")
    assert _named(wb, "YearFirstDay").value == dt.datetime(2027, 3, 15)
    assert as_decimal(_named(wb, "EarlyRenewalAnnualSubscription").value, 2) == Decimal("170476.00")  # the engine's quote, as a value


def test_the_sheet_carries_the_analysis_in_words_and_the_top_up_expiry(cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]]) -> None:
    analysis, quotation, content = cases["top_up"]
    texts = _texts(load_workbook(io.BytesIO(content)), "Analysis")
    for sentence in [wording.forecast_text(analysis), *wording.renewal_texts(analysis), wording.renewal_quote_text(analysis, quotation)]:
        assert sentence in texts
    assert "Top-up: a one-off purchase of credits that expire at the end of the contract year" in texts
    assert "the credits expire at the end of the contract year (31 December 2026); they do not roll over" in texts


def _named(wb: Workbook, name: str) -> Any:
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][ref.replace("$", "")]


# --- the formulas against the engine, after LibreOffice recalculates -----------------------------------------------


def _expected(a: RenewalAnalysis) -> dict[str, Any]:
    """Every figure of the Analysis sheet as the engine has it."""
    fc, e, t = a.forecast, a.early_renewal, a.top_up
    return {
        "ForecastCredits": fc.credits,
        "ElapsedDays": fc.elapsed_days,
        "RemainingDays": fc.remaining_days,
        "YearDays": fc.year.days,
        "ExcessCredits": a.excess_credits,
        "UnusedCredits": a.unused_credits,
        "AnnualFee": a.subscription.annual_fee,
        "OverageCredits": a.overage.credits,
        "OverageCost": a.overage.cost,
        "TopUpCredits": t.credits if t else 0,
        "TopUpPricePerCredit": t.price_per_credit if t else None,
        "TopUpCost": t.cost if t else None,
        "EarlyRenewalStart": e.start,
        "EarlyRenewalCreditForUnused": e.credit_for_unused,
        "EarlyRenewalCostThisYear": e.cost_this_year,
        "Recommendation": RECOMMENDATION_WORDS[a.recommendation.value],
    }


def _recalculated(wb: Workbook, names: list[str]) -> dict[str, Any]:
    """The named figures as a reader sees them: money and prices as Decimals, dates as dates."""
    found: dict[str, Any] = {}
    for name in names:
        got = value(wb, name)
        if isinstance(got, dt.datetime):
            got = got.date()
        elif got == "":  # empty text (no top-up) may read back as no value
            got = None
        elif name in MONEY and got is not None:
            got = as_decimal(got, 4 if "Price" in name else 2)
        found[name] = got
    return found


@pytest.fixture(scope="module")
def recalculated(cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]], sample_pricebook: PriceBook) -> dict[str, Workbook]:
    """The four workbooks and one with other usage typed in, recalculated in one LibreOffice run."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    contents = {kind: content for kind, (_, _, content) in cases.items()}
    contents["edited"] = edit(cases["overage"][2], {"UsedCredits": 123_456, "UsageThrough": dt.datetime(2026, 7, 31)})
    return recalculate(contents)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["early_renewal", "top_up", "overage", "none"])
def test_every_figure_of_the_analysis_sheet_is_the_engines(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]], recalculated: dict[str, Workbook], kind: str
) -> None:
    expected = _expected(cases[kind][0])
    assert _recalculated(recalculated[kind], list(expected)) == expected


@pytest.mark.slow
def test_the_run_out_day_follows_the_rate_so_far(recalculated: dict[str, Workbook]) -> None:
    # 41,539 credits in 73 days: the 200,000th is used on day ceil(200,000 x 73 / 41,539) = 352, 18 December 2026
    assert value(recalculated["top_up"], "RunOutDay") == dt.datetime(2026, 12, 18)
    assert value(recalculated["none"], "RunOutDay") == "not this year"


@pytest.mark.slow
def test_other_usage_typed_in_recalculates_as_the_engine_analyses_it(
    recalculated: dict[str, Workbook], cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]], sample_pricebook: PriceBook
) -> None:
    subscription = cases["overage"][0].subscription
    fresh = analyse(sample_pricebook, subscription, 123_456, D(2026, 7, 31))  # day 212: F = ceil(123,456 x 365 / 212) = 212,554
    assert fresh.forecast.credits == 212_554 and fresh.top_up is not None
    expected = {name: figure for name, figure in _expected(fresh).items() if not name.startswith("EarlyRenewalCost")}
    expected.pop("Recommendation")  # the new contract's price is the engine's value for the usage as written
    assert _recalculated(recalculated["edited"], list(expected)) == expected


@pytest.mark.parametrize("kind", ["early_renewal", "top_up", "overage", "none"])
def test_a_viewer_that_does_not_calculate_shows_the_engines_analysis(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]], kind: str
) -> None:
    """The values the file caches, read without recalculating (a mail or phone preview): every figure is the engine's."""
    analysis, _, content = cases[kind]
    expected = _expected(analysis)
    assert _recalculated(load_workbook(io.BytesIO(content), data_only=True), list(expected)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["early_renewal", "top_up", "overage", "none"])
def test_libreoffice_recalculates_every_formula_to_the_value_the_file_caches(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]], recalculated: dict[str, Workbook], kind: str
) -> None:
    differences, compared = cached_against(cases[kind][2], recalculated[kind])
    assert compared > 100  # the Analysis sheet and the renewal quote's sheets
    assert differences == []


def test_an_analysis_from_illustrative_prices_says_so_on_the_sheet_and_every_printed_page(
    cases: dict[str, tuple[RenewalAnalysis, Quotation, bytes]], real_pricebook: PriceBook
) -> None:
    wb = load_workbook(io.BytesIO(cases["overage"][2]))
    assert wb["Analysis"]["C2"].value == wording.ILLUSTRATIVE_NOTE
    assert [ws.oddHeader.center.text for ws in wb.worksheets] == ["ILLUSTRATIVE PRICES · NOT AN OFFER"] * 3
    real = load_workbook(io.BytesIO(_case(real_pricebook, 1, 40_123, D(2026, 3, 14))[2]))
    assert real["Analysis"]["C2"].value is None
    assert [ws.oddHeader.center.text for ws in real.worksheets] == [None, None, None]
