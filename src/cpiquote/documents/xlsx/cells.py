"""The workbook's cells before they are written: sheets of cells with their looks, inputs that stand out, formulas with
the engine's figure each computes, and text that can never become a formula.

The sheets are built here in memory and written by `writer.save_book` (XlsxWriter) once complete: columns are sized
after every cell is known (widths.py) and the renewal workbook puts its Analysis sheet before the quote's sheets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from babel.numbers import get_currency_symbol
from xlsxwriter.utility import xl_cell_to_rowcol, xl_rowcol_to_cell

COUNT_FORMAT = "#,##0"
HOURS_FORMAT = "#,##0.##"
PERCENT_FORMAT = '0.00"%"'
RATE_FORMAT = "0.00##"
DATE_FORMAT = "d mmmm yyyy"
FLAG_FORMAT = "0"
ILLUSTRATIVE_COLOUR = "B03A2E"  # the PDF's red for what is not an offer (its DRAFT and illustrative marks)
INPUT_FILL = "FFF2CC"
INPUT_COLOUR = "1F4E9E"
INPUT_BORDER = "BF9000"
HEADER_FILL = "DCE6F1"
RULE_COLOUR = "7F7F7F"

# What a cell holds as the engine has it: a figure, text, a date, or nothing. A formula's is the figure it computes.
Figure = Decimal | int | str | dt.date | None

# Text a spreadsheet would read as a formula or command (OWASP ASVS 1.2.10), and characters XML cannot hold
# (controls, lone surrogates, U+FFFE and U+FFFF). A carriage return cannot survive an XML parser (it reads back as a
# line feed), so it is written as one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Currencies whose Excel format carries a locale id, so Excel shows the symbol its users expect.
_LOCALE_IDS = {"USD": "409", "GBP": "809"}


@dataclass(frozen=True)
class Look:
    """How a cell looks: font, number format, alignment, fill and rules; `is_input` makes it a yellow, unlocked input."""

    number_format: str | None = None
    bold: bool = False
    italic: bool = False
    size: float = 11
    colour: str | None = None
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False
    indent: int = 0
    fill: str | None = None
    top_rule: bool = False
    bottom_rule: bool = False
    is_input: bool = False
    quote_prefix: bool = False


PLAIN = Look()


@dataclass
class Cell:
    """One cell: its value (a formula's computed figure; text is always written as text), its formula without the `=`,
    and its look."""

    value: Figure
    look: Look = PLAIN
    formula: str | None = None

    def restyle(self, **changes: object) -> Cell:
        """Change the cell's look (font, alignment...) and return the cell."""
        self.look = replace(self.look, **changes)  # type: ignore[arg-type]  # Look's own fields, checked by replace
        return self


@dataclass(frozen=True)
class Validation:
    """A data validation rule shared by cells: XlsxWriter's options without the cells."""

    kind: str
    minimum: str = ""
    maximum: str = ""
    formula: str = ""
    title: str = ""
    message: str = ""
    allow_blank: bool = False


@dataclass
class Sheet:
    """A worksheet being built: its cells by (row, column) from 0, sizes, validations and print setup."""

    title: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    validations: dict[Validation, list[str]] = field(default_factory=dict)
    freeze: str | None = None  # the first cell not frozen, "A6"
    title_rows: tuple[int, int] | None = None  # rows printed on every page, from 1
    header: str = ""
    footer: str = ""
    paper: str = "letter"
    row_breaks: list[int] = field(default_factory=list)  # rows (from 1) a page ends after
    protected: bool = False

    def cell(self, ref: str) -> Cell:
        """The cell at `ref` ("B3"), an empty one when nothing is written there yet."""
        key = xl_cell_to_rowcol(ref)
        found = self.cells.get(key)
        if found is None:
            found = self.cells[key] = Cell(None)
        return found

    def put(self, ref: str, cell: Cell) -> Cell:
        """Place `cell` at `ref` and return it."""
        self.cells[xl_cell_to_rowcol(ref)] = cell
        return cell

    def validate(self, rule: Validation, ref: str) -> None:
        """Check the cells of `ref` (one cell or a range) with `rule`."""
        self.validations.setdefault(rule, []).append(ref)

    def width(self, column: str, characters: float) -> None:
        """Make column `column` ("A") `characters` wide."""
        self.widths[xl_cell_to_rowcol(f"{column}1")[1]] = characters


@dataclass
class Book:
    """A workbook being built: its sheets in order, workbook-level defined names, document properties."""

    company: str
    created: dt.datetime
    sheets: list[Sheet] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)
    # While not empty: the sheets that get their own copy of each name defined (a proposal's option and its prices, so
    # that every option's formulas read its own cells under the same names); empty: names of the whole workbook.
    scopes: tuple[str, ...] = ()

    def add_sheet(self, title: str, index: int | None = None) -> Sheet:
        """A new empty sheet, last or at `index`."""
        sheet = Sheet(title)
        self.sheets.insert(len(self.sheets) if index is None else index, sheet)
        return sheet


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


