"""What a document says about itself: its number and dates, and whether its discount still awaits approval."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cpiquote.documents.info import check_document_text, document_info, subject_to_approval
from cpiquote.pricing import InputError, PriceBook, QuoteRequest, price_quote


def test_a_discount_above_the_approval_level_is_subject_to_approval_until_approved(sample_pricebook: PriceBook) -> None:
    above = price_quote(sample_pricebook, QuoteRequest((1_200_000,), 3, discount_percent=Decimal(25)))  # the sample: above 10%
    within = price_quote(sample_pricebook, QuoteRequest((1_200_000,), 3, discount_percent=Decimal(10)))
    assert subject_to_approval(above, document_info(above, "Q-2026-00043"))
    assert subject_to_approval(above, document_info(above))  # a draft too
    assert not subject_to_approval(above, document_info(above, "Q-2026-00043", approved=True))
    assert not subject_to_approval(within, document_info(within, "Q-2026-00044"))


def test_a_quote_number_no_document_can_show_is_refused(sample_pricebook: PriceBook) -> None:
    quotation = price_quote(sample_pricebook, QuoteRequest((1000,)))
    assert document_info(quotation, "  Q-2026\t17 ").quote_number == "Q-2026 17"
    assert document_info(quotation, "Q" * 40).quote_number == "Q" * 40
    for number, said in (
        ("Q" * 753, "is 753 characters long; the longest a quote can show is 40"),
        ("Q-1\uffff", "has the character U+FFFF at character 4"),
        ("Q-\x9b1", "has the control character U+009B at character 3"),
    ):
        with pytest.raises(InputError) as caught:
            document_info(quotation, number)
        assert caught.value.field == "quote_number" and caught.value.reason.startswith(said)


def test_no_document_is_made_of_text_that_did_not_pass_the_rule(sample_pricebook: PriceBook) -> None:
    """A request built without the window, the command line or a quote file still meets the rule before any writer."""
    fine = price_quote(sample_pricebook, QuoteRequest((1000,), customer="Contoso"))
    check_document_text(fine, document_info(fine))
    for customer, contact in (("C" * 201, ""), ("", "a\x01")):
        quotation = price_quote(sample_pricebook, QuoteRequest((1000,), customer=customer, contact=contact))
        with pytest.raises(InputError) as caught:
            check_document_text(quotation, document_info(quotation))
        assert caught.value.field == ("customer" if customer else "contact")


def test_a_price_book_whose_name_no_document_can_hold_is_named(sample_pricebook: PriceBook) -> None:
    """A price book is shared: one with a control character in its name would break every seller's workbooks."""
    import dataclasses

    for name, version, said in (
        ("Prices\x01", "1", "the price book's name has the control character U+0001 at character 7"),
        ("Prices", "2026\uffff", "the price book's version has the character U+FFFF at character 5"),
        ("P" * 201, "1", "the price book's name is 201 characters long; ask whoever keeps it for a corrected one"),
    ):
        book = dataclasses.replace(sample_pricebook, name=name, version=version)
        quotation = price_quote(book, QuoteRequest((1000,)))
        with pytest.raises(InputError) as caught:
            check_document_text(quotation, document_info(quotation))
        assert caught.value.field == "pricebook" and caught.value.reason.startswith(said), caught.value.reason
