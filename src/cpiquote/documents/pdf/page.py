"""The quote PDF's pages: paper size, margins, "Page X of Y" footer with the price book, and the DRAFT watermark."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from cpiquote.documents.pdf.text import DRAFT_RED, FONT, FONT_BOLD, MUTED, RULE, draw_text
from cpiquote.wording import ILLUSTRATIVE_NOTE

PAPER = {"letter": LETTER, "a4": A4}
MARGIN = 18 * mm
BOTTOM_MARGIN = 22 * mm


@dataclass(frozen=True)
class PageText:
    """What every page prints outside the content: running header, footer and watermark."""

    company: str
    quote_number: str
    pricebook: str  # "name, version 2026.1, hash 0123456789ab"
    draft: bool
    illustrative: bool = False  # priced from an illustrative price book: every page says so


class NumberedCanvas(Canvas):
    """A canvas that holds its pages until the end so each footer can say "Page X of Y"."""

    def __init__(self, *args: Any, page_text: PageText, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_text = page_text
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        """Keep the finished page; it is written in `save` once the page count is known."""
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # the reset showPage does after writing; not in the stubs

    def save(self) -> None:
        """Write every held page with its footer, then the file."""
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            draw_footer(self, self._page_text, total)
            super().showPage()
        super().save()


def page_size(canvas: Canvas) -> tuple[float, float]:
    """The width and height of the page `canvas` is drawing, in points."""
    size: tuple[float, float] = canvas._pagesize  # type: ignore[attr-defined]  # reportlab has no public getter; not in the stubs
    return size


def draw_footer(canvas: Canvas, text: PageText, total_pages: int) -> None:
    """The footer: quote number and price book on the left, "Page X of Y" on the right, over a thin rule."""
    width, _ = page_size(canvas)
    top = BOTTOM_MARGIN - 7 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, top + 3 * mm, width - MARGIN, top + 3 * mm)
    canvas.setFillColor(MUTED)
    draw_text(canvas, MARGIN, top, f"{text.company} · Quote {text.quote_number}", FONT, 7)
    draw_text(canvas, MARGIN, top - 9, f"Priced with price book {text.pricebook}", FONT, 7)
    canvas.setFont(FONT_BOLD, 7.5)
    canvas.drawRightString(width - MARGIN, top, f"Page {canvas.getPageNumber()} of {total_pages}")
    if text.illustrative:  # a line of its own under the footer, where a reader of any loose page sees it
        canvas.setFillColor(DRAFT_RED)
        canvas.drawRightString(width - MARGIN, top - 18, ILLUSTRATIVE_NOTE.upper())
    canvas.restoreState()


def draw_watermark(canvas: Canvas, text: PageText) -> None:
    """A faint diagonal DRAFT across the page behind the content of a draft quote."""
    if not text.draft:
        return
    width, height = page_size(canvas)
    canvas.saveState()
    canvas.setFillColor(DRAFT_RED, alpha=0.07)
    canvas.setFont(FONT_BOLD, 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, -40, "DRAFT")
    canvas.restoreState()


def draw_running_header(canvas: Canvas, text: PageText) -> None:
    """On pages after the first: the company and the quote number, so loose pages stay identifiable."""
    width, height = page_size(canvas)
    canvas.saveState()
    canvas.setFillColor(MUTED)
    draw_text(canvas, MARGIN, height - 11 * mm, text.company, FONT, 7)
    draw_text(canvas, width - MARGIN, height - 11 * mm, f"Quote {text.quote_number}", FONT, 7, right=True)
    if text.illustrative:
        canvas.setFillColor(DRAFT_RED)
        canvas.setFont(FONT_BOLD, 7)
        canvas.drawCentredString(width / 2, height - 11 * mm, ILLUSTRATIVE_NOTE.upper())
    canvas.restoreState()


def _later_page(canvas: Canvas, _doc: BaseDocTemplate, text: PageText) -> None:
    draw_watermark(canvas, text)
    draw_running_header(canvas, text)


def build_document(story: list[Flowable], paper: str, text: PageText, metadata: dict[str, str], invariant: bool) -> bytes:
    """Lay `story` out on Letter or A4 pages and return the PDF bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAPER[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        invariant=1 if invariant else 0,
        initialFontName=FONT,  # not reportlab's Helvetica, which would be the one font the PDF does not embed
        **metadata,
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="content", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )
    first: Callable[[Canvas, BaseDocTemplate], None] = lambda canvas, _doc: draw_watermark(canvas, text)  # noqa: E731
    later: Callable[[Canvas, BaseDocTemplate], None] = partial(_later_page, text=text)
    doc.addPageTemplates(
        [PageTemplate("first", [frame], onPage=first, autoNextPageTemplate="later"), PageTemplate("later", [frame], onPage=later)]
    )
    with binary_streams():
        doc.build(story, canvasmaker=partial(NumberedCanvas, page_text=text))
    return buffer.getvalue()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write compressed streams as binary instead of ASCII85 while building: a smaller file, written faster."""
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def content_width(paper: str) -> float:
    """The width of the text frame on `paper`, in points."""
    return float(PAPER[paper][0] - 2 * MARGIN)
