"""The quote as a live Excel workbook: the quote's content, inputs a reader can change, and formulas that reprice it.

The "Quote" sheet holds the inputs (yellow, unlocked) and every figure as a formula implementing
pricing-rules.md section 2 over the "Price book" sheet; tests recalculate it with LibreOffice and
compare with the engine to the cent. Nothing here formats a figure the formulas compute.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import __version__ as openpyxl_version
from openpyxl.workbook import Workbook
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import ARC_APP, XPROPS_NS

from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.xlsx.cells import ILLUSTRATIVE_COLOUR, clean_text
from cpiquote.documents.xlsx.pricebook_sheet import write_pricebook_sheet
from cpiquote.documents.xlsx.quote_sheet import QuoteSheet
from cpiquote.documents.xlsx.widths import fit_figure_columns, largest_figures
from cpiquote.pricing import Quotation
from cpiquote.wording import ILLUSTRATIVE_NOTE

DEFAULT_COMPANY = "Live Assist for Dynamics 365"


def render_xlsx(quotation: Quotation, info: DocumentInfo) -> bytes:
    """The workbook's bytes: a protected Quote sheet with live formulas and the Price book sheet they read."""
    wb, company = quote_workbook(quotation, info)
    return save_workbook(wb, company)


def quote_workbook(quotation: Quotation, info: DocumentInfo) -> tuple[Workbook, str]:
    """The quote's workbook, not yet saved (other documents add sheets to it), and the company it is written for."""
    company, company_lines = _company()
    wb = Workbook()
    quote = QuoteSheet(wb, quotation, info, company, company_lines).write()
    pricebook = write_pricebook_sheet(wb, quotation.pricebook)
    largest = largest_figures(quotation.pricebook)
    for ws, title_rows in ((quote, "1:6"), (pricebook, "1:4")):
        fit_figure_columns(ws, largest)
        finish_sheet(ws, info, title_rows, pricebook_footer(quotation))
        if quotation.pricebook.illustrative:
            _mark_illustrative(ws)
    quote.freeze_panes = "A6"
    _set_properties(wb, quotation, info, company)
    return wb, company


def pricebook_footer(quotation: Quotation) -> str:
    """The print footer naming the price book the figures come from."""
    return f"{quotation.pricebook.name}, version {quotation.pricebook.version} ({quotation.pricebook.short_hash})"


def _company() -> tuple[str, str]:
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


def finish_sheet(ws: Worksheet, info: DocumentInfo, title_rows: str, footer: str) -> None:
    """Protect the sheet without a password and set it up to print landscape, fit to the page width."""
    ws.protection.sheet = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER if info.paper == "letter" else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.print_title_rows = title_rows
    ws.oddFooter = odd_footer = HeaderFooterItem()
    odd_footer.left.text = _footer_text(footer)
    odd_footer.left.size = 8
    odd_footer.right.text = "Page &P of &N"
    odd_footer.right.size = 8


def _mark_illustrative(ws: Worksheet) -> None:
    """Head every printed page of a sheet priced from an illustrative price book with "Illustrative prices · not an offer"."""
    ws.oddHeader = header = HeaderFooterItem()
    header.center.text = _footer_text(ILLUSTRATIVE_NOTE.upper())
    header.center.size = 9
    header.center.color = ILLUSTRATIVE_COLOUR


def _footer_text(text: str) -> str:
    """Text for a print footer, with `&` doubled so it is not read as a footer code."""
    return text.replace("&", "&&")


def _set_properties(wb: Workbook, quotation: Quotation, info: DocumentInfo, company: str) -> None:
    """Document properties a file browser or mail client shows: title with the quote number, company, subject."""
    properties = wb.properties
    properties.title = f"Quote {clean_text(info.quote_number)}"
    properties.creator = company
    customer = clean_text(quotation.request.customer)
    properties.subject = f"Quote for {customer}" if customer else "Quote"
    properties.keywords = "quote, Live Assist, credits"
    properties.description = (
        f"Priced with {quotation.pricebook.name}, version {quotation.pricebook.version} "
        f"({quotation.pricebook.short_hash}). Yellow cells are inputs; every figure is a live formula."
    )


class _CompanyArchive(ZipFile):
    """A zip that writes the company into the extended properties (openpyxl's writer leaves it out)."""

    company = DEFAULT_COMPANY

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if zinfo_or_arcname == ARC_APP:
            data = (
                f'<Properties xmlns="{XPROPS_NS}"><Application>Microsoft Excel Compatible / Openpyxl {openpyxl_version}</Application>'
                f"<Company>{escape(self.company)}</Company></Properties>"
            )
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)


def save_workbook(wb: Workbook, company: str) -> bytes:
    """Serialise the workbook into memory and return its bytes."""
    buffer = io.BytesIO()
    archive = _CompanyArchive(buffer, "w", ZIP_DEFLATED, allowZip64=True)
    archive.company = company
    ExcelWriter(wb, archive).save()
    return buffer.getvalue()
