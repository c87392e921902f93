"""The quote as a live Excel workbook: the quote's content, inputs a reader can change, and formulas that reprice it.

The "Quote" sheet holds the inputs (yellow, unlocked) and every figure as a formula implementing
pricing-rules.md section 2 over the "Price book" sheet; tests recalculate it with LibreOffice and
compare with the engine to the cent. Nothing here formats a figure the formulas compute.
"""

from __future__ import annotations

import datetime as dt
import re

from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.xlsx.cells import ILLUSTRATIVE_COLOUR, Book, Sheet, clean_text
from cpiquote.documents.xlsx.pricebook_sheet import PRICEBOOK_SHEET, write_pricebook_sheet
from cpiquote.documents.xlsx.quote_sheet import QUOTE_SHEET, QuoteSheet
from cpiquote.documents.xlsx.widths import fit_figure_columns, largest_figures
from cpiquote.documents.xlsx.writer import HEADER_FOOTER_LIMIT, save_book
from cpiquote.pricing import Quotation
from cpiquote.wording import ILLUSTRATIVE_NOTE

DEFAULT_COMPANY = "Live Assist for Dynamics 365"


def render_xlsx(quotation: Quotation, info: DocumentInfo) -> bytes:
    """The workbook's bytes: a protected Quote sheet with live formulas and the Price book sheet they read."""
    return save_book(quote_workbook(quotation, info))


def quote_workbook(quotation: Quotation, info: DocumentInfo) -> Book:
    """The quote's workbook, not yet saved (other documents add sheets to it), written for the company in its `company`."""
    company, company_lines = company_details()
    # created on the quote date, so the same quote gives the same file
    wb = Book(company, dt.datetime.combine(info.quote_date, dt.time()))
    add_quote_sheets(wb, quotation, info, company_lines)
    _set_properties(wb, quotation, info)
    return wb


def add_quote_sheets(
    wb: Book, quotation: Quotation, info: DocumentInfo, company_lines: str, titles: tuple[str, str] = (QUOTE_SHEET, PRICEBOOK_SHEET)
) -> Sheet:
    """Add the quote's sheet and the price book sheet its formulas read (named `titles`), finished for print; returns
    the quote's sheet."""
    quote = QuoteSheet(wb, quotation, info, company_lines, titles).write()
    pricebook = write_pricebook_sheet(wb, quotation, titles[1])
    largest = largest_figures(quotation.pricebook)
    for ws, title_rows in ((quote, "1:6"), (pricebook, "1:4")):
        fit_figure_columns(ws, largest)
        finish_sheet(ws, info, title_rows, pricebook_footer(quotation))
        if quotation.pricebook.illustrative:
            mark_illustrative(ws)
    quote.freeze = "A6"
    return quote


def pricebook_footer(quotation: Quotation) -> str:
    """The print footer naming the price book the figures come from."""
    return f"{quotation.pricebook.name}, version {quotation.pricebook.version} ({quotation.pricebook.short_hash})"


def company_details() -> tuple[str, str]:
    """Company name and a one-line address with the sales contact, from the shipped branding when it can be read."""
    try:
        from cpiquote.documents.branding import BrandingError, load_branding
    except ImportError:  # a build without the branding module still writes a workbook
        return DEFAULT_COMPANY, ""
    try:
        branding = load_branding()
    except BrandingError:
        return DEFAULT_COMPANY, ""
    return branding.company_name, " · ".join([*branding.address_lines, branding.sales_contact])


def finish_sheet(ws: Sheet, info: DocumentInfo, title_rows: str, footer: str) -> None:
    """Protect the sheet without a password and set it up to print landscape, fit to the page width."""
    ws.protected = True
    ws.paper = "letter" if info.paper == "letter" else "a4"
    first, _, last = title_rows.partition(":")
    ws.title_rows = (int(first), int(last))
    right = "&R&8 Page &P of &N"
    ws.footer = "&L&8 " + _footer_text(footer, HEADER_FOOTER_LIMIT - len("&L&8 ") - len(right)) + right


def mark_illustrative(ws: Sheet) -> None:
    """Head every printed page of a sheet priced from an illustrative price book with "Illustrative prices · not an offer"."""
    ws.header = f"&C&9 &K{ILLUSTRATIVE_COLOUR}" + _footer_text(ILLUSTRATIVE_NOTE.upper(), HEADER_FOOTER_LIMIT)


def _footer_text(text: str, room: int) -> str:
    """Text for a print header or footer, at most `room` characters: `&` doubled so it is not read as a code, and an
    `&` before G or [ written as a full-width ＆ (XlsxWriter would count "&&G" as a picture and drop the footer)."""
    text = re.sub(r"&(?=[G\[])", "＆", clean_text(text).replace("\n", " ")).replace("&", "&&")
    return text if len(text) <= room else text[: room - 1].rstrip("&") + "…"


def _set_properties(wb: Book, quotation: Quotation, info: DocumentInfo) -> None:
    """Document properties a file browser or mail client shows: title with the quote number, company, subject."""
    customer = clean_text(quotation.request.customer)
    wb.properties = {
        "title": f"Quote {clean_text(info.quote_number)}",
        "author": wb.company,
        "subject": f"Quote for {customer}" if customer else "Quote",
        "keywords": "quote, Live Assist, credits",
        "comments": (
            f"Priced with {quotation.pricebook.name}, version {quotation.pricebook.version} "
            f"({quotation.pricebook.short_hash}). Yellow cells are inputs; every figure is a live formula."
        ),
    }
