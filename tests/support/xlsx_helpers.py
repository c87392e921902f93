"""The quote workbook in tests: the worked examples, a workbook rendered from one, and its named cells."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string

from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, price_quote

REQUIRED_NAMES = (
    "Interactions",
    "Years",
    "CreditsPerInteraction",
    "AnnualCredits",
    "PricePerCredit",
    "AnnualSubscription",
    "OveragePricePerCredit",
    "TotalContractValue",
)

INPUT_NAMES = (
    "Interactions",
    "Years",
    "GenerativeAI",
    "IntentManager",
    "PerformanceOptimizer",
    "DiscountPercent",
    "CarePackage",
    "ServicesHours",
    "SmsPerMonth",
    "WhatsAppPerMonth",
)

INFO = DocumentInfo("Q-2026-0042", dt.date(2026, 11, 27), dt.date(2026, 12, 27), "letter")

EXAMPLE_1 = QuoteRequest((1_200_000,), years=3, generative_ai=True, intent_manager=True)

EXAMPLE_2 = QuoteRequest((58_000,), generative_ai=True, intent_manager=True, performance_optimizer=True)

EXAMPLE_3 = QuoteRequest((30_000,))

EXAMPLE_4 = QuoteRequest((95_000,))

EXAMPLE_5 = replace(EXAMPLE_1, care_package=True, services_hours=Decimal(40))

RAMP = QuoteRequest((100_000, 400_000, 1_200_000), years=3, generative_ai=True, care_package=True)


def workbook_of(pricebook: PriceBook, request: QuoteRequest) -> tuple[Quotation, Workbook, bytes]:
    """The quotation of `request`, its workbook as openpyxl reads it back, and the file's bytes."""
    quotation = price_quote(pricebook, request)
    content = render_xlsx(quotation, INFO)
    return quotation, load_workbook(io.BytesIO(content)), content


def named_cell(wb: Workbook, name: str) -> Any:
    """The cell (or range of cells) a workbook-level defined name points at."""
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][ref.replace("$", "")]


def column_width(ws: Any, letter: str) -> float:
    """The width stored for column `letter`; a file may store one width for a run of columns (XlsxWriter does)."""
    index = column_index_from_string(letter)
    found = [d.width for d in ws.column_dimensions.values() if d.min is not None and d.min <= index <= (d.max or d.min)]
    assert found, f"column {letter} of {ws.title} has no width of its own"
    return float(found[0])


def shown_width(stored: float) -> float:
    """The characters of Calibri 11 a column shows for the width stored in the file, as Excel's column dialog shows it.

    The file stores a width padded by 5 pixels at 7 pixels a digit (XlsxWriter writes 34 characters as 34.71).
    """
    return round((stored * 7 - 5) / 7, 1)


def customer_cell(wb: Workbook) -> Any:
    """The cell that holds the customer's name in the Quote sheet's header."""
    ws = wb["Quote"]
    label = next(cell for row in ws.iter_rows(max_row=6) for cell in row if cell.value == "Customer")
    return ws.cell(row=label.row, column=label.column + 1)
