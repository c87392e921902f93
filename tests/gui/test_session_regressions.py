"""Things a sales person ran into in a long session with the window, each kept from coming back."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication
from window_helpers import tick, type_into, w

from cpiquote import formatting
from cpiquote.gui.main_window import MainWindow


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
