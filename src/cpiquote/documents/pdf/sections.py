"""The prose parts of the quote PDF: letterhead, parties, summary, notes, usage terms and the signature block."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from babel.dates import format_date
from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from cpiquote import formatting as fmt
from cpiquote.documents.info import CUSTOMER_NOTICE_KINDS, subject_to_approval
from cpiquote.documents.pdf.fit import ColumnNeed, fit_columns, text_width
from cpiquote.documents.pdf.tables import Cell, Command, QuoteContext, cell_text, scaled
from cpiquote.documents.pdf.text import DRAFT_HEX, FONT_BOLD, INK, MUTED, RULE, TINT, Para, safe
from cpiquote.documents.text import features_text
from cpiquote.pricing import interactions_covered
from cpiquote.wording import ILLUSTRATIVE_NOTE, SUBJECT_TO_APPROVAL, customer_text

LOGO_HEIGHT = 15 * mm


def long_date(day: dt.date) -> str:
    """A date as a customer reads it: November 27, 2026."""
    return format_date(day, format="long", locale=fmt.DEFAULT_LOCALE)


def plain_table(rows: list[list[Cell]], widths: list[float], commands: list[Command]) -> Table:
    """A borderless layout table, left-aligned, its cells top-aligned and unpadded (`commands` add to that)."""
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    base: list[Command] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    table.setStyle(TableStyle(base + commands))
    return table


# --- letterhead ------------------------------------------------------------------------------


class Logo(Flowable):
    """The brand's logo, LOGO_HEIGHT tall, drawn from an image decoded once per process."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.image, pixel_width, pixel_height = decoded_image(path, path.stat().st_mtime_ns)
        self.width, self.height = LOGO_HEIGHT * pixel_width / pixel_height, LOGO_HEIGHT

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        """The logo's size, whatever the room."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the logo with its transparency."""
        self.canv.drawImage(self.image, 0, 0, self.width, self.height, mask="auto")


@cache
def decoded_image(path: Path, _modified: int) -> tuple[ImageReader, int, int]:
    """The image at `path` decoded to pixels, with its size; a replaced file (new modification time) is read again."""
    image = ImageReader(io.BytesIO(path.read_bytes()))  # from memory: no file handle is held open
    # Decode now, so the shared reader is never written to while a document is drawn (the stubs leave it untyped).
    image.getRGBData()  # type: ignore[no-untyped-call]
    width, height = image.getSize()
    return image, width, height


def _logo(ctx: QuoteContext) -> Cell:
    path = ctx.branding.logo_path
    return "" if path is None else Logo(Path(path))


def letterhead(ctx: QuoteContext, title_text: str = "Quotation") -> list[Flowable]:
    """Logo, company name, address and sales contact on the left; the title ("Quotation") on the right; a brand-coloured rule."""
    b, s = ctx.branding, ctx.styles
    details = [*b.address_lines, b.sales_contact, *([b.website] if b.website else [])]
    company = [Para(safe(b.company_name), s.company), Para("<br/>".join(safe(line) for line in details), s.small)]
    title: list[Flowable] = [Para(title_text, s.title)]
    if ctx.info.is_draft:
        title.append(Para(f'<font color="{DRAFT_HEX}"><b>DRAFT</b></font> · not yet an offer', s.small_right))
    if ctx.quotation.pricebook.illustrative:  # the sample's prices: a customer must not take them for an offer
        title.append(Para(f'<font color="{DRAFT_HEX}"><b>{ILLUSTRATIVE_NOTE}</b></font>', s.small_right))
    if subject_to_approval(ctx.quotation, ctx.info):  # a discount nobody allowed yet: not an offer either
        title.append(Para(f'<font color="{DRAFT_HEX}"><b>{SUBJECT_TO_APPROVAL}</b></font>', s.small_right))
    logo_width = LOGO_HEIGHT + 5 * mm
    table = plain_table([[_logo(ctx), company, title]], [logo_width, ctx.width * 0.62 - logo_width, ctx.width * 0.38], [])
    return [table, HRFlowable(width="100%", thickness=1.4, color=s.primary, spaceBefore=8, spaceAfter=12)]


# --- parties and document details ---------------------------------------------------------------


