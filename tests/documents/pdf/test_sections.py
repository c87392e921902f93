"""The quote PDF's prose: customer notes, overage by year, the draft mark, letterhead and signature block.

Internal notices (approval, price-break advice) stay off the customer's document; the branding printed is the company's.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pdf_helpers import LARGEST, QUOTE_DATE, WORKED, Word, all_text, figures, render, words
from PIL import Image
from pypdf import PdfReader

from cpiquote import formatting as fmt
from cpiquote.documents.branding import load_branding
from cpiquote.documents.info import document_info
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.pricing import NoticeKind, PriceBook, Quotation, QuoteRequest, price_quote
from cpiquote.resources import resource_path


def test_minimum_order_case_explains_the_raise(sample_pricebook: PriceBook) -> None:
    quotation, data = render(sample_pricebook, QuoteRequest((30_000,), 1))
    text = all_text(data)
    assert quotation.first_year.minimum_applied
    assert "50,000 *" in text and "$47,500.00" in text
    assert "need 30,000 credits; the quote is raised to the minimum order of 50,000 credits a year" in text
    assert "1 credit per interaction" in text


def test_ramp_prints_each_year(sample_pricebook: PriceBook) -> None:
    quotation, data = render(sample_pricebook, QuoteRequest((200_000, 600_000, 1_500_000), 3, care_package=True))
    text = all_text(data)
    assert [figure for figure in figures(quotation) if figure not in text] == []
    assert "SUBSCRIPTION, YEAR 1" in text
    for y in quotation.years:  # overage differs by year, so each is listed
        assert f"{fmt.price(y.overage_price_per_credit, 'USD')} per credit in year {y.year}" in text


def test_internal_notices_stay_off_the_customer_document(sample_pricebook: PriceBook) -> None:
    quotation, data = render(sample_pricebook, QuoteRequest((95_000,), 1, discount_percent=Decimal(15)))
    kinds = {notice.kind for notice in quotation.warnings}
    assert {NoticeKind.APPROVAL_REQUIRED, NoticeKind.PRICE_BREAK} <= kinds
    text = all_text(data)
    assert "needs approval" not in text and "above 10%" not in text  # the sales person's notice, not the customer's
    assert "Subject to approval" in text  # what the customer reads instead: not an offer until approved (issue 12)
    assert "save" not in text.lower()
    assert "15% discount" in text  # the discount itself is part of the price, so it is shown


def test_sense_checks_are_for_the_sales_person_not_the_customer(sample_pricebook: PriceBook) -> None:
    """ "Check the hours" is a question for whoever typed them: the customer's document carries the figures alone."""
    request = QuoteRequest((1_000_000, 400_000), 2, services_hours=Decimal(10_000), sms_per_month=50_000_000)
    quotation, data = render(sample_pricebook, request)
    kinds = {notice.kind for notice in quotation.warnings}
    assert {
        NoticeKind.SERVICES_ABOVE_SUBSCRIPTION,
        NoticeKind.PASS_THROUGH_ABOVE_CONTRACT,
        NoticeKind.RAMP_FALLS_BY_MORE_THAN_HALF,
    } <= kinds
    text = all_text(data).lower()
    assert "check" not in text and "less than half" not in text
    assert "$2,000,000.00" in text


def test_draft_number_is_marked_draft(sample_pricebook: PriceBook) -> None:
    _, data = render(sample_pricebook, WORKED, number=None)
    text = all_text(data)
    assert re.search(r"DRAFT-20261127-[0-9A-F]{6}", text)
    assert "DRAFT · not yet an offer" in text
    assert "not an offer: an offer carries a quote number" in text


def test_replacement_branding_is_printed(worked: tuple[Quotation, bytes], tmp_path: Path) -> None:
    shipped = load_branding()
    assert shipped.logo_path is not None
    (tmp_path / "logo.png").write_bytes(shipped.logo_path.read_bytes())
    (tmp_path / "branding.toml").write_text(
        'company_name = "Acme Messaging GmbH"\naddress_lines = ["Hauptstrasse 1"]\nsales_contact = "sales@acme.example"\n'
        'primary_colour = "#224422"\naccent_colour = "#88AA88"\nlogo = "logo.png"\n',
        encoding="utf-8",
    )
    quotation, _ = worked
    info = document_info(quotation, quote_number="Q-9", quote_date=QUOTE_DATE)
    text = all_text(render_pdf(quotation, info, branding=load_branding(tmp_path)))
    assert "Acme Messaging GmbH" in text and "sales@acme.example" in text and "For Acme Messaging GmbH" in text


