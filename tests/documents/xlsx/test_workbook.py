"""The live quote workbook as a whole: header and properties, protection, print setup and export.

Its formulas are proved against the engine after LibreOffice recalculates (slow; skipped where LibreOffice is missing).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from recalc import SOFFICE, as_decimal, cells, edit, recalculate, value
from xlsx_helpers import (
    EXAMPLE_1,
    EXAMPLE_2,
    EXAMPLE_3,
    EXAMPLE_4,
    EXAMPLE_5,
    INFO,
    INPUT_NAMES,
    RAMP,
    REQUIRED_NAMES,
    cached_against,
    column_width,
    customer_cell,
    named_cell,
    workbook_of,
)

from cpiquote.documents.info import document_info
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, TierMode, price_quote
from cpiquote.services import export


def test_header_shows_quote_number_dates_customer_and_company(sample_pricebook: PriceBook) -> None:
    _, wb, content = workbook_of(sample_pricebook, replace(EXAMPLE_1, customer="Contoso Ltd", contact="Ann Example"))
    ws = wb["Quote"]
    texts = {cell.value for row in ws.iter_rows(max_row=5) for cell in row if cell.value is not None}
    assert {"Live Assist for Dynamics 365", "Q-2026-0042", "Contoso Ltd", "Ann Example"} <= texts
    assert {dt.datetime(2026, 11, 27), dt.datetime(2026, 12, 27)} <= texts
    assert wb.properties.title == "Quote Q-2026-0042"
    assert wb.properties.creator == "Live Assist for Dynamics 365"
    app = zipfile.ZipFile(io.BytesIO(content)).read("docProps/app.xml").decode()
    assert "<Company>Live Assist for Dynamics 365</Company>" in app


def test_account_billing_address_sales_person_notes_and_terms_are_shown_as_typed(sample_pricebook: PriceBook) -> None:
    parties = {
        "account": "SITE-0042",
        "billing_address": "Accounts payable\n1 Harbour Street\nLeeds LS1 4AB",
        "sales_person": "=Sam Seller",  # text that looks like a formula stays text
        "notes": "Held until 31 December.\n" + "Longword " * 30,
        "terms": "Net 30.\nPrices exclude VAT.",
    }
    _, wb, _ = workbook_of(sample_pricebook, replace(EXAMPLE_1, **parties))
    rows = [[cell.value for cell in row if cell.value is not None] for row in wb["Quote"].iter_rows()]
    lines = [row for row in rows if row]
    at = lines.index(["Customer and sales person"])
    assert lines[at + 1 : at + 6] == [
        ["Account or Site ID", "SITE-0042"],
        ["Billing address", "Accounts payable"],
        ["1 Harbour Street"],
        ["Leeds LS1 4AB"],
        ["Sales person", "=Sam Seller"],
    ]
    notes = lines.index(["Notes"])
    assert lines[notes + 1][0] == "Held until 31 December." and all(len(line[0]) <= 110 for line in lines[notes + 1 : notes + 5])
    assert " ".join(line[0] for line in lines[notes + 2 : notes + 5]).split() == ["Longword"] * 30
    terms = lines.index(["Terms"])
    assert lines[terms + 1 : terms + 3] == [["Net 30."], ["Prices exclude VAT."]]


def test_a_quote_without_them_has_no_empty_sections(sample_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_1)
    texts = {cell.value for row in wb["Quote"].iter_rows() for cell in row}
    assert not texts & {"Customer and sales person", "Notes", "Terms"}


def test_inputs_are_highlighted_unlocked_and_everything_else_locked(sample_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_5)
    inputs = {named_cell(wb, name).coordinate for name in INPUT_NAMES}
    for name in INPUT_NAMES:
        cell = named_cell(wb, name)
        assert cell.protection.locked is False, name
        assert cell.fill.fgColor.rgb.endswith("FFF2CC"), name
    for ws in wb.worksheets:
        assert ws.protection.sheet is True
        assert ws.protection.password is None
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and not (ws.title == "Quote" and cell.coordinate in inputs):
                    assert cell.protection.locked is not False, f"{ws.title}!{cell.coordinate}"


def test_print_setup_freeze_and_paper(sample_pricebook: PriceBook) -> None:
    quotation = price_quote(sample_pricebook, EXAMPLE_1)
    wb = load_workbook(io.BytesIO(render_xlsx(quotation, replace(INFO, paper="a4"))))
    quote = wb["Quote"]
    assert quote.freeze_panes == "A6"
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)  # absent: 1, the file format's default
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert column_width(quote, "A") >= 30
    assert column_width(quote, "H") >= 15


def test_every_printed_page_of_an_illustrative_quote_says_so(sample_pricebook: PriceBook, real_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_1)
    assert [ws.oddHeader.center.text for ws in wb.worksheets] == ["ILLUSTRATIVE PRICES · NOT AN OFFER"] * 2
    _, real, _ = workbook_of(real_pricebook, EXAMPLE_1)
    assert [ws.oddHeader.center.text for ws in real.worksheets] == [None, None]


def test_export_writes_the_workbook(sample_pricebook: PriceBook, tmp_path: Path) -> None:
    quotation = price_quote(sample_pricebook, EXAMPLE_1)
    path = export(quotation, tmp_path / "quote.xlsx", document_info(quotation, "Q-1"))
    assert load_workbook(path).sheetnames == ["Quote", "Price book"]


def test_an_export_has_the_permissions_of_the_file_it_replaces_or_the_umasks(sample_pricebook: PriceBook, tmp_path: Path) -> None:
    quotation = price_quote(sample_pricebook, EXAMPLE_1)
    kept = tmp_path / "shared.xlsx"
    kept.write_bytes(b"old")
    kept.chmod(0o664)
    assert stat.S_IMODE(export(quotation, kept).stat().st_mode) == 0o664
    umask = os.umask(0o022)
    try:
        fresh = export(quotation, tmp_path / "new.xlsx")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644, "colleagues on a shared folder can read it"


@dataclass(frozen=True)
class Case:
    """A workbook rendered from `request`, with `changes` typed into its inputs, that must price as `expected`."""

    request: QuoteRequest
    changes: dict[str, Any] = field(default_factory=dict)
    expected: QuoteRequest | None = None


CASES = {
    "example-1": Case(EXAMPLE_1),
    "example-2": Case(EXAMPLE_2),
    "example-3-minimum": Case(EXAMPLE_3),
    "example-4-price-break": Case(EXAMPLE_4),
    "example-5-care-services": Case(EXAMPLE_5),
    "ramp": Case(RAMP),
    "to-minimum-order": Case(EXAMPLE_1, {"Interactions": 20_000}, replace(EXAMPLE_1, interactions_per_year=(20_000,))),
    "band-boundary": Case(EXAMPLE_4, {"Interactions": 99_001}, QuoteRequest((99_001,))),
    "price-break-higher-band": Case(
        EXAMPLE_1, {"Interactions": 2_850_000, "Years": 1}, replace(EXAMPLE_1, interactions_per_year=(2_850_000,), years=1)
    ),
    "top-band": Case(EXAMPLE_1, {"Interactions": 4_000_000}, replace(EXAMPLE_1, interactions_per_year=(4_000_000,))),
    "years-up": Case(EXAMPLE_1, {"Years": 5}, replace(EXAMPLE_1, years=5)),
    "years-down": Case(EXAMPLE_5, {"Years": 1}, replace(EXAMPLE_5, years=1)),
    "feature-flags": Case(
        EXAMPLE_1, {"GenerativeAI": 0, "PerformanceOptimizer": 1}, replace(EXAMPLE_1, generative_ai=False, performance_optimizer=True)
    ),
    "discount-half-up": Case(EXAMPLE_1, {"Years": 1, "DiscountPercent": 0.5}, replace(EXAMPLE_1, years=1, discount_percent=Decimal("0.5"))),
    "care-minimum": Case(EXAMPLE_3, {"CarePackage": 1}, replace(EXAMPLE_3, care_package=True)),
    "care-services-messages": Case(
        EXAMPLE_1,
        {"CarePackage": 1, "ServicesHours": 12.5, "SmsPerMonth": 12_345, "WhatsAppPerMonth": 678, "DiscountPercent": 12.5},
        replace(
            EXAMPLE_1,
            care_package=True,
            services_hours=Decimal("12.5"),
            sms_per_month=12_345,
            whatsapp_mtm_per_month=678,
            discount_percent=Decimal("12.5"),
        ),
    ),
    "ramp-edited": Case(
        RAMP,
        {"InteractionsByYear": [100_000, 250_000, 1_200_000, 1_200_000, 1_200_000], "Years": 4},
        replace(RAMP, interactions_per_year=(100_000, 250_000, 1_200_000, 1_200_000), years=4),
    ),
}

HOSTILE_CASE = "hostile-customer"
# Quotes sized in credits ordered, whose empty interactions and notes the cached values must get right as well
ORDERED_CASES = {
    "sized-in-credits": QuoteRequest(ordered_credits_per_year=(120_000,), years=2),
    "under-ordered": QuoteRequest((1_200_000,), years=3, generative_ai=True, ordered_credits_per_year=(1_000_000,)),
    "ramp-in-credits": QuoteRequest(years=3, ordered_credits_per_year=(60_000, 80_000, 100_000)),
}


def expected_figures(quotation: Quotation) -> dict[str, Any]:
    """What the workbook must show for a quotation, with blanks for the years beyond the contract."""
    blank = [None] * (quotation.pricebook.max_years - len(quotation.years))
    years = quotation.years
    price_break = quotation.first_year.price_break
    volume_only = (
        {}
        if quotation.pricebook.tier_mode == TierMode.GRADUATED
        else {"PriceBreak": price_break and (price_break.annual_credits, price_break.annual_subscription, price_break.saving)}
    )
    y1 = quotation.first_year
    return volume_only | {
        "Year 1 names": (y1.interactions, y1.annual_credits, y1.price_per_credit, y1.annual_subscription, y1.overage_price_per_credit),
        "Years": quotation.request.years,
        "CreditsPerInteraction": quotation.credits_per_interaction,
        "AnnualCredits": [y.annual_credits for y in years] + blank,
        "PricePerCredit": [y.price_per_credit for y in years] + blank,
        "AnnualSubscription": [y.annual_subscription for y in years] + blank,
        "CarePackage": [y.care_package for y in years] + blank,
        "OveragePricePerCredit": [y.overage_price_per_credit for y in years] + blank,
        "InvoiceAmounts": [invoice.amount for invoice in quotation.invoices] + blank,
        "ServicesFee": quotation.services,
        "TotalContractValue": quotation.total_contract_value,
        "PassThroughMonthly": quotation.pass_through.monthly_estimate,
        "PassThroughAnnual": quotation.pass_through.annual_estimate,
    }


def _figure(number: Any, places: int) -> Any:
    return None if number in (None, "") else as_decimal(number, places)


def figures_shown(wb: Workbook) -> dict[str, Any]:
    """The same figures read from a workbook's values (recalculated, or as the file caches them)."""

    def by_year(name: str, places: int) -> list[Any]:
        return [_figure(number, places) for number in cells(wb, name)]

    volume_only = {}
    if "PriceBreakCredits" in wb.defined_names:
        credits, fee, saving = (value(wb, name) for name in ("PriceBreakCredits", "PriceBreakSubscription", "PriceBreakSaving"))
        volume_only["PriceBreak"] = None if credits in (None, "") else (int(credits), _figure(fee, 2), _figure(saving, 2))
    year_1 = (
        value(wb, "Interactions"),
        value(wb, "AnnualCredits"),
        _figure(value(wb, "PricePerCredit"), 4),
        _figure(value(wb, "AnnualSubscription"), 2),
        _figure(value(wb, "OveragePricePerCredit"), 4),
    )
    return volume_only | {
        "Year 1 names": year_1,
        "Years": value(wb, "Years"),
        "CreditsPerInteraction": _figure(value(wb, "CreditsPerInteraction"), 4),
        "AnnualCredits": [None if n in (None, "") else int(n) for n in cells(wb, "AnnualCreditsByYear")],
        "PricePerCredit": by_year("PricePerCreditByYear", 4),
        "AnnualSubscription": by_year("AnnualSubscriptionByYear", 2),
        "CarePackage": by_year("CarePackageByYear", 2),
        "OveragePricePerCredit": by_year("OveragePricePerCreditByYear", 4),
        "InvoiceAmounts": by_year("InvoiceAmounts", 2),
        **{name: _figure(value(wb, name), 2) for name in ("ServicesFee", "TotalContractValue", "PassThroughMonthly", "PassThroughAnnual")},
    }