def lines(text: str) -> str:
    """Customer-entered text of several lines as Paragraph markup: every character literal, each line break kept."""
    return "<br/>".join(safe(line) for line in text.strip().split("\n"))


def prepared_for(ctx: QuoteContext) -> list[Flowable]:
    """ "PREPARED FOR" with the customer's name (or that none is named), account or Site ID, billing address and contact."""
    s, request = ctx.styles, ctx.quotation.request
    flow: list[Flowable] = [Para("PREPARED FOR", s.label), Spacer(1, 2)]
    flow.append(Para(safe(request.customer) if request.customer.strip() else "Customer not named", s.customer))
    if request.account.strip():
        flow.append(Para(f"Account or Site ID: {safe(request.account.strip())}", s.body))
    if request.billing_address.strip():
        flow += [Spacer(1, 3), Para("BILLING ADDRESS", s.label), Para(lines(request.billing_address), s.body), Spacer(1, 3)]
    if request.contact.strip():
        flow.append(Para(f"Attention: {safe(request.contact)}", s.body))
    return flow


def _details(ctx: QuoteContext) -> Table:
    s, info, q = ctx.styles, ctx.info, ctx.quotation
    number = safe(info.quote_number)
    term = f"{q.request.years} year{'s' if q.request.years > 1 else ''} from acceptance"
    rows: list[list[Cell]] = [
        ["Draft reference" if info.is_draft else "Quote number", Para(number, s.body)],  # a paragraph wraps any script
        ["Quote date", long_date(info.quote_date)],
        ["Valid until", long_date(info.valid_until)],
        ["Contract term", term],
        ["Currency", q.pricebook.currency],
    ]
    if q.request.sales_person.strip():
        rows.append(["Sales person", Para(safe(q.request.sales_person.strip()), s.body)])
    commands = [*cell_text(s.small, (0, 0), (0, -1)), *cell_text(s.body, (1, 1), (1, -1)), ("FONTNAME", (1, 2), (1, 2), FONT_BOLD)]
    return plain_table(rows, [ctx.width * 0.13, ctx.width * 0.29], [*commands, ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])


def parties(ctx: QuoteContext) -> list[Flowable]:
    """Who the quote is for (customer, account, billing address, contact) beside its number, dates, term and sales person."""
    gap: list[Command] = [("RIGHTPADDING", (0, 0), (0, 0), 12)]  # a long unbroken name wraps before it meets the details
    table = plain_table([[prepared_for(ctx), _details(ctx)]], [ctx.width * 0.58, ctx.width * 0.42], gap)
    return [table, Spacer(1, 12)]


# --- summary -----------------------------------------------------------------------------------


def _discount_caption(ctx: QuoteContext) -> str:
    q = ctx.quotation
    caption = f"net of {ctx.percent(q.term_discount_percent)} term discount"
    return caption + (f" and {ctx.percent(q.discount_percent)} discount" if q.discount_percent else "")


def _credits_caption(ctx: QuoteContext) -> str:
    """Under year 1's credits: credits per interaction; for credits ordered, what the forecast needs or what they cover."""
    q, y1 = ctx.quotation, ctx.quotation.first_year
    if y1.ordered_credits is None:
        return f"{ctx.credits(q.credits_per_interaction)} per interaction"
    # Short enough for two lines of the box; the note under the year table says it in full.
    if y1.required_credits is None:  # no forecast: say what the credits buy
        return f"ordered; up to {ctx.count(interactions_covered(y1.ordered_credits, q.credits_per_interaction))} interactions"
    return f"ordered; the forecast needs {ctx.count(y1.required_credits)}"


def figure_band(ctx: QuoteContext, boxes: Sequence[tuple[str, str, str]], shares: Sequence[float]) -> Table:
    """Key figures side by side in a tinted band: each box a LABEL, its figure and a caption, `shares` of the width."""
    s = ctx.styles
    fit = fit_columns(
        [ctx.width * share for share in shares], [_box_need(ctx, box, ctx.width * share) for box, share in zip(boxes, shares, strict=True)]
    )
    rows: list[list[Cell]] = [
        [label for label, _, _ in boxes],
        [figure for _, figure, _ in boxes],
        [Para(caption, s.small) for _, _, caption in boxes],  # captions may wrap
    ]
    commands: list[Command] = [
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LINEABOVE", (0, 0), (-1, 0), 2, s.primary),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("TOPPADDING", (0, 1), (-1, 1), 3),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
        ("LINEAFTER", (0, 0), (-2, -1), 3, white),
        *cell_text(s.label, (0, 0), (-1, 0)),
        *(scaled(command, fit.scale) for command in cell_text(s.figure, (0, 1), (-1, 1))),  # one size for all: they read as a set
    ]
    return plain_table(rows, fit.widths, commands)