def _logo_colour(data: bytes) -> tuple[int, ...]:
    """The colour of the centre pixel of the first page's logo."""
    image = PdfReader(io.BytesIO(data)).pages[0].images[0].image
    return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def test_a_logo_replaced_on_disk_prints_in_the_next_quote(worked: tuple[Quotation, bytes], tmp_path: Path) -> None:
    shipped = load_branding()
    (tmp_path / "branding.toml").write_text(
        f'company_name = "{shipped.company_name}"\naddress_lines = ["Hauptstrasse 1"]\nsales_contact = "sales@acme.example"\n'
        'primary_colour = "#224422"\naccent_colour = "#88AA88"\nlogo = "logo.png"\n',
        encoding="utf-8",
    )
    quotation, _ = worked
    info = document_info(quotation, quote_number="Q-9", quote_date=QUOTE_DATE)
    colours = []
    for step, colour in enumerate(((200, 30, 30), (30, 30, 200))):
        Image.new("RGB", (40, 20), colour).save(tmp_path / "logo.png")
        os.utime(tmp_path / "logo.png", ns=(step * 10**9, step * 10**9))
        colours.append(_logo_colour(render_pdf(quotation, info, branding=load_branding(tmp_path))))
    assert colours == [(200, 30, 30), (30, 30, 200)]


def test_the_letterhead_draws_the_app_icon(worked: tuple[Quotation, bytes]) -> None:
    """The app and its quotes carry one mark: the letterhead's image is, pixel for pixel, the icon made from cpiquote.svg."""
    _, data = worked
    drawn = PdfReader(io.BytesIO(data)).pages[0].images[0].image.convert("RGB")
    with Image.open(resource_path("icons", "app", "cpiquote-256.png")) as icon:
        assert drawn.size == icon.size
        assert drawn.tobytes() == icon.convert("RGB").tobytes()


def _band(found: list[Word]) -> list[tuple[Word, Word]]:
    """The summary band's boxes: each box's first label word and its figure (the first word below the label)."""
    labels = [next(w for w in found if w.page == 1 and w.text == first) for first in ("CREDITS", "PRICE", "ANNUAL", "TOTAL")]
    return [
        (label, min((w for w in found if w.page == 1 and w.y0 > label.y1 and abs(w.x0 - label.x0) < 1), key=lambda w: w.y0))
        for label in labels
    ]


@pytest.mark.parametrize(
    "request_",
    [LARGEST, QuoteRequest((500_000_000,), 3, generative_ai=True, intent_manager=True, performance_optimizer=True, care_package=True)],
    ids=["largest", "500 million interactions"],
)
def test_every_summary_figure_stays_inside_its_box(sample_pricebook: PriceBook, request_: QuoteRequest) -> None:
    """Each key figure is printed whole and ends before the next box begins (the last one before the right margin)."""
    quotation, data = render(sample_pricebook, request_)
    found, _ = words(data)
    band = _band(found)
    right_margin = next(w for w in found if w.text == "Quotation").x1  # the title is set flush with the right margin
    box_ends = [label.x0 - 8 for label, _ in band[1:]] + [right_margin]  # a box's label is indented 8 points
    assert [figure.text for _, figure in band] == [
        fmt.count(quotation.first_year.annual_credits),
        fmt.price(quotation.first_year.price_per_credit, "USD"),
        fmt.money(quotation.first_year.annual_subscription, "USD"),
        fmt.money(quotation.total_contract_value, "USD"),
    ]
    assert [figure.x1 <= end for (_, figure), end in zip(band, box_ends, strict=True)] == [True] * 4


