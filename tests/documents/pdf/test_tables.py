"""The quote PDF's money tables: right-aligned figures, graduated band lines, the estimator's inputs, headers repeated over pages."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pdf_helpers import LARGEST, WORKED, all_text, figures, pages_text, render, words
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from cpiquote import formatting as fmt
from cpiquote.pricing import InteractionEstimate, PriceBook, QuoteRequest, parse_pricebook


def test_money_columns_are_right_aligned(sample_pricebook: PriceBook) -> None:
    """Annual fees of different widths ($81,600.00, $1,056,000.00) end at the same x: the column is right-aligned."""
    quotation, data = render(sample_pricebook, QuoteRequest((100_000, 2_000_000), 2))
    fees = {fmt.money(y.annual_subscription, "USD") for y in quotation.years}
    right_edges: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, str] | None, size: float) -> None:
        if text.strip() in fees and font is not None and size == 8:  # the table's cells, not the summary's large figures
            width = pdfmetrics.stringWidth(text.strip(), font["/BaseFont"].split("+")[-1], size)
            right_edges[text.strip()] = cm[4] + tm[4] + width

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert len(fees) == 2 and len({len(fee) for fee in fees}) == 2
    assert set(right_edges) == fees
    assert max(right_edges.values()) - min(right_edges.values()) < 0.5


def test_graduated_mode_shows_each_band_line(graduated_pricebook: PriceBook) -> None:
    quotation, data = render(graduated_pricebook, WORKED)
    text = all_text(data)
    assert [figure for figure in figures(quotation) if figure not in text] == []
    for line in quotation.first_year.lines:
        assert f"{fmt.count(line.credits)} {fmt.count(line.band_from)} {fmt.price(line.list_price_per_credit, 'USD')}" in text
        assert fmt.money(line.amount, "USD") in text
    assert "Graduated pricing" in text


def test_estimator_inputs_are_shown(sample_pricebook: PriceBook) -> None:
    estimate = InteractionEstimate(1_000_000, Decimal("0.1"), Decimal("1.5"), 500_000, Decimal("0.1"))
    _, data = render(sample_pricebook, QuoteRequest((estimate.interactions,), 1, estimate=estimate))
    text = all_text(data)
    for expected in ("How the interactions were estimated", "Conversations a year 1,000,000", "running past midnight 10%",
                     "they run 1.5", "Proactive outbound messages a year 500,000", "Estimated interactions a year 1,200,000"):  # fmt: skip
        assert expected in text, expected


def test_long_ramp_and_long_name_render_with_repeated_headers(graduated_pricebook_bytes: bytes) -> None:
    """A 5-year graduated quote over 30 bands runs over pages: the table header repeats, headings stay with their tables."""
    text = graduated_pricebook_bytes.decode()
    bands = ",\n".join(f"  {{ from = {1 if i == 0 else i * 20_000}, price = {Decimal('0.95') - Decimal('0.01') * i} }}" for i in range(30))
    text = re.sub(r"bands = \[.*?\n\]", "bands = [\n" + bands + "\n]", text, flags=re.S)
    pricebook = parse_pricebook(text.encode(), "thirty-bands.toml")
    name = "Общество с ограниченной ответственностью «Ромашка» International Holdings and Subsidiaries of the Northern Hemisphere"
    quotation, data = render(pricebook, QuoteRequest((300_000, 500_000, 800_000, 1_000_000, 1_200_000), 5, customer=name))
    pages = pages_text(data)
    assert [figure for figure in figures(quotation) if figure not in " ".join(pages)] == []
    assert sum("Band from" in page for page in pages) >= 2  # the table header repeats on the next page
    for heading, first_line in (("Subscription by contract year", "Band from"), ("Invoice schedule", "Total contract value"),
                                ("Acceptance", "Signature")):  # fmt: skip
        assert any(heading in page and first_line in page.split(heading, 1)[1] for page in pages), heading
    assert name in " ".join(pages)


@pytest.mark.parametrize("book", ["sample_pricebook", "graduated_pricebook"])
def test_the_largest_quote_prints_every_figure_whole_and_apart(book: str, request: pytest.FixtureRequest) -> None:
    """At the largest volume the engine accepts, no figure runs into another (they would merge into one word) or off the page."""
    quotation, data = render(request.getfixturevalue(book), LARGEST)
    found, (width, height) = words(data)
    printed = {word.text for word in found}
    assert figures(quotation) - printed == set(), "each figure is a word of its own: whole, not run into its neighbour"
    money = re.compile(r"^\(?\$\d{1,3}(,\d{3})*(\.\d+)?[.,:;)]?$")  # one amount, maybe ending a sentence
    assert [w.text for w in found if "$" in w.text and not money.match(w.text)] == []
    assert [w.text for w in found if not (w.x0 >= 0 and w.x1 <= width and w.y0 >= 0 and w.y1 <= height)] == []
    overlapping = [(a.text, b.text) for i, a in enumerate(found) for b in found[i + 1 :] if a.overlaps(b)]
    assert overlapping == []
