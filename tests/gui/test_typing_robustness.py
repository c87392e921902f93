"""Nothing typed can crash the window or show a figure the engine did not compute."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QCheckBox, QLineEdit
from window_helpers import w

from cpiquote import formatting, services
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote.form import build_request
from cpiquote.pricing import InputError, Quotation

FIELDS = (
    "interactionsInput",
    "yearsInput",
    "discountInput",
    "servicesHoursInput",
    "smsInput",
    "whatsappInput",
    "conversationsInput",
    "multiDayShareInput",
    "extraDaysInput",
    "proactiveInput",
    "replyRateInput",
    "ramp1Input",
    "ramp2Input",
)
TOGGLES = ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck", "carePackageCheck", "estimateCheck", "rampCheck")
TYPED = st.text(alphabet="0123456789,.-e x%", max_size=14)
STEPS = st.lists(st.one_of(st.tuples(st.sampled_from(FIELDS), TYPED), st.tuples(st.sampled_from(TOGGLES), st.booleans())), max_size=8)


def apply(window: MainWindow, name: str, value: str | bool) -> None:
    """Type as a person can: through the field's validator (insert), or tick a box."""
    widget = w(window, name)
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit) and widget.isEnabled() and not widget.isReadOnly():
        widget.selectAll()
        widget.insert(str(value))


def engine_answer(window: MainWindow) -> tuple[Quotation | None, str]:
    """What the engine makes of the form: a quotation, or the reason it cannot price it."""
    book = window.pricebook
    try:
        return services.price(book, build_request(window.inputs.state(), book)), ""
    except InputError as error:
        return None, error.reason


def assert_shows_the_engines_figures(window: MainWindow) -> None:
    book = window.pricebook
    expected, reason = engine_answer(window)
    if expected is None:
        assert window.quotation is None
        assert any(reason.lower() in line.lower() for line in window.guidance.texts())
        return
    assert window.quotation == expected
    assert w(window, "annualSubscriptionLabel").text() == formatting.money(expected.first_year.annual_subscription, book.currency)
    assert w(window, "contractValueLabel").text() == formatting.money(expected.total_contract_value, book.currency)
    assert not w(window, "staleBanner").isVisible()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_whatever_is_typed_the_window_shows_the_engines_figures_or_says_why_not(window: MainWindow, steps: list[tuple[str, Any]]) -> None:
    for name, value in steps:
        apply(window, name, value)
        assert_shows_the_engines_figures(window)
    for field in FIELDS:
        text = w(window, field).text()
        assert "-" not in text and "e" not in text and "x" not in text, f"{field} accepted {text!r}"
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.inputs.state()["interactions"] == "" and window.quotation is None


def test_every_control_of_the_form_has_an_accessible_name(window: MainWindow) -> None:
    controls = window.inputs.findChildren(QLineEdit) + window.inputs.findChildren(QCheckBox)
    assert len(controls) > 20
    for control in controls:
        assert control.accessibleName(), control.objectName()
