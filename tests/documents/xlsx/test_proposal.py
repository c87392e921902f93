"""The proposal workbook: an Options sheet that compares the options, then each option's own live quote sheets."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pdf_helpers import WORKED
from recalc import as_decimal, recalculate
from xlsx_helpers import INFO, cached_against

from cpiquote.documents.proposal import proposal_options
from cpiquote.documents.xlsx.proposal import TABLE_TOP, render_proposal_xlsx
from cpiquote.pricing import PriceBook, Quotation, price_quote

OPTIONS = (replace(WORKED, years=1, care_package=False), replace(WORKED, care_package=False), WORKED)


@pytest.fixture(scope="module")
def proposal(sample_pricebook: PriceBook) -> tuple[list[Quotation], bytes]:
    quotations = [price_quote(sample_pricebook, request) for request in OPTIONS]
    return quotations, render_proposal_xlsx(proposal_options(quotations), INFO)


def table(content: bytes, data_only: bool = True) -> list[tuple[object, ...]]:
    ws = load_workbook(io.BytesIO(content), data_only=data_only)["Options"]
    return [tuple(cell.value for cell in row) for row in ws.iter_rows(min_row=TABLE_TOP, max_row=TABLE_TOP + 6, max_col=4)]


def test_a_sheet_per_option_after_the_options_sheet(proposal: tuple[list[Quotation], bytes]) -> None:
    wb = load_workbook(io.BytesIO(proposal[1]))
    assert wb.sheetnames == ["Options", "Option 1", "Option 1 prices", "Option 2", "Option 2 prices", "Option 3", "Option 3 prices"]
    assert not wb.defined_names  # every name is its option's own: the options never read each other's cells
    for n in (1, 2, 3):
        assert {"TotalContractValue", "Years", "BandNetPrice"} <= set(wb[f"Option {n}"].defined_names)
        assert "BandNetPrice" in wb[f"Option {n} prices"].defined_names


def test_a_preview_shows_every_options_figures_from_the_engine(proposal: tuple[list[Quotation], bytes]) -> None:
    quotations, content = proposal
    rows = table(content)
    assert rows[0][1:] == ("Option 1", "Option 2", "Option 3")
    assert rows[1] == ("What differs", "1 year, no Care Package", "3 years, no Care Package", "3 years, Care Package")
    assert rows[2][1:] == (1, 3, 3)
    assert [as_decimal(v, 2) for v in rows[6][1:]] == [q.total_contract_value for q in quotations]
    assert [as_decimal(v, 4) for v in rows[4][1:]] == [q.first_year.price_per_credit for q in quotations]
    assert table(content, data_only=False)[6][1] == "='Option 1'!TotalContractValue"  # live: it follows the option


@pytest.mark.slow
def test_each_option_recalculates_on_its_own_and_the_options_sheet_follows(
    proposal: tuple[list[Quotation], bytes], sample_pricebook: PriceBook
) -> None:
    _, content = proposal
    wb = load_workbook(io.BytesIO(content))
    sheet, ref = next(iter(wb["Option 1"].defined_names["Years"].destinations))
    wb[sheet][ref.replace("$", "")].value = 3  # the customer asks what option 1 costs over three years
    edited = io.BytesIO()
    wb.save(edited)
    results = recalculate({"as-sent": content, "edited": edited.getvalue()})
    differences, compared = cached_against(content, results["as-sent"])
    assert compared > 300 and differences == []
    rows = [
        tuple(c.value for c in row) for row in results["edited"]["Options"].iter_rows(min_row=TABLE_TOP, max_row=TABLE_TOP + 6, max_col=4)
    ]
    three_years = price_quote(sample_pricebook, replace(OPTIONS[0], years=3))
    assert as_decimal(rows[6][1], 2) == three_years.total_contract_value != price_quote(sample_pricebook, OPTIONS[0]).total_contract_value
    assert as_decimal(rows[6][2], 2) == price_quote(sample_pricebook, OPTIONS[1]).total_contract_value  # the others unchanged
