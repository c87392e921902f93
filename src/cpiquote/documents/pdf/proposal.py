"""A proposal PDF: the options summary on the first page, then each option as a complete quotation to sign."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Spacer

from cpiquote.documents.branding import Branding, load_branding
from cpiquote.documents.info import PAPER_SIZES, DocumentInfo
from cpiquote.documents.pdf.document import page_text, story
from cpiquote.documents.pdf.page import build_document, content_width
from cpiquote.documents.pdf.sections import letterhead, long_date, plain_table, prepared_for
from cpiquote.documents.pdf.tables import Cell, QuoteContext, cell_text, money_table
from cpiquote.documents.pdf.text import FONT_BOLD, Para, make_styles, safe
from cpiquote.documents.proposal import Option, summary_rows, what_differs
from cpiquote.pricing import InputError


def render_proposal_pdf(
    options: Sequence[Option], info: DocumentInfo, *, invariant: bool = False, branding: Branding | None = None
) -> bytes:
    """The proposal as PDF bytes: a summary page comparing `options`, then each option's quotation on pages of its own."""
    if info.paper not in PAPER_SIZES:
        raise InputError("paper", f"{info.paper!r} is not a paper size; choose {' or '.join(PAPER_SIZES)}")
    brand = branding or load_branding()
    styles, width = make_styles(brand.primary_colour, brand.accent_colour), content_width(info.paper)
    contexts = [QuoteContext(option.quotation, info, brand, styles, width) for option in options]
    differs = what_differs(options)
    flow = summary_page(contexts[0], options, differs)
    for option, ctx, difference in zip(options, contexts, differs, strict=True):
        intro = [Spacer(1, 6), Para(f"<b>{option.name} of {len(options)}</b>: {safe(difference)}.", styles.body)]
        flow += [PageBreak(), *story(ctx, intro, title=option.name)]
    return build_document(flow, info.paper, page_text(contexts[0]), metadata(contexts[0], len(options)), invariant)


def metadata(ctx: QuoteContext, count: int) -> dict[str, str]:
    """The PDF's document properties."""
    customer = ctx.quotation.request.customer.strip()
    return {
        "title": f"Proposal {ctx.info.quote_number}" + (f" for {customer}" if customer else ""),
        "author": ctx.branding.company_name,
        "subject": f"Live Assist for Dynamics 365 subscription proposal: {count} options",
        "creator": "CPI Quote",
    }


def details(ctx: QuoteContext) -> Flowable:
    """The proposal's number, dates and currency (each option states its own contract term)."""
    s, info = ctx.styles, ctx.info
    rows: list[list[Cell]] = [
        ["Draft reference" if info.is_draft else "Proposal number", Para(safe(info.quote_number), s.body)],
        ["Date", long_date(info.quote_date)],
        ["Valid until", long_date(info.valid_until)],
        ["Currency", ctx.currency],
    ]
    commands = [*cell_text(s.small, (0, 0), (0, -1)), *cell_text(s.body, (1, 1), (1, -1)), ("FONTNAME", (1, 2), (1, 2), FONT_BOLD)]
    return plain_table(rows, [ctx.width * 0.15, ctx.width * 0.27], [*commands, ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])


def summary_page(ctx: QuoteContext, options: Sequence[Option], differs: Sequence[str]) -> list[Flowable]:
    """Letterhead, customer, and the options side by side: what differs, the credits, prices, fees and contract value."""
    s = ctx.styles
    intro = (
        f"This proposal offers {len(options)} options for Live Assist for Dynamics 365. Each is priced in full on the "
        "pages that follow, as a quotation to accept on its own; choose the one that suits you best."
    )
    header = ["", *(option.name for option in options)]
    differ_style = ParagraphStyle("differs", parent=s.cell, alignment=TA_RIGHT)  # under the options' right-aligned names
    rows: list[list[Cell]] = [["What differs", *(Para(safe(text), differ_style) for text in differs)]]
    rows += [[row.label, *row.cells] for row in summary_rows(options)]
    label_share = 0.22
    widths = [label_share, *([(1 - label_share) / len(options)] * len(options))]
    table = money_table(ctx, header, rows, widths, first_right=1, total=True)
    return [
        *letterhead(ctx, "Proposal"),
        plain_table([[prepared_for(ctx), details(ctx)]], [ctx.width * 0.58, ctx.width * 0.42], []),
        Spacer(1, 12),
        Para(intro, s.body),
        Para("Your options", s.heading),
        table,
    ]
