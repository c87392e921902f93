"""Column widths that show every figure whole: a spreadsheet shows ##### for a number wider than its column.

The workbook is live, so its figures are whatever its inputs make them, up to the largest the engine accepts
(pricing/limits.py). Nothing here can measure text, so each column is made as many characters wide as the
longest figure it can show: its cells' own values, and for formulas and inputs the largest quote's figures in
the same number format. Widths only grow: the designed layout stays wherever figures fit it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from cpiquote.documents.xlsx.cells import (
    COUNT_FORMAT,
    HOURS_FORMAT,
    PERCENT_FORMAT,
    Cell,
    Sheet,
    money_format,
    price_format,
    rate_format,
)
from cpiquote.pricing import PriceBook, QuoteRequest, price_quote
from cpiquote.pricing.limits import MAX_FIGURE, MAX_SERVICES_HOURS

_CURRENCY = re.compile(r"^\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]( ?)")  # "[$$-409]" or "[$CHF] ": the symbol shown
_SUFFIX = re.compile(r'( ?)"([^"]*)"$')  # a quoted literal after the number: '"%"', ' "hours"'
_NUMBER = re.compile(r"^[#0,]*0(\.[0#]+)?$")  # the number part: grouping, whole digits, fixed then optional decimals
_BOLD_WIDER = 1.1  # bold digits take about a tenth more room than the regular ones widths are counted in
_MARGIN = 2  # characters: the cell's own padding and a little air before the next column


def shown(value: Decimal | int, number_format: str) -> str | None:
    """`value` as a spreadsheet shows it in `number_format` ("[$$-409]#,##0.00" gives $1,234.50); None for formats not of numbers."""
    currency = _CURRENCY.match(number_format)
    prefix = currency.group(1) + currency.group(2) if currency else ""
    rest = number_format[currency.end() :] if currency else number_format
    suffix = _SUFFIX.search(rest)
    core = rest[: suffix.start()] if suffix else rest
    if not _NUMBER.match(core):
        return None  # General, dates, text: not a figure whose width this module knows
    fixed, optional = _decimals(core)
    exponent = Decimal(value).normalize().as_tuple().exponent
    places = min(max(fixed, -exponent if isinstance(exponent, int) else 0), fixed + optional)
    number = f"{Decimal(value):{',' if ',' in core else ''}.{places}f}"
    return prefix + number + (suffix.group(1) + suffix.group(2) if suffix else "")


def _decimals(core: str) -> tuple[int, int]:
    """How many decimals a number format always shows, and how many more it shows when the value has them."""
    _, _, decimals = core.partition(".")
    return decimals.count("0"), decimals.count("#")


def largest_figures(pricebook: PriceBook) -> dict[str, list[Decimal]]:
    """The figures of the largest quote `pricebook` accepts, by the number format a workbook shows them in."""
    big = price_quote(pricebook, _largest_request(pricebook))
    currency, years = pricebook.currency, big.years
    prices = [p for y in years for p in (y.list_price_per_credit, y.price_per_credit, y.overage_price_per_credit)]
    return {
        money_format(currency): [big.total_contract_value, big.pass_through.annual_estimate, *(y.annual_subscription for y in years)],
        price_format(currency): [*prices, pricebook.sms_rate, pricebook.whatsapp_mtm_rate],
        rate_format(currency): [pricebook.services_hourly_rate],
        COUNT_FORMAT: [Decimal(MAX_FIGURE), *(Decimal(y.annual_credits) for y in years)],
        HOURS_FORMAT: [MAX_SERVICES_HOURS],
        PERCENT_FORMAT: [Decimal(100)],
    }


def _largest_request(pricebook: PriceBook) -> QuoteRequest:
    """Every volume at the most the engine accepts, every option on, over the longest contract, with no discount."""
    return QuoteRequest(
        (MAX_FIGURE,),
        pricebook.max_years,
        generative_ai=True,
        intent_manager=True,
        performance_optimizer=True,
        care_package=True,
        services_hours=MAX_SERVICES_HOURS,
        sms_per_month=MAX_FIGURE,
        whatsapp_mtm_per_month=MAX_FIGURE,
    )


def fit_figure_columns(ws: Sheet, largest: Mapping[str, list[Decimal]]) -> None:
    """Widen each column of `ws` to the longest figure its cells can show (their values, or the largest in their format)."""
    longest: dict[str, int] = {}  # by number format, the longest of the largest figures as shown: measured once
    needs: dict[int, float] = {}
    for (_, column), cell in ws.cells.items():
        need = _cell_need(cell, largest, longest)
        if need:
            needs[column] = max(needs.get(column, 0.0), need)
    for column, need in needs.items():
        ws.widths[column] = max(ws.widths.get(column, 0), need)


def _cell_need(cell: Cell, largest: Mapping[str, list[Decimal]], longest: dict[str, int]) -> float:
    """The width in characters the figure in `cell` can take; 0 for text, dates and empty cells."""
    value, number_format = cell.value, cell.look.number_format or "General"
    figure = value if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None
    if cell.formula is None and figure is None:
        return 0.0  # text, dates, empty cells
    own = shown(figure, number_format) if figure is not None else None
    length = len(own) if own else 0
    if cell.formula is not None or cell.look.is_input:  # a formula or an input: it can show any figure of its kind
        if number_format not in longest:
            texts = [text for figure in largest.get(number_format, []) if (text := shown(figure, number_format))]
            longest[number_format] = max(map(len, texts), default=0)
        length = max(length, longest[number_format])
    if not length:
        return 0.0
    return length * cell.look.size / 11 * (_BOLD_WIDER if cell.look.bold else 1) + _MARGIN
