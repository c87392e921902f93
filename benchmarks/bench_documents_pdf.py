"""How long the 3-year quote PDF takes to render, against reportlab's floor: one plain table with as many cells."""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable, Iterable
from decimal import Decimal

from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Table

from cpiquote.documents.branding import load_branding
from cpiquote.documents.info import document_info
from cpiquote.documents.pdf import render_pdf, story
from cpiquote.documents.pdf_page import content_width
from cpiquote.documents.pdf_tables import QuoteContext
from cpiquote.documents.pdf_text import make_styles
from cpiquote.pricing import Quotation, QuoteRequest, price_quote
from cpiquote.services import open_pricebook

RUNS = 9
COLUMNS = 9


def worked_quotation() -> Quotation:
    """The worked example: 1,200,000 interactions, 3 years, Generative AI and Intent Manager, Care Package, 40 hours."""
    request = QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
                           customer="Contoso Retail Ltd", contact="Jane Doe")  # fmt: skip
    return price_quote(open_pricebook(), request)


def _tables(flowables: Iterable[Flowable]) -> Iterable[Table]:
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            yield from _tables(flowable._content)
        elif isinstance(flowable, Table):
            yield flowable


def cell_count(quotation: Quotation) -> int:
    """How many table cells the quote's story holds (the floor gets as many)."""
    info = document_info(quotation, quote_number="Q-BENCH", quote_date=dt.date(2026, 11, 27))
    brand = load_branding()
    ctx = QuoteContext(quotation, info, brand, make_styles(brand.primary_colour, brand.accent_colour), content_width(info.paper))
    return sum(len(table._cellvalues) * len(table._cellvalues[0]) for table in _tables(story(ctx)))


def floor_pdf(cells: int) -> bytes:
    """A plain SimpleDocTemplate with one default-styled Table of `cells` money cells."""
    rows = [["$1,032,240.00"] * COLUMNS for _ in range(-(-cells // COLUMNS))]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=LETTER, invariant=1).build([Table(rows, repeatRows=1)])
    return buffer.getvalue()


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of `action` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[str]:
    """One line: the quote's median render time, the floor's, and their ratio (target < 200 ms and within 3x)."""
    quotation = worked_quotation()
    info = document_info(quotation, quote_number="Q-BENCH", quote_date=dt.date(2026, 11, 27))
    start = time.perf_counter()
    render_pdf(quotation, info)
    first = (time.perf_counter() - start) * 1000
    quote = median_ms(lambda: render_pdf(quotation, info))
    cells = cell_count(quotation)
    floor = median_ms(lambda: floor_pdf(cells))
    return [
        f"pdf: 3-year quote {quote:.1f} ms median of {RUNS} (first render {first:.0f} ms incl. font loading; floor {floor:.1f} ms "
        f"for one plain table of {cells} cells, ratio {quote / floor:.1f}x; target < 200 ms and < 3x)"
    ]


if __name__ == "__main__":
    print("\n".join(run()))
