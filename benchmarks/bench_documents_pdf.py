"""How long the 3-year quote PDF takes to render, against reportlab's floor: one plain table holding as much content.

The floor is what reportlab itself needs for a document of the same size: a SimpleDocTemplate on the same paper whose one
Table has as many cells as the quote has pieces of content (every text in a table cell, every paragraph, the logo; see
`content_count`), in the same embedded DejaVu Sans TrueType fonts (bold header row), written with the same binary streams.
Embedding and subsetting a TrueType font is the library's cost, so the floor pays it too.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

from cpiquote.documents.branding import load_branding
from cpiquote.documents.info import DocumentInfo, document_info
from cpiquote.documents.pdf.document import render_pdf, story
from cpiquote.documents.pdf.page import PAPER, binary_streams, content_width
from cpiquote.documents.pdf.sections import Logo
from cpiquote.documents.pdf.tables import QuoteContext
from cpiquote.documents.pdf.text import FONT, FONT_BOLD, make_styles, register_fonts
from cpiquote.pricing import Quotation, QuoteRequest, price_quote
from cpiquote.services import open_pricebook

RUNS = 15
COLUMNS = 9
FLOOR_TEXT = "$1,032,240.00"


def worked_quotation() -> Quotation:
    """The worked example: 1,200,000 interactions, 3 years, Generative AI and Intent Manager, Care Package, 40 hours."""
    request = QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
                           customer="Contoso Retail Ltd", contact="Jane Doe")  # fmt: skip
    return price_quote(open_pricebook(), request)


def content_count(content: object) -> int:
    """How many pieces of content `content` holds: one per text in a table cell, per paragraph (in a cell or not) and per image.

    Counting texts rather than cells keeps the figure the same however the quote lays them out (a key-figure box is three
    texts whether it is one cell of paragraphs or three cells of strings); empty cells are not content.
    """
    if isinstance(content, (list, tuple)):
        return sum(content_count(item) for item in content)
    if isinstance(content, KeepTogether):
        return content_count(content._content)
    if isinstance(content, Table):
        return sum(content_count(cell) for row in content._cellvalues for cell in row)
    if isinstance(content, str):
        return 1 if content.strip() else 0
    return 1 if isinstance(content, (Paragraph, Logo)) else 0


def cell_count(quotation: Quotation, info: DocumentInfo) -> int:
    """How many cells the floor's table gets: as many as the quote document has pieces of content."""
    brand = load_branding()
    ctx = QuoteContext(quotation, info, brand, make_styles(brand.primary_colour, brand.accent_colour), content_width(info.paper))
    return content_count(story(ctx))


def floor_pdf(cells: int, paper: str) -> bytes:
    """A plain SimpleDocTemplate on `paper` with one Table of `cells` money cells in DejaVu Sans, its header row in bold."""
    register_fonts()  # once per process, as for the quote: registration is not part of writing a document
    rows = [[FLOOR_TEXT] * COLUMNS for _ in range(-(-cells // COLUMNS))]
    rows[-1] = rows[-1][: cells - COLUMNS * (len(rows) - 1)] + [""] * (COLUMNS * len(rows) - cells)
    table = Table(rows, repeatRows=1, style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)]))
    buffer = io.BytesIO()
    with binary_streams():
        SimpleDocTemplate(buffer, pagesize=PAPER[paper]).build([table])
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
    """One line: the quote's median render time, the floor's and what it is, and their ratio (target < 200 ms and within 3x)."""
    quotation = worked_quotation()
    info = document_info(quotation, quote_number="Q-BENCH", quote_date=dt.date(2026, 11, 27))
    start = time.perf_counter()
    render_pdf(quotation, info)
    first = (time.perf_counter() - start) * 1000
    cells = cell_count(quotation, info)
    floor_pdf(cells, info.paper)
    quote = median_ms(lambda: render_pdf(quotation, info))
    floor = median_ms(lambda: floor_pdf(cells, info.paper))
    return [
        f"pdf: 3-year quote {quote:.1f} ms median of {RUNS} (first render {first:.0f} ms incl. font loading); floor {floor:.1f} ms for a "
        f"plain SimpleDocTemplate ({info.paper}) with one {cells}-cell table (one per text, paragraph and image "
        f"of the quote) in embedded DejaVu Sans and Bold; ratio {quote / floor:.1f}x; target < 200 ms and < 3x"
    ]


if __name__ == "__main__":
    print("\n".join(run()))
