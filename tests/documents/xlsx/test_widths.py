"""Workbook columns wide enough for every figure: a spreadsheet shows ##### for a number wider than its column."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pdf_helpers import LARGEST
from recalc import SOFFICE, recalculate
from xlsx_helpers import EXAMPLE_5, INFO, column_width, shown_width

from cpiquote import formatting as fmt
from cpiquote.documents.xlsx.cells import COUNT_FORMAT, money_format, price_format
from cpiquote.documents.xlsx.widths import shown
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import PriceBook, price_quote
from cpiquote.pricing.limits import MAX_FIGURE


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (Decimal("3557600000000.4"), "[$$-409]#,##0.00", "$3,557,600,000,000.40"),
        (Decimal("0.98765"), "[$$-409]#,##0.0000##########", "$0.98765"),
        (Decimal("0.5"), "[$$-409]#,##0.0000##########", "$0.5000"),
        (Decimal("1.5"), "[$CHF] #,##0.00", "CHF 1.50"),
        (MAX_FIGURE, "#,##0", "1,000,000,000,000"),
        (Decimal(1_000_000), '#,##0.## "hours"', "1,000,000 hours"),
        (Decimal("12.5"), '0.00"%"', "12.50%"),
        (Decimal(1), "General", None),
    ],
)
def test_shown_is_the_text_a_spreadsheet_shows(value: Decimal, number_format: str, text: str | None) -> None:
    assert shown(value, number_format) == text


def test_a_quote_of_ordinary_size_keeps_the_designed_widths_where_they_suffice(sample_pricebook: PriceBook) -> None:
    """Widths only grow, sized for the largest figures an input could produce (the sheet is live)."""
    wb = load_workbook(io.BytesIO(render_xlsx(price_quote(sample_pricebook, EXAMPLE_5), INFO)))
    widths = {letter: shown_width(column_width(wb["Quote"], letter)) for letter in "AIN"}
    assert widths["A"] == 34 and widths["N"] == 30  # labels and notes: as designed
    assert widths["I"] >= len(fmt.money(Decimal("3557603194397.40"), "USD"))  # a fee column holds the largest contract value


@pytest.mark.slow
@pytest.mark.parametrize("book", ["sample_pricebook", "graduated_pricebook"])
def test_every_figure_of_the_largest_quote_fits_its_column(book: str, request: pytest.FixtureRequest) -> None:
    """Recalculated by LibreOffice, each money, price and count cell is no longer, as shown, than its column is wide."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs it to prove the workbook's formulas")
    pricebook: PriceBook = request.getfixturevalue(book)
    content = render_xlsx(price_quote(pricebook, LARGEST), INFO)
    design = load_workbook(io.BytesIO(content))
    values = recalculate({"largest": content})["largest"]
    show = {
        money_format("USD"): lambda v: fmt.money(Decimal(repr(v)).quantize(Decimal("0.01")), "USD"),
        price_format("USD"): lambda v: fmt.price(Decimal(repr(v)).quantize(Decimal("0.0001")), "USD"),
        COUNT_FORMAT: lambda v: fmt.count(round(v)),
    }
    too_narrow, checked = [], 0
    for sheet in ("Quote", "Price book"):
        for row in values[sheet].iter_rows():
            for cell in row:
                number_format = design[sheet][cell.coordinate].number_format
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) and number_format in show:
                    text, width = show[number_format](cell.value), column_width(design[sheet], cell.column_letter)
                    checked += 1
                    if len(text) > width:
                        too_narrow.append((sheet, cell.coordinate, text, width))
    assert checked > 100
    assert too_narrow == []
