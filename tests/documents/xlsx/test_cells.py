"""The workbook's cells: text that can never become a formula, defined names, money formats in the price book's currency.

Characters a workbook cannot hold are dropped, not fatal.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

import pytest
from xlsx_helpers import EXAMPLE_1, REQUIRED_NAMES, customer_cell, named_cell, workbook_of

from cpiquote.pricing import PriceBook, parse_pricebook

HOSTILE_NAMES = (
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-3+4",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    '<b>Bold & "quoted"</b>',
    "Ελληνική Εταιρεία ΑΕ",
    "ООО Ромашка",
    "株式会社テスト",
    "<r>Contoso</r>",  # XlsxWriter would copy it into the file as rich-text markup, unescaped
    "<r><t>x</t></r>",
    "_x0041_ Ltd",  # Excel's escape of a character: must read back as written, not as "A Ltd"
    "http://evil.example",
    "1e5",
    "0012345",
)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_customer_text_is_stored_as_text_never_as_a_formula(sample_pricebook: PriceBook, name: str) -> None:
    _, wb, _ = workbook_of(sample_pricebook, replace(EXAMPLE_1, customer=name, contact=name))
    stored = name.replace("\r", "\n")  # XML reads a carriage return back as a line feed
    cell = customer_cell(wb)
    assert cell.value == stored
    assert cell.data_type == "s"
    assert cell.quotePrefix == name.startswith(("=", "+", "-", "@", "\t", "\r"))
    contact = wb["Quote"].cell(row=cell.row + 1, column=cell.column)
    assert (contact.value, contact.data_type) == (stored, "s")


@pytest.mark.parametrize("customer", ["Acme\x00 Corp\x07", "Acme\ufffe Corp\uffff", "Acme\ud800 Corp", "Acme\x1b Corp\x0b"])
def test_characters_a_workbook_cannot_hold_are_dropped_not_fatal(sample_pricebook: PriceBook, customer: str) -> None:
    _, wb, content = workbook_of(sample_pricebook, replace(EXAMPLE_1, customer=customer, contact=customer))
    assert customer_cell(wb).value == "Acme Corp"
    assert wb.properties.subject == "Quote for Acme Corp"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:  # every part is XML Excel accepts: well formed, no illegal character
        for name in archive.namelist():
            ElementTree.fromstring(archive.read(name))


def test_defined_names_are_workbook_level_absolute_and_quoted(sample_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_1)
    for name in REQUIRED_NAMES:
        assert re.fullmatch(r"'[^']+'!\$[A-Z]+\$\d+", wb.defined_names[name].attr_text), name
    for ws in wb.worksheets:
        assert not ws.defined_names


def test_money_formats_follow_the_price_book_currency(sample_pricebook: PriceBook, sample_pricebook_bytes: bytes) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_1)
    assert named_cell(wb, "AnnualSubscription").number_format == "[$$-409]#,##0.00"
    assert named_cell(wb, "PricePerCredit").number_format == "[$$-409]#,##0.0000##########"  # 4 decimals, more as written
    euro_book = parse_pricebook(sample_pricebook_bytes.decode().replace('currency = "USD"', 'currency = "EUR"').encode(), "euro.toml")
    _, euro, _ = workbook_of(euro_book, EXAMPLE_1)
    assert named_cell(euro, "TotalContractValue").number_format == "[$€]#,##0.00"
    assert named_cell(euro, "OveragePricePerCredit").number_format == "[$€]#,##0.0000##########"


def test_a_list_price_with_five_decimals_shows_as_written(sample_pricebook_bytes: bytes) -> None:
    book = parse_pricebook(sample_pricebook_bytes.decode().replace("price = 0.95", "price = 0.98765", 1).encode(), "finance.toml")
    _, wb, _ = workbook_of(book, EXAMPLE_1)
    first_band = named_cell(wb, "BandListPrice")[0][0]
    assert first_band.value == pytest.approx(0.98765)
    assert first_band.number_format.endswith("0.0000##########")  # a viewer shows $0.98765, and $0.9500 for 0.95
