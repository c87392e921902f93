"""The figure tables (year by year, invoices, pass-through): rows, bold totals, headings shown whole, one Tab stop each."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from window_helpers import SMALL_LAPTOP, focus_name, guidance_left, priced_three_years, text, tick, type_into, w

from cpiquote.gui.common import theme
from cpiquote.gui.main_window import MainWindow


def test_care_package_and_services_make_the_invoice_schedule(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "yearsInput", "3")
    for name in ("genaiCheck", "intentManagerCheck", "carePackageCheck"):
        tick(qtbot, window, name)
    type_into(qtbot, window, "servicesHoursInput", "40")
    assert text(window, "contractValueLabel") == "$3,414,392.00"
    assert text(window, "carePackageLabel") == "$103,224.00"
    assert text(window, "servicesLabel") == "$8,000.00"
    amounts = [window.invoice_table.cell_text(row, 5) for row in range(4)]
    assert amounts == ["$1,143,464.00", "$1,135,464.00", "$1,135,464.00", "$3,414,392.00"]


def test_the_invoice_total_reads_as_a_total_not_another_invoice(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "smsInput", "25,000")
    table = window.invoice_table
    last = table.rowCount() - 1
    assert table.cell_text(last, 0) == "Total contract value" and table.item(last, 5).font().bold()
    assert not any(table.item(row, 5).font().bold() for row in range(last)), "the invoices themselves are not bold"
    estimate = window.pass_through_table
    assert [estimate.item(row, 0).font().bold() for row in range(estimate.rowCount())] == [False, False, False, True, True]


def test_bold_totals_follow_a_new_font(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    table = window.invoice_table
    last = table.rowCount() - 1
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    table.setFont(font)  # as when the desktop's font grows
    assert table.item(last, 0).font().bold() and table.item(last, 0).font().pointSizeF() == font.pointSizeF()
    assert table.item(0, 0).font().pointSizeF() == font.pointSizeF() or table.item(0, 0).data(Qt.ItemDataRole.FontRole) is None


@pytest.mark.parametrize("name", ["year_table", "invoice_table", "pass_through_table", "comparison"])
def test_a_tables_first_header_sits_over_its_left_aligned_names(window: MainWindow, name: str) -> None:
    table = getattr(window, name)
    header = table.horizontalHeaderItem(0)
    assert header is not None and header.textAlignment() & int(theme.Qt.AlignmentFlag.AlignLeft)


@pytest.mark.parametrize("name", ["year_table", "invoice_table", "pass_through_table"])
def test_table_headings_and_totals_show_whole_at_the_default_size(qtbot: Any, window: MainWindow, name: str) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "smsInput", "25,000")
    tick(qtbot, window, "carePackageCheck")
    window.tabs.setCurrentIndex(1 if name == "year_table" else 2)
    table = getattr(window, name)
    guidance_left(window)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        heading = table.horizontalHeaderItem(column).text()
        assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(heading), f"{heading!r} is cut off"
        for row in range(table.rowCount()):
            item = table.item(row, column)
            width = QFontMetrics(item.font()).horizontalAdvance(item.text())
            assert table.columnWidth(column) >= width, f"{item.text()!r} wraps or is cut off"


def test_the_pass_through_estimate_shows_every_row_without_scrolling(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "smsInput", "25,000")  # (without messaging the table gives way to one line: see below)
    window.tabs.setCurrentIndex(2)
    table = window.pass_through_table
    qtbot.waitUntil(table.isVisible)
    last = table.rowCount() - 1
    assert table.visualItemRect(table.item(last, 0)).bottom() <= table.viewport().height()


@pytest.mark.parametrize("size", [(1280, 690), (1366, 728), SMALL_LAPTOP])
def test_the_invoice_total_never_scrolls_away_from_its_invoices_on_a_laptop(qtbot: Any, window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "5")  # the most invoices
    type_into(qtbot, window, "discountInput", "30")  # the approval notice makes the guidance taller
    type_into(qtbot, window, "smsInput", "25,000")
    window.tabs.setCurrentIndex(2)
    table = window.invoice_table
    qtbot.waitUntil(table.isVisible)
    guidance_left(window)
    total = table.item(table.rowCount() - 1, 0)
    assert total.text() == "Total contract value"
    assert table.viewport().rect().contains(table.visualItemRect(total)), "the total is scrolled away from its rows"
    assert table.verticalScrollBar().maximum() == 0, "every invoice shows"


def test_a_quote_without_messaging_says_so_in_one_line_instead_of_a_table_of_zeros(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 690)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(window.invoice_table.isVisible)
    guidance_left(window)
    assert not window.pass_through_table.isVisible()
    line = w(window, "noPassThroughLabel")
    assert line.isVisible() and line.text() == "No messaging pass-through"
    assert line.height() < 2 * line.fontMetrics().lineSpacing()
    type_into(qtbot, window, "whatsappInput", "1,000")
    guidance_left(window)
    assert window.pass_through_table.isVisible() and not line.isVisible()


def test_tab_leaves_the_result_tables(qtbot: Any, window: MainWindow) -> None:
    """Tab from the last form field into "Year by year" should go through the table and back to the top of the form."""
    priced_three_years(qtbot, window)
    window.tabs.setCurrentIndex(1)  # Year by year (Invoices and Compare scenarios behave the same)
    qtbot.wait(20)
    w(window, "whatsappInput").setFocus()
    visited = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(focus_name())
        if focus_name() == "customerInput":
            break
    assert focus_name() == "customerInput", f"Tab is stuck in the table: {visited[-5:]}"
