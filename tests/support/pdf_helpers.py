"""The quote PDF in tests: render a request as a customer gets it, and read its pages back as text."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from pypdf import PdfReader

from cpiquote import formatting as fmt
from cpiquote.documents.info import document_info
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, price_quote

QUOTE_DATE = dt.date(2026, 11, 27)

WORKED = QuoteRequest(
    (1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
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
