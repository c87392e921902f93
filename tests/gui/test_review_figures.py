"""Charts, tables and the comparison tell the truth about ramps, stale inputs, graduated prices and dark desktops.

Each test keeps a fault found in a review of what the window shows from coming back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from window_helpers import contrast, tick, type_into, w

from cpiquote.gui.common import theme
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.resources import sample_pricebook_path


def ramp(qtbot: Any, window: MainWindow, *figures: str) -> None:
    type_into(qtbot, window, "yearsInput", str(len(figures)))
    tick(qtbot, window, "rampCheck")
    for year, figure in enumerate(figures, start=1):
        type_into(qtbot, window, f"ramp{year}Input", figure)


def test_the_price_curve_marks_a_later_ramp_years_price_break(qtbot: Any, window: MainWindow) -> None:
    ramp(qtbot, window, "300,000", "95,000")
    quotation = window.quotation
    assert quotation is not None and quotation.years[0].price_break is None and quotation.years[1].price_break is not None
    assert window.price_chart is not None and window.price_chart.price_break_position() is not None


def test_ramp_years_ordering_the_same_credits_are_all_named_on_the_curve(qtbot: Any, window: MainWindow) -> None:
    ramp(qtbot, window, "95,000", "400,000", "400,000")
    assert window.price_chart is not None
    position = window.price_chart.mark_positions()[1]
    assert window.price_chart.tooltip_at(position).startswith("Years 2 and 3: ")


def test_charts_and_tables_of_the_last_good_quote_are_faded_while_the_inputs_cannot_be_priced(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "discountInput", "45")  # above the 30% maximum: refused
    assert window.quotation is None and window.results.stale_banner.isVisible()
    assert window.price_chart is not None and not window.price_chart.isEnabled() and not window.year_table.isEnabled()
    type_into(qtbot, window, "discountInput", "5")
    assert window.price_chart.isEnabled() and window.year_table.isEnabled()


def test_the_comparison_tells_scenarios_apart_and_says_its_figures_are_year_1(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    window.duplicate_scenario()
    window.duplicate_scenario()
    type_into(qtbot, window, "discountInput", "12.5")
    table = window.comparison
    assert [table.cell_text(row, 0) for row in range(1, 4)] == ["Credits in year 1", "Price per credit, year 1", "Subscription, year 1"]
    assert table.cell_text(0, 2) == "3 years · no extras" and table.cell_text(0, 3) == "3 years · 12.5% discount · no extras"
    assert table.cell_text(5, 2) == "no difference" and table.cell_text(5, 3).startswith("−$")


@pytest.mark.parametrize("name", ["year_table", "invoice_table", "pass_through_table", "comparison"])
def test_a_tables_first_header_sits_over_its_left_aligned_names(window: MainWindow, name: str) -> None:
    table = getattr(window, name)
    header = table.horizontalHeaderItem(0)
    assert header is not None and header.textAlignment() & int(theme.Qt.AlignmentFlag.AlignLeft)


def test_the_pass_through_estimate_shows_every_row_without_scrolling(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    window.tabs.setCurrentIndex(2)
    table = window.pass_through_table
    qtbot.waitUntil(table.isVisible)
    last = table.rowCount() - 1
    assert table.visualItemRect(table.item(last, 0)).bottom() <= table.viewport().height()


def test_graduated_prices_are_called_averages_not_set_against_a_lower_list_price(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    book = tmp_path / "graduated.toml"
    book.write_text(sample_pricebook_path().read_text().replace('mode = "volume"', 'mode = "graduated"'))
    assert workflows.load_pricebook(window, str(book)), dialog_log.errors
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    assert window.results.price_card.note.text() == "average over 5 bands"
    assert w(window, "listPriceLabel").text() == "$0.5500"
    assert window.results.detail_captions["listPriceLabel"].text() == "Top band's list price"
    assert w(window, "listPriceLabel").accessibleName() == "Top band's list price: $0.5500"


def test_dark_desktops_get_visible_check_boxes_and_readable_messages(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "discountInput", "31")  # an error line under the discount
    theme.apply_system_palette()
    try:
        box: QCheckBox = w(window, "genaiCheck")
        option = QStyleOptionButton()
        option.initFrom(box)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        background = QColor(theme.DARK[theme.Role.Window])
        outline = max(contrast(image.pixelColor(x, rect.center().y()), background) for x in range(rect.left(), rect.right() + 1))
        assert outline >= 3.0, f"check box outline {outline:.2f}:1"
        error = w(window, "discountError")
        text = error.palette().color(theme.Role.WindowText)
        assert contrast(text, background) >= 4.5 and contrast(text, QColor(theme.DARK[theme.Role.Base])) >= 4.5
    finally:
        monkeypatch.setattr(theme, "system_is_dark", lambda: False)
        theme.apply_system_palette()
    assert contrast(w(window, "discountError").palette().color(theme.Role.WindowText), QColor(theme.LIGHT[theme.Role.Window])) >= 4.5


@pytest.mark.parametrize("dark", [False, True])
def test_text_field_outlines_and_tab_lines_are_visible_on_both_desktops(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, dark: bool
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: dark)
    theme.apply_system_palette()
    try:
        scheme = theme.DARK if dark else theme.LIGHT
        field = w(window, "interactionsInput")
        image = field.grab().toImage()
        ratio = image.devicePixelRatio()
        middle = round(field.height() / 2 * ratio)
        base = QColor(scheme[theme.Role.Base])
        outline = max(contrast(image.pixelColor(x, middle), base) for x in range(0, round(3 * ratio)))
        assert outline >= 3.0, f"field outline {outline:.2f}:1 against the field"
        QApplication.processEvents()  # the new palette reaches every widget
        tabs = window.tabs.grab().toImage()
        bar = round(window.tabs.tabBar().height() * ratio)  # the line under the tabs runs along the bar's foot
        rows = range(max(bar - round(3 * ratio), 0), bar + round(3 * ratio))
        whites = sum(tabs.pixelColor(x, y).lightness() > 250 for x in range(tabs.width()) for y in rows)
        assert not dark or whites < tabs.width() / 4, "no white line across the dark tab bar"
    finally:
        monkeypatch.setattr(theme, "system_is_dark", lambda: False)
        theme.apply_system_palette()
