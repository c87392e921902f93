"""The workbook's Quote sheet: the request's inputs, every figure a formula, one input per ramp year, band lines past column Z."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from xlsx_helpers import EXAMPLE_1, EXAMPLE_3, EXAMPLE_5, INPUT_NAMES, RAMP, named_cell, workbook_of

from cpiquote.pricing import PriceBook, QuoteRequest, parse_pricebook


def test_values_match_the_request(sample_pricebook: PriceBook) -> None:
    request = replace(EXAMPLE_5, performance_optimizer=True, discount_percent=Decimal("12.5"), sms_per_month=10, whatsapp_mtm_per_month=20)
    _, wb, _ = workbook_of(sample_pricebook, request)
    inputs = {name: named_cell(wb, name).value for name in INPUT_NAMES}
    assert inputs == {
        "Interactions": 1_200_000,
        "Years": 3,
        "GenerativeAI": 1,
        "IntentManager": 1,
        "PerformanceOptimizer": 1,
        "DiscountPercent": 12.5,
        "CarePackage": 1,
        "ServicesHours": 40,
        "SmsPerMonth": 10,
        "WhatsAppPerMonth": 20,
    }


def test_every_figure_is_a_formula(sample_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_5)
    outputs = (
        "CreditsPerInteraction",
        "AnnualCredits",
        "PricePerCredit",
        "AnnualSubscription",
        "OveragePricePerCredit",
        "TotalContractValue",
        "AnnualSubscriptionByYear",
        "CarePackageByYear",
        "InvoiceAmounts",
        "ServicesFee",
        "PassThroughMonthly",
    )
    for name in outputs:
        sheet, ref = next(iter(wb.defined_names[name].destinations))
        found = wb[sheet][ref.replace("$", "")]
        for cell in (row[0] for row in found) if isinstance(found, tuple) else [found]:
            assert cell.data_type == "f" and str(cell.value).startswith("="), f"{name} {cell.coordinate}: {cell.value!r}"


def test_a_ramp_has_one_input_per_year_and_a_flat_quote_one_for_all(sample_pricebook: PriceBook) -> None:
    _, ramp, _ = workbook_of(sample_pricebook, RAMP)
    by_year = [cell for (cell,) in named_cell(ramp, "InteractionsByYear")]
    assert [cell.value for cell in by_year] == [100_000, 400_000, 1_200_000, 1_200_000, 1_200_000]
    assert all(cell.protection.locked is False for cell in by_year)
    assert named_cell(ramp, "Interactions").coordinate == by_year[0].coordinate
    _, flat, _ = workbook_of(sample_pricebook, EXAMPLE_1)
    assert all("Interactions" in str(cell.value) for (cell,) in named_cell(flat, "InteractionsByYear"))


def test_a_graduated_price_book_with_many_years_fits_its_band_lines_past_column_z(graduated_pricebook_bytes: bytes) -> None:
    text = graduated_pricebook_bytes.decode().replace("max_years = 5", "max_years = 13")
    book = parse_pricebook(text.replace("\n5 = 12\n", "\n5 = 12\n" + "".join(f"{y} = 12\n" for y in range(6, 14))).encode(), "g.toml")
    quotation, wb, _ = workbook_of(book, QuoteRequest((1_200_000,), years=13))
    assert wb["Quote"].max_column >= 28, "year 13's band lines are in columns AA and AB"
    assert quotation.total_contract_value > 0


def test_the_notes_as_issued_tell_the_customer_what_the_pdf_tells_them(sample_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, replace(EXAMPLE_3, discount_percent=Decimal(15)))  # approval: not for the customer
    notes = [cell.value for row in wb["Quote"].iter_rows() for cell in row if isinstance(cell.value, str) and cell.value.startswith("• ")]
    assert "• The interactions need 30,000 credits; the quote is raised to the minimum order of 50,000 credits a year." in notes
    assert not [note for note in notes if "approval" in note]


def test_illustrative_prices_are_said_under_the_title(sample_pricebook: PriceBook, real_pricebook: PriceBook) -> None:
    _, wb, _ = workbook_of(sample_pricebook, EXAMPLE_1)
    title_area = [cell.value for row in wb["Quote"].iter_rows(max_row=2) for cell in row if cell.value]
    assert "Illustrative prices · not an offer" in title_area
    _, real, _ = workbook_of(real_pricebook, EXAMPLE_1)
    assert not [cell.value for row in real["Quote"].iter_rows() for cell in row if "llustrative" in str(cell.value)]


def test_a_discount_awaiting_approval_is_marked_under_the_title(sample_pricebook: PriceBook) -> None:
    def header_texts(request: QuoteRequest) -> list[str]:
        _, wb, _ = workbook_of(sample_pricebook, request)
        return [str(cell.value) for row in wb["Quote"].iter_rows(min_row=1, max_row=4) for cell in row if cell.value]

    assert "Subject to approval" in header_texts(QuoteRequest((1_200_000,), 3, discount_percent=Decimal(25)))  # above 10%
    assert "Subject to approval" not in header_texts(QuoteRequest((1_200_000,), 3, discount_percent=Decimal(10)))
