"""A plain-text summary of a quotation that a sales person can paste into an email."""

from __future__ import annotations

from cpiquote import formatting as fmt
from cpiquote.pricing import Quotation, YearQuote, interactions_covered
from cpiquote.wording import notice_texts

NOT_GIVEN = "–"  # a figure the quote has none of (interactions of a quote sized in credits alone): never "0"

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


def count_or_dash(value: int | None) -> str:
    """A count with thousands separators, or a dash when the quote has none (no forecast, so no interactions)."""
    return NOT_GIVEN if value is None else fmt.count(value)


def has_ordered_credits(quotation: Quotation) -> bool:
    """True when the sales person ordered credits for at least one year, instead of selling what the forecast requires."""
    return any(y.ordered_credits is not None for y in quotation.years)


def _covered(quotation: Quotation, credits: int) -> str:
    """The most interactions `credits` cover at the quote's credits per interaction, written out."""
    return fmt.count(interactions_covered(credits, quotation.credits_per_interaction))


def _ordered_year(quotation: Quotation, y: YearQuote) -> str:
    """One ramp year's order: "year 1: 250,000 credits ordered (the forecast of 140,000 interactions needs 238,000)"."""
    if y.ordered_credits is None:
        return f"year {y.year}: as the forecast requires"
    ordered = f"year {y.year}: {fmt.count(y.ordered_credits)} credits ordered"
    if y.interactions is None or y.required_credits is None:
        return f"{ordered} (no forecast: up to {_covered(quotation, y.ordered_credits)} interactions)"
    return f"{ordered} (the forecast of {fmt.count(y.interactions)} interactions needs {fmt.count(y.required_credits)})"


def ordered_credits_text(quotation: Quotation) -> str | None:
    """What the customer orders, beside the forecast when there is one; None when every year is sold as its forecast requires.

    "250,000 credits ordered a year, for a forecast of 140,000 interactions a year that needs 238,000 credits"; a quote
    sized in credits alone says what they buy: "..., with no forecast: up to 166,666 interactions a year at 1.5 credits each".
    """
    if not has_ordered_credits(quotation):
        return None
    if quotation.request.is_ramp:
        text = "; ".join(_ordered_year(quotation, y) for y in quotation.years)
        return text[:1].upper() + text[1:]
    y, cpi = quotation.first_year, quotation.credits_per_interaction
    ordered = f"{fmt.count(y.annual_credits)} credits ordered a year"
    if y.interactions is None or y.required_credits is None:
        each = f"{fmt.number(cpi)} credit{'' if cpi == 1 else 's'} each"
        return f"{ordered}, with no forecast: up to {_covered(quotation, y.annual_credits)} interactions a year at {each}"
    needs = f"needs {fmt.count(y.required_credits)} credits"
    return f"{ordered}, for a forecast of {fmt.count(y.interactions)} interactions a year that {needs}"


def _year_rows(quotation: Quotation) -> list[list[str]]:
    cur = quotation.pricebook.currency
    ordered = has_ordered_credits(quotation)  # only then the required and ordered credits differ from the credits sold
    volume_titles = ["Interactions", "Required credits", "Credits ordered", "Credits"] if ordered else ["Interactions", "Credits"]
    rows = [["Year", *volume_titles, "Band from", "List price", "Net price", "Annual subscription", "Care Package"]]
    for y in quotation.years:
        credits = fmt.count(y.annual_credits) + (" *" if y.minimum_applied else "")
        volume = [count_or_dash(y.interactions)]
        if ordered:
            volume += [count_or_dash(y.required_credits), "as required" if y.ordered_credits is None else fmt.count(y.ordered_credits)]
        rows.append(
            [
                str(y.year),
                *volume,
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
    order = ordered_credits_text(quotation)
    if order is not None:
        pairs.append(("Order", order))
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


def _parties(quotation: Quotation) -> list[str]:
    """Who the quote is for and who sends it, as the PDF names them (only what was given): account or Site ID, billing
    address (line by line), contact and sales person, then a blank line."""
    request = quotation.request
    given = [
        (label, value.strip())
        for label, value in (
            ("Account or Site ID", request.account),
            ("Billing address", request.billing_address),
            ("Attention", request.contact),
            ("Sales person", request.sales_person),
        )
        if value.strip()
    ]
    if not given:
        return []
    width = max(len(label) for label, _ in given)
    lines = []
    for label, value in given:
        first, *more = value.split("\n")
        lines += [f"{label.ljust(width)}  {first}", *(f"{'':{width}}  {line}" for line in more)]
    return [*lines, ""]


def _indented(text: str) -> list[str]:
    """Text a person typed (notes, terms), line by line under its heading."""
    return [f"  {line}" if line else "" for line in text.strip().split("\n")]


def render_text(quotation: Quotation) -> str:
    """The whole quote as aligned plain text."""
    pb, cur, request = quotation.pricebook, quotation.pricebook.currency, quotation.request
    title = "CPI Quote" + (f" for {request.customer}" if request.customer else "")
    lines = [title, f"Price book: {pb.name}, version {pb.version} ({pb.short_hash})", "", *_parties(quotation)]
    pairs = _summary_pairs(quotation)
    width = max(len(label) for label, _ in pairs)
    lines += [f"{label.ljust(width)}  {value}" for label, value in pairs]
    rows = _year_rows(quotation)
    lines += ["", *_table(rows, right=set(range(1, len(rows[0]))))]
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
    if request.notes.strip() or quotation.warnings:  # the sales person's notes, then the guidance (as the PDF has them)
        lines += ["", "Notes", *(_indented(request.notes) if request.notes.strip() else [])]
        lines += [f"  ! {text}" for text in notice_texts(quotation)]
    if request.terms.strip():
        lines += ["", "Terms", *_indented(request.terms)]
    return "\n".join(lines) + "\n"


def _overage(quotation: Quotation) -> str:
    """The overage price per credit; a ramp whose years differ lists each year's."""
    cur = quotation.pricebook.currency
    prices = [fmt.price(y.overage_price_per_credit, cur) for y in quotation.years]
    if len(set(prices)) == 1:
        return prices[0]
    return ", ".join(f"year {y.year} {shown}" for y, shown in zip(quotation.years, prices, strict=True))
