"""Fonts, colours, paragraph styles and safe markup for the quote PDF.

Every font is a TrueType file shipped in `resources/fonts/` and embedded as a subset, so text prints the same in any
viewer. Latin, Greek and Cyrillic print in DejaVu Sans; a character it lacks, and any Chinese, Japanese, Korean, Arabic
or Hebrew character, prints in a font for its script (WenQuanYi Micro Hei, Noto Sans Arabic, Noto Sans Hebrew), in bold
where the text is bold and the font has a bold. Arabic and Hebrew print right to left (see `bidi`).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import Literal, TypedDict, Unpack
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag
from reportlab.platypus.tables import CellStyle

from cpiquote.documents.pdf.bidi import ARABIC, HEBREW, has_right_to_left, print_order, shape_arabic, visual_order
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
CJK_FONT = "WenQuanYiMicroHei"  # one weight: bold text prints its Chinese, Japanese and Korean in it too
ARABIC_FONT, ARABIC_FONT_BOLD = "NotoSansArabic", "NotoSansArabic-Bold"
HEBREW_FONT, HEBREW_FONT_BOLD = "NotoSansHebrew", "NotoSansHebrew-Bold"
# Loaded the first time text needs one: WenQuanYi Micro Hei alone takes about 90 ms to read.
FALLBACK_FILES = {
    CJK_FONT: "wqy-microhei.ttc",  # face 0 of the collection, "WenQuanYi Micro Hei"
    ARABIC_FONT: "NotoSansArabic-Regular.ttf",
    ARABIC_FONT_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW_FONT: "NotoSansHebrew-Regular.ttf",
    HEBREW_FONT_BOLD: "NotoSansHebrew-Bold.ttf",
}
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31f0-\u31ff\u3200-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f"
)
# Each script's characters and its (regular, bold) fonts, in the order fonts are tried for a character no font claims.
SCRIPT_FONTS = (
    (re.compile(f"[{_CJK}]"), (CJK_FONT, CJK_FONT)),
    (re.compile(f"[{ARABIC}]"), (ARABIC_FONT, ARABIC_FONT_BOLD)),
    (re.compile(f"[{HEBREW}]"), (HEBREW_FONT, HEBREW_FONT_BOLD)),
)
_BOLD = frozenset({FONT_BOLD, FONT_BOLD_ITALIC})

INK = colors.HexColor("#1D2430")
MUTED = colors.HexColor("#5F6B7A")
RULE = colors.HexColor("#C9D1DB")
TINT = colors.HexColor("#F1F4F8")
DRAFT_HEX = "#B03A2E"
DRAFT_RED = colors.HexColor(DRAFT_HEX)


class Para(Paragraph):
    """A Paragraph that skips the markup parser for plain text and breaks its lines once per width.

    Plain text (no `<` or `&`) parses to one fragment in the paragraph's style, so it is made from that style's fragment
    directly; tables and KeepTogether wrap the same paragraph several times, so line breaks are kept per width.
    Each fragment's characters that its font lacks move to fragments in a font that has them (`runs`).
    """

    _wrapped_width: float | None = None
    blPara: ParaLines  # noqa: N815 - reportlab's broken lines, set by `wrap`; not in its stubs

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None, frags: list[ParaFrag] | None = None) -> None:  # noqa: N803
        parsed = frags is None  # reportlab's split passes the fragments of a paragraph made here: already in their fonts
        cleaned = cleanBlockQuotedText(text) if frags is None and text and "<" not in text and "&" not in text else ""
        if cleaned:  # empty text goes to the parser, which makes no fragment of it
            text, frags = cleaned, [_plain_fragment(style).clone(text=cleaned)]
        # reportlab's own split makes the pieces with text None and their fragments; its stubs allow only str
        super().__init__(text, style, bulletText=bulletText, frags=frags)  # type: ignore[arg-type]
        if parsed:
            self.frags = [piece for frag in self.frags for piece in _in_fonts(frag)]
        self._right_to_left = any(has_right_to_left(getattr(frag, "text", "")) for frag in self.frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        """The paragraph's size at `availWidth`; line breaking depends only on the width, so a repeat reuses it.

        `split` deletes the broken lines when the paragraph cannot start on a page, so they are rebuilt then.
        """
        if availWidth != self._wrapped_width or not hasattr(self, "blPara"):
            super().wrap(availWidth, availHeight)
            self._wrapped_width = availWidth
        return self.width, self.height

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 - reportlab's name
        """Draw the paragraph with each line's right-to-left text in the order it prints; its lines stay in the order typed,
        as `split` needs them."""
        if not self._right_to_left:
            return super().drawPara(debug)
        typed = self.blPara
        self.blPara = _printed_lines(typed)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = typed


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
    """Register DejaVu Sans with its bold and italic family, once per process; the script fonts load when text needs them."""
    for name, file in FONT_FILES.items():
        _register(name, file)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    # A table cell sets its style's font even when it holds a paragraph, and reportlab's default is Helvetica, which
    # would be the one font a quote does not embed: cells without a FONTNAME command name the body font instead.
    CellStyle.fontname = FONT


def _register(name: str, file: str) -> None:
    """Register the shipped font `file` as `name`, or say which file to restore."""
    path = resource_path("fonts", file)
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except Exception as error:  # reportlab raises TTFError or OSError with the path in the message
        raise FontError(f"{path}: cannot load the PDF font ({error}); reinstall CPI Quote") from None


@cache
def _glyphs(font: str) -> Container[int]:
    """The code points `font` has a glyph for, registering it first."""
    register_fonts()
    if font in FALLBACK_FILES:
        _register(font, FALLBACK_FILES[font])
    loaded = pdfmetrics.getFont(font)
    if isinstance(loaded, TTFont):
        glyphs: Container[int] = loaded.face.charToGlyph
        return glyphs
    return range(0x20, 0x7F)  # a standard PDF font (none of the quote's own): ASCII


@cache
def font_for(char: str, font: str) -> str:
    """The font `char` prints in within text set in `font`: its script's font, else `font`, else any font that has it.

    A character no shipped font has stays in `font`, which prints its "missing glyph" box.
    """
    bold = font in _BOLD
    script = [fonts[bold] for pattern, fonts in SCRIPT_FONTS if pattern.match(char)]
    for candidate in (*script, font, *(fonts[bold] for _, fonts in SCRIPT_FONTS)):
        if ord(char) in _glyphs(candidate):
            return candidate
    return font


def runs(text: str, font: str, *, printed: bool = True) -> list[tuple[str, str]]:
    """`text` cut into (piece, font) runs, each character in a font that has it (`font_for`), Arabic letters joined.

    `printed`: the runs of one line in the order they print (right-to-left text reversed); else in the order typed,
    for a paragraph, which breaks its lines first and puts each in printing order as it draws it (`Para.drawPara`).
    """
    if text.isascii():  # DejaVu Sans has every ASCII character: the common case costs nothing
        return [(text, font)] if text else []
    shaped = shape_arabic(text)
    chars = visual_order(shaped) if printed else shaped
    return [("".join(piece), piece_font) for piece_font, piece in groupby(chars, key=lambda char: font_for(char, font))]


def _in_fonts(frag: ParaFrag) -> list[ParaFrag]:
    """A paragraph fragment as fragments, in the order typed, whose fonts have their characters (`runs`)."""
    text = getattr(frag, "text", "")
    if not text or text.isascii() or hasattr(frag, "cbDefn"):
        return [frag]
    pieces = runs(text, frag.fontName, printed=False)
    if pieces == [(text, frag.fontName)]:
        return [frag]
    return [frag.clone(text=piece, fontName=piece_font) for piece, piece_font in pieces]


def _printed_lines(lines: ParaLines) -> ParaLines:
    """A paragraph's broken lines (`blPara`) with each line's right-to-left text in the order it prints (`bidi`)."""
    if lines.kind == 0:  # one font: each line is (free width, words)
        return lines.clone(lines=[(free, visual_order(" ".join(words)).split(" ")) for free, words in lines.lines])
    return lines.clone(lines=[line.clone(words=_printed_words(line.words)) for line in lines.lines])


def _printed_words(words: list[ParaFrag]) -> list[ParaFrag]:
    """The fragments of one line, cut and reordered into the order their characters print."""
    if any(hasattr(word, "cbDefn") for word in words) or not has_right_to_left("".join(word.text for word in words)):
        return words  # an image or link anchor, or nothing to reorder
    owners = [word for word in words for _ in word.text]
    order = print_order("".join(word.text for word in words))
    return [owner.clone(text="".join(char for _, char in group)) for owner, group in groupby(order, key=lambda placed: owners[placed[0]])]


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
    """Draw one line on a page canvas (headers, footers) with each character in a font that has it, as paragraphs do.
    `right`: `x` is where the line ends."""
    pieces = runs(text, font)
    if right:
        x -= sum(pdfmetrics.stringWidth(piece, piece_font, size) for piece, piece_font in pieces)
    for piece, piece_font in pieces:
        canvas.setFont(piece_font, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, piece_font, size)


def safe(text: str) -> str:
    """Customer-entered text as Paragraph markup: every character literal (`Para` puts each in a font that has it)."""
    return escape(text)


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
    # the bullet font too: reportlab's default, Helvetica, is not embedded
    return ParagraphStyle(name, fontName=font, bulletFontName=font, fontSize=size, leading=leading, textColor=colour, **extra)


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
