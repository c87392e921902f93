"""Quotes sized in credits (pricing-rules.md section 2, rule 3) in the text output, the PDF and the workbook.

A year without a forecast shows no interactions and no required credits (a dash, never "0" or "None"); ordered credits
read as ordered, beside the forecast and the credits it needs; the under-order warning reaches the customer; and the
workbook's ordered-credits inputs reprice exactly as the engine does once LibreOffice recalculates them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from recalc import SOFFICE, as_decimal, cells, edit, recalculate, value

from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.documents.text import render_text
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, price_quote

INFO = DocumentInfo("Q-2026-0042", dt.date(2026, 11, 27), dt.date(2026, 12, 27), "letter")

# pricing-rules.md section 3, and the example of a price break taken at 140,000 interactions
CREDITS_ONLY = QuoteRequest(ordered_credits_per_year=(250_000,), years=2, generative_ai=True)
FORECAST_AND_ORDER = QuoteRequest((140_000,), years=3, generative_ai=True, intent_manager=True, ordered_credits_per_year=(250_000,))
COVERED = QuoteRequest((95_000,), ordered_credits_per_year=(100_000,))
UNDER_ORDERED = QuoteRequest((60_000,), generative_ai=True, ordered_credits_per_year=(50_000,))
RAMP_ONE_ORDERED = QuoteRequest((140_000, 300_000), years=2, generative_ai=True, ordered_credits_per_year=(250_000, None))
FORECAST_ONLY = QuoteRequest((95_000,))

UNDER_ORDERED_FOR_THE_CUSTOMER = (
    "The forecast interactions need 40,000 more credits than the 50,000 ordered a year. Usage beyond the credits ordered is "
    "invoiced as overage at $1.2350 a credit: an expected $49,400.00 a year."
)


def text_of(pricebook: PriceBook, request: QuoteRequest) -> str:
    return render_text(price_quote(pricebook, request))


def table_row(text: str, first: str) -> list[str]:
    """The cells of the text output's row whose first cell starts with `first` (cells are two or more spaces apart)."""
    line = next(line for line in text.splitlines() if line.strip().startswith(first + " "))
    return re.split(r"\s{2,}", line.strip())


def pdf_text(pricebook: PriceBook, request: QuoteRequest) -> str:
    """Every page's text as a reader sees it, with runs of white space as one space."""
    data = render_pdf(price_quote(pricebook, replace(request, customer="Contoso Ltd")), INFO, invariant=True)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def workbook_of(pricebook: PriceBook, request: QuoteRequest) -> Workbook:
    return load_workbook(io.BytesIO(render_xlsx(price_quote(pricebook, request), INFO)))


def named(wb: Workbook, name: str) -> list[Any]:
    """The cells a defined name refers to, top to bottom."""
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    found = wb[sheet][ref.replace("$", "")]
    return [row[0] for row in found] if isinstance(found, tuple) else [found]


# --- text output -----------------------------------------------------------------------------------


def test_text_of_a_credits_only_quote_shows_dashes_and_what_the_credits_buy(sample_pricebook: PriceBook) -> None:
    text = text_of(sample_pricebook, CREDITS_ONLY)
    assert "None" not in text
    order = "250,000 credits ordered a year, with no forecast: up to 166,666 interactions a year at 1.5 credits each"
    assert f"\nOrder                     {order}\n" in text
    header = table_row(text, "Year")
    assert header[:5] == ["Year", "Interactions", "Required credits", "Credits ordered", "Credits"]
    for year in ("1", "2"):
        assert table_row(text, year) == [year, "–", "–", "250,000", "250,000", "250,000", "$0.7500", "$0.7200", "$180,000.00", "$0.00"]
    assert table_row(text, "Total") == ["Total contract value", "$360,000.00"]


