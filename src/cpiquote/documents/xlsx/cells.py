"""Cell writing for the quote workbook: inputs that stand out, formulas, text that can never become a formula."""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import copy
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from babel.numbers import get_currency_symbol
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import absolute_coordinate
from openpyxl.workbook import Workbook
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

COUNT_FORMAT = "#,##0"
HOURS_FORMAT = "#,##0.##"
PERCENT_FORMAT = '0.00"%"'
RATE_FORMAT = "0.00##"
DATE_FORMAT = "d mmmm yyyy"
FLAG_FORMAT = "0"
ILLUSTRATIVE_COLOUR = "B03A2E"  # the PDF's red for what is not an offer (its DRAFT and illustrative marks)


@lru_cache(maxsize=64)
def font(*, bold: bool = False, italic: bool = False, size: float | None = None, color: str | None = None) -> Font:
    """The workbook's font (Calibri, as Excel's default style) with the given emphasis."""
    return Font(name="Calibri", bold=bold, italic=italic, size=size or 11, color=color)


INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
INPUT_FONT = font(color="1F4E9E", bold=True)
INPUT_BORDER = Border(*(Side(style="thin", color="BF9000"),) * 4)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
RULE = Side(style="thin", color="7F7F7F")
UNLOCKED = Protection(locked=False)
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")

# Text a spreadsheet would read as a formula or command (OWASP ASVS 1.2.10), and characters XML cannot hold.
# A carriage return cannot survive an XML parser (it reads back as a line feed), so it is written as one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Currencies whose Excel format carries a locale id, so Excel shows the symbol its users expect.
_LOCALE_IDS = {"USD": "409", "GBP": "809"}
_LOOKS: WeakKeyDictionary[Workbook, dict[tuple[object, ...], StyleArray]] = WeakKeyDictionary()


def currency_code(currency: str) -> str:
    """The bracketed currency part of an Excel number format, such as `[$$-409]` for US dollars."""
    symbol = get_currency_symbol(currency, locale="en_US")
    locale_id = _LOCALE_IDS.get(currency)
    tag = f"[${symbol}-{locale_id}]" if locale_id else f"[${symbol}]"
    return tag + (" " if symbol.isalpha() else "")


def money_format(currency: str) -> str:
    """Number format of an amount of money in `currency`, with cents."""
    return f"{currency_code(currency)}#,##0.00"


def price_format(currency: str) -> str:
    """Number format of a price per credit in `currency`: four decimal places, more when a list price has them."""
    return f"{currency_code(currency)}#,##0.0000##########"


def rate_format(currency: str) -> str:
    """Number format of a rate per unit (an hour) in `currency`: its cents, more decimals when the price book has them."""
    return f"{currency_code(currency)}#,##0.00############"


def _styled(cell: Cell, look: tuple[object, ...], build: Callable[[Cell], None]) -> Cell:
    """Give `cell` the style `build` sets, built once per workbook and look.

    openpyxl hashes every font, fill, border and format object each time one is assigned, which cost
    more than the rest of the render; a cell's style is a small array of indices, so a look built
    once is copied to the next cell that needs it.
    """
    workbook = cell.parent.parent
    if workbook is None:  # a sheet outside any workbook: no looks to share
        build(cell)
        return cell
    looks = _LOOKS.setdefault(workbook, {})
    known = looks.get(look)
    if known is None:
        build(cell)
        looks[look] = copy(cell._style)  # type: ignore[attr-defined]  # the style array; the stubs leave it out
    else:
        cell._style = copy(known)  # type: ignore[attr-defined]  # the style array; the stubs leave it out
    return cell


def _label_look(bold: bool, size: float | None, colour: str | None, italic: bool, right: bool) -> Callable[[Cell], None]:
    def build(cell: Cell) -> None:
        cell.font = font(bold=bold, size=size, color=colour, italic=italic)
        if right:
            cell.alignment = RIGHT

    return build


