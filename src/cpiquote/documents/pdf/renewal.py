"""The renewal PDF: an account manager's analysis of a running subscription, the recommended option's document, and the
next term's quote (usage-and-renewals.md sections 2 to 4).

Page 1 is the analysis: the subscription, usage and forecast, the three options side by side with the recommended one
highlighted, and the analysis in the wording every front end uses. Then, by the recommendation: a top-up's one-off
order (its credits expire with the contract year, and it says so), or the early renewal's quote of the new contract;
then the right-sized renewal quote. The quotes are the quote PDF's own pages (document.story), in the same styles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from babel.dates import format_date
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from cpiquote import formatting as fmt
from cpiquote import wording
from cpiquote.documents.branding import Branding, load_branding
from cpiquote.documents.info import PAPER_SIZES, DocumentInfo
from cpiquote.documents.pdf.document import page_text, section, story
from cpiquote.documents.pdf.page import build_document, content_width
from cpiquote.documents.pdf.sections import figure_band, letterhead, long_date, plain_table, prepared_for, signature_block
from cpiquote.documents.pdf.tables import Cell, Command, QuoteContext, cell_text, money_table
from cpiquote.documents.pdf.text import FONT_BOLD, TINT, Para, make_styles, safe
from cpiquote.documents.text import features_text
from cpiquote.pricing import InputError, Quotation
from cpiquote.pricing.renewal import Forecast, RenewalAnalysis

TOP_UP_SUFFIX = "-TU"  # the top-up order's reference: the renewal quote's number with this suffix
EARLY_RENEWAL_SUFFIX = "-ER"  # the early renewal quote's number likewise
OPTION_NAMES = {"overage": "Pay overage", "top_up": "Top-up", "early_renewal": "Renew early"}


def render_renewal_pdf(
    analysis: RenewalAnalysis,
    renewal_quotation: Quotation,
    info: DocumentInfo,
    *,
    invariant: bool = False,
    branding: Branding | None = None,
) -> bytes:
    """The analysis, the recommended option's document and the renewal quote as PDF bytes; `info` is the renewal quote's."""
    if info.paper not in PAPER_SIZES:
        raise InputError("paper", f"{info.paper!r} is not a paper size; choose {' or '.join(PAPER_SIZES)}")
    ctx = _context(renewal_quotation, info, branding or load_branding())
    flow = [*analysis_page(ctx, analysis), *recommended_document(ctx, analysis), PageBreak()]
    flow += story(ctx, [Spacer(1, 8), Para(wording.renewal_quote_text(analysis, renewal_quotation), ctx.styles.body)])
    return build_document(flow, info.paper, page_text(ctx), _metadata(ctx), invariant)


def _context(quotation: Quotation, info: DocumentInfo, branding: Branding) -> QuoteContext:
    """A quote's context in the brand's styles on the paper of `info`."""
    styles = make_styles(branding.primary_colour, branding.accent_colour)
    return QuoteContext(quotation, info, branding, styles, content_width(info.paper))


def _metadata(ctx: QuoteContext) -> dict[str, str]:
    customer = ctx.quotation.request.customer.strip()
    return {
        "title": f"Renewal analysis {ctx.info.quote_number}" + (f" for {customer}" if customer else ""),
        "author": ctx.branding.company_name,
        "subject": "Live Assist for Dynamics 365 subscription: usage forecast, options and renewal quote",
        "creator": "CPI Quote",
    }


def run_out_day(forecast: Forecast, annual_credits: int) -> dt.date | None:
    """The day the subscribed credits are used up at the rate so far, when that is within the contract year; else None.

    At U credits in `elapsed` days the S-th credit is used on day ceil(S x elapsed / U) of the year; that day is within
    the year exactly when the linear forecast is above S.
    """
    if forecast.credits <= annual_credits:
        return None
    day_number = -(-annual_credits * forecast.elapsed_days // forecast.used_credits)
    return forecast.year.first_day + dt.timedelta(days=day_number - 1)


def short_date(day: dt.date) -> str:
    """A date short enough for a figure box: Dec 18, 2026."""
    return format_date(day, format="medium", locale=fmt.DEFAULT_LOCALE)


def as_of_day(forecast: Forecast) -> dt.date:
    """The last day the usage counts: the contract year's day number `elapsed_days`."""
    return forecast.year.first_day + dt.timedelta(days=forecast.elapsed_days - 1)


