"""A proposal as a live workbook: an Options sheet comparing them first, then each option's own quote and price sheets.

Each option's sheets are the quote workbook's (`add_quote_sheets`) under the option's name, their defined names local
to them (`Book.scopes`), so every option recalculates on its own; the Options sheet reads each option's figures by
those names, so editing an option's inputs updates the comparison too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.proposal import Option, what_differs
from cpiquote.documents.xlsx.cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    ILLUSTRATIVE_COLOUR,
    Book,
    Sheet,
    header_row,
    money_format,
    price_format,
    put_formula,
    put_label,
    put_text,
    put_value,
    quoted,
    total_style,
)
from cpiquote.documents.xlsx.workbook import add_quote_sheets, company_details, finish_sheet, mark_illustrative, pricebook_footer
from cpiquote.documents.xlsx.writer import save_book
from cpiquote.pricing import Quotation
from cpiquote.wording import ILLUSTRATIVE_NOTE

OPTIONS_SHEET = "Options"
TABLE_TOP = 7  # the options table's header row


def render_proposal_xlsx(options: Sequence[Option], info: DocumentInfo) -> bytes:
    """The proposal workbook's bytes: the Options sheet, then "Option 1" and "Option 1 prices" and so on."""
    return save_book(proposal_workbook(options, info))


def proposal_workbook(options: Sequence[Option], info: DocumentInfo) -> Book:
    """The proposal's workbook, not yet saved."""
    company, company_lines = company_details()
    wb = Book(company, dt.datetime.combine(info.quote_date, dt.time()))
    summary = wb.add_sheet(OPTIONS_SHEET)
    for option in options:
        titles = (option.name, f"{option.name} prices")
        wb.scopes = titles
        add_quote_sheets(wb, option.quotation, info, company_lines, titles)
    wb.scopes = ()
    OptionsSheet(summary, options, info, company).write()
    first = options[0].quotation
    finish_sheet(summary, info, f"1:{TABLE_TOP}", pricebook_footer(first))
    if first.pricebook.illustrative:
        mark_illustrative(summary)
    customer = first.request.customer.strip()
    wb.properties = {
        "title": f"Proposal {info.quote_number}",
        "author": company,
        "subject": f"Proposal for {customer}: {len(options)} options" if customer else f"Proposal: {len(options)} options",
        "keywords": "proposal, quote, Live Assist, credits",
        "comments": "Each option is priced in full on its own sheet; yellow cells there are inputs, and every figure is a live formula.",
    }
    return wb


# (label, the option sheet's defined name, number format maker, the engine's figure)
Row = tuple[str, str, Callable[[str], str], Callable[[Quotation], Decimal | int]]
ROWS: tuple[Row, ...] = (
    ("Contract term, years", "Years", lambda _currency: COUNT_FORMAT, lambda q: q.request.years),
    ("Credits a year (year 1)", "AnnualCredits", lambda _currency: COUNT_FORMAT, lambda q: q.first_year.annual_credits),
    ("Price per credit (year 1)", "PricePerCredit", price_format, lambda q: q.first_year.price_per_credit),
    ("Annual subscription (year 1)", "AnnualSubscription", money_format, lambda q: q.first_year.annual_subscription),
    ("Contract value", "TotalContractValue", money_format, lambda q: q.total_contract_value),
)


class OptionsSheet:
    """Writes the Options sheet: the proposal's details, then one column per option with what differs and its figures."""

    def __init__(self, ws: Sheet, options: Sequence[Option], info: DocumentInfo, company: str) -> None:
        self.ws, self.options, self.info, self.company = ws, options, info, company

    def write(self) -> None:
        """The header, the options table, and how to read it."""
        self.write_header()
        self.write_table()
        self.ws.freeze = f"B{TABLE_TOP + 1}"

    def write_header(self) -> None:
        ws, info, first = self.ws, self.info, self.options[0].quotation
        put_text(ws, "A1", self.company, bold=True, size=16, colour="1F3A5F")
        put_label(ws, "A2", "PROPOSAL", bold=True, size=14, colour="1F3A5F")
        if first.pricebook.illustrative:
            put_label(ws, "B2", ILLUSTRATIVE_NOTE, bold=True, colour=ILLUSTRATIVE_COLOUR)
        put_label(ws, "A3", "Customer", bold=True)
        put_text(ws, "B3", first.request.customer, bold=True)
        put_label(ws, "A4", "Proposal number", bold=True)
        put_text(ws, "B4", info.quote_number)
        put_label(ws, "A5", "Valid until", bold=True)
        put_value(ws, "B5", info.valid_until, DATE_FORMAT).restyle(horizontal="left")
        put_label(
            ws, "A6", "Each option is priced in full on its own sheet; change its yellow inputs there and this table follows.", italic=True
        )

    def write_table(self) -> None:
        ws, currency = self.ws, self.options[0].quotation.pricebook.currency
        header_row(ws, TABLE_TOP, 1, ["", *(option.name for option in self.options)])
        ws.width("A", 30)
        put_label(ws, f"A{TABLE_TOP + 1}", "What differs", bold=True)
        for column, (option, difference) in enumerate(zip(self.options, what_differs(self.options), strict=True)):
            letter = chr(ord("B") + column)
            ws.width(letter, 24)
            put_text(ws, f"{letter}{TABLE_TOP + 1}", difference).restyle(wrap=True, horizontal="right")
            for offset, (label, name, number_format, figure) in enumerate(ROWS, start=2):
                row = TABLE_TOP + offset
                put_label(ws, f"A{row}", label)
                cell = put_formula(
                    ws, f"{letter}{row}", f"{quoted(option.name)}!{name}", number_format(currency), value=figure(option.quotation)
                )
                if name == "TotalContractValue":
                    total_style(cell)
        total_style(ws.cell(f"A{TABLE_TOP + len(ROWS) + 1}"))