_BOX_PAD = 8 + 6  # the box's left padding, and a gap before the next box
_CAPTION_SHARE = 0.5  # a caption wraps, but keeps this share of its box's designed width


def _box_need(ctx: QuoteContext, box: tuple[str, str, str], width: float) -> ColumnNeed:
    """The room a box needs: its figure at the figure style's size; never less than its label, or half its width for the caption."""
    s, (label, figure, _) = ctx.styles, box
    least = max(text_width(label, s.label.fontName, s.label.fontSize) + _BOX_PAD, width * _CAPTION_SHARE)
    return ColumnNeed(text_width(figure, s.figure.fontName, s.figure.fontSize), _BOX_PAD, least)


def summary(ctx: QuoteContext) -> list[Flowable]:
    """Four key figures in a tinted band: credits a year, price per credit, annual subscription, contract value."""
    s, q, y1 = ctx.styles, ctx.quotation, ctx.quotation.first_year
    ramp = q.request.is_ramp
    years = f"{q.request.years} year{'s' if q.request.years > 1 else ''}"
    boxes = [
        ("CREDITS, YEAR 1" if ramp else "CREDITS A YEAR", ctx.count(y1.annual_credits), _credits_caption(ctx)),
        ("PRICE PER CREDIT, YEAR 1" if ramp else "PRICE PER CREDIT", ctx.price(y1.price_per_credit), _discount_caption(ctx)),
        (
            "SUBSCRIPTION, YEAR 1" if ramp else "ANNUAL SUBSCRIPTION",
            ctx.money(y1.annual_subscription),
            "later years in the table below" if ramp else "a contract year",
        ),
        ("TOTAL CONTRACT VALUE", ctx.money(q.total_contract_value), f"{years}, all invoices"),
    ]
    table = figure_band(ctx, boxes, (0.22, 0.24, 0.26, 0.28))
    r = q.request
    features = features_text(q) if (r.generative_ai or r.intent_manager or r.performance_optimizer) else "the base product"
    line = (
        f"Features: {features}. Overage, if usage exceeds the credits ordered: "
        f"{ctx.price(y1.overage_price_per_credit)} per credit{' in year 1' if _overage_varies(ctx) else ''}."
    )
    return [KeepTogether([table, Spacer(1, 5), Para(line, s.small)])]


def _overage_varies(ctx: QuoteContext) -> bool:
    return len({y.overage_price_per_credit for y in ctx.quotation.years}) > 1


# --- notes and usage terms -----------------------------------------------------------------------


def customer_notes(ctx: QuoteContext) -> list[str]:
    """Notices a customer should read (the minimum order, an order below the forecast, a draft); approval and sales advice stay out."""
    q = ctx.quotation
    notes = [safe(customer_text(notice, q)) for notice in q.warnings if notice.kind in CUSTOMER_NOTICE_KINDS]
    if ctx.info.is_draft:
        notes.append("This is a draft for discussion, not an offer: an offer carries a quote number.")
    if subject_to_approval(q, ctx.info):
        notes.append(f"{SUBJECT_TO_APPROVAL}: its discount awaits internal approval, and the quote is not an offer until approved.")
    return notes


def _credits_explained(ctx: QuoteContext) -> str:
    q, rates = ctx.quotation, ctx.quotation.pricebook.credits
    parts = [
        f"Generative AI {ctx.number(rates.generative_ai)} (instead of {ctx.number(rates.base)})"
        if q.request.generative_ai
        else f"base {ctx.number(rates.base)}"
    ]
    if q.request.intent_manager:
        parts.append(f"Intent Manager +{ctx.number(rates.intent_manager)}")
    if q.request.performance_optimizer:
        parts.append(f"Performance Optimizer +{ctx.number(rates.performance_optimizer)}")
    return f"With the features quoted, each interaction consumes <b>{ctx.credits(q.credits_per_interaction)}</b>: {', '.join(parts)}."


