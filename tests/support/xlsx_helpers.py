"""The quote workbook in tests: the worked examples, a workbook rendered from one, and its named cells."""

from __future__ import annotations

import datetime as dt
import io
import math
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


def cached_against(content: bytes, recalculated: Workbook) -> tuple[list[tuple[str, Any, Any]], int]:
    """Every formula cell of the workbook `content` whose cached value differs from its value in `recalculated`
    (as sheet!cell, cached, recalculated), and how many formula cells were compared. Empty text and no value are
    alike (a file caches an empty result as no value); numbers agree to a millionth of a cent."""
    formulas, cached = load_workbook(io.BytesIO(content)), load_workbook(io.BytesIO(content), data_only=True)
    differences, compared = [], 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in (cell for cell in row if cell.data_type == "f"):
                compared += 1
                mine, theirs = cached[ws.title][cell.coordinate].value, recalculated[ws.title][cell.coordinate].value
                if not _same(mine, theirs):
                    differences.append((f"{ws.title}!{cell.coordinate}", mine, theirs))
    return differences, compared


def _same(mine: Any, theirs: Any) -> bool:
    mine, theirs = (None if value == "" else value for value in (mine, theirs))
    if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
        return math.isclose(mine, theirs, rel_tol=1e-12, abs_tol=1e-8)
    return bool(mine == theirs)


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
