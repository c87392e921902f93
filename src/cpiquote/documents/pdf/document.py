"""The customer-ready PDF quote: a document to sign, rendered from the engine's quotation with reportlab platypus."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from cpiquote.documents.branding import Branding, load_branding
from cpiquote.documents.info import PAPER_SIZES, DocumentInfo
from cpiquote.documents.pdf.page import PageText, build_document, content_width
from cpiquote.documents.pdf.sections import (
    bullets,
    customer_notes,
    free_text,
    letterhead,
    parties,
    signature_block,
    summary,
    usage_terms,
)
from cpiquote.documents.pdf.tables import QuoteContext, estimate_table, invoice_table, pass_through_table, support_table, years_table
from cpiquote.documents.pdf.text import Para, make_styles
from cpiquote.pricing import InputError, Quotation


def render_pdf(quotation: Quotation, info: DocumentInfo, *, invariant: bool = False, branding: Branding | None = None) -> bytes:
    """The quote as PDF bytes on Letter or A4 (`info.paper`); `invariant=True` gives byte-identical output for tests."""
    if info.paper not in PAPER_SIZES:
        raise InputError("paper", f"{info.paper!r} is not a paper size; choose {' or '.join(PAPER_SIZES)}")
    brand = branding or load_branding()
    ctx = QuoteContext(quotation, info, brand, make_styles(brand.primary_colour, brand.accent_colour), content_width(info.paper))
    return build_document(story(ctx), info.paper, page_text(ctx), metadata(ctx), invariant)


def page_text(ctx: QuoteContext) -> PageText:
    """The footer and header text of every page."""
    pb = ctx.quotation.pricebook
    return PageText(
        ctx.branding.company_name,
        ctx.info.quote_number,
        f"{pb.name}, version {pb.version}, hash {pb.short_hash}",
        ctx.info.is_draft,
        pb.illustrative,
    )


def metadata(ctx: QuoteContext) -> dict[str, str]:
    """The PDF's document properties."""
    customer = ctx.quotation.request.customer.strip()
    return {
        "title": f"Quotation {ctx.info.quote_number}" + (f" for {customer}" if customer else ""),
        "author": ctx.branding.company_name,
        "subject": "Live Assist for Dynamics 365 subscription quote",
        "creator": "CPI Quote",
    }


def pass_through_intro(ctx: QuoteContext) -> str:
    """Why the pass-through figures are estimates and how they are invoiced."""
    fee = ctx.quotation.pricebook.handling_fee_percent
    plus_fee = f" plus a {ctx.percent(fee)} handling fee" if fee else ""
    return (
        "<b>Estimate only, not part of the contract value.</b> SMS sent through the partner gateway and WhatsApp template messages "
        f"are invoiced <b>monthly in arrears</b> at the provider's list rate{plus_fee}; actual charges follow actual use."
    )


def section(ctx: QuoteContext, title: str, *flowables: Flowable) -> list[Flowable]:
    """A heading kept on the same page as what it introduces."""
    return [KeepTogether([Para(title, ctx.styles.heading), *flowables])]


def story(ctx: QuoteContext, intro: Sequence[Flowable] = (), title: str = "Quotation") -> list[Flowable]:
    """Every part of the quote, top to bottom, under `title`; `intro` goes under the summary (what a quote inside another
    document is for: an option of a proposal, a renewal's new contract)."""
    s, q = ctx.styles, ctx.quotation
    flow = [*letterhead(ctx, title), *parties(ctx), *summary(ctx), *intro]
    flow += section(ctx, "Subscription by contract year", *years_table(ctx))
    flow += section(ctx, "Support and professional services", support_table(ctx))
    flow += section(ctx, "Invoice schedule", invoice_table(ctx))
    if q.pass_through.monthly_estimate:
        flow += section(ctx, "Pass-through estimate: SMS and WhatsApp", Para(pass_through_intro(ctx), s.body), pass_through_table(ctx))
    estimate = estimate_table(ctx)
    if estimate is not None:
        flow += section(ctx, "How the interactions were estimated", estimate)
    flow += notes_and_terms(ctx)
    flow += [Para("Usage terms", s.heading), *bullets(ctx, usage_terms(ctx))]
    flow.append(signature_block(ctx, ACCEPT_WITH_TERMS if q.request.terms.strip() else None))
    return flow


ACCEPT_WITH_TERMS = (
    "Signing below accepts this quote, its prices, its terms and the usage terms above. The first invoice is issued on acceptance "
    "or on receipt of a purchase order; each later invoice at the start of its contract year."
)


def notes_and_terms(ctx: QuoteContext) -> list[Flowable]:
    """The sales person's notes with the notices a customer should read, under "Notes"; the quote's own terms under "Terms".

    Typed text is not kept together: a heading stays with its first lines, and a long text continues on the next page.
    """
    s, request, notices = ctx.styles, ctx.quotation.request, customer_notes(ctx)
    flow: list[Flowable] = []
    if request.notes.strip() or notices:
        flow += [Para("Notes", s.heading), *free_text(ctx, request.notes), *bullets(ctx, notices)]
    if request.terms.strip():
        flow += [Para("Terms", s.heading), *free_text(ctx, request.terms)]
    return flow