# --- page 1: the analysis --------------------------------------------------------------------------------------------


def analysis_page(ctx: QuoteContext, a: RenewalAnalysis) -> list[Flowable]:
    """The subscription, usage and forecast, the options side by side and the analysis in words (the next term heads its quote)."""
    s = ctx.styles
    first, *lines = wording.renewal_texts(a)
    flow: list[Flowable] = [*letterhead(ctx, "Renewal analysis"), _parties(ctx, a)]
    flow += section(ctx, "Subscription", *_subscription(ctx, a))
    flow += section(ctx, "Usage and forecast", figure_band(ctx, _usage_boxes(ctx, a), (0.22, 0.26, 0.26, 0.26)))
    flow.append(Para(wording.forecast_text(a), s.small))
    flow += section(ctx, "Options to the end of the contract year", options_table(ctx, a), Spacer(1, 8), Para(f"<b>{first}</b>", s.body))
    flow += [Spacer(1, 4), *(Para(line, s.bullet, bulletText="•") for line in lines)]
    return flow


def _parties(ctx: QuoteContext, a: RenewalAnalysis) -> Flowable:
    """Who the analysis is for, beside its date, the day the usage runs to and the renewal quote's reference."""
    s = ctx.styles
    reference = "Draft reference" if ctx.info.is_draft else "Quote number"
    rows: list[list[Cell]] = [
        ["Date", long_date(ctx.info.quote_date)],
        ["Usage through", long_date(as_of_day(a.forecast))],
        [reference, Para(safe(ctx.info.quote_number), s.body)],
        ["Currency", ctx.currency],
    ]
    commands = [*cell_text(s.small, (0, 0), (0, -1)), *cell_text(s.body, (1, 0), (1, -1)), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    details = plain_table(rows, [ctx.width * 0.13, ctx.width * 0.29], commands)
    return KeepTogether([plain_table([[prepared_for(ctx), details]], [ctx.width * 0.58, ctx.width * 0.42], []), Spacer(1, 4)])


def _subscription(ctx: QuoteContext, a: RenewalAnalysis) -> list[Flowable]:
    """The running contract: credits, price, annual fee and the contract year the analysis is about."""
    sub, year = a.subscription, a.forecast.year
    boxes = [
        ("CREDITS A YEAR", ctx.count(sub.annual_credits), "subscribed"),
        ("PRICE PER CREDIT", ctx.price(sub.price_per_credit), f"overage {ctx.price(sub.overage_price)} per credit"),
        ("ANNUAL FEE", ctx.money(sub.annual_fee), "a contract year"),
        (f"CONTRACT YEAR {year.number} OF {sub.years}", f"{year.days} days", f"{long_date(year.first_day)} to {long_date(year.last_day)}"),
    ]
    features = features_text(a.early_renewal.quotation)
    discount = f"; {ctx.percent(sub.discount_percent)} discount" if sub.discount_percent else ""
    line = f"Contract from {long_date(sub.start)} for {sub.years} year{'s' if sub.years > 1 else ''}; features: {features}{discount}."
    return [figure_band(ctx, boxes, (0.22, 0.24, 0.24, 0.30)), Spacer(1, 5), Para(line, ctx.styles.small)]


def _usage_boxes(ctx: QuoteContext, a: RenewalAnalysis) -> list[tuple[str, str, str]]:
    """Credits used so far, the forecast, the forecast against the subscription, and the day the credits run out."""
    fc = a.forecast
    recent = "" if fc.recent_credits is None else f"; {ctx.count(fc.recent_credits)} at the last 90 days' rate"
    if a.excess_credits:
        against = ("OVER THE SUBSCRIPTION", ctx.count(a.excess_credits), "credits forecast beyond those subscribed")
    else:
        against = ("FORECAST UNUSED", ctx.count(a.unused_credits), "credits; unused credits do not roll over")
    out = run_out_day(fc, a.subscription.annual_credits)
    run_out = (
        ("CREDITS RUN OUT", short_date(out), "at the rate so far")
        if out is not None
        else ("CREDITS RUN OUT", "Not this year", f"they last to {long_date(fc.year.last_day)}")
    )
    return [
        ("USED TO DATE", ctx.count(fc.used_credits), f"credits by day {fc.elapsed_days} of {fc.year.days}; {fc.remaining_days} left"),
        ("FORECAST FOR THE YEAR", ctx.count(fc.credits), f"credits at the rate so far{recent}"),
        against,
        run_out,
    ]


def _cost(ctx: QuoteContext, amount: Decimal) -> str:
    """A cost this year; below zero it is a credit to the customer."""
    return f"{ctx.money(-amount)} credit" if amount < 0 else ctx.money(amount)


def options_table(ctx: QuoteContext, a: RenewalAnalysis) -> Flowable:
    """Overage, top-up and early renewal side by side with their cost this year; the recommended column highlighted."""
    s, o, t, e = ctx.styles, a.overage, a.top_up, a.early_renewal
    year_end = long_date(a.forecast.year.last_day)
    early_terms = f"a new {e.quotation.request.years}-year contract from {long_date(e.start)}"
    rows: list[list[Cell]] = [
        ["Credits", ctx.count(o.credits), ctx.count(t.credits) if t else "not needed", f"{ctx.count(e.annual_credits)} a year"],
        ["Price per credit", ctx.price(o.price_per_credit), ctx.price(t.price_per_credit) if t else "–", ctx.price(e.price_per_credit)],
        [
            "What it is",
            Para("the credits used beyond the subscription, at the overage price", s.cell),
            Para(f"a one-off purchase; the credits expire on {year_end}", s.cell),
            Para(early_terms, s.cell),
        ],
        ["Cost this year", _cost(ctx, o.cost), _cost(ctx, t.cost) if t else "–", _cost(ctx, e.cost_this_year)],
    ]
    header = ["Option", *(_option_header(a, kind) for kind in OPTION_NAMES)]
    widths = (0.19, 0.27, 0.27, 0.27)
    extra: list[Command] = [
        ("VALIGN", (0, 3), (-1, 3), "TOP"),
        ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, s.primary),
    ]
    if a.recommendation.value in OPTION_NAMES:
        column = 1 + list(OPTION_NAMES).index(a.recommendation.value)
        extra += [("BACKGROUND", (column, 1), (column, -1), TINT), ("BOX", (column, 0), (column, -1), 1.6, s.primary)]
    return money_table(ctx, header, rows, widths, first_right=1, extra=extra)


