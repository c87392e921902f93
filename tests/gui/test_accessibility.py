"""Keyboard operation, screen readers and what is remembered: faults found in a review, kept from coming back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import QApplication
from window_helpers import type_into, w

from cpiquote.gui.common import dialogs
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows


def _focus() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else "<none>"


def _spoken(widget: Any) -> str:
    """Everything a screen reader can get from a widget: its name, value and description."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return " | ".join(iface.text(t) for t in (QAccessible.Text.Name, QAccessible.Text.Value, QAccessible.Text.Description))


def _priced_three_years(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "1200000")
    type_into(qtbot, window, "yearsInput", "3")


def test_tab_leaves_the_result_tables(qtbot: Any, window: MainWindow) -> None:
    """Tab from the last form field into "Year by year" should go through the table and back to the top of the form."""
    _priced_three_years(qtbot, window)
    window.tabs.setCurrentIndex(1)  # Year by year (Invoices and Compare scenarios behave the same)
    qtbot.wait(20)
    w(window, "whatsappInput").setFocus()
    visited = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(_focus())
        if _focus() == "customerInput":
            break
    assert _focus() == "customerInput", f"Tab is stuck in the table: {visited[-5:]}"


def test_screen_readers_get_the_figures_not_just_their_captions(qtbot: Any, window: MainWindow) -> None:
    _priced_three_years(qtbot, window)
    silent = {}
    for name, label in window.results.labels.items():
        if label.text() not in _spoken(label):
            silent[name] = (label.text(), _spoken(label))
    assert not silent, f"figures a screen reader never hears: {silent}"


def test_a_fields_inline_problem_is_read_out_and_tied_to_the_field(qtbot: Any, window: MainWindow) -> None:
    field = w(window, "yearsInput")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "9")  # refused: the sample price book offers 1 to 5 years
    message = window.inputs.error_text("years")
    assert message.startswith("The longest contract is 5 years")
    label = w(window, "yearsError")
    assert message in _spoken(label), f"the message label is read as {_spoken(label)!r}"
    assert message in _spoken(field), f"the field says nothing about its problem: {_spoken(field)!r}"


def test_accessible_names_contain_the_visible_labels(window: MainWindow) -> None:
    """WCAG 2.5.3 (label in name): a speech-control user says what they see."""
    pairs = {"smsInput": "SMS a month", "whatsappInput": "WhatsApp MTMs a month", "applyPriceBreakButton": "Apply price break"}
    wrong = {
        name: w(window, name).accessibleName()
        for name, seen in pairs.items()
        if seen.lower() not in w(window, name).accessibleName().lower()
    }
    assert not wrong, wrong


def test_the_exported_scenario_is_announced_not_only_drawn_as_a_star(window: MainWindow) -> None:
    window.add_scenario()
    window.mark_exported()  # Scenario B is now the one Export writes (a star on its tab)
    bar = QAccessible.queryAccessibleInterface(window.scenario_bar.tabs)
    tab = bar.child(1)
    assert "export" in (tab.text(QAccessible.Text.Name) + tab.text(QAccessible.Text.Description)).lower()


def test_the_result_tabs_have_a_name_of_their_own(window: MainWindow) -> None:
    """The results' tab list is announced by the title of whichever tab is selected ("Charts")."""
    assert window.tabs.tabBar().accessibleName() or window.tabs.accessibleName()


def test_no_command_takes_the_macos_minimize_shortcut(window: MainWindow) -> None:
    """Qt maps Ctrl to Command on macOS: Ctrl+M becomes Cmd+M, the system's Minimize."""
    taken = [name for name, action in window.commands.items() if QKeySequence("Ctrl+M") in action.shortcuts()]
    assert not taken, taken


def test_open_price_book_starts_where_the_person_last_looked(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    broken = drafts / "broken.toml"
    broken.write_text("x = [")
    asked_in: list[str] = []

    def ask(_parent: Any, _caption: str, folder: str, _filter: str) -> str:
        asked_in.append(folder)
        return str(broken)

    monkeypatch.setattr(dialogs, "ask_open_path", ask)
    workflows.open_pricebook(window)  # picks a broken file in drafts/: error shown
    workflows.open_pricebook(window)  # to pick the fixed one from the same folder
    assert dialog_log.errors
    assert asked_in[1] == str(drafts), f"the second Open starts in {asked_in[1]!r}, not in the folder just used"
