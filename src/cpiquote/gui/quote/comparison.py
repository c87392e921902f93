"""Scenarios side by side: figures a year and for the contract, one column per scenario, each against the first."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from cpiquote import formatting
from cpiquote.gui.common.tables import FigureTable
from cpiquote.gui.quote.scenarios import Scenario
from cpiquote.pricing import Quotation
from cpiquote.pricing.money import round2

# Per year first, so that a 5-year scenario is set against a 3-year one on equal terms, then the whole contract.
# A ramp's yearly figures differ: they show as a range ("100,000 to 1,200,000").
COMPARISON_ROWS = (
    "Terms",
    "Credits a year",
    "Price per credit",
    "Annual fee (subscription and Care Package)",
    "Contract value a year, on average",
    "Contract value",
)
DIFFERENCE_ROWS = ("Difference a year from {}", "Difference in contract value from {}")
Figure = TypeVar("Figure", int, Decimal)


def terms(quotation: Quotation) -> str:
    """What sets a scenario apart: "3 years · ramp · 12.5% discount · Generative AI, Intent Manager, Care Package"."""
    request = quotation.request
    features = [
        name
        for on, name in (
            (request.generative_ai, "Generative AI"),
            (request.intent_manager, "Intent Manager"),
            (request.performance_optimizer, "Performance Optimizer"),
            (request.care_package, "Care Package"),
        )
        if on
    ]
    parts = [f"{request.years} year{'s' if request.years > 1 else ''}"]
    if request.is_ramp:
        parts.append("ramp")
    if request.discount_percent > 0:
        parts.append(f"{formatting.percent(request.discount_percent)} discount")
    parts.append(", ".join(features) or "no extras")
    return " · ".join(parts)


def comparison_column(quotation: Quotation | None, first: Quotation | None, problem: str) -> list[str]:
    """The comparison table's column for one scenario: its figures a year, its contract value and its differences from the first."""
    if quotation is None:
        return ["not priced: " + problem] + ["—"] * (len(COMPARISON_ROWS) + len(DIFFERENCE_ROWS) - 1)
    currency, years = quotation.pricebook.currency, quotation.years
    length = quotation.request.years
    return [
        terms(quotation),
        spread([y.annual_credits for y in years], formatting.count),
        spread([y.price_per_credit for y in years], lambda price: formatting.price(price, currency)),
        spread([y.annual_subscription + y.care_package for y in years], lambda fee: formatting.money(fee, currency)),
        formatting.money(value_a_year(quotation), currency),
        f"{formatting.money(quotation.total_contract_value, currency)} over {length} year{'s' if length > 1 else ''}",
        *differences(quotation, first),
    ]


def spread(figures: list[Figure], show: Callable[[Figure], str]) -> str:
    """One figure when every year has it, else the range from the lowest to the highest: "100,000 to 1,200,000"."""
    low, high = min(figures), max(figures)
    return show(low) if low == high else f"{show(low)} to {show(high)}"


def value_a_year(quotation: Quotation) -> Decimal:
    """The contract value spread evenly over its years, to the cent: what a scenario costs a year, whatever its length."""
    return round2(quotation.total_contract_value / quotation.request.years)


def differences(quotation: Quotation, first: Quotation | None) -> list[str]:
    """A scenario's contract value a year and in all, each less the first scenario's ("—" for the first itself)."""
    if first is None or first is quotation:
        return ["—", "—"]
    currency = quotation.pricebook.currency
    a_year = value_a_year(quotation) - value_a_year(first)
    in_all = quotation.total_contract_value - first.total_contract_value
    return [_signed(a_year, currency, " a year"), _signed(in_all, currency, " over the contract")]


def _signed(delta: Decimal, currency: str, suffix: str) -> str:
    if not delta:
        return "no difference"
    return ("+" if delta > 0 else "−") + formatting.money(abs(delta), currency) + suffix


class ComparisonTable(FigureTable):
    """Scenarios side by side: one column per scenario, one row per headline figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("comparisonTable", "Scenarios compared", ["Figure"], parent)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def show_scenarios(self, scenarios: list[Scenario], export_index: int) -> None:
        """Fill one column per scenario; the exported one is marked."""
        headers = ["Figure"] + [s.name + (" ★ for export" if i == export_index else "") for i, s in enumerate(scenarios)]
        if self.columnCount() != len(headers):
            self.setColumnCount(len(headers))
        for column, text in enumerate(headers):
            item = self.horizontalHeaderItem(column)
            if item is None or item.text() != text:
                header = QTableWidgetItem(text)
                side = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
                header.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | side)
                self.setHorizontalHeaderItem(column, header)
        first = scenarios[0].quotation
        columns = [comparison_column(s.quotation, first, s.problem) for s in scenarios]
        labels = [*COMPARISON_ROWS]
        if len(scenarios) > 1:  # a single scenario has nothing to differ from yet
            labels += [row.format(scenarios[0].name) for row in DIFFERENCE_ROWS]
        self.set_rows([[label, *(column[r] for column in columns)] for r, label in enumerate(labels)])
        for column in range(1, self.columnCount()):  # the terms wrap onto a second line rather than lose their end
            item = self.item(0, column)
            if item is not None and item.toolTip() != item.text():
                item.setToolTip(item.text())
        self.resizeRowToContents(0)