def _option_header(a: RenewalAnalysis, kind: str) -> str:
    """An option's column title, marked when it is the recommended one."""
    return OPTION_NAMES[kind] + ("\nRECOMMENDED" if a.recommendation.value == kind else "")


# --- the recommended option's document ---------------------------------------------------------------------------------


def recommended_document(ctx: QuoteContext, a: RenewalAnalysis) -> list[Flowable]:
    """The top-up order or the early renewal quote, on pages of their own; nothing for overage or when none is needed."""
    if a.recommendation.value == "top_up":
        return [PageBreak(), *top_up_order(ctx, a)]
    if a.recommendation.value == "early_renewal":
        return [PageBreak(), *early_renewal_quote(ctx, a)]
    return []


def early_renewal_quote(ctx: QuoteContext, a: RenewalAnalysis) -> list[Flowable]:
    """The engine's quote of the new contract, for the renewal quote's customer, with what it costs this year above its tables."""
    request = a.early_renewal.quotation.request
    named = replace(request, customer=ctx.quotation.request.customer, contact=ctx.quotation.request.contact)
    quotation = replace(a.early_renewal.quotation, request=named)
    info = replace(ctx.info, quote_number=ctx.info.quote_number + EARLY_RENEWAL_SUFFIX)
    early = QuoteContext(quotation, info, ctx.branding, ctx.styles, ctx.width)
    return story(early, [Spacer(1, 8), Para(wording.renewal_texts(a)[3], ctx.styles.body)])


def top_up_expiry_text(a: RenewalAnalysis) -> str:
    """The statement every top-up document carries: its credits expire with the current contract year."""
    year = a.forecast.year
    return (
        f"Top-up credits expire at the end of the current contract year, on {long_date(year.last_day)}: credits not used by then "
        f"are lost and do not roll over into the next contract year."
    )


