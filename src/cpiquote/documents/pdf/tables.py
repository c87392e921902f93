"""The money tables of the quote PDF: subscription by year, support and services, invoices, pass-through, estimator."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeAlias

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from cpiquote import formatting as fmt
from cpiquote.documents.branding import Branding
from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.pdf.fit import ColumnNeed, fit_columns, text_width
from cpiquote.documents.pdf.text import FONT, FONT_BOLD, FONT_ITALIC, INK, MUTED, RULE, TINT, Para, Styles
from cpiquote.documents.text import NOT_GIVEN, ordered_credits_text
from cpiquote.pricing import Invoice, Quotation, TierMode, YearQuote

Cell: TypeAlias = str | Flowable | Sequence[Flowable]  # a plain string, a Paragraph or Table, or flowables stacked in one cell
# A TableStyle command: its name, the first and last cell it applies to, then its arguments.
Command: TypeAlias = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]


@dataclass(frozen=True)
class QuoteContext:
    """Everything a section needs: the quote, its document details, the branding, the styles and the text width."""

    quotation: Quotation
    info: DocumentInfo
    branding: Branding
    styles: Styles
    width: float
    _formatted: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def currency(self) -> str:
        """The price book's currency code."""
        return self.quotation.pricebook.currency

    def _once(self, kind: str, value: Decimal | int, make: Callable[[], str]) -> str:
        """`make()`, formatted once per document: the same figures recur in the summary, the tables and the terms."""
        key = (kind, str(value))  # str keeps the sign and exponent, so only identical values share a text
        text = self._formatted.get(key)
        if text is None:
            text = self._formatted[key] = make()
        return text

    def money(self, amount: Decimal) -> str:
        """An amount in the quote's currency, such as $1,032,240.00."""
        return self._once("money", amount, lambda: fmt.money(amount, self.currency))

    def price(self, price_per_credit: Decimal) -> str:
        """A price per credit with four decimals, such as $0.5060."""
        return self._once("price", price_per_credit, lambda: fmt.price(price_per_credit, self.currency))

    def count(self, value: int) -> str:
        """A whole number with thousands separators, such as 2,040,000."""
        return self._once("count", value, lambda: fmt.count(value))

    def count_or_dash(self, value: int | None) -> str:
        """A count, or a dash when the quote has none (a quote sized in credits has no interactions): never "0"."""
        return NOT_GIVEN if value is None else self.count(value)

    def number(self, value: Decimal) -> str:
        """A decimal as written, without trailing zeros: 1.75."""
        return self._once("number", value, lambda: fmt.number(value))

    def percent(self, value: Decimal) -> str:
        """A percentage as a person writes it: 8%, 12.5%."""
        return self._once("percent", value, lambda: fmt.percent(value))

    def credits(self, credits: Decimal) -> str:
        """A number of credits with its unit: "1 credit", "1.7 credits"."""
        return f"{self.number(credits)} credit{'' if credits == 1 else 's'}"


def cell_text(style: ParagraphStyle, start: tuple[int, int], end: tuple[int, int]) -> list[Command]:
    """Table commands that print plain-string cells from `start` to `end` as a one-line paragraph in `style` would.

    A string cell is drawn at the same baseline and gives the row the same height as that paragraph, without parsing
    markup or breaking lines; use it only for fixed text known to fit its column.
    """
    return [
        ("FONTNAME", start, end, style.fontName),
        ("FONTSIZE", start, end, style.fontSize),
        ("LEADING", start, end, style.leading),
        ("TEXTCOLOR", start, end, style.textColor),
    ]


