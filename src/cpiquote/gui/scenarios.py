"""Scenarios: up to four variants of a quote, each with its own form state, undo history and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QTabBar, QTableWidgetItem, QToolButton, QWidget

from cpiquote import formatting
from cpiquote.gui.form import FormState
from cpiquote.gui.icons import icon
from cpiquote.gui.tables import FigureTable
from cpiquote.pricing import Quotation

MAX_SCENARIOS = 4
LETTERS = "ABCDEFGH"
COMPARISON_ROWS = ("Terms", "Credits a year", "Price per credit", "Annual subscription", "Contract value", "Difference from first")


@dataclass
class Scenario:
    """One variant: what its form holds, its undo history, and its figures (None while it cannot be priced)."""

    name: str
    state: FormState
    stack: QUndoStack
    quotation: Quotation | None = None  # None while the inputs cannot be priced
    last_good: Quotation | None = None  # the last figures it had, shown greyed while it cannot be priced
    problem: str = field(default="")


def next_name(scenarios: list[Scenario]) -> str:
    """The first letter not used by a scenario: "Scenario A", "Scenario B"..."""
    used = {s.name for s in scenarios}
    return next(f"Scenario {letter}" for letter in LETTERS if f"Scenario {letter}" not in used)


def terms(quotation: Quotation) -> str:
    """A scenario's terms in a few words: "3 years · Generative AI, Intent Manager"."""
    request = quotation.request
    features = [name for on, name in ((request.generative_ai, "Generative AI"), (request.intent_manager, "Intent Manager"),
                                      (request.performance_optimizer, "Performance Optimizer"), (request.care_package, "Care")) if on]
    years = f"{request.years} year{'s' if request.years > 1 else ''}"
    return " · ".join([years, ", ".join(features) or "no extras"])


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
        sign = "+" if delta > Decimal(0) else "−" if delta < Decimal(0) else "±"
        difference = sign + formatting.money(abs(delta), currency)
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
        headers = ["Figure"] + [s.name + (" (exported)" if i == export_index else "") for i, s in enumerate(scenarios)]
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
        self.set_rows([[label, *(column[r] for column in columns)] for r, label in enumerate(COMPARISON_ROWS)])


class ScenarioBar(QWidget):
    """Tabs to switch scenarios and buttons to add, duplicate, remove and mark the exported one."""

    add_requested = Signal()
    duplicate_requested = Signal()
    remove_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.tabs = QTabBar()
        self.tabs.setObjectName("scenarioTabs")
        self.tabs.setAccessibleName("Scenarios")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        row.addWidget(self.tabs)
        self.buttons: dict[str, QToolButton] = {}
        for name, tip, signal in (
            ("scenario-add", "New scenario", self.add_requested),
            ("scenario-duplicate", "Duplicate this scenario", self.duplicate_requested),
            ("scenario-remove", "Remove this scenario", self.remove_requested),
            ("scenario-export", "Export this scenario (the one marked with a star is exported)", self.export_requested),
        ):
            button = QToolButton()
            button.setIcon(icon(name))
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
            button.clicked.connect(signal.emit)
            row.addWidget(button)
            self.buttons[name] = button
        self.buttons["scenario-export"].setObjectName("exportScenarioButton")
        self.buttons["scenario-export"].setCheckable(True)
        row.addStretch(1)

    def show_names(self, names: list[str], current: int, export_index: int) -> None:
        """Show one tab per scenario, the exported one with a star, and enable what is possible."""
        self.tabs.blockSignals(True)
        while self.tabs.count() > len(names):
            self.tabs.removeTab(self.tabs.count() - 1)
        for index, name in enumerate(names):
            if index >= self.tabs.count():
                self.tabs.addTab(name)
            self.tabs.setTabText(index, name)
            self.tabs.setTabIcon(index, icon("scenario-export") if index == export_index else QIcon())
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self.buttons["scenario-add"].setEnabled(len(names) < MAX_SCENARIOS)
        self.buttons["scenario-duplicate"].setEnabled(len(names) < MAX_SCENARIOS)
        self.buttons["scenario-remove"].setEnabled(len(names) > 1)
        self.buttons["scenario-export"].setChecked(current == export_index)