def test_text_keeps_the_forecast_beside_the_credits_ordered(sample_pricebook: PriceBook) -> None:
    text = text_of(sample_pricebook, FORECAST_AND_ORDER)
    assert "250,000 credits ordered a year, for a forecast of 140,000 interactions a year that needs 238,000 credits" in text
    assert table_row(text, "1")[:5] == ["1", "140,000", "238,000", "250,000", "250,000"]


def test_text_of_a_ramp_names_each_years_order(sample_pricebook: PriceBook) -> None:
    text = text_of(sample_pricebook, RAMP_ONE_ORDERED)
    assert "Year 1: 250,000 credits ordered (the forecast of 140,000 interactions needs 210,000); year 2: as the forecast requires" in text
    assert table_row(text, "2")[:5] == ["2", "300,000", "450,000", "as required", "450,000"]


def test_text_of_an_under_order_warns_the_sales_person(sample_pricebook: PriceBook) -> None:
    text = text_of(sample_pricebook, UNDER_ORDERED)
    assert table_row(text, "1")[:5] == ["1", "60,000", "90,000", "50,000", "50,000"]
    assert "The forecast needs 40,000 credits more than the 50,000 ordered: an expected overage of $49,400.00 a year" in text


def test_text_of_a_quote_without_credits_ordered_reads_as_before(sample_pricebook: PriceBook) -> None:
    text = text_of(sample_pricebook, FORECAST_ONLY)
    assert not [line for line in text.splitlines() if line.startswith("Order ")]
    assert table_row(text, "Year") == [
        "Year",
        "Interactions",
        "Credits",
        "Band from",
        "List price",
        "Net price",
        "Annual subscription",
        "Care Package",
    ]
    assert table_row(text, "1") == ["1", "95,000", "95,000", "1", "$0.9500", "$0.9500", "$90,250.00", "$0.00"]


# --- PDF -----------------------------------------------------------------------------------------------


def test_pdf_of_a_credits_only_quote_shows_no_interactions_and_what_the_credits_buy(sample_pricebook: PriceBook) -> None:
    text = pdf_text(sample_pricebook, CREDITS_ONLY)
    assert "None" not in text
    assert "CREDITS A YEAR PRICE PER CREDIT ANNUAL SUBSCRIPTION TOTAL CONTRACT VALUE 250,000 $0.7200 $180,000.00 $360,000.00" in text
    assert "ordered; up to 166,666 interactions" in text
    for year in (1, 2):
        assert f"{year} – 250,000 † 250,000 $0.7500 4% 0% $0.7200 $180,000.00" in text
    assert "† 250,000 credits ordered a year, with no forecast: up to 166,666 interactions a year at 1.5 credits each." in text


def test_pdf_keeps_the_forecast_and_its_required_credits_beside_the_credits_ordered(sample_pricebook: PriceBook) -> None:
    text = pdf_text(sample_pricebook, FORECAST_AND_ORDER)
    assert "ordered; the forecast needs 238,000" in text
    assert "1 140,000 250,000 † 250,000 $0.7500 8% 0% $0.6900 $172,500.00" in text
    assert "† 250,000 credits ordered a year, for a forecast of 140,000 interactions a year that needs 238,000 credits." in text


def test_pdf_tells_the_customer_about_an_under_order(sample_pricebook: PriceBook) -> None:
    text = pdf_text(sample_pricebook, UNDER_ORDERED)
    assert f"Notes • {UNDER_ORDERED_FOR_THE_CUSTOMER} Usage terms" in text  # the bullet prints in DejaVu Sans, embedded
    assert "The forecast needs 40,000 credits more" not in text  # the sales person's wording stays in the tool


def test_pdf_of_a_ramp_marks_only_the_year_with_credits_ordered(sample_pricebook: PriceBook) -> None:
    text = pdf_text(sample_pricebook, RAMP_ONE_ORDERED)
    assert "1 140,000 250,000 † 250,000" in text
    assert "2 300,000 450,000 250,000" in text
    order = "Year 1: 250,000 credits ordered (the forecast of 140,000 interactions needs 210,000); year 2: as the forecast requires"
    assert f"† {order}." in text


