"""Fonts, colours, paragraph styles and safe markup for the quote PDF.

Latin, Greek and Cyrillic print in the embedded DejaVu Sans shipped in `resources/fonts/`; runs of Chinese,
Japanese or Korean characters in customer text switch to one of reportlab's built-in CID fonts, which need no file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal, TypedDict, Unpack
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag

from cpiquote.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
CJK_FONTS = {"zh": "STSong-Light", "ja": "HeiseiKakuGo-W5", "ko": "HYGothic-Medium"}

INK = colors.HexColor("#1D2430")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#C9D1DB")
TINT = colors.HexColor("#F1F4F8")
DRAFT_HEX = "#B03A2E"
DRAFT_RED = colors.HexColor(DRAFT_HEX)

_CJK_RUN = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31f0-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]+"
)
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


class Para(Paragraph):
    """A Paragraph that skips the markup parser for plain text and breaks its lines once per width.

    Plain text (no `<` or `&`) parses to one fragment in the paragraph's style, so it is made from that style's fragment
    directly; tables and KeepTogether wrap the same paragraph several times, so line breaks are kept per width.
    """

    _wrapped_width: float | None = None

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None, frags: list[ParaFrag] | None = None) -> None:  # noqa: N803
        cleaned = cleanBlockQuotedText(text) if frags is None and text and "<" not in text and "&" not in text else ""
        if cleaned:  # empty text goes to the parser, which makes no fragment of it
            text, frags = cleaned, [_plain_fragment(style).clone(text=cleaned)]
        # reportlab's own split makes the pieces with text None and their fragments; its stubs allow only str
        super().__init__(text, style, bulletText=bulletText, frags=frags)  # type: ignore[arg-type]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        """The paragraph's size at `availWidth`; line breaking depends only on the width, so a repeat reuses it.

        `split` deletes the broken lines when the paragraph cannot start on a page, so they are rebuilt then.
        """
        if availWidth != self._wrapped_width or not hasattr(self, "blPara"):
            super().wrap(availWidth, availHeight)
            self._wrapped_width = availWidth
        return self.width, self.height


@cache
def _plain_fragment(style: ParagraphStyle) -> ParaFrag:
    """The text fragment reportlab's parser makes for plain text in `style` (its text replaced per paragraph)."""
    frags = Paragraph("x", style).frags
    if len(frags) != 1:
        raise AssertionError(f"plain text parsed to {len(frags)} fragments in style {style.name}")
    return frags[0]


class FontError(RuntimeError):
    """A font shipped with the app is missing or unreadable; reinstalling restores it."""


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (with its bold and italic family) and the CJK CID fonts, once per process."""
    folder = resource_path("fonts")
    for name, file in FONT_FILES.items():
        try:
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        except Exception as error:  # reportlab raises TTFError or OSError with the path in the message
            raise FontError(f"{folder / file}: cannot load the PDF font ({error}); reinstall CPI Quote") from None
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    for cid_font in CJK_FONTS.values():
        pdfmetrics.registerFont(UnicodeCIDFont(cid_font))


def cjk_font_for(text: str) -> str:
    """The CID font for the CJK characters of `text`: Japanese if it has kana, Korean if Hangul, else Chinese."""
    if _KANA.search(text):
        return CJK_FONTS["ja"]
    if _HANGUL.search(text):
        return CJK_FONTS["ko"]
    return CJK_FONTS["zh"]


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` cut into (piece, font) runs: CJK runs in the CID font for the text, the rest in `font`."""
    if not _CJK_RUN.search(text):
        return [(text, font)]
    cjk, pieces, position = cjk_font_for(text), [], 0
    for match in _CJK_RUN.finditer(text):
        pieces += [(text[position : match.start()], font), (match.group(), cjk)]
        position = match.end()
    pieces.append((text[position:], font))
    return [(piece, piece_font) for piece, piece_font in pieces if piece]


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
    """Draw one line on a page canvas (headers, footers) with CJK runs in a CID font, as Paragraphs do: DejaVu Sans
    has no CJK glyphs. `right`: `x` is where the line ends."""
    pieces = runs(text, font)
    if right:
        x -= sum(pdfmetrics.stringWidth(piece, piece_font, size) for piece, piece_font in pieces)
    for piece, piece_font in pieces:
        canvas.setFont(piece_font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, piece_font, size)


def safe(text: str) -> str:
    """Customer-entered text as Paragraph markup: every character literal, CJK runs in a CID font."""
    return "".join(escape(piece) if font == "" else f'<font name="{font}">{escape(piece)}</font>' for piece, font in runs(text, ""))


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one quote, in the brand's colours."""

    primary: colors.Color
    accent: colors.Color
    body: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    company: ParagraphStyle
    customer: ParagraphStyle
    figure: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    bullet: ParagraphStyle
    free_text: ParagraphStyle  # notes and terms as the sales person typed them

    def para(self, markup: str, style: ParagraphStyle | None = None) -> Para:
        """A paragraph of trusted markup (customer text must go through `safe` first)."""
        return Para(markup, style or self.body)


class _StyleExtras(TypedDict, total=False):
    """The ParagraphStyle settings beyond font, size, leading and colour that some of the quote's styles set."""

    alignment: Literal[0, 1, 2, 4]  # reportlab's TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY
    spaceBefore: float
    spaceAfter: float
    keepWithNext: int
    leftIndent: float
    bulletIndent: float


def _style(
    name: str, size: float, leading: float, colour: colors.Color = INK, font: str = FONT, **extra: Unpack[_StyleExtras]
) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=colour, **extra)


@cache
def make_styles(primary_hex: str, accent_hex: str) -> Styles:
    """Paragraph styles for a brand whose colours are `primary_hex` and `accent_hex` ("#RRGGBB")."""
    register_fonts()
    primary, accent = colors.HexColor(primary_hex), colors.HexColor(accent_hex)
    return Styles(
        primary=primary,
        accent=accent,
        body=_style("body", 9, 13),
        small=_style("small", 7.5, 10, MUTED),
        small_right=_style("small_right", 7.5, 10, MUTED, alignment=TA_RIGHT),
        label=_style("label", 7, 9, MUTED, FONT_BOLD),
        title=_style("title", 20, 24, primary, FONT_BOLD, alignment=TA_RIGHT),
        heading=_style("heading", 11, 14, primary, FONT_BOLD, spaceBefore=16, spaceAfter=6, keepWithNext=1),
        company=_style("company", 12, 15, primary, FONT_BOLD),
        customer=_style("customer", 12, 15, INK, FONT_BOLD),
        figure=_style("figure", 13, 16, INK, FONT_BOLD),
        cell=_style("cell", 8, 10.5),
        cell_head=_style("cell_head", 7.5, 9.5, INK, FONT_BOLD, alignment=TA_LEFT),
        bullet=_style("bullet", 8.5, 12, leftIndent=10, bulletIndent=0, spaceAfter=3),
        free_text=_style("free_text", 9, 13),
    )
