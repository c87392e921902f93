"""The window keeps still while a person types, and reads clearly: columns, cards, banners, tables and guidance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel
from window_helpers import settle, tick, type_into, w

from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows


def _guidance_left(window: MainWindow) -> int:
    settle()
    return window.guidance.mapTo(window, window.guidance.rect().topLeft()).x()


@pytest.mark.parametrize("book", ["sample", "graduated", "francs"])
def test_the_guidance_column_stays_put_while_a_quote_is_typed(
    qtbot: Any,
    window: MainWindow,
    dialog_log: Any,
    tmp_path: Path,
    graduated_pricebook_bytes: bytes,
    sample_pricebook_bytes: bytes,
    book: str,
) -> None:
    if book != "sample":  # graduated: the band and list price are the top band's; francs: "CHF" is wider than "$"
        content = graduated_pricebook_bytes if book == "graduated" else sample_pricebook_bytes.replace(b'"USD"', b'"CHF"')
        (tmp_path / f"{book}.toml").write_bytes(content)
        dialog_log.open_path = str(tmp_path / f"{book}.toml")
        workflows.open_pricebook(window)
        expected = ("graduated", "USD") if book == "graduated" else ("volume", "CHF")
        assert (window.pricebook.tier_mode, window.pricebook.currency) == expected
    window.resize(1280, 800)
    empty = _guidance_left(window)
    seen = set()
    field = w(window, "interactionsInput")
    field.setFocus()
    for key in "1200000":  # every keystroke re-prices: 1, 12, 120, ... 1,200,000
        qtbot.keyClicks(field, key)
        seen.add(_guidance_left(window))
    type_into(qtbot, window, "yearsInput", "3")
    seen.add(_guidance_left(window))
    for name in ("genaiCheck", "intentManagerCheck", "carePackageCheck"):
        tick(qtbot, window, name)
        seen.add(_guidance_left(window))
    type_into(qtbot, window, "discountInput", "25")  # "25% (approval)"
    seen.add(_guidance_left(window))
    type_into(qtbot, window, "smsInput", "25,000")
    seen.add(_guidance_left(window))
    assert seen == {empty}, "the guidance column moved while the quote was typed"


def test_every_detail_figure_shows_whole_in_the_default_window(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "9,000,000")
    type_into(qtbot, window, "yearsInput", "5")
    type_into(qtbot, window, "discountInput", "25")
    type_into(qtbot, window, "smsInput", "250,000")
    tick(qtbot, window, "carePackageCheck")
    QApplication.processEvents()
    for label in window.results.details_frame.findChildren(QLabel):
        if label.text():
            assert label.contentsRect().width() >= label.fontMetrics().horizontalAdvance(label.text()), label.text()
    assert window.guidance.width() >= 200, "the guidance keeps room for its sentences"


def test_the_ramp_years_line_up_with_the_form_fields(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    QApplication.processEvents()

    def left(name: str) -> int:
        field = w(window, name)
        return field.mapTo(window, field.rect().topLeft()).x()

    column = left("interactionsInput")
    assert [left(f"ramp{year}Input") for year in (1, 2, 3)] == [column] * 3
    assert left("yearsInput") == left("smsInput") == column


def test_the_window_never_widens_itself_as_a_quote_is_typed(qtbot: Any, window: MainWindow) -> None:
    empty = window.minimumSizeHint().width()
    assert empty <= 1280, "fits the most common small laptop width"
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "discountInput", "25")  # "25% (approval)"
    type_into(qtbot, window, "smsInput", "250,000")  # "$2,386.25 a month"
    tick(qtbot, window, "carePackageCheck")
    _guidance_left(window)
    assert window.minimumSizeHint().width() == empty


def test_at_its_smallest_the_window_still_shows_every_detail_whole(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "discountInput", "25")
    type_into(qtbot, window, "smsInput", "25,000")
    tick(qtbot, window, "carePackageCheck")
    for _ in range(3):  # the smallest size, once the layout has settled at it
        window.resize(window.minimumSizeHint())
        _guidance_left(window)
    assert window.width() == window.minimumSizeHint().width()
    for label in window.results.details_frame.findChildren(QLabel):
        room = label.contentsRect().width() - 2 * label.margin()
        assert room >= label.fontMetrics().horizontalAdvance(label.text()), f"{label.text()!r} is cut off"


def test_a_figure_made_smaller_to_fit_keeps_its_card_in_line_with_the_others(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "yearsInput", "5")
    for year, interactions in enumerate(("100,000", "500,000", "2,000,000", "9,000,000", "90,000,000"), start=1):
        type_into(qtbot, window, f"ramp{year}Input", interactions)
    _guidance_left(window)
    contract = window.results.contract_card
    assert contract.value.font().pointSizeF() < window.results.price_card.value.font().pointSizeF(), "the long figure was made smaller"
    assert {(card.y(), card.height()) for card in window.results.cards} == {(contract.y(), contract.height())}


def test_a_quote_that_cannot_be_priced_says_so_in_one_line_without_repeating_the_reason(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "discountInput", "35")  # above the maximum: the reason shows beside the field and in the guidance
    _guidance_left(window)
    banner = window.results.stale_banner
    assert banner.isVisible() and "Discount" in banner.text() and "above the maximum" not in banner.text()
    margins = banner.contentsMargins()
    assert banner.height() < 2 * banner.fontMetrics().lineSpacing() + margins.top() + margins.bottom(), "one line"


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


def test_one_scenario_alone_is_not_compared_with_itself(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    table = window.comparison
    assert not any(table.cell_text(row, 0).startswith("Difference") for row in range(table.rowCount()))
    window.duplicate_scenario()
    table = window.comparison
    assert table.cell_text(table.rowCount() - 1, 0) == "Difference from Scenario A"
    assert table.cell_text(table.rowCount() - 1, 2) == "no difference"


def test_a_long_guidance_entry_keeps_its_icon_by_its_first_line(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "2,900,000")
    type_into(qtbot, window, "discountInput", "25")  # "A discretionary discount of 25% is above 10%: ..." wraps
    _guidance_left(window)
    view = window.guidance.list
    rect = view.visualItemRect(view.item(0))
    assert rect.height() > 2 * view.fontMetrics().lineSpacing(), "the entry wraps onto several lines"
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    background = image.pixelColor(round((rect.right() - 2) * ratio), round((rect.bottom() - 2) * ratio))
    icon_rows = [y for y in range(round(rect.top() * ratio), round(rect.bottom() * ratio))
                 for x in range(round(rect.left() * ratio), round((rect.left() + 24) * ratio))
                 if image.pixelColor(x, y) != background]  # fmt: skip
    assert icon_rows and max(icon_rows) / ratio < rect.top() + 1.5 * view.fontMetrics().lineSpacing(), "icon by the first line"


def test_clearing_the_quote_clears_the_approval_mark_on_the_discount(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95,000")
    type_into(qtbot, window, "discountInput", "12")  # above 10%: needs approval
    label = w(window, "discountLabel")
    assert label.text() == "12% (approval)" and label.toolTip()
    type_into(qtbot, window, "interactionsInput", "")  # nothing to price: dashes
    assert label.text() == "—" and label.toolTip() == ""
    assert label.palette().color(label.foregroundRole()) == w(window, "termDiscountLabel").palette().color(label.foregroundRole())


@pytest.mark.parametrize("name", ["year_table", "invoice_table", "pass_through_table"])
def test_table_headings_and_totals_show_whole_at_the_default_size(qtbot: Any, window: MainWindow, name: str) -> None:
    window.resize(1280, 800)
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "smsInput", "25,000")
    tick(qtbot, window, "carePackageCheck")
    window.tabs.setCurrentIndex(1 if name == "year_table" else 2)
    table = getattr(window, name)
    _guidance_left(window)
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        heading = table.horizontalHeaderItem(column).text()
        assert table.columnWidth(column) >= header.fontMetrics().horizontalAdvance(heading), f"{heading!r} is cut off"
        for row in range(table.rowCount()):
            item = table.item(row, column)
            width = QFontMetrics(item.font()).horizontalAdvance(item.text())
            assert table.columnWidth(column) >= width, f"{item.text()!r} wraps or is cut off"


def test_bold_totals_follow_a_new_font(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    table = window.invoice_table
    last = table.rowCount() - 1
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    table.setFont(font)  # as when the desktop's font grows
    assert table.item(last, 0).font().bold() and table.item(last, 0).font().pointSizeF() == font.pointSizeF()
    assert table.item(0, 0).font().pointSizeF() == font.pointSizeF() or table.item(0, 0).data(Qt.ItemDataRole.FontRole) is None


def test_every_figure_in_the_form_ends_at_the_same_edge(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 800)
    tick(qtbot, window, "estimateCheck")
    _guidance_left(window)

    def right(name: str) -> int:
        field = w(window, name)
        return field.mapTo(window, field.rect().topRight()).x()

    figures = ["interactionsInput", "yearsInput", "discountInput", "servicesHoursInput", "smsInput", "whatsappInput",
               "conversationsInput", "multiDayShareInput", "extraDaysInput", "proactiveInput", "replyRateInput"]  # fmt: skip
    assert {name: right(name) for name in figures} == dict.fromkeys(figures, right("interactionsInput"))


def test_growing_the_window_a_pixel_at_a_time_settles_at_every_height(qtbot: Any, window: MainWindow) -> None:
    # A layout that fed back on itself (a scroll bar's room changing the form's height) recursed until the app crashed
    # at some heights: go through the band where the form's scroll bar comes and goes, from a height where it shows.
    window.resize(1280, 600)
    _guidance_left(window)
    for height in range(700, 800):
        window.resize(1280, height)
        _guidance_left(window)
    assert window.height() == 799