def top_up_order(ctx: QuoteContext, a: RenewalAnalysis) -> list[Flowable]:
    """A one-off purchase of T credits at the top-up price: figures, the order line, the expiry statement and acceptance."""
    assert a.top_up is not None  # recommended only when there is one
    s, t, year = ctx.styles, a.top_up, a.forecast.year
    order = replace(ctx, info=replace(ctx.info, quote_number=ctx.info.quote_number + TOP_UP_SUFFIX))
    boxes = [
        ("TOP-UP CREDITS", ctx.count(t.credits), "a one-off purchase"),
        ("PRICE PER CREDIT", ctx.price(t.price_per_credit), _top_up_price_caption(ctx, a)),
        ("TOTAL", ctx.money(t.cost), "invoiced once, on acceptance"),
        ("CREDITS EXPIRE", short_date(year.last_day), f"end of contract year {year.number}"),
    ]
    item = f"Top-up credits for contract year {year.number} ({long_date(year.first_day)} to {long_date(year.last_day)})"
    rows: list[list[Cell]] = [[Para(item, s.cell), ctx.count(t.credits), ctx.price(t.price_per_credit), ctx.money(t.cost)]]
    rows.append(["Total", "", "", ctx.money(t.cost)])
    table = money_table(ctx, ("Item", "Credits", "Price per credit", "Amount"), rows, (0.52, 0.14, 0.16, 0.18), first_right=1, total=True)
    flow: list[Flowable] = [*letterhead(order, "Top-up"), _top_up_parties(order, a), figure_band(ctx, boxes, (0.22, 0.24, 0.24, 0.30))]
    flow += section(ctx, "Order", table, Spacer(1, 6), Para(f"<b>{top_up_expiry_text(a)}</b>", s.body))
    flow += section(ctx, "How the top-up is sized", Para(_top_up_sizing(ctx, a), s.body))
    flow.append(signature_block(order, _top_up_acceptance(ctx, a)))
    return flow


def _top_up_parties(ctx: QuoteContext, a: RenewalAnalysis) -> Flowable:
    """Who the top-up is for, beside its reference and dates."""
    s = ctx.styles
    rows: list[list[Cell]] = [
        ["Draft reference" if ctx.info.is_draft else "Reference", Para(safe(ctx.info.quote_number), s.body)],
        ["Date", long_date(ctx.info.quote_date)],
        ["Valid until", long_date(ctx.info.valid_until)],
        ["Currency", ctx.currency],
    ]
    commands = [*cell_text(s.small, (0, 0), (0, -1)), *cell_text(s.body, (1, 1), (1, -1)), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    details = plain_table(rows, [ctx.width * 0.13, ctx.width * 0.29], commands)
    return KeepTogether([plain_table([[prepared_for(ctx), details]], [ctx.width * 0.58, ctx.width * 0.42], []), Spacer(1, 12)])


def _top_up_price_caption(ctx: QuoteContext, a: RenewalAnalysis) -> str:
    sub = a.subscription
    term = a.early_renewal.quotation.term_discount_percent
    caption = f"net of {ctx.percent(term)} term discount"
    return caption + (f" and {ctx.percent(sub.discount_percent)} discount" if sub.discount_percent else "")


def _top_up_sizing(ctx: QuoteContext, a: RenewalAnalysis) -> str:
    """Why T credits at this price: the forecast's excess in whole blocks, at least the minimum, priced at credit S + T."""
    assert a.top_up is not None
    pb, sub, t = a.early_renewal.quotation.pricebook, a.subscription, a.top_up
    return (
        f"The forecast of {ctx.count(a.forecast.credits)} credits for the contract year is {ctx.count(a.excess_credits)} above the "
        f"{ctx.count(sub.annual_credits)} subscribed. Top-ups are sold in blocks of {ctx.count(pb.top_up_increment)} credits, at least "
        f"{ctx.count(pb.top_up_minimum_credits)}, at the net price of the band holding credit number "
        f"{ctx.count(sub.annual_credits + t.credits)} (the subscription's credits plus the top-up)."
    )


def _top_up_acceptance(ctx: QuoteContext, a: RenewalAnalysis) -> str:
    return (
        f"Signing below orders this top-up of {ctx.count(a.top_up.credits if a.top_up else 0)} credits at the price above. It is invoiced "
        f"once, on acceptance or on receipt of a purchase order. Its credits expire on {long_date(a.forecast.year.last_day)}."
    )
