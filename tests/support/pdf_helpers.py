"""The quote PDF in tests: render a request as a customer gets it, and read its pages back as text."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import Decimal

import pytest
from pypdf import PdfReader

from cpiquote import formatting as fmt
from cpiquote.documents.info import document_info
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, price_quote
from cpiquote.pricing.limits import MAX_FIGURE, MAX_SERVICES_HOURS

QUOTE_DATE = dt.date(2026, 11, 27)

WORKED = QuoteRequest(
    (1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
    customer="Contoso Retail Ltd", contact="Jane Doe",
)  # fmt: skip

# The largest quote the engine accepts: every count at MAX_FIGURE, every option on, the most services hours.
LARGEST = QuoteRequest(
    (MAX_FIGURE,), 5, generative_ai=True, intent_manager=True, performance_optimizer=True, care_package=True,
    services_hours=MAX_SERVICES_HOURS, sms_per_month=MAX_FIGURE, whatsapp_mtm_per_month=MAX_FIGURE,
    customer="Contoso Retail Ltd", contact="Jane Doe",
)  # fmt: skip


def render(
    pricebook: PriceBook, request: QuoteRequest, number: str | None = "Q-2026-0042", paper: str | None = None
) -> tuple[Quotation, bytes]:
    """The quotation of `request` and its PDF, numbered `number` (None: a draft), dated QUOTE_DATE, byte-identical run to run."""
    quotation = price_quote(pricebook, request)
    info = document_info(quotation, quote_number=number, quote_date=QUOTE_DATE, paper=paper)
    return quotation, render_pdf(quotation, info, invariant=True)


def pages_text(data: bytes) -> list[str]:
    """Each page's extracted text with runs of whitespace made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def all_text(data: bytes) -> str:
    """The whole document's text, pages joined."""
    return " ".join(pages_text(data))


def figures(quotation: Quotation) -> set[str]:
    """Every figure of the quotation as a customer reads it."""
    cur = quotation.pricebook.currency
    shown = {fmt.money(quotation.total_contract_value, cur)}
    if quotation.services:
        shown.add(fmt.money(quotation.services, cur))
    for y in quotation.years:
        shown |= {fmt.money(y.annual_subscription, cur), fmt.price(y.price_per_credit, cur), fmt.price(y.overage_price_per_credit, cur),
                  fmt.price(y.list_price_per_credit, cur), fmt.count(y.annual_credits), fmt.count(y.interactions)}  # fmt: skip
        if y.care_package:
            shown.add(fmt.money(y.care_package, cur))
    for invoice in quotation.invoices:
        shown |= {fmt.money(invoice.amount, cur), fmt.money(invoice.subscription, cur)}
    return shown


@dataclass(frozen=True)
class Word:
    """A word as poppler's pdftotext places it: its text, page (1-based) and box in points from the top left."""

    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Word) -> bool:
        """Whether the two boxes share more than a hair (glyph boxes of neighbouring lines may touch)."""
        return (
            self.page == other.page
            and min(self.x1, other.x1) - max(self.x0, other.x0) > 0.5
            and min(self.y1, other.y1) - max(self.y0, other.y0) > 0.5
        )


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def words(data: bytes) -> tuple[list[Word], tuple[float, float]]:
    """Every word of the PDF with its box (text drawn over other text runs into one word), and the page size."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    out = subprocess.run([tool, "-bbox", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    found, page = [], 0
    for line in out.splitlines():
        page += bool(_PAGE.search(line))
        match = _WORD.search(line)
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append(Word(html.unescape(match.group(5)), page, x0, y0, x1, y1))
    size = _PAGE.search(out)
    assert size is not None
    return found, (float(size.group(1)), float(size.group(2)))