def test_pdf_of_a_quote_without_credits_ordered_has_no_order_note(sample_pricebook: PriceBook) -> None:
    text = pdf_text(sample_pricebook, FORECAST_ONLY)
    assert "†" not in text
    assert "95,000 $0.9500 $90,250.00 $90,250.00 1 credit per interaction net of" in text
    assert "1 95,000 95,000 1 $0.9500" in text


# --- workbook, read back -----------------------------------------------------------------------------


def test_workbook_of_a_credits_only_quote_has_an_empty_forecast_and_the_order_as_an_input(sample_pricebook: PriceBook) -> None:
    wb = workbook_of(sample_pricebook, CREDITS_ONLY)
    (interactions,), (ordered,) = named(wb, "Interactions"), named(wb, "OrderedCredits")
    assert interactions.value is None
    assert ordered.value == 250_000
    for cell in (interactions, ordered):
        assert cell.protection.locked is False
        assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    label = wb["Quote"].cell(row=ordered.row, column=1).value
    assert label == "Credits ordered a year (empty: as required)"


def test_workbook_of_a_ramp_has_an_ordered_credits_input_per_year(sample_pricebook: PriceBook) -> None:
    wb = workbook_of(sample_pricebook, RAMP_ONE_ORDERED)
    ordered = named(wb, "OrderedCreditsByYear")
    assert [cell.value for cell in ordered] == [250_000, None, None, None, None]
    assert all(cell.protection.locked is False and cell.fill.fgColor.rgb.endswith("FFF2CC") for cell in ordered)
    assert [cell.value for cell in named(wb, "InteractionsByYear")] == [140_000, 300_000, 300_000, 300_000, 300_000]
    assert named(wb, "OrderedCredits")[0].coordinate == ordered[0].coordinate


def test_workbook_year_table_has_required_ordered_shortfall_and_overage(sample_pricebook: PriceBook) -> None:
    wb = workbook_of(sample_pricebook, FORECAST_AND_ORDER)
    row = named(wb, "AnnualCreditsByYear")[0].row - 1
    titles = [cell.value for cell in wb["Quote"][row] if cell.value]
    assert titles[:5] == ["Year", "Interactions", "Required credits", "Credits ordered", "Annual credits"]
    assert titles[-3:] == ["Shortfall credits", "Expected overage a year", "Note"]


def ordered_credits_rule(wb: Workbook, cell: Any) -> Any:
    return next(rule for rule in wb["Quote"].data_validations.dataValidation if cell.coordinate in rule.sqref)


def test_ordered_credits_inputs_accept_only_whole_blocks_from_the_minimum_or_empty(sample_pricebook: PriceBook) -> None:
    for request, name in ((CREDITS_ONLY, "OrderedCredits"), (RAMP_ONE_ORDERED, "OrderedCreditsByYear")):
        wb = workbook_of(sample_pricebook, request)
        for cell in named(wb, name):
            rule = ordered_credits_rule(wb, cell)
            assert rule.allow_blank is True  # empty: as the forecast requires
            assert rule.showErrorMessage is True
            assert rule.error == (
                "Order whole blocks of 1,000 credits, at least 50,000 a year; leave it empty to order as the forecast requires."
            )


def test_the_notes_as_issued_tell_the_customer_about_an_under_order(sample_pricebook: PriceBook) -> None:
    wb = workbook_of(sample_pricebook, UNDER_ORDERED)
    notes = [cell.value for row in wb["Quote"].iter_rows() for cell in row if isinstance(cell.value, str) and cell.value.startswith("• ")]
    assert f"• {UNDER_ORDERED_FOR_THE_CUSTOMER}" in notes


# --- workbook formulas, proved with LibreOffice ----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A workbook rendered from `request`, with `changes` typed into its inputs, that must price as `expected`."""

    request: QuoteRequest
    changes: dict[str, Any] = field(default_factory=dict)
    expected: QuoteRequest | None = None


