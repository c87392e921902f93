"""Read-only tables of a quote: the figures of each contract year and the invoice schedule."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from cpiquote import formatting
from cpiquote.pricing import Quotation

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QHideEvent, QResizeEvent

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class FigureTable(QTableWidget):
    """A compact, read-only table whose cells are set only when their text changes."""

    def __init__(
        self,
        object_name: str,
        accessible_name: str,
        headers: Sequence[str],
        parent: QWidget | None = None,
        text_columns: int = 1,
        total_rows: int = 0,
        whole: bool = False,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.text_columns = text_columns  # the first columns hold names and words (left-aligned), the rest figures
        self.total_rows = total_rows  # the last rows are totals, in bold
        self.whole = whole  # as tall as its rows, so its totals never scroll away from them (the page scrolls instead)
        if whole:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # one Tab stop: the arrow keys move between cells, Tab moves on
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(RIGHT)
        for column in range(text_columns):  # names and words: left-aligned, as wide as they are; the figures share the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(LEFT)

    def _embolden(self, item: QTableWidgetItem, bold: bool) -> None:
        """A total's cell in the table's font made bold; any other cell in the table's own font (no font of its own)."""
        if bold:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
        else:
            item.setData(Qt.ItemDataRole.FontRole, None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new font (the application's, say) reaches the bold totals too."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for row in range(max(self.rowCount() - self.total_rows, 0), self.rowCount()):
                for column in range(self.columnCount()):
                    item = self.item(row, column)
                    if item is not None:
                        self._embolden(item, True)

    def fit_rows(self, rows: int) -> None:
        """Exactly as tall as the header and `rows` rows (and the sideways scroll bar, where the columns need it): a
        table of known length never scrolls up and down."""
        bar = self.horizontalScrollBar()
        height = self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth()
        height += bar.sizeHint().height() if bar.isVisibleTo(self) else 0
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Leave no current cell behind: a screen reader takes a table's current cell for the focus, wherever it is."""
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason):
            self.selectionModel().clearCurrentIndex()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        """A hidden table has no current cell either (it would claim the focus, and to be showing)."""
        super().hideEvent(event)
        self.selectionModel().clearCurrentIndex()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """A table shown whole makes room for the sideways scroll bar when a narrower width brings it."""
        super().resizeEvent(event)
        if self.whole:
            self.fit_rows(self.rowCount())

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show `rows` of text; the first column is left-aligned, figures right-aligned."""
        if self.rowCount() != len(rows):
            self.setRowCount(len(rows))
            if self.whole:
                self.fit_rows(len(rows))
        for r, row in enumerate(rows):
            total = r >= len(rows) - self.total_rows
            for c, text in enumerate(row):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem(text)
                    item.setTextAlignment(LEFT if c < self.text_columns else RIGHT)
                    self.setItem(r, c, item)
                elif item.text() != text:
                    item.setText(text)
                if item.font().bold() != total:
                    self._embolden(item, total)

    def cell_text(self, row: int, column: int) -> str:
        """The text of one cell ("" when empty)."""
        item = self.item(row, column)
        return item.text() if item is not None else ""


YEAR_HEADERS = ("Year", "Interactions", "Credits", "Band from", "Price per credit", "Annual subscription", "Care Package")
INVOICE_HEADERS = ("Invoice", "Due", "Subscription", "Care Package", "Services", "Amount")


def year_rows(quotation: Quotation) -> list[list[str]]:
    """One row per contract year."""
    currency = quotation.pricebook.currency
    return [
        [
            f"Year {y.year}",
            "—" if y.interactions is None else formatting.count(y.interactions),
            formatting.count(y.annual_credits) + (" (minimum)" if y.minimum_applied else ""),
            formatting.count(y.band_from),
            formatting.price(y.price_per_credit, currency),
            formatting.money(y.annual_subscription, currency),
            formatting.money(y.care_package, currency) if quotation.request.care_package else "not included",
        ]
        for y in quotation.years
    ]


def invoice_rows(quotation: Quotation) -> list[list[str]]:
    """One row per invoice, then the total contract value."""
    currency = quotation.pricebook.currency
    money = partial(formatting.money, currency=currency)
    rows = [
        [
            f"Invoice {i.number}",
            i.due[:1].upper() + i.due[1:],
            money(i.subscription),
            money(i.care_package),
            money(i.services),
            money(i.amount),
        ]
        for i in quotation.invoices
    ]
    totals = (quotation.subscription_total, quotation.care_package_total, quotation.services, quotation.total_contract_value)
    rows.append(["Total contract value", "", *(money(amount) for amount in totals)])
    return rows


PASS_THROUGH_ROWS = 5


def pass_through_rows(quotation: Quotation) -> list[list[str]]:
    """The pass-through estimate: provider fees, handling fee, a month and a year."""
    currency = quotation.pricebook.currency
    p = quotation.pass_through
    money = partial(formatting.money, currency=currency)
    return [
        ["SMS (provider rate)", money(p.sms_per_month)],
        ["WhatsApp MTMs (provider rate)", money(p.whatsapp_per_month)],
        [f"Handling fee ({formatting.percent(quotation.pricebook.handling_fee_percent)})", money(p.handling_fee_per_month)],
        ["Estimate a month", money(p.monthly_estimate)],
        ["Estimate a year (invoiced monthly, not in the contract value)", money(p.annual_estimate)],
    ]
