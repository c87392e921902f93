"""The quote PDF's pages: "Page X of Y" and the price book on every page, header and footer in any script, paper size."""

from __future__ import annotations

import io

import pytest
from pdf_helpers import WORKED, pages_text, render
from pypdf import PdfReader

from cpiquote.documents.info import document_info
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.documents.pdf.text import CJK_FONT
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, parse_pricebook, price_quote


def test_every_page_has_page_x_of_y_and_the_price_book(worked: tuple[Quotation, bytes], sample_pricebook: PriceBook) -> None:
    pages = pages_text(worked[1])
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"{sample_pricebook.name}, version {sample_pricebook.version}, hash {sample_pricebook.short_hash}" in text


def test_a_cjk_price_book_name_and_quote_number_print_in_the_footer_and_header(
    sample_pricebook_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    book = parse_pricebook(sample_pricebook_bytes.decode().replace('name = "', 'name = "中文 ').encode(), "zh.toml")
    drawn: list[tuple[str, str]] = []
    draw = Canvas.drawString
    monkeypatch.setattr(
        Canvas,
        "drawString",
        lambda canvas, x, y, text, *a, **k: drawn.append((canvas._fontname, text)) or draw(canvas, x, y, text, *a, **k),
    )
    quotation = price_quote(book, QuoteRequest((1_200_000,), 5, customer="Contoso"))
    render_pdf(quotation, document_info(quotation, "Q-日本-1"))
    cjk = [(font, text) for font, text in drawn if any("\u3040" <= ch <= "\u9fff" for ch in text)]
    assert cjk and all(font == CJK_FONT for font, _ in cjk), cjk  # the embedded CJK font: DejaVu Sans has no CJK glyphs


def test_illustrative_prices_are_marked_on_every_page_and_under_the_title(sample_pricebook: PriceBook) -> None:
    _, data = render(sample_pricebook, WORKED)
    pages = pages_text(data)
    assert len(pages) >= 2 and all(page.count("ILLUSTRATIVE PRICES · NOT AN OFFER") == (1 if n == 0 else 2) for n, page in enumerate(pages))
    assert "Quotation Illustrative prices · not an offer" in pages[0], "under the title, where a customer looks first"


def test_a_price_book_that_is_not_illustrative_prints_no_such_mark(real_pricebook: PriceBook) -> None:
    _, data = render(real_pricebook, WORKED)
    assert "illustrative" not in " ".join(pages_text(data)).lower()


def test_paper_follows_the_document_info(sample_pricebook: PriceBook) -> None:
    _, letter = render(sample_pricebook, WORKED)  # USD price book: Letter by default
    _, a4 = render(sample_pricebook, WORKED, paper="a4")
    assert round(float(PdfReader(io.BytesIO(letter)).pages[0].mediabox.width)) == 612
    assert round(float(PdfReader(io.BytesIO(a4)).pages[0].mediabox.width)) == 595