def money_table(
    ctx: QuoteContext,
    header: Sequence[str],
    rows: list[list[Cell]],
    widths: Sequence[float],
    first_right: int,
    total: bool = False,
    extra: Sequence[Command] = (),
) -> Table:
    """A table whose columns from `first_right` on are right-aligned figures; the header (plain text, "\n" breaks) repeats on every page."""
    s = ctx.styles
    fit = fit_columns([w * ctx.width for w in widths], _column_needs(header, rows, widths, ctx.width, extra))
    table = Table([list(header), *rows], colWidths=fit.widths, repeatRows=1, hAlign="LEFT")
    commands: list[Command] = [
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, 0), 7.5),
        ("LEADING", (0, 0), (-1, 0), 9.5),
        ("FONTNAME", (0, 1), (-1, -1), FONT),
        ("FONTSIZE", (0, 1), (-1, -1), 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (first_right, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, s.primary),
        ("LINEBELOW", (0, 1), (-1, -2 if total else -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if total:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, INK),
            ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
            ("FONTSIZE", (0, -1), (-1, -1), 8.5),
        ]
    table.setStyle(TableStyle([scaled(command, fit.scale) for command in (*commands, *extra)]))
    return table


_HEAD_SIZE, _BODY_SIZE = 7.5, 8.5  # the header's size, and the largest a body cell is drawn at (a total row)
_CELL_PAD = 4 + 4 + 1  # left and right padding, and a point so a figure never touches the next column's
_WRAPPING_SHARE = 0.55  # a column of paragraphs wraps, but keeps this share of its designed width


def _column_needs(
    header: Sequence[str], rows: list[list[Cell]], shares: Sequence[float], width: float, extra: Sequence[Command]
) -> list[ColumnNeed]:
    """Each column's widest plain text (measured bold, at its largest size) and the room a column of paragraphs keeps."""
    spanned = {_cell(command[1], len(shares), len(rows) + 1) for command in extra if command[0] == "SPAN"}
    needs = []
    for column, share in enumerate(shares):
        cells = [(0, header[column]), *((row + 1, cells[column]) for row, cells in enumerate(rows))]
        texts = [(r, c) for r, c in cells if isinstance(c, str) and (column, r) not in spanned]
        widest = max((text_width(c, FONT_BOLD, _HEAD_SIZE if r == 0 else _BODY_SIZE) for r, c in texts), default=0.0)
        wraps = any(not isinstance(c, str) for _, c in cells)
        needs.append(ColumnNeed(widest, _CELL_PAD, share * width * _WRAPPING_SHARE if wraps else 0.0))
    return needs


def _cell(position: tuple[int, int], columns: int, rows: int) -> tuple[int, int]:
    """A table command's (column, row) with negative indices counted from the end, as reportlab does."""
    column, row = position
    return column % columns, row % rows


def scaled(command: Command, scale: float) -> Command:
    """`command` with its font size or leading multiplied by `scale`; any other command as it is."""
    name, start, end, *arguments = command
    if scale == 1 or name not in ("FONTSIZE", "LEADING") or not isinstance(arguments[0], (int, float)):
        return command
    return (name, start, end, arguments[0] * scale)


# --- subscription by contract year ------------------------------------------------------------

YEAR_HEADER = (
    "Year",
    "Interactions",
    "Credits",
    "Band from\ncredit",
    "List price\nper credit",
    "Term\ndiscount",
    "Discount",
    "Net price\nper credit",
    "Annual\nsubscription",
)
YEAR_WIDTHS = (0.06, 0.12, 0.11, 0.11, 0.105, 0.10, 0.10, 0.11, 0.185)


def _year_row(ctx: QuoteContext, y: YearQuote) -> list[Cell]:
    q = ctx.quotation
    credits = ctx.count(y.annual_credits) + (" *" if y.minimum_applied else "") + (" †" if y.ordered_credits is not None else "")
    return [
        str(y.year),
        ctx.count_or_dash(y.interactions),
        credits,
        ctx.count(y.band_from),
        ctx.price(y.list_price_per_credit),
        ctx.percent(q.term_discount_percent),
        ctx.percent(q.discount_percent),
        ctx.price(y.price_per_credit),
        ctx.money(y.annual_subscription),
    ]


def _band_rows(ctx: QuoteContext, y: YearQuote) -> list[list[Cell]]:
    """Graduated mode: one indented line per band the year's credits reach."""
    return [
        [
            "",
            "",
            ctx.count(line.credits),
            ctx.count(line.band_from),
            ctx.price(line.list_price_per_credit),
            "",
            "",
            ctx.price(line.net_price_per_credit),
            ctx.money(line.amount),
        ]
        for line in y.lines
    ]


def years_table(ctx: QuoteContext) -> list[Flowable]:
    """The per-year subscription table, with band lines in graduated mode and a footnote for the minimum order."""
    graduated = ctx.quotation.pricebook.tier_mode == TierMode.GRADUATED
    rows: list[list[Cell]] = []
    sub_rows: list[int] = []
    for y in ctx.quotation.years:
        rows.append(_year_row(ctx, y))
        if graduated:
            lines = _band_rows(ctx, y)
            sub_rows += range(len(rows) + 1, len(rows) + 1 + len(lines))
            rows += lines
    extra = [
        cmd
        for r in sub_rows
        for cmd in (
            ("FONTNAME", (0, r), (-1, r), FONT_ITALIC),
            ("TEXTCOLOR", (0, r), (-1, r), MUTED),
            ("FONTSIZE", (0, r), (-1, r), 7.2),
            ("TOPPADDING", (0, r), (-1, r), 1.5),
            ("BOTTOMPADDING", (0, r), (-1, r), 2),
        )
    ]
    extra += [("FONTNAME", (-1, r), (-1, r), FONT_BOLD) for r in range(1, len(rows) + 1) if r not in sub_rows]
    flowables: list[Flowable] = [money_table(ctx, YEAR_HEADER, rows, YEAR_WIDTHS, first_right=1, extra=extra)]
    flowables += _year_notes(ctx, graduated)
    return flowables


def _year_notes(ctx: QuoteContext, graduated: bool) -> list[Flowable]:
    s, pb = ctx.styles, ctx.quotation.pricebook
    notes = []
    if graduated:
        notes.append(
            "Graduated pricing: each credit is priced at the band that contains its own number. The lines in italics show the "
            "credits priced at each band; the year's net price per credit is their average."
        )
    if any(y.minimum_applied for y in ctx.quotation.years):
        notes.append(f"* Raised to the minimum order of {ctx.count(pb.minimum_annual_credits)} credits a year.")
    ordered = ordered_credits_text(ctx.quotation)
    if ordered is not None:  # the credits bought, beside the forecast and the credits it needs
        notes.append(f"† {ordered}.")
    return [Para(note, s.small) for note in notes]


# --- support and professional services --------------------------------------------------------


def _care_details(ctx: QuoteContext) -> str:
    q, pb = ctx.quotation, ctx.quotation.pricebook
    fees = {y.care_package for y in q.years}
    per_year = (
        f"{ctx.money(q.first_year.care_package)} a year"
        if len(fees) == 1
        else "; ".join(f"year {y.year} {ctx.money(y.care_package)}" for y in q.years)
    )
    return (
        f"{ctx.percent(pb.care_percent_of_subscription)} of the annual subscription, at least "
        f"{ctx.money(pb.care_minimum_annual_fee)} a year: {per_year}, invoiced with the subscription"
    )


def support_table(ctx: QuoteContext) -> Table:
    """Support included, the Care Package and Professional Services, each with how it is priced and its amount."""
    q, s = ctx.quotation, ctx.styles
    rows: list[list[Cell]] = [[Para("Support, Tier 1 to Tier 3", s.cell), Para("24 hours a day, in the subscription", s.cell), "Included"]]
    if q.request.care_package:
        rows.append([Para("Care Package (Tier 4 support)", s.cell), Para(_care_details(ctx), s.cell), ctx.money(q.care_package_total)])
    if q.services:
        hours, rate = ctx.number(q.request.services_hours), fmt.rate(q.pricebook.services_hourly_rate, ctx.currency)
        details = f"{hours} hours at {rate} an hour (set-up, bots, advanced configuration), on the first invoice"
        rows.append([Para("Professional Services", s.cell), Para(details, s.cell), ctx.money(q.services)])
    return money_table(
        ctx, ("Item", "Details", "Amount"), rows, (0.27, 0.53, 0.20), first_right=2, extra=[("VALIGN", (0, 1), (-1, -1), "TOP")]
    )


# --- invoices -------------------------------------------------------------------------------


def invoice_table(ctx: QuoteContext) -> Table:
    """The invoice schedule with its parts and the total contract value; empty part columns are left out."""
    q = ctx.quotation
    parts: list[tuple[str, Callable[[Invoice], Decimal]]] = [("Subscription", lambda i: i.subscription)]
    if q.care_package_total:
        parts.append(("Care Package", lambda i: i.care_package))
    if q.services:
        parts.append(("Professional\nServices", lambda i: i.services))
    header = ("Invoice", "Due", *(label for label, _ in parts), "Amount")
    rows: list[list[Cell]] = [
        [str(i.number), i.due[:1].upper() + i.due[1:], *(ctx.money(get(i)) for _, get in parts), ctx.money(i.amount)] for i in q.invoices
    ]
    rows.append(["Total contract value", *[""] * (len(parts) + 1), ctx.money(q.total_contract_value)])
    money_share = 0.58 / (len(parts) + 1)
    widths = (0.09, 0.33, *[money_share] * (len(parts) + 1))
    return money_table(ctx, header, rows, widths, first_right=2, total=True, extra=[("SPAN", (0, -1), (1, -1))])


# --- pass-through estimate ---------------------------------------------------------------------


def _rate(ctx: QuoteContext, rate: Decimal) -> str:
    """A provider rate as the price book writes it (four decimals unless it has more)."""
    return ctx.price(rate)


def pass_through_table(ctx: QuoteContext) -> Table:
    """The estimated SMS and WhatsApp fees with the handling fee, a month and a year."""
    q, pb, p = ctx.quotation, ctx.quotation.pricebook, ctx.quotation.pass_through
    rows: list[list[Cell]] = []
    if q.request.sms_per_month:
        rows.append(
            ["SMS messages (partner gateway)", ctx.count(q.request.sms_per_month), _rate(ctx, pb.sms_rate), ctx.money(p.sms_per_month)]
        )
    if q.request.whatsapp_mtm_per_month:
        rows.append(
            [
                "WhatsApp template messages (MTMs)",
                ctx.count(q.request.whatsapp_mtm_per_month),
                _rate(ctx, pb.whatsapp_mtm_rate),
                ctx.money(p.whatsapp_per_month),
            ]
        )
    if pb.handling_fee_percent:
        rows.append([f"Handling fee ({ctx.percent(pb.handling_fee_percent)})", "", "", ctx.money(p.handling_fee_per_month)])
    rows.append(["Estimated total a month", "", "", ctx.money(p.monthly_estimate)])
    rows.append(["Estimated total a year", "", "", ctx.money(p.annual_estimate)])
    bold = [("FONTNAME", (0, r), (-1, r), FONT_BOLD) for r in (len(rows) - 1, len(rows))]
    return money_table(
        ctx,
        ("Estimate", "Messages a month", "Provider rate", "Estimate a month"),
        rows,
        (0.43, 0.19, 0.18, 0.20),
        first_right=1,
        extra=[*bold, ("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, INK)],
    )


# --- estimator inputs ------------------------------------------------------------------------


def estimate_table(ctx: QuoteContext) -> Table | None:
    """The estimator's inputs and the interactions it gave, when the quote's interactions came from it."""
    e = ctx.quotation.request.estimate
    if e is None:
        return None
    rows: list[list[Cell]] = [
        ["Conversations a year", ctx.count(e.conversations)],
        ["Share of conversations running past midnight", ctx.percent(e.multi_day_share * 100)],
        ["Average extra calendar days they run", ctx.number(e.extra_days)],
        ["Proactive outbound messages a year", ctx.count(e.proactive)],
        ["Share of proactive messages that get a reply", ctx.percent(e.reply_rate * 100)],
        ["Estimated interactions a year", ctx.count(e.interactions)],
    ]
    return money_table(ctx, ("Estimator input", "Value"), rows, (0.55, 0.2), first_right=1, total=True)
