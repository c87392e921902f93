"""The whole quote PDF (render_pdf), read back with pypdf.

Every figure of the quotation, number, dates, customer and terms, the pass-through section, the paper checked,
byte-identical output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pdf_helpers import QUOTE_DATE, WORKED, all_text, figures, render

from cpiquote import formatting as fmt
from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.documents.text import render_text
from cpiquote.pricing import InputError, PriceBook, Quotation, QuoteRequest, parse_pricebook, price_quote


def test_worked_example_prints_every_figure_of_the_quotation(worked: tuple[Quotation, bytes]) -> None:
    quotation, data = worked
    text = all_text(data)
    missing = [figure for figure in figures(quotation) if figure not in text]
    assert missing == []
    for figure in ("$1,032,240.00", "$103,224.00", "$8,000.00", "$1,143,464.00", "$1,135,464.00", "$3,414,392.00", "$0.5060", "$0.6578"):
        assert figure in text  # pricing-rules.md section 3, worked example 5


def test_worked_example_shows_number_dates_customer_and_terms(worked: tuple[Quotation, bytes]) -> None:
    _, data = worked
    text = all_text(data)
    for expected in ("Q-2026-0042", "November 27, 2026", "Valid until December 27, 2026", "Contoso Retail Ltd", "Attention: Jane Doe",
                     "Generative AI, Intent Manager", "1.7 credits", "calendar day", "time zone of your Site ID", "replies",
                     "Unused credits do not roll over", "overage at $0.6578 per credit", "Care Package (Tier 4 support)",
                     "40 hours at $200.00 an hour", "Total contract value $3,414,392.00", "Acceptance"):  # fmt: skip
        assert expected in text, expected
    assert "DRAFT" not in text
    assert "Pass-through" not in text  # no SMS or WhatsApp quoted: no estimate section


def test_pass_through_is_an_estimate_invoiced_monthly_in_arrears(sample_pricebook: PriceBook) -> None:
    request = QuoteRequest((1_200_000,), 1, sms_per_month=20_000, whatsapp_mtm_per_month=5_000)
    quotation, data = render(sample_pricebook, request)
    text = all_text(data)
    p = quotation.pass_through
    assert "Estimate only, not part of the contract value" in text
    assert "monthly in arrears" in text and "15% handling fee" in text
    for amount in (p.sms_per_month, p.whatsapp_per_month, p.handling_fee_per_month, p.monthly_estimate, p.annual_estimate):
        assert fmt.money(amount, "USD") in text
    assert f"Total contract value {fmt.money(quotation.total_contract_value, 'USD')}" in text


def test_unknown_paper_is_refused_naming_the_field(worked: tuple[Quotation, bytes]) -> None:
    quotation, _ = worked
    with pytest.raises(InputError, match="paper"):
        render_pdf(quotation, DocumentInfo("Q-1", QUOTE_DATE, QUOTE_DATE, "legal"))


def test_invariant_output_is_byte_identical(worked: tuple[Quotation, bytes], sample_pricebook: PriceBook) -> None:
    assert render(sample_pricebook, WORKED)[1] == worked[1]


def test_a_list_price_with_five_decimals_is_printed_as_written(sample_pricebook_bytes: bytes) -> None:
    """Finance's 0.98765 is the list price on paper; the net price per credit is its round4, 0.9877 (rule 4)."""
    text = sample_pricebook_bytes.decode().replace("price = 0.95", "price = 0.98765", 1)
    text = text.replace("hourly_rate = 200", "hourly_rate = 187.125")
    book = parse_pricebook(text.encode(), "finance.toml")
    _, data = render(book, QuoteRequest((50_000,), 1, services_hours=Decimal(40)))
    printed = all_text(data)
    assert "$0.98765" in printed and "$0.9877" in printed and "$0.9876 " not in printed
    assert "at $187.125 an hour" in printed and "$7,485.00" in printed
    assert render_text(price_quote(book, QuoteRequest((50_000,), 1))).count("$0.98765") >= 1
