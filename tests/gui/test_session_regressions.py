"""Things a sales person ran into in a long session with the window, each kept from coming back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication
from window_helpers import tick, type_into, w

from cpiquote import formatting
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
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
    assert window.guidance.texts() == ["Interactions in year 3: must be a whole number from 0 to 1,000,000,000,000."]


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
    assert w(window, "yearsHintLabel").text() == "1 to 12; longer terms earn a discount"
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
    assert window.commands["undo"].text() == "&Undo change to contract years"
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp2Input", "5")
    assert window.commands["undo"].text() == "&Undo change to interactions in year 2"


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


# --- found by a second review: worked examples and long sessions -----------------------------


def _book(tmp_path: Path, name: str, old: str, new: str) -> str:
    text = sample_pricebook_path().read_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new))
    return str(path)


def _paste(qtbot: Any, window: MainWindow, name: str, text: str) -> str:
    field = w(window, name)
    field.setFocus()
    field.selectAll()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return str(field.text())


def test_a_superscript_digit_in_contract_years_is_refused_not_fatal(qtbot: Any, window: MainWindow) -> None:
    years = w(window, "yearsInput")
    for typed in ("\u00b2", "\uff13", "\u0663"):  # ², full-width 3, Arabic-Indic 3: str.isdigit() says yes to all
        years.selectAll()
        years.insert(typed)
        assert years.text() == "1"
    assert window.inputs.error_text("years") == "The longest contract is 5 years"


def test_contract_years_takes_a_pasted_spreadsheet_cell_like_every_other_field(qtbot: Any, window: MainWindow) -> None:
    assert _paste(qtbot, window, "yearsInput", "3\n") == "3"
    assert _paste(qtbot, window, "yearsInput", " 2") == "2"


def test_figures_pasted_with_no_break_space_separators_are_read(qtbot: Any, window: MainWindow) -> None:
    assert _paste(qtbot, window, "interactionsInput", "95\u00a0000") == "95\u00a0000"
    assert _paste(qtbot, window, "smsInput", "1\u202f200") == "1\u202f200"
    assert window.quotation is not None
    assert window.quotation.request.interactions_per_year == (95_000,) and window.quotation.request.sms_per_month == 1_200


def test_a_decimal_comma_is_refused_not_read_as_thousands(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    type_into(qtbot, window, "servicesHoursInput", "12,5")
    assert window.quotation is None, "12,5 hours must not become 125"
    assert "decimals after a point" in window.inputs.error_text("services_hours")
    type_into(qtbot, window, "interactionsInput", "95,00")
    assert window.inputs.error_text("interactions").startswith("Interactions per year must be a whole number")
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "servicesHoursInput", "1,250.5")
    assert window.quotation is not None and window.quotation.request.services_hours == Decimal("1250.5")


def test_apply_price_break_never_orders_fewer_credits_than_advised(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    book = _book(tmp_path, "singly.toml", "increment = 1_000", "increment = 1")
    assert workflows.load_pricebook(window, book)
    tick(qtbot, window, "genaiCheck")
    type_into(qtbot, window, "interactionsInput", "63,000")  # 94,500 credits; advised: 100,000 credits for $85,000.00
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    # 1.5 credits an interaction ordered one credit at a time: 66,666 order 99,999 (the old band), 66,667 order 100,001
    assert w(window, "interactionsInput").text() == "66,667"
    assert w(window, "annualCreditsLabel").text() == "100,001"
    assert not w(window, "applyPriceBreakButton").isEnabled()


def test_apply_price_break_on_a_one_year_ramp_sets_year_1(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp1Input", "95000")
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    assert w(window, "ramp1Input").text() == "100,000"
    assert w(window, "annualSubscriptionLabel").text() == "$85,000.00"


def test_a_yen_quote_shows_the_amount_quoted_to_the_sen(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    assert workflows.load_pricebook(window, _book(tmp_path, "yen.toml", 'currency = "USD"', 'currency = "JPY"'))
    type_into(qtbot, window, "interactionsInput", "51,000")
    type_into(qtbot, window, "discountInput", "2.5")
    assert window.quotation is not None and window.quotation.first_year.annual_subscription == Decimal("47241.30")
    assert w(window, "annualSubscriptionLabel").text() == "¥47,241.30"


def test_removing_a_scenario_that_holds_a_quote_asks_first(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    window.duplicate_scenario()
    dialog_log.remove = False
    window.commands["remove_scenario"].trigger()
    assert dialog_log.remove_asked == ["Scenario B"] and len(window.scenarios) == 2
    dialog_log.remove = True
    window.commands["remove_scenario"].trigger()
    assert len(window.scenarios) == 1
    window.add_scenario()  # nothing typed in it yet: removed without a question
    window.commands["remove_scenario"].trigger()
    assert len(window.scenarios) == 1 and dialog_log.remove_asked == ["Scenario B", "Scenario B"]
