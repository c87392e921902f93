"""A proposal: two to four priced options of one quote for the customer to choose from, and what sets each apart.

The PDF, the workbook, the command line and the window all build their proposal from `proposal_options` and describe
the options with `what_differs` and `summary_rows`, so every front end compares them in the same words and figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cpiquote import formatting as fmt
from cpiquote.documents.text import features_text
from cpiquote.pricing import InputError, Quotation, QuoteRequest, YearQuote

MIN_OPTIONS, MAX_OPTIONS = 2, 4
SAME_INPUTS = "the same inputs"


@dataclass(frozen=True)
class Option:
    """One option of a proposal: its name as the customer reads it ("Option 2") and its priced quote."""

    name: str
    quotation: Quotation


def proposal_options(quotations: Sequence[Quotation]) -> tuple[Option, ...]:
    """The options "Option 1".."Option n" of `quotations`, which must be two to four quotes priced with one price book."""
    if not MIN_OPTIONS <= len(quotations) <= MAX_OPTIONS:
        chosen = f"{len(quotations)} {'was' if len(quotations) == 1 else 'were'} chosen"
        raise InputError("scenario", f"a proposal offers {MIN_OPTIONS} to {MAX_OPTIONS} scenarios as its options; {chosen}")
    if len({q.pricebook.sha256 for q in quotations}) > 1:
        raise InputError("scenario", "the options of a proposal must be priced with the same price book")
    return tuple(Option(f"Option {number}", quotation) for number, quotation in enumerate(quotations, start=1))


# --- what differs ----------------------------------------------------------------------------------------------------


def _plural(count: int, unit: str) -> str:
    return f"{fmt.count(count)} {unit}{'' if count == 1 else 's'}"


def _volume(request: QuoteRequest) -> str:
    """The forecast or the credits ordered: "1,000,000 interactions a year", "800,000 to 1,200,000 interactions"."""
    if request.interactions_per_year:
        figures, unit = request.interactions_per_year, "interactions"
    else:
        figures, unit = tuple(c for c in request.ordered_credits_per_year if c is not None), "credits ordered"
    if not figures:
        return "no volume"
    if len(set(figures)) == 1:
        return f"{fmt.count(figures[0])} {unit} a year"
    return f"{fmt.count(figures[0])} to {fmt.count(figures[-1])} {unit} over the term"


def _aspects(quotation: Quotation) -> tuple[str, ...]:
    """Each input a customer tells options apart by, in words, in the order they are listed."""
    request, currency = quotation.request, quotation.pricebook.currency
    hours = request.services_hours
    return (
        _plural(request.years, "year"),
        _volume(request),
        features_text(quotation),
        "Care Package" if request.care_package else "no Care Package",
        f"{fmt.percent(request.discount_percent)} discount" if request.discount_percent else "no discount",
        f"{fmt.number(hours)} services hours" if hours else "no services",
        f"{fmt.count(request.sms_per_month)} SMS a month" if request.sms_per_month else "no SMS",
        f"{fmt.count(request.whatsapp_mtm_per_month)} WhatsApp MTMs a month" if request.whatsapp_mtm_per_month else "no WhatsApp",
        f"priced in {currency}",
    )


def what_differs(options: Sequence[Option]) -> tuple[str, ...]:
    """For each option, the inputs in which the options are not all alike: "3 years, Care Package"."""
    described = [_aspects(option.quotation) for option in options]
    differing = [i for i in range(len(described[0])) if len({aspects[i] for aspects in described}) > 1]
    return tuple(", ".join(aspects[i] for i in differing) or SAME_INPUTS for aspects in described)


# --- the figures set side by side --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    """A row of the options summary: its label and each option's figure as text."""

    label: str
    cells: tuple[str, ...]


def _span(values: Sequence[str]) -> str:
    """One figure when every contract year has it, else the first and the last year's: "$0.5060 to $0.4800"."""
    return values[0] if len(set(values)) == 1 else f"{values[0]} to {values[-1]}"


def _per_year(quotation: Quotation, figure: Callable[[YearQuote], str]) -> str:
    return _span([figure(year) for year in quotation.years])


def summary_rows(options: Sequence[Option]) -> tuple[SummaryRow, ...]:
    """The rows of the options summary, each with one cell per option (figures a year span the term when they vary)."""

    def row(label: str, cell: Callable[[Quotation], str]) -> SummaryRow:
        return SummaryRow(label, tuple(cell(option.quotation) for option in options))

    def money(amount: Decimal, q: Quotation) -> str:
        return fmt.money(amount, q.pricebook.currency)

    rows = [
        row("Contract term", lambda q: _plural(q.request.years, "year")),
        row("Credits a year", lambda q: _per_year(q, lambda y: fmt.count(y.annual_credits))),
        row("Price per credit", lambda q: _per_year(q, lambda y: fmt.price(y.price_per_credit, q.pricebook.currency))),
        row("Annual subscription", lambda q: _per_year(q, lambda y: money(y.annual_subscription, q))),
    ]
    if any(option.quotation.care_package_total for option in options):
        rows.append(row("Care Package a year", lambda q: _per_year(q, lambda y: money(y.care_package, q))))
    if any(option.quotation.services for option in options):
        rows.append(row("Professional services", lambda q: money(q.services, q)))
    rows.append(row("Contract value", lambda q: money(q.total_contract_value, q)))
    return tuple(rows)
