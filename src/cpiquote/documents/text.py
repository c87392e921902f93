"""A plain-text summary of a quotation that a sales person can paste into an email."""

from __future__ import annotations

from cpiquote import formatting as fmt
from cpiquote.pricing import Quotation
from cpiquote.wording import notice_texts

FEATURE_NAMES = (
    ("generative_ai", "Generative AI"),
    ("intent_manager", "Intent Manager"),
    ("performance_optimizer", "Performance Optimizer"),
)


def features_text(quotation: Quotation) -> str:
    """The features on, in words: "Generative AI, Intent Manager" or "no extra features"."""
    names = [label for attribute, label in FEATURE_NAMES if getattr(quotation.request, attribute)]
    return ", ".join(names) if names else "no extra features"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]


def _year_rows(quotation: Quotation) -> list[list[str]]:
    cur = quotation.pricebook.currency
    rows = [["Year", "Interactions", "Credits", "Band from", "List price", "Net price", "Annual subscription", "Care Package"]]
    for y in quotation.years:
        credits = fmt.count(y.annual_credits) + (" *" if y.minimum_applied else "")
        rows.append(
            [
                str(y.year),
                fmt.count(y.interactions),
                credits,
                fmt.count(y.band_from),
                fmt.price(y.list_price_per_credit, cur),
                fmt.price(y.price_per_credit, cur),
                fmt.money(y.annual_subscription, cur),
                fmt.money(y.care_package, cur),
            ]
        )
    return rows


def _summary_pairs(quotation: Quotation) -> list[tuple[str, str]]:
    cur, request = quotation.pricebook.currency, quotation.request
    pairs = [("Credits per interaction", f"{fmt.number(quotation.credits_per_interaction)} ({features_text(quotation)})")]
    if request.estimate is not None:
        e = request.estimate
        pairs.append(
            (
                "Interactions estimated from",
                (
                    f"{fmt.count(e.conversations)} conversations, {fmt.percent(e.multi_day_share * 100)} past midnight "
                    f"by {fmt.number(e.extra_days)} extra days, {fmt.count(e.proactive)} proactive "
                    f"at {fmt.percent(e.reply_rate * 100)} replies"
                ),
            )
        )
    pairs += [
        (
            "Contract",
            f"{request.years} year{'s' if request.years > 1 else ''}, term discount {fmt.percent(quotation.term_discount_percent)}, "
            f"discretionary discount {fmt.percent(quotation.discount_percent)}",
        ),
        ("Overage price per credit", _overage(quotation)),
    ]
    if quotation.services:
        pairs.append(("Professional services", f"{fmt.number(request.services_hours)} hours, {fmt.money(quotation.services, cur)}"))
    return pairs


def render_text(quotation: Quotation) -> str:
    """The whole quote as aligned plain text."""
    pb, cur = quotation.pricebook, quotation.pricebook.currency
    title = "CPI Quote" + (f" for {quotation.request.customer}" if quotation.request.customer else "")
    lines = [title, f"Price book: {pb.name}, version {pb.version} ({pb.short_hash})", ""]
    pairs = _summary_pairs(quotation)
    width = max(len(label) for label, _ in pairs)
    lines += [f"{label.ljust(width)}  {value}" for label, value in pairs]
    lines += ["", *_table(_year_rows(quotation), right={1, 2, 3, 4, 5, 6, 7})]
    if any(y.minimum_applied for y in quotation.years):
        lines.append(f"* raised to the minimum order of {fmt.count(pb.minimum_annual_credits)} credits a year")
    lines += ["", "Invoices"]
    invoice_rows = [[str(i.number), i.due, fmt.money(i.amount, cur)] for i in quotation.invoices]
    invoice_rows.append(["", "Total contract value", fmt.money(quotation.total_contract_value, cur)])
    lines += ["  " + row for row in _table(invoice_rows, right={2})]
    passthrough = quotation.pass_through
    if passthrough.monthly_estimate:
        lines += [
            "",
            (
                f"Pass-through estimate (SMS and WhatsApp, invoiced monthly in arrears incl. {fmt.percent(pb.handling_fee_percent)} "
                f"handling fee; not in the contract value): {fmt.money(passthrough.monthly_estimate, cur)} a month, "
                f"{fmt.money(passthrough.annual_estimate, cur)} a year"
            ),
        ]
    if quotation.warnings:
        lines += ["", "Notes"] + [f"  ! {text}" for text in notice_texts(quotation)]
    return "\n".join(lines) + "\n"


def _overage(quotation: Quotation) -> str:
    """The overage price per credit; a ramp whose years differ lists each year's."""
    cur = quotation.pricebook.currency
    prices = [fmt.price(y.overage_price_per_credit, cur) for y in quotation.years]
    if len(set(prices)) == 1:
        return prices[0]
    return ", ".join(f"year {y.year} {shown}" for y, shown in zip(quotation.years, prices, strict=True))