CASES = {
    "credits-only": Case(CREDITS_ONLY),
    "forecast-and-order": Case(FORECAST_AND_ORDER),
    "covered": Case(COVERED),
    "under-ordered": Case(UNDER_ORDERED),
    "ramp-one-ordered": Case(RAMP_ONE_ORDERED),
    "order-typed-in": Case(FORECAST_ONLY, {"OrderedCredits": 100_000}, COVERED),
    "order-cleared": Case(FORECAST_AND_ORDER, {"OrderedCredits": None}, replace(FORECAST_AND_ORDER, ordered_credits_per_year=())),
    "forecast-added": Case(CREDITS_ONLY, {"Interactions": 200_000}, replace(CREDITS_ONLY, interactions_per_year=(200_000,))),
    "ramp-order-moved": Case(
        RAMP_ONE_ORDERED,
        {"OrderedCreditsByYear": [None, 400_000, None, None, None], "Years": 3},
        QuoteRequest((140_000, 300_000, 300_000), years=3, generative_ai=True, ordered_credits_per_year=(None, 400_000, None)),
    ),
}
BY_YEAR = {  # defined name: (what each year of the engine's quotation holds, decimals; None for a count)
    "InteractionsByYear": ("interactions", None),
    "RequiredCreditsByYear": ("required_credits", None),
    "OrderedCreditsByYear": ("ordered_credits", None),
    "AnnualCreditsByYear": ("annual_credits", None),
    "PricePerCreditByYear": ("price_per_credit", 4),
    "AnnualSubscriptionByYear": ("annual_subscription", 2),
    "CarePackageByYear": ("care_package", 2),
    "OveragePricePerCreditByYear": ("overage_price_per_credit", 4),
    "ShortfallCreditsByYear": ("shortfall_credits", None),
    "ExpectedOverageByYear": ("expected_overage", 2),
}


def _figure(number: Any, places: int | None) -> Any:
    if number in (None, ""):
        return None
    return int(number) if places is None else as_decimal(number, places)


def recalculated_figures(wb: Workbook, years: int) -> dict[str, Any]:
    """Each contract year's figures and the totals, as the recalculated workbook shows them."""
    figures: dict[str, Any] = {name: [_figure(n, places) for n in cells(wb, name)[:years]] for name, (_, places) in BY_YEAR.items()}
    figures["InvoiceAmounts"] = [_figure(n, 2) for n in cells(wb, "InvoiceAmounts")[:years]]
    figures["TotalContractValue"] = _figure(value(wb, "TotalContractValue"), 2)
    return figures


def engine_figures(quotation: Quotation) -> dict[str, Any]:
    """The same figures from the engine's quotation."""
    figures: dict[str, Any] = {name: [getattr(y, attribute) for y in quotation.years] for name, (attribute, _) in BY_YEAR.items()}
    figures["InvoiceAmounts"] = [invoice.amount for invoice in quotation.invoices]
    figures["TotalContractValue"] = quotation.total_contract_value
    return figures


@dataclass
class Recalculated:
    workbooks: dict[str, Workbook]
    expected: dict[str, Quotation]