@dataclass
class Recalculated:
    """Every case's recalculated workbook, the engine's quotation of what it should show and the file recalculated."""

    workbooks: dict[str, Workbook]
    expected: dict[str, Quotation]
    contents: dict[str, bytes]


@pytest.fixture(scope="module")
def recalculated(sample_pricebook: PriceBook, graduated_pricebook: PriceBook) -> Recalculated:
    """Render every case in both tier modes, edit the inputs, and recalculate them all in one LibreOffice run."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it to prove the workbook's formulas")
    contents: dict[str, bytes] = {}
    expected: dict[str, Quotation] = {}
    for mode, pricebook in (("volume", sample_pricebook), ("graduated", graduated_pricebook)):
        for name, case in CASES.items():
            key = f"{mode}-{name}"
            content = render_xlsx(price_quote(pricebook, case.request), INFO)
            contents[key] = edit(content, case.changes) if case.changes else content
            expected[key] = price_quote(pricebook, case.expected or case.request)
    for name, request in ORDERED_CASES.items():
        contents[name] = render_xlsx(price_quote(sample_pricebook, request), INFO)
    contents[HOSTILE_CASE] = render_xlsx(price_quote(sample_pricebook, replace(EXAMPLE_1, customer="=1+1", contact="@SUM(1,2)")), INFO)
    return Recalculated(recalculate(contents), expected, contents)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["volume", "graduated"])
@pytest.mark.parametrize("case", list(CASES))
def test_recalculated_workbook_equals_the_engine(recalculated: Recalculated, mode: str, case: str) -> None:
    key = f"{mode}-{case}"
    assert figures_shown(recalculated.workbooks[key]) == expected_figures(recalculated.expected[key])


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["volume", "graduated"])
def test_worked_example_names_as_written(recalculated: Recalculated, mode: str) -> None:
    wb = recalculated.workbooks[f"{mode}-example-5-care-services"]
    names = {name: value(wb, name) for name in REQUIRED_NAMES}
    assert names["Interactions"] == 1_200_000
    assert names["Years"] == 3
    assert as_decimal(names["CreditsPerInteraction"], 2) == Decimal("1.70")
    assert names["AnnualCredits"] == 2_040_000
    if mode == "volume":
        assert as_decimal(names["PricePerCredit"], 4) == Decimal("0.5060")
        assert as_decimal(names["AnnualSubscription"], 2) == Decimal("1032240.00")
        assert as_decimal(names["OveragePricePerCredit"], 4) == Decimal("0.6578")
        assert as_decimal(names["TotalContractValue"], 2) == Decimal("3414392.00")
        invoices = [as_decimal(n, 2) for n in cells(wb, "InvoiceAmounts")[:3]]
        assert invoices == [Decimal("1143464.00"), Decimal("1135464.00"), Decimal("1135464.00")]


@pytest.mark.slow
def test_price_break_advice_follows_the_inputs(recalculated: Recalculated) -> None:
    as_quoted = recalculated.workbooks["volume-example-4-price-break"]
    advice = [value(as_quoted, name) for name in ("PriceBreakCredits", "PriceBreakSubscription", "PriceBreakSaving")]
    assert [advice[0], as_decimal(advice[1], 2), as_decimal(advice[2], 2)] == [100_000, Decimal("85000.00"), Decimal("5250.00")]
    edited = recalculated.workbooks["volume-band-boundary"]
    assert value(edited, "PriceBreakCredits") in (None, "")


@pytest.mark.slow
def test_graduated_price_per_credit_is_the_average(recalculated: Recalculated) -> None:
    quotation = recalculated.expected["graduated-example-1"]
    wb = recalculated.workbooks["graduated-example-1"]
    year = quotation.first_year
    assert len(year.lines) == 5
    assert as_decimal(value(wb, "PricePerCredit"), 4) == year.price_per_credit
    assert year.price_per_credit > Decimal("0.5060")


@pytest.mark.slow
def test_customer_text_stays_text_after_recalculation(recalculated: Recalculated) -> None:
    wb = recalculated.workbooks[HOSTILE_CASE]
    cell = customer_cell(wb)
    assert cell.value == "=1+1"
    assert wb["Quote"].cell(row=cell.row + 1, column=cell.column).value == "@SUM(1,2)"


AS_WRITTEN = [name for name, case in CASES.items() if not case.changes]  # workbooks as the tool writes them, not edited


@pytest.mark.parametrize("mode", ["volume", "graduated"])
@pytest.mark.parametrize("case", AS_WRITTEN)
def test_a_viewer_that_does_not_calculate_shows_the_engines_figures(
    sample_pricebook: PriceBook, graduated_pricebook: PriceBook, mode: str, case: str
) -> None:
    """Read as a mail or phone preview reads it (the values the file caches, no recalculation): every figure, to the cent."""
    quotation = price_quote(sample_pricebook if mode == "volume" else graduated_pricebook, CASES[case].request)
    cached = load_workbook(io.BytesIO(render_xlsx(quotation, INFO)), data_only=True)
    assert figures_shown(cached) == expected_figures(quotation)
    names = [*REQUIRED_NAMES, "ServicesFee", "TotalContractValue", "PassThroughMonthly", "PassThroughAnnual", "TermDiscountPercent"]
    assert [name for name in names if value(cached, name) in (None, "")] == []


def test_a_spreadsheet_recalculates_the_workbook_when_it_opens_it(sample_pricebook: PriceBook) -> None:
    """The cached figures are for a preview: Excel is told to recalculate every formula on opening the file."""
    content = render_xlsx(price_quote(sample_pricebook, EXAMPLE_1), INFO)
    assert 'fullCalcOnLoad="1"' in zipfile.ZipFile(io.BytesIO(content)).read("xl/workbook.xml").decode()


@pytest.mark.slow
@pytest.mark.parametrize(
    "key", [f"{mode}-{case}" for mode in ("volume", "graduated") for case in AS_WRITTEN] + [*ORDERED_CASES, HOSTILE_CASE]
)
def test_libreoffice_recalculates_every_formula_to_the_value_the_file_caches(recalculated: Recalculated, key: str) -> None:
    differences, compared = cached_against(recalculated.contents[key], recalculated.workbooks[key])
    assert compared > 100
    assert differences == []


def test_the_same_quote_gives_the_same_file(sample_pricebook: PriceBook) -> None:
    """Created on the quote date, with fixed times inside the zip: a quote exported twice is the same file, byte for byte."""
    quotation = price_quote(sample_pricebook, EXAMPLE_5)
    assert render_xlsx(quotation, INFO) == render_xlsx(quotation, INFO)
    assert load_workbook(io.BytesIO(render_xlsx(quotation, INFO))).properties.created == dt.datetime(2026, 11, 27)


def test_the_footer_names_a_price_book_whatever_its_name_holds(sample_pricebook: PriceBook) -> None:
    """A price book named with & codes (&G is a picture, &[Picture] too) still gets its footer, the name as written."""
    book = replace(sample_pricebook, name="R&D &G rates &[Picture] " + "x" * 300)
    wb = load_workbook(io.BytesIO(render_xlsx(price_quote(book, EXAMPLE_1), INFO)))
    footer = wb["Quote"].oddFooter.left.text
    assert footer.startswith("R&&D ＆G rates ＆[Picture] x") and footer.endswith("…")
    assert wb["Quote"].oddFooter.right.text == "Page &P of &N"
