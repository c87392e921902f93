"""Things a sales person ran into in a long session with the window, each kept from coming back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication
from window_helpers import tick, type_into, w

from cpiquote import formatting
from cpiquote.gui import workflows
from cpiquote.gui.main_window import MainWindow
from cpiquote.resources import sample_pricebook_path


def test_lengthening_the_contract_with_the_ramp_on_opens_the_new_years_for_typing(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "yearsInput", "2")
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "yearsInput", "4")
    assert w(window, "ramp3Input").isEnabled() and w(window, "ramp4Input").isEnabled()
    type_into(qtbot, window, "ramp4Input", "900000")
    assert window.quotation is not None and window.quotation.years[3].interactions == 900_000
    type_into(qtbot, window, "yearsInput", "2")
    assert not w(window, "ramp3Input").isEnabled(), "a year past the contract cannot be typed into"


def test_a_large_deal_shows_every_digit_and_cent_on_the_headline_cards(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "20,000,000")
    type_into(qtbot, window, "yearsInput", "5")
    for toggle in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck", "carePackageCheck"):
        tick(qtbot, window, toggle)
    window.resize(1280, 800)
    QApplication.processEvents()
    assert w(window, "contractValueLabel").text() == formatting.money(window.quotation.total_contract_value, window.pricebook.currency)
    for name in ("annualSubscriptionLabel", "contractValueLabel", "pricePerCreditLabel", "annualCreditsLabel"):
        label = w(window, name)
        shown = QFontMetrics(label.font()).horizontalAdvance(label.text())
        assert shown <= label.contentsRect().width(), f"{name} cuts off {label.text()!r}"


def test_a_figure_pasted_from_a_spreadsheet_cell_or_an_email_arrives_in_the_field(qtbot: Any, window: MainWindow) -> None:
    field = w(window, "interactionsInput")
    for pasted in ("250,000\r\n", " 250,000", "\t250000\t"):
        field.clear()
        field.setFocus()
        QGuiApplication.clipboard().setText(pasted)
        field.paste()
        assert field.text() in ("250,000", "250000"), f"pasting {pasted!r} gave {field.text()!r}"
        assert window.quotation is not None and window.quotation.years[0].interactions == 250_000
        assert window.inputs.error_text("interactions") == ""


# --- found by a fresh-eyes review of the form ------------------------------------------------


def test_a_one_year_ramp_prices_the_year_1_field_it_lets_you_type_in(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "interactionsInput", "100000")
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "yearsInput", "1")
    type_into(qtbot, window, "ramp1Input", "600000")
    assert not w(window, "interactionsInput").isEnabled() and w(window, "ramp1Input").isEnabled()
    assert w(window, "annualCreditsLabel").text() == "600,000"


def test_a_ramp_year_out_of_range_is_named_and_marked_on_that_year(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "interactionsInput", "100000")
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp3Input", "9999999999999")
    assert window.inputs.error_text("ramp_3") == "Must be a whole number from 0 to 1,000,000,000,000"
    assert window.inputs.error_text("ramp_1") == ""
    assert window.guidance.texts() == ["Interactions in year 3: must be a whole number from 0 to 1,000,000,000,000"]


def test_an_estimate_too_large_to_price_is_marked_on_the_conversations(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "conversationsInput", "999,999,999,999")
    type_into(qtbot, window, "multiDayShareInput", "100")
    type_into(qtbot, window, "extraDaysInput", "5")
    assert window.quotation is None
    assert window.inputs.error_text("conversations").startswith("The estimated interactions per year must be a whole number")
    assert window.inputs.error_text("interactions") == ""


def test_ticking_the_ramp_while_estimating_starts_every_year_at_the_estimate(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "conversationsInput", "300000")
    assert w(window, "interactionsInput").text() == "300,000"
    tick(qtbot, window, "rampCheck")
    assert [w(window, f"ramp{year}Input").text() for year in (1, 2, 3)] == ["300,000"] * 3
    assert window.quotation is not None and window.quotation.request.interactions_per_year == (300_000,) * 3


def test_tab_from_the_last_control_goes_back_to_the_top_not_into_a_late_built_field(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    bar = w(window, "resultTabs").tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w(window, "customerInput")


def test_a_price_book_offering_twelve_years_allows_twelve(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    text = sample_pricebook_path().read_text().replace("max_years = 5", "max_years = 12")
    text = text.replace("\n5 = ", "\n" + "".join(f"{year} = 12\n" for year in range(6, 13)) + "5 = ")
    book = tmp_path / "twelve.toml"
    book.write_text(text)
    assert workflows.load_pricebook(window, str(book))
    assert w(window, "yearsHintLabel").text() == "1 to 12 years; longer terms earn a discount"
    type_into(qtbot, window, "interactionsInput", "100000")
    type_into(qtbot, window, "yearsInput", "12")
    assert window.quotation is not None and len(window.quotation.years) == 12
    tick(qtbot, window, "rampCheck")
    assert window.quotation is None
    assert window.inputs.error_text("years").startswith("A different volume each year is offered up to 10 years")


def test_years_a_price_book_does_not_offer_leave_no_gap_under_the_ramp(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    qtbot.waitUntil(lambda: w(window, "ramp5Input").isVisible())
    ramp = w(window, "rampFields")
    last = w(window, "ramp5Input")
    bottom = last.mapTo(ramp, last.rect().bottomLeft()).y()
    assert ramp.height() - bottom < 12, "nothing but the margin under year 5 (the price book's longest contract)"


def test_undo_names_fields_as_the_form_does(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "yearsInput", "3")
    assert window.commands["undo"].text() == "&Undo Edit contract years"
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp2Input", "5")
    assert window.commands["undo"].text() == "&Undo Edit interactions in year 2"


def test_tabbing_down_a_short_window_scrolls_the_form_to_the_field(qtbot: Any, window: MainWindow) -> None:
    window.resize(1280, 480)
    w(window, "customerInput").setFocus()
    field = w(window, "whatsappInput")
    for _ in range(30):
        if QApplication.focusWidget() is field:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field
    viewport = w(window, "inputScroll").viewport()
    top_left = field.mapTo(viewport, field.rect().topLeft())
    assert top_left.y() >= 0 and top_left.y() + field.height() <= viewport.height()
