"""The plain-text quote (`cpiquote quote`, `quotes show`): who the quote is for and from, the notes and the terms,
as the PDF has them, in text a sales person can paste into an email."""

from __future__ import annotations

from cpiquote.documents.text import render_text
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote

PARTIES = QuoteRequest(
    (95_000,),
    customer="Contoso",
    account="A-1042",
    billing_address="1 Main Street\nSpringfield\nUSA",
    contact="Jane Doe",
    sales_person="Ann Seller",
    notes="Pilot in the Paris team first.\n\nThen every team.",
    terms="Net 30 days.",
)


def test_the_parties_follow_the_title_each_given_one_named_and_the_address_line_by_line(sample_pricebook: PriceBook) -> None:
    lines = render_text(price_quote(sample_pricebook, PARTIES)).splitlines()
    assert lines[0] == "CPI Quote for Contoso"
    assert lines[3:10] == [
        "Account or Site ID  A-1042",
        "Billing address     1 Main Street",
        "                    Springfield",
        "                    USA",
        "Attention           Jane Doe",
        "Sales person        Ann Seller",
        "",
    ]


def test_only_the_parties_given_are_named(sample_pricebook: PriceBook) -> None:
    text = render_text(price_quote(sample_pricebook, QuoteRequest((95_000,), customer="Contoso", sales_person="Ann Seller")))
    assert "Sales person  Ann Seller" in text.splitlines()
    assert not any(word in text for word in ("Account or Site ID", "Billing address", "Attention"))
    nobody = render_text(price_quote(sample_pricebook, QuoteRequest((95_000,)))).splitlines()
    assert nobody[2:4] == ["", "Credits per interaction   1 (no extra features)"]  # straight to the figures


def test_the_notes_come_before_the_guidance_and_the_terms_last_as_typed(sample_pricebook: PriceBook) -> None:
    lines = render_text(price_quote(sample_pricebook, PARTIES)).splitlines()
    notes = lines.index("Notes")
    assert lines[notes + 1 : notes + 4] == ["  Pilot in the Paris team first.", "", "  Then every team."]
    assert lines[notes + 4].startswith("  ! Order 100,000 credits")  # the price break, after the sales person's notes
    assert lines[-2:] == ["Terms", "  Net 30 days."]


def test_without_notes_or_guidance_there_is_no_notes_heading(real_pricebook: PriceBook) -> None:
    lines = render_text(price_quote(real_pricebook, QuoteRequest((1_200_000,), terms="Net 30 days."))).splitlines()
    assert "Notes" not in lines and lines[-2:] == ["Terms", "  Net 30 days."]
