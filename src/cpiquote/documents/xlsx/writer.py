"""Writes a built workbook (cells.Book) with XlsxWriter: every formula with the figure it computes cached beside it.

openpyxl writes formulas with no cached value, so a viewer that does not calculate (mail and phone previews,
`openpyxl` with data_only=True) showed blank totals. XlsxWriter writes a formula and its result together, and marks
the workbook for a full recalculation on load, so Excel still reprices it from the inputs. Every text goes through
`write_string` after `clean_text`: nothing typed becomes a number, a link or a formula, or breaks the file.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cpiquote.documents.xlsx.cells import INPUT_BORDER, RULE_COLOUR, Book, Cell, Figure, Look, Sheet, Validation, clean_text

OPTIONS = {"in_memory": True, "constant_memory": False, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
PAPER_SIZES = {"letter": 1, "a4": 9}
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 0 of Excel's 1900 date system, past its 1900 leap-year quirk
HEADER_FOOTER_LIMIT = 255  # characters Excel keeps of a header or footer


def save_book(book: Book) -> bytes:
    """The workbook's bytes: its sheets in order, defined names, document properties."""
    buffer = io.BytesIO()
    workbook = Workbook(buffer, OPTIONS)
    formats = _Formats(workbook)
    for sheet in book.sheets:
        _write_sheet(workbook.add_worksheet(sheet.title), sheet, formats)
    for name, ref in book.names.items():
        workbook.define_name(name, "=" + ref)
    workbook.set_properties({**book.properties, "company": clean_text(book.company), "created": book.created})
    workbook.close()
    return buffer.getvalue()


class _Formats:
    """One XlsxWriter format per look, made when a cell first needs it."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.made: dict[Look, Format] = {}

    def __call__(self, look: Look) -> Format:
        found = self.made.get(look)
        if found is None:
            found = self.made[look] = self.workbook.add_format(_properties(look))
        return found


def _properties(look: Look) -> dict[str, Any]:
    """XlsxWriter's format properties of a look (Calibri 11, Excel's default, unless the look says otherwise)."""
    properties: dict[str, Any] = {"font_name": "Calibri", "font_size": look.size, "bold": look.bold, "italic": look.italic}
    optional = {
        "num_format": look.number_format,
        "font_color": look.colour and "#" + look.colour,
        "align": look.horizontal,
        "valign": look.vertical,
        "indent": look.indent or None,
    }
    properties |= {key: value for key, value in optional.items() if value is not None}
    if look.wrap:
        properties["text_wrap"] = True
    if look.fill:
        properties |= {"pattern": 1, "bg_color": "#" + look.fill}
    if look.top_rule:
        properties |= {"top": 1, "top_color": "#" + RULE_COLOUR}
    if look.bottom_rule:
        properties |= {"bottom": 1, "bottom_color": "#" + RULE_COLOUR}
    if look.is_input:
        properties |= {"border": 1, "border_color": "#" + INPUT_BORDER, "locked": False}
    if look.quote_prefix:
        properties["quote_prefix"] = True
    return properties


def _write_sheet(ws: Worksheet, sheet: Sheet, formats: _Formats) -> None:
    """Cells, sizes, validations, panes, protection and print setup of one sheet."""
    for (row, column), cell in sorted(sheet.cells.items()):
        _write_cell(ws, row, column, cell, formats(cell.look))
    for column, width in sorted(sheet.widths.items()):
        ws.set_column(column, column, width)
    for row, height in sorted(sheet.heights.items()):
        ws.set_row(row - 1, height)
    for rule, refs in sheet.validations.items():
        _write_validation(ws, rule, refs)
    if sheet.freeze:
        ws.freeze_panes(sheet.freeze)
    if sheet.protected:
        ws.protect()
    _print_setup(ws, sheet)


def _write_cell(ws: Worksheet, row: int, column: int, cell: Cell, cell_format: Format) -> None:
    """One cell: a formula with its cached figure, text as text, a number, a date, or an empty cell with its look."""
    value = cell.value
    if cell.formula is not None:
        ws.write_formula(row, column, "=" + cell.formula, cell_format, cached(value))
    elif isinstance(value, str):
        _write_text(ws, row, column, clean_text(value), cell_format)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, column, dt.datetime.combine(value, dt.time()), cell_format)
    elif value is None:
        ws.write_blank(row, column, None, cell_format)
    else:
        ws.write_number(row, column, _number(value), cell_format)


def _write_text(ws: Worksheet, row: int, column: int, text: str, cell_format: Format) -> None:
    """Text as text. XlsxWriter copies a string that looks like rich-text markup ("<r>...</r>") into the file
    unescaped, which would break it, so such text is written as a rich string of two plain runs (escaped)."""
    if text.startswith("<r>") and text.endswith("</r>"):
        ws.write_rich_string(row, column, cell_format, text[:1], cell_format, text[1:], cell_format)
    else:
        ws.write_string(row, column, text, cell_format)


def cached(value: Figure) -> float | int | str:
    """A formula's result as the file caches it: a number, text ("" for empty), or a date as Excel's serial day."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dt.date):
        return (value - EXCEL_EPOCH).days
    return _number(value)


def _number(value: Decimal | int) -> float | int:
    """The engine's Decimal as the spreadsheet's number (the cell boundary: nothing before it is a float)."""
    if isinstance(value, int) or value == value.to_integral_value():
        return int(value)
    return float(value)


def _write_validation(ws: Worksheet, rule: Validation, refs: list[str]) -> None:
    """One data validation over every cell it checks."""
    options: dict[str, Any] = {
        "validate": rule.kind,
        "ignore_blank": rule.allow_blank,
        "error_title": rule.title,
        "error_message": rule.message,
        "show_input": False,
        "multi_range": " ".join(refs),
    }
    if rule.kind == "custom":
        options["value"] = "=" + rule.formula
    else:
        options |= {"criteria": "between", "minimum": rule.minimum, "maximum": rule.maximum}
    first = refs[0].split(":")
    ws.data_validation(f"{first[0]}:{first[-1]}", options)


def _print_setup(ws: Worksheet, sheet: Sheet) -> None:
    """Landscape on the quote's paper, fit to the page width, centred, with the title rows, header and footer."""
    ws.set_landscape()
    ws.set_paper(PAPER_SIZES[sheet.paper])
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=1, bottom=1)
    if sheet.title_rows:
        ws.repeat_rows(sheet.title_rows[0] - 1, sheet.title_rows[1] - 1)
    if sheet.header:
        ws.set_header(sheet.header, margin=0.5)
    if sheet.footer:
        ws.set_footer(sheet.footer, margin=0.5)
    if sheet.row_breaks:
        ws.set_h_pagebreaks(sheet.row_breaks)