def test_a_numbered_offer_with_an_unapproved_discount_says_subject_to_approval(sample_pricebook: PriceBook) -> None:
    quotation = price_quote(sample_pricebook, QuoteRequest((1_200_000,), 3, discount_percent=Decimal(25)))
    unapproved = all_text(render_pdf(quotation, document_info(quotation, "Q-2026-00043")))
    assert unapproved.count("Subject to approval") == 2  # under the title, and in the notes with what it means
    assert "not an offer until approved" in unapproved
    approved = all_text(render_pdf(quotation, document_info(quotation, "Q-2026-00043", approved=True)))
    assert "Subject to approval" not in approved


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_longest_customer_contact_and_number_wrap_inside_the_page(sample_pricebook: PriceBook, paper: str) -> None:
    """At the lengths the inputs allow, a name without spaces breaks where it must, and nothing runs off the page."""
    from cpiquote.documents.info import MAX_QUOTE_NUMBER_LENGTH
    from cpiquote.quote.inputs import MAX_TEXT_LENGTH

    request = QuoteRequest((1000,), customer="W" * MAX_TEXT_LENGTH, contact="M" * MAX_TEXT_LENGTH)
    _, data = render(sample_pricebook, request, "W" * MAX_QUOTE_NUMBER_LENGTH, paper)
    found, (width, height) = words(data)
    assert all(word.x0 >= 0 and word.x1 <= width and word.y0 >= 0 and word.y1 <= height for word in found)
    shown = "".join(word.text for word in found)
    assert shown.count("W") >= 2 * MAX_TEXT_LENGTH and shown.count("M") >= MAX_TEXT_LENGTH


PARTIES = {
    "account": "SITE-0042",
    "billing_address": "Accounts payable\n1 Harbour Street\nLeeds LS1 4AB",
    "sales_person": "Sam Seller",
    "notes": "Pricing held until 31 December.\nCall Sam with any question.\n\nThe pilot starts in February.",
    "terms": "Payment net 30 days from the invoice date.\nPrices exclude VAT.",
}


def test_the_parties_show_account_billing_address_contact_and_sales_person(sample_pricebook: PriceBook) -> None:
    _, data = render(sample_pricebook, replace(WORKED, **PARTIES))
    first = " ".join(" ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split()).split())
    parties = first.split("PREPARED FOR", 1)[1].split("CREDITS A YEAR", 1)[0]
    for text in ("Contoso Retail Ltd", "Account or Site ID: SITE-0042", "BILLING ADDRESS", "Accounts payable", "1 Harbour Street",
                 "Leeds LS1 4AB", "Attention: Jane Doe", "Sales person Sam Seller"):  # fmt: skip
        assert text in parties, text
    found, _ = words(data)
    street, city = (next(w for w in found if w.text == text) for text in ("Harbour", "LS1"))
    assert city.y0 > street.y1  # each line of the address on a line of its own


def test_notes_and_terms_are_printed_as_typed_under_their_headings(sample_pricebook: PriceBook) -> None:
    _, data = render(sample_pricebook, replace(WORKED, **PARTIES))
    text = all_text(data)
    notes = text.split("Notes ", 1)[1].split("Terms ", 1)[0]
    assert "Pricing held until 31 December. Call Sam with any question. The pilot starts in February." in notes
    terms = text.split("Terms ", 1)[1].split("Usage terms", 1)[0]
    assert terms.strip() == "Payment net 30 days from the invoice date. Prices exclude VAT."
    assert "accepts this quote, its prices, its terms and the usage terms above" in text


def test_a_quote_without_notes_or_terms_prints_neither_heading(worked: tuple[Quotation, bytes]) -> None:
    text = all_text(worked[1])
    assert "Notes" not in text and " Terms " not in text and "its terms" not in text


def test_the_longest_texts_wrap_inside_the_page_and_overlap_nothing(sample_pricebook: PriceBook) -> None:
    longest = replace(
        WORKED, customer="C" * 80, account="A" * 100, billing_address=("Harbour Street " * 40)[:500].strip(), sales_person="S" * 200,
        notes=("Longword" * 250)[:2000], terms=("Terms line with many words to wrap around the page.\n" * 60)[:2000].strip(),
    )  # fmt: skip
    _, data = render(sample_pricebook, longest)
    found, (_, height) = words(data)
    left, right = next(w for w in found if w.text == "PREPARED").x0, next(w for w in found if w.text == "Quotation").x1
    assert [w.text for w in found if w.x0 < left - 0.5 or w.x1 > right + 0.5 or w.y1 > height] == []  # inside the margins
    first = [w for w in found if w.page == 1]
    assert not [(a.text, b.text) for i, a in enumerate(first) for b in first[i + 1 :] if a.overlaps(b)]
    squeezed = all_text(data).replace(" ", "")
    assert ("Longword" * 250)[:2000] in squeezed and "A" * 100 in squeezed and "S" * 200 in squeezed
    assert all_text(data).count("Terms line with many words to wrap around the page.") == 38