def put_label(
    ws: Worksheet,
    ref: str,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    colour: str | None = None,
    italic: bool = False,
    right: bool = False,
) -> Cell:
    """Write fixed wording of the document (never user text) with a simple font."""
    cell: Cell = ws[ref]  # a single cell: `ref` names one
    cell.value = text
    return _styled(cell, ("label", bold, size, colour, italic, right), _label_look(bold, size, colour, italic, right))


def put_text(ws: Worksheet, ref: str, text: str, *, bold: bool = False) -> Cell:
    """Write text someone typed (customer, contact, quote number) so that it stays text, whatever it starts with."""
    clean = clean_text(text)
    cell: Cell = ws[ref]  # a single cell: `ref` names one
    cell.value = clean
    cell.data_type = "s"
    if clean.startswith(_FORMULA_START):
        cell.quotePrefix = True
    if bold:
        cell.font = font(bold=True)
    return cell


def clean_text(text: str) -> str:
    """`text` without the characters an XML workbook cannot hold; a carriage return becomes a line feed."""
    return _NOT_IN_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def _number_look(number_format: str | None, bold: bool = False, is_input: bool = False) -> Callable[[Cell], None]:
    def build(cell: Cell) -> None:
        if number_format:
            cell.number_format = number_format
        if bold:
            cell.font = font(bold=True)
        if is_input:
            cell.fill, cell.font, cell.border, cell.protection = INPUT_FILL, INPUT_FONT, INPUT_BORDER, UNLOCKED

    return build


def put_formula(ws: Worksheet, ref: str, expression: str, number_format: str | None = None, *, bold: bool = False) -> Cell:
    """Write a live formula (`expression` without the leading `=`) with its number format."""
    cell: Cell = ws[ref]  # a single cell: `ref` names one
    cell.value = "=" + expression
    return _styled(cell, ("number", number_format, bold, False), _number_look(number_format, bold))


def put_value(ws: Worksheet, ref: str, value: Any, number_format: str | None = None) -> Cell:
    """Write a constant (a price book figure or a date)."""
    cell: Cell = ws[ref]  # a single cell: `ref` names one
    cell.value = value
    return _styled(cell, ("number", number_format, False, False), _number_look(number_format))


def put_input(ws: Worksheet, ref: str, value: Any, number_format: str) -> Cell:
    """Write an input: highlighted, unlocked, so the reader can change it on a protected sheet."""
    cell: Cell = ws[ref]  # a single cell: `ref` names one
    cell.value = value
    return _styled(cell, ("number", number_format, False, True), _number_look(number_format, is_input=True))


def _header_look(horizontal: str) -> Callable[[Cell], None]:
    def build(cell: Cell) -> None:
        cell.font, cell.fill, cell.border = font(bold=True), HEADER_FILL, Border(bottom=RULE)
        cell.alignment = Alignment(horizontal=horizontal, vertical="bottom", wrap_text=True)

    return build


def header_row(ws: Worksheet, row: int, first_column: int, titles: list[str]) -> None:
    """Write a table's header: bold, shaded, wrapped, right-aligned over figures (every column but the first)."""
    for offset, title in enumerate(titles):
        cell = ws.cell(row=row, column=first_column + offset, value=title)
        horizontal = "left" if offset == 0 else "right"
        _styled(cell, ("header", horizontal), _header_look(horizontal))


def total_style(cell: Cell) -> None:
    """Mark a total: bold with a rule above."""
    cell.font = font(bold=True)
    cell.border = Border(top=RULE)


def define(wb: Workbook, name: str, ws: Worksheet, ref: str) -> None:
    """Add a workbook-level defined name with an absolute reference and the sheet name quoted."""
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quoted(ws.title)}!{absolute_coordinate(ref)}")


def quoted(title: str) -> str:
    """A sheet name quoted for a formula or defined name, as Excel writes it: 'Price book'."""
    return "'" + title.replace("'", "''") + "'"