def _overage_text(ctx: QuoteContext) -> str:
    years = ctx.quotation.years
    if not _overage_varies(ctx):
        return f"<b>{ctx.price(years[0].overage_price_per_credit)}</b> per credit"
    return ", ".join(f"<b>{ctx.price(y.overage_price_per_credit)}</b> per credit in year {y.year}" for y in years)


def usage_terms(ctx: QuoteContext) -> list[str]:
    """The usage terms that apply to this quote, as markup paragraphs."""
    return [
        "An <b>interaction</b> is a conversation between your bots or human agents and an end customer on one calendar day, however "
        "many messages, agents or bots take part. Agents and bots are unlimited.",
        "A conversation that continues into the next calendar day counts again for each further day. The calendar day is the day in "
        "the <b>time zone of your Site ID</b> (for example Europe/Berlin), not UTC.",
        _credits_explained(ctx) + " Co-browsing, voice and video ride inside an interaction at no extra credits.",
        "Proactive messages (outbound messages your business starts) count as an interaction only once the end user <b>replies</b>; "
        "the provider fee of the outbound SMS or WhatsApp message is charged either way.",
        "The subscription is invoiced at the credits ordered, not at actual usage. <b>Unused credits do not roll over</b> to the next "
        "contract year. Usage is shown on the CPI billing dashboard, refreshed monthly.",
        f"Usage above the credits ordered is invoiced as overage at {_overage_text(ctx)}.",
    ]


def free_text(ctx: QuoteContext, text: str) -> list[Flowable]:
    """Notes or terms as typed, wrapped to the page: a paragraph for each line, a gap for each blank line. Lines apart
    let a long text start under its heading and continue on the next page, instead of moving there whole."""
    flow: list[Flowable] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if block.strip():
            flow += [Para(safe(line), ctx.styles.free_text) for line in block.split("\n")]
            flow.append(Spacer(1, 5))
    return flow[:-1]


def bullets(ctx: QuoteContext, items: list[str]) -> list[Flowable]:
    """Paragraphs with a bullet each."""
    return [Para(item, ctx.styles.bullet, bulletText="•") for item in items]


# --- signature block --------------------------------------------------------------------------


def signature_block(ctx: QuoteContext, intro: str | None = None) -> Flowable:
    """Acceptance text (`intro`, else the quote's) and two signature columns (customer and vendor) that always stay on one page."""
    s, request = ctx.styles, ctx.quotation.request
    customer = safe(request.customer) if request.customer.strip() else "the customer"
    heads: list[Cell] = [
        Para(f"For {customer}", s.cell_head),
        "",
        "",
        Para(f"For {safe(ctx.branding.company_name)}", s.cell_head),
        "",
    ]
    rows: list[list[Cell]] = [heads] + [[label, "", "", label, ""] for label in ("Name", "Title", "Signature", "Date")]
    w = ctx.width
    table = Table(rows, colWidths=[w * 0.11, w * 0.34, w * 0.1, w * 0.11, w * 0.34], rowHeights=[None, 24, 24, 34, 24], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("SPAN", (3, 0), (4, 0)),
                ("VALIGN", (0, 0), (-1, 0), "TOP"),
                ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 1), (1, -1), 0.6, INK),
                ("LINEBELOW", (4, 1), (4, -1), 0.6, INK),
                ("LINEBELOW", (0, 0), (1, 0), 0.8, RULE),
                ("LINEBELOW", (3, 0), (4, 0), 0.8, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TEXTCOLOR", (0, 0), (-1, -1), MUTED),
                *cell_text(s.small, (0, 1), (-1, -1)),
            ]
        )
    )
    intro = intro or (
        "Signing below accepts this quote, its prices and the usage terms above. The first invoice is issued on acceptance or on "
        "receipt of a purchase order; each later invoice at the start of its contract year."
    )
    return KeepTogether([Para("Acceptance", s.heading), Para(intro, s.body), Spacer(1, 8), table])