def put_label(
    ws: Sheet,
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
    look = Look(bold=bold, size=size or 11, colour=colour, italic=italic, horizontal="right" if right else None)
    return ws.put(ref, Cell(text, look))


def put_text(ws: Sheet, ref: str, text: str, *, bold: bool = False, size: float | None = None, colour: str | None = None) -> Cell:
    """Write text someone typed (customer, contact, quote number) so that it stays text, whatever it starts with."""
    clean = clean_text(text)
    look = Look(bold=bold, size=size or 11, colour=colour, quote_prefix=clean.startswith(_FORMULA_START))
    return ws.put(ref, Cell(clean, look))


def clean_text(text: str) -> str:
    """`text` without the characters an XML workbook cannot hold; a carriage return becomes a line feed."""
    return _NOT_IN_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def put_formula(ws: Sheet, ref: str, expression: str, number_format: str | None = None, *, value: Figure, bold: bool = False) -> Cell:
    """Write a live formula (`expression` without the leading `=`) with the figure it computes, as the engine has it."""
    return ws.put(ref, Cell(value, Look(number_format=number_format, bold=bold), formula=expression))


def put_value(ws: Sheet, ref: str, value: Figure, number_format: str | None = None) -> Cell:
    """Write a constant (a price book figure or a date)."""
    return ws.put(ref, Cell(value, Look(number_format=number_format)))


def put_input(ws: Sheet, ref: str, value: Figure, number_format: str) -> Cell:
    """Write an input: highlighted, unlocked, so the reader can change it on a protected sheet."""
    look = Look(number_format=number_format, bold=True, colour=INPUT_COLOUR, fill=INPUT_FILL, is_input=True)
    return ws.put(ref, Cell(value, look))


def header_row(ws: Sheet, row: int, first_column: int, titles: list[str | tuple[str, str]]) -> None:
    """Write a table's header: bold, shaded, wrapped, right-aligned over figures (every column but the first).

    A title given as (formula, text) is live: the text is what the formula shows for the quote as written.
    """
    for offset, title in enumerate(titles):
        look = Look(bold=True, fill=HEADER_FILL, bottom_rule=True, horizontal="left" if offset == 0 else "right", wrap=True)
        ref = xl_rowcol_to_cell(row - 1, first_column - 1 + offset)
        if isinstance(title, tuple):
            ws.put(ref, Cell(title[1], look, formula=title[0]))
        else:
            ws.put(ref, Cell(title, look))


def total_style(cell: Cell) -> None:
    """Mark a total: bold with a rule above."""
    cell.restyle(bold=True, top_rule=True)


def define(wb: Book, name: str, ws: Sheet, ref: str) -> None:
    """Add a defined name with an absolute reference and the sheet name quoted: of the whole workbook, or one of each
    sheet in `wb.scopes` (a name local to a sheet, which Excel writes 'Option 1'!Name)."""
    target = f"{quoted(ws.title)}!{_absolute(ref)}"
    for scope in wb.scopes:
        wb.names[f"{quoted(scope)}!{name}"] = target
    if not wb.scopes:
        wb.names[name] = target


def _absolute(ref: str) -> str:
    """`B3` as `$B$3`, `B3:B7` as `$B$3:$B$7`."""
    return ":".join(re.sub(r"^([A-Z]+)(\d+)$", r"$\1$\2", part) for part in ref.split(":"))


def quoted(title: str) -> str:
    """A sheet name quoted for a formula or defined name, as Excel writes it: 'Price book'."""
    return "'" + title.replace("'", "''") + "'"
