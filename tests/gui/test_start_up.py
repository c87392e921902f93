"""The window opens before its hidden parts are built, and nobody can tell: they are there when first needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from window_helpers import tick, type_into, w

from cpiquote.gui.main_window import MainWindow


def unshown_window(qtbot: Any, settings_path: Path) -> MainWindow:
    window = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    return window


def tab_order_from(window: MainWindow, name: str, steps: int) -> list[str]:
    """The names of the next `steps` controls that Tab reaches from `name` (visible, taking focus by Tab)."""
    order = []
    widget = w(window, name)
    for _ in range(steps):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget.objectName())
    return order


def test_the_hidden_parts_are_built_right_after_the_window_first_shows(qtbot: Any, settings_path: Path) -> None:
    window = unshown_window(qtbot, settings_path)
    assert window.findChild(QLineEdit, "conversationsInput") is None
    assert window.findChild(QLineEdit, "ramp1Input") is None
    assert window.findChild(QWidget, "discountError") is None, "message lines are made for their first message"
    window.show()
    qtbot.waitUntil(lambda: window.price_chart is not None)
    assert not w(window, "conversationsInput").isVisible() and not w(window, "ramp1Input").isVisible()


def test_a_hidden_part_needed_before_then_is_built_at_once(qtbot: Any, settings_path: Path) -> None:
    window = unshown_window(qtbot, settings_path)
    w(window, "interactionsInput").setText("800,000")
    w(window, "yearsInput").setText("3")
    w(window, "rampCheck").setChecked(True)
    assert [w(window, f"ramp{year}Input").text() for year in (1, 2, 3)] == ["800,000"] * 3
    window.inputs.show_error("conversations", "enter the conversations per year")
    assert window.inputs.error_text("conversations") == "Enter the conversations per year"
    quotation = window.quotation
    assert quotation is not None and quotation.request.interactions_per_year == (800_000,) * 3


def test_tab_runs_through_the_estimator_and_the_ramp_in_form_order(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "estimateCheck")
    assert tab_order_from(window, "estimateCheck", 6) == [
        "conversationsInput",
        "multiDayShareInput",
        "extraDaysInput",
        "proactiveInput",
        "replyRateInput",
        "rampCheck",
    ]
    tick(qtbot, window, "estimateCheck")
    type_into(qtbot, window, "yearsInput", "3")
    tick(qtbot, window, "rampCheck")
    assert tab_order_from(window, "rampCheck", 6) == ["ramp1Input", "ramp2Input", "ramp3Input", "ramp4Input", "ramp5Input", "yearsInput"]