@pytest.fixture(scope="module")
def recalculated(sample_pricebook: PriceBook, graduated_pricebook: PriceBook) -> Recalculated:
    """Every case in both tier modes, edited and recalculated in one LibreOffice run, beside the validation probes."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it to prove the workbook's formulas")
    contents: dict[str, bytes] = {}
    expected: dict[str, Quotation] = {}
    for mode, pricebook in (("volume", sample_pricebook), ("graduated", graduated_pricebook)):
        for name, case in CASES.items():
            content = render_xlsx(price_quote(pricebook, case.request), INFO)
            contents[f"{mode}-{name}"] = edit(content, case.changes) if case.changes else content
            expected[f"{mode}-{name}"] = price_quote(pricebook, case.expected or case.request)
    contents["validation"] = validation_probes(render_xlsx(price_quote(sample_pricebook, RAMP_ONE_ORDERED), INFO))
    return Recalculated(recalculate(contents), expected)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["volume", "graduated"])
@pytest.mark.parametrize("case", list(CASES))
def test_recalculated_workbook_equals_the_engine(recalculated: Recalculated, mode: str, case: str) -> None:
    key = f"{mode}-{case}"
    quotation = recalculated.expected[key]
    assert recalculated_figures(recalculated.workbooks[key], quotation.request.years) == engine_figures(quotation)


@pytest.mark.slow
def test_recalculated_worked_examples_as_written(recalculated: Recalculated) -> None:
    credits_only = recalculated.workbooks["volume-credits-only"]
    assert cells(credits_only, "InteractionsByYear")[:2] == [None, None]  # blank, not 0
    assert cells(credits_only, "RequiredCreditsByYear")[:2] == [None, None]
    assert as_decimal(value(credits_only, "PricePerCredit"), 4) == Decimal("0.7200")
    assert as_decimal(value(credits_only, "AnnualSubscription"), 2) == Decimal("180000.00")
    assert as_decimal(value(credits_only, "TotalContractValue"), 2) == Decimal("360000.00")
    covered = recalculated.workbooks["volume-covered"]
    assert (value(covered, "RequiredCredits"), value(covered, "AnnualCredits")) == (95_000, 100_000)
    assert as_decimal(value(covered, "AnnualSubscription"), 2) == Decimal("85000.00")
    assert value(covered, "PriceBreakCredits") in (None, "")
    under = recalculated.workbooks["volume-under-ordered"]
    assert (value(under, "RequiredCredits"), value(under, "AnnualCredits"), value(under, "ShortfallCredits")) == (90_000, 50_000, 40_000)
    assert as_decimal(value(under, "OveragePricePerCredit"), 4) == Decimal("1.2350")
    assert as_decimal(value(under, "ExpectedOverage"), 2) == Decimal("49400.00")
    assert as_decimal(value(under, "AnnualSubscription"), 2) == Decimal("47500.00")


@pytest.mark.slow
def test_recalculated_notes_follow_the_order(recalculated: Recalculated) -> None:
    def notes(key: str, years: int) -> list[Any]:
        wb = recalculated.workbooks[key]
        first = named(wb, "AnnualCreditsByYear")[0].row
        column = next(cell.column for cell in wb["Quote"][first - 1] if cell.value == "Note")
        return [wb["Quote"].cell(row=first + offset, column=column).value for offset in range(years)]

    assert notes("volume-under-ordered", 1) == ["Under-ordered: overage expected"]
    assert notes("volume-credits-only", 2) == ["No forecast given: sized in credits"] * 2  # why two columns are blank
    assert notes("volume-forecast-added", 2) == ["Under-ordered: overage expected"] * 2  # 200,000 interactions need 300,000
    assert notes("volume-forecast-and-order", 3) == [None] * 3  # 250,000 ordered cover the 238,000 required


PROBES = {250_000: True, 50_000: True, 250_500: False, 49_000: False, 1_000_000_000_000: True, 1_000_000_001_000: False}


def validation_probes(content: bytes) -> bytes:
    """The ramp's workbook with the ordered-credits validation formula evaluated for each probe value in spare cells."""
    wb = load_workbook(io.BytesIO(content))
    first = named(wb, "OrderedCreditsByYear")[0]
    formula = ordered_credits_rule(wb, first).formula1
    ws = wb["Quote"]
    for row, probe in enumerate(PROBES, 1):
        ws[f"Y{row}"] = probe
        ws[f"Z{row}"] = "=" + re.sub(rf"\b{first.coordinate}\b", f"Y{row}", formula)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.slow
def test_the_ordered_credits_validation_accepts_whole_blocks_from_the_minimum(recalculated: Recalculated) -> None:
    ws = recalculated.workbooks["validation"]["Quote"]
    assert {probe: ws[f"Z{row}"].value for row, probe in enumerate(PROBES, 1)} == PROBES
