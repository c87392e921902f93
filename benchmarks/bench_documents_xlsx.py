"""How long the 3-year quote workbook takes to write, against XlsxWriter's floor: a plain workbook with as many cells.

The workbook was written with openpyxl until formulas had to carry their values (XlsxWriter writes both); openpyxl's
floor is measured beside it, so the two libraries' own costs can be told apart from the workbook's.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

import xlsxwriter
from openpyxl import Workbook, load_workbook

from cpiquote.documents.info import document_info
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import Quotation, QuoteRequest, price_quote
from cpiquote.services import open_pricebook

RUNS = 25
COLUMNS = 10


def worked_quotation() -> Quotation:
    """The worked example: 1,200,000 interactions, 3 years, Generative AI and Intent Manager, Care Package, 40 hours."""
    request = QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
                           customer="Contoso Retail Ltd", contact="Jane Doe")  # fmt: skip
    return price_quote(open_pricebook(), request)


def cell_count(content: bytes) -> int:
    """How many cells hold something in the workbook (the floor gets as many)."""
    wb = load_workbook(io.BytesIO(content))
    return sum(1 for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None)


def floor_xlsx(cells: int) -> bytes:
    """A plain XlsxWriter workbook with `cells` numbers and no styles, saved to memory."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet()
    for index in range(cells):
        ws.write_number(index // COLUMNS, index % COLUMNS, index * 1.5)
    wb.close()
    return buffer.getvalue()


def openpyxl_floor_xlsx(cells: int) -> bytes:
    """A plain openpyxl workbook with `cells` numbers and no styles, saved to memory (the former writer's floor)."""
    wb = Workbook()
    ws = wb.active
    for index in range(cells):
        ws.cell(row=index // COLUMNS + 1, column=index % COLUMNS + 1, value=index * 1.5)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def median_ms(actions: list[Callable[[], object]], runs: int = RUNS) -> list[float]:
    """The median wall time of each action in milliseconds, run in turn so that a busy machine slows them alike."""
    times: list[list[float]] = [[] for _ in actions]
    for run_index in range(runs + 1):
        for action, measured in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            if run_index:  # the first round warms up imports and caches
                measured.append((time.perf_counter() - start) * 1000)
    return [statistics.median(measured) for measured in times]


def run() -> list[str]:
    """Two lines: the workbook's median render time against XlsxWriter's floor (target < 200 ms and < 3x), and
    openpyxl's floor for the same cells."""
    quotation = worked_quotation()
    info = document_info(quotation, quote_number="Q-BENCH", quote_date=dt.date(2026, 11, 27))
    cells = cell_count(render_xlsx(quotation, info))
    actions = [lambda: render_xlsx(quotation, info), lambda: floor_xlsx(cells), lambda: openpyxl_floor_xlsx(cells)]
    render, floor, openpyxl_floor = median_ms(actions)
    return [
        f"xlsx: 3-year quote workbook (XlsxWriter, formulas with values) {render:.1f} ms "
        f"(floor {floor:.1f} ms for {cells} plain cells, ratio {render / floor:.1f}x)",
        f"xlsx: openpyxl floor for the same {cells} plain cells {openpyxl_floor:.1f} ms (the former writer's library)",
    ]
