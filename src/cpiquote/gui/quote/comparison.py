"""Scenarios side by side: the comparison table's headline figures, one column per scenario, each against the first."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from cpiquote import formatting
from cpiquote.gui.common.tables import FigureTable
from cpiquote.gui.quote.scenarios import Scenario
from cpiquote.pricing import Quotation

# Year 1's figures: a ramp's later years differ (its contract value covers them all).
COMPARISON_ROWS = (
    "Terms",
    "Credits in year 1",
    "Price per credit, year 1",
    "Subscription, year 1",
    "Contract value",
    "Difference from first",
)


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
    """The comparison table's column for one scenario (its difference in contract value from the first)."""
    if quotation is None:
        return ["not priced: " + problem, "—", "—", "—", "—", "—"]
    currency = quotation.pricebook.currency
    year = quotation.first_year
    if first is None or first is quotation:
        difference = "—"
    else:
        delta = quotation.total_contract_value - first.total_contract_value
        sign = "+" if delta > Decimal(0) else "−"
        difference = sign + formatting.money(abs(delta), currency) if delta else "no difference"
    return [
        terms(quotation),
        formatting.count(year.annual_credits),
        formatting.price(year.price_per_credit, currency),
        formatting.money(year.annual_subscription, currency),
        formatting.money(quotation.total_contract_value, currency),
        difference,
    ]


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
        labels = [*COMPARISON_ROWS[:-1], f"Difference from {scenarios[0].name}"]
        if len(scenarios) == 1:  # nothing to differ from yet
            labels.pop()
        self.set_rows([[label, *(column[r] for column in columns)] for r, label in enumerate(labels)])
        for column in range(1, self.columnCount()):  # the terms wrap onto a second line rather than lose their end
            item = self.item(0, column)
            if item is not None and item.toolTip() != item.text():
                item.setToolTip(item.text())
        self.resizeRowToContents(0)
