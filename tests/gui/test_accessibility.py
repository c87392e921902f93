"""Qualities of the whole window that no one part owns: accessible names, one Alt letter each, shortcuts, tab order.

Every named control has an accessible name that contains what is seen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QToolButton
from window_helpers import w

from cpiquote.gui.main_window import MainWindow

NAMED_INPUTS = (
    "customerInput",
    "interactionsInput",
    "yearsInput",
    "genaiCheck",
    "intentManagerCheck",
    "performanceOptimizerCheck",
    "discountInput",
    "carePackageCheck",
    "servicesHoursInput",
)

NAMED_RESULTS = (
    "creditsPerInteractionLabel",
    "annualCreditsLabel",
    "pricePerCreditLabel",
    "annualSubscriptionLabel",
    "contractValueLabel",
    "overagePriceLabel",
    "warningsList",
    "applyPriceBreakButton",
)


def test_every_named_widget_is_there_with_an_accessible_name(window: MainWindow) -> None:
    for name in NAMED_INPUTS + NAMED_RESULTS:
        assert w(window, name).accessibleName(), name
    assert window.windowTitle() == "Untitled quote[*]"  # the platform adds the app's display name after it (test_app)


def test_accessible_names_contain_the_visible_labels(window: MainWindow) -> None:
    """WCAG 2.5.3 (label in name): a speech-control user says what they see."""
    pairs = {"smsInput": "SMS per month", "whatsappInput": "WhatsApp MTMs per month", "applyPriceBreakButton": "Apply price break"}
    wrong = {
        name: w(window, name).accessibleName()
        for name, seen in pairs.items()
        if seen.lower() not in w(window, name).accessibleName().lower()
    }
    assert not wrong, wrong


def test_no_two_controls_share_an_alt_letter(window: MainWindow) -> None:
    texts = [label.text() for label in window.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in window.findChildren(QAbstractButton) if not isinstance(button, QToolButton)]
    texts += [action.text() for action in window.menuBar().actions()]
    texts += [window.tabs.tabText(index) for index in range(window.tabs.count())]
    letters = [QKeySequence.mnemonic(text).toString() for text in texts if "&" in text]
    assert len(letters) >= 18
    assert len(letters) == len(set(letters)), sorted(letters)


def test_standard_shortcuts_and_tab_order(window: MainWindow) -> None:
    assert window.commands["undo"].shortcut().matches(Qt.Key.Key_Z | Qt.KeyboardModifier.ControlModifier)
    assert not window.commands["open_pricebook"].shortcut().isEmpty()
    order = []
    widget = w(window, "customerInput")
    for _ in range(8):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget.objectName())
    assert order == [
        "accountInput", "billingAddressInput", "contactInput", "salesPersonInput", "interactionsInput", "creditsInput", "estimateCheck",
        "rampCheck",
    ]  # fmt: skip
    assert isinstance(QApplication.instance(), QApplication)
