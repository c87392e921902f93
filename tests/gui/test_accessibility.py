"""Qualities of the whole window that no one part owns: accessible names, one Alt letter each, shortcuts, tab order.

Every named control has an accessible name that contains what is seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QToolButton, QWidget
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


def _accessible_tree(widget: QWidget) -> list[tuple[str, bool]]:
    """Every object a screen reader finds under `widget`: its name and whether it is showing."""
    found: list[tuple[str, bool]] = []

    def walk(node: QAccessibleInterface | None) -> None:
        if node is None or not node.isValid():
            return
        found.append((node.text(QAccessible.Text.Name), not node.state().invisible))
        for index in range(node.childCount()):
            walk(node.child(index))

    walk(QAccessible.queryAccessibleInterface(widget))
    return found


def test_captions_are_read_once_and_no_blank_notes_are_read(qtbot: Any, window: MainWindow) -> None:
    """A card's caption is said with its figure, not again on its own; an empty note is not a blank line."""
    for priced in (False, True):
        names = [name for name, showing in _accessible_tree(window.results) if showing]
        assert "Annual subscription: not priced" in names or priced
        assert not [name for name in names if name.isupper() or (name and not name.strip())], names
        assert "" not in [name for name, showing in _accessible_tree(window.results.subscription_card)[1:] if showing]
        w(window, "interactionsInput").setText("1000000")
    qtbot.waitUntil(lambda: "Annual subscription: $" in w(window, "annualSubscriptionLabel").accessibleName())
    assert window.results.contract_card.note.isVisible()


def test_an_alt_letter_scrolls_the_form_to_its_field(qtbot: Any, window: MainWindow) -> None:
    """Alt+W reaches the WhatsApp field below the visible part of a short window's form, and the form shows it."""
    window.resize(window.minimumSizeHint())
    form = w(window, "inputScroll")
    field = w(window, "whatsappInput")
    qtbot.waitUntil(lambda: not form.viewport().rect().contains(field.mapTo(form.viewport(), field.rect().bottomRight())))
    QTest.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.hasFocus)
    shown = form.viewport().rect()
    assert shown.contains(field.mapTo(form.viewport(), field.rect().topLeft()))
    assert shown.contains(field.mapTo(form.viewport(), field.rect().bottomRight()))


def _claiming_focus(window: MainWindow) -> list[tuple[str, str, bool]]:
    """(role, name, showing) of every object under `window` that tells a screen reader it has the focus."""
    found: list[tuple[str, str, bool]] = []

    def walk(node: QAccessibleInterface | None) -> None:
        if node is None or not node.isValid():
            return
        if node.state().focused:
            found.append((node.role().name, node.text(QAccessible.Text.Name), not node.state().invisible))
        for index in range(node.childCount()):
            walk(node.child(index))

    walk(QAccessible.queryAccessibleInterface(window))
    return found


def test_alt_r_from_a_table_goes_to_the_tabs_and_hidden_cells_claim_no_focus(qtbot: Any, window: MainWindow) -> None:
    w(window, "interactionsInput").setText("40000000")
    window.tabs.setCurrentIndex(1)
    window.year_table.setFocus()
    qtbot.waitUntil(window.year_table.hasFocus)
    QTest.keyClick(window.year_table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 0)
    assert QApplication.focusWidget() is window.tabs.tabBar()  # not the charts' page container
    claims = _claiming_focus(window)
    assert not [claim for claim in claims if claim[0] == "Cell" or not claim[2]], claims
    assert ("PageTabList", "Result pages", True) in claims  # named as the set, not "Charts"
    assert [claim for claim in claims if claim[0] == "PageTab"] == [("PageTab", "Charts", True)]  # not the scenario's too
    scenarios = QAccessible.queryAccessibleInterface(window.scenario_bar.tabs)
    assert scenarios.text(QAccessible.Text.Name) == "Scenarios"
    assert scenarios.child(0).text(QAccessible.Text.Name) == "Scenario A, marked for export"
    assert scenarios.indexOfChild(scenarios.child(0)) == 0


def _keys(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard's input goes: the focused control (shortcuts are found from there)."""
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifiers)
    qtbot.wait(1)


def _type(qtbot: Any, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def test_a_quote_is_made_changed_and_exported_with_the_keyboard_alone(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    alt, ctrl = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
    window.activateWindow()
    _keys(qtbot, Qt.Key.Key_C, alt)
    _type(qtbot, "Acme Retail")
    _keys(qtbot, Qt.Key.Key_I, alt)
    _type(qtbot, "1000000")
    contract = w(window, "contractValueLabel")
    qtbot.waitUntil(lambda: contract.text().startswith("$"))
    first = contract.text()
    _keys(qtbot, Qt.Key.Key_G, alt)  # ticks Generative AI
    qtbot.waitUntil(lambda: w(window, "genaiCheck").isChecked() and w(window, "genaiCheck").hasFocus())  # an animated click
    _keys(qtbot, Qt.Key.Key_Y, alt)
    _keys(qtbot, Qt.Key.Key_A, ctrl)
    _type(qtbot, "3")
    _keys(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: contract.text() not in (first, "—"))
    assert window.quotation is not None and len(window.quotation.years) == 3
    dialog_log.save_path = str(tmp_path / "Acme.pdf")
    dialog_log.open_exported = False
    _keys(qtbot, Qt.Key.Key_P, ctrl | Qt.KeyboardModifier.ShiftModifier)  # File > Export PDF
    qtbot.waitUntil(lambda: (tmp_path / "Acme.pdf").exists())
    assert (tmp_path / "Acme.pdf").read_bytes().startswith(b"%PDF")
    assert w(window, "customerInput").text() == "Acme Retail" and not dialog_log.errors


def test_after_apply_price_break_one_control_claims_the_focus(qtbot: Any, window: MainWindow) -> None:
    """Applying from the keyboard: the button disables itself, focus moves on, and only where it went claims it."""
    for page in (1, 2, 3, 0):  # the table pages built and filled, then hidden
        window.tabs.setCurrentIndex(page)
    _keys(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    _type(qtbot, "95000")
    button = w(window, "applyPriceBreakButton")
    qtbot.waitUntil(button.isEnabled)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    _keys(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not button.isEnabled())
    claims = [claim for claim in _claiming_focus(window) if claim[0] not in ("Client", "Window")]  # containers say so too
    assert len(claims) <= 2 and all(showing for _role, _name, showing in claims), claims  # a list and its current item
    assert not [claim for claim in claims if claim[0] == "Cell"], claims
