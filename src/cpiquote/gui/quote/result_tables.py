"""The result tabs' table pages (year by year, invoices, scenarios compared): built when first shown, filled while on show.

Typing re-prices on every keystroke; tables nobody can see are refreshed when their tab is opened instead.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cpiquote.gui.common.tables import (
    INVOICE_HEADERS,
    PASS_THROUGH_ROWS,
    YEAR_HEADERS,
    FigureTable,
    invoice_rows,
    pass_through_rows,
    year_rows,
)
from cpiquote.gui.quote.comparison import ComparisonTable
from cpiquote.gui.quote.scenarios import Scenario
from cpiquote.pricing import Quotation

NO_PASS_THROUGH = "No messaging pass-through"  # what the pass-through estimate says when there is none to estimate


def _fill(page: QWidget, margins: tuple[int, int, int, int], *tables: tuple[QWidget, int]) -> QVBoxLayout:
    column = QVBoxLayout(page)
    column.setContentsMargins(*margins)
    for table, stretch in tables:
        column.addWidget(table, stretch)
    return column


class ResultTables:
    """The tables of the year, invoice and comparison pages, and the figures each should show."""

    def __init__(self, year_page: QWidget, invoice_page: QWidget, comparison_page: QWidget) -> None:
        self.year_table = FigureTable("yearTable", "Figures by contract year", YEAR_HEADERS)
        self.invoice_table = FigureTable(
            "invoiceTable", "Invoice schedule", INVOICE_HEADERS, text_columns=2, total_rows=1, whole=True
        )  # invoice, due; whole: the total contract value never scrolls away from its invoices
        self.pass_through_table = FigureTable(
            "passThroughTable", "Pass-through estimate", ("SMS and WhatsApp pass-through", "Amount"), total_rows=2
        )
        self.pass_through_table.fit_rows(PASS_THROUGH_ROWS)  # always whole, like the invoices
        self.pass_through_table.setVisible(False)  # until there is an estimate to show
        self.no_pass_through = QLabel(NO_PASS_THROUGH)  # one line instead of a table of zeros
        self.no_pass_through.setObjectName("noPassThroughLabel")
        self.no_pass_through.setVisible(False)
        self.comparison = ComparisonTable()
        _fill(year_page, (0, 6, 0, 0), (self.year_table, 1))
        invoices = _fill(invoice_page, (0, 6, 0, 0), (self.invoice_table, 0), (self.pass_through_table, 0), (self.no_pass_through, 0))
        invoices.addStretch(1)  # a tall window leaves the room under the tables empty; a short one scrolls the page
        _fill(comparison_page, (0, 6, 0, 0), (self.comparison, 1))

    def show_quotation(self, quotation: Quotation | None) -> None:
        """Fill the year and invoice pages from `quotation` (None empties them)."""
        if quotation is None:
            for table in (self.year_table, self.invoice_table, self.pass_through_table):
                table.set_rows([])
            self._show_pass_through(None)
            return
        self.year_table.set_rows(year_rows(quotation))
        self.invoice_table.set_rows(invoice_rows(quotation))
        self.pass_through_table.set_rows(pass_through_rows(quotation))
        self._show_pass_through(quotation.pass_through.monthly_estimate != 0)

    def _show_pass_through(self, any_messaging: bool | None) -> None:
        """The estimate's table when there is messaging to pass through, one line when there is none (None: no quote)."""
        self.pass_through_table.setVisible(bool(any_messaging))
        self.no_pass_through.setVisible(any_messaging is False)

    def show_scenarios(self, scenarios: list[Scenario], export_index: int) -> None:
        """Fill the comparison page."""
        self.comparison.show_scenarios(scenarios, export_index)
