"""The window as a workspace: export, price books, undo and redo, scenarios, remembered settings, closing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QToolButton
from window_helpers import type_into, w

from cpiquote import __version__
from cpiquote.gui.main_window import MainWindow

BAD_PRICEBOOK = """
[pricebook]
name = "Broken"
version = "x"
currency = "XXQ"
"""


def leave(qtbot: Any, window: MainWindow, name: str) -> None:
    """Tab out of a field, ending its typing session."""
    qtbot.keyClick(w(window, name), Qt.Key.Key_Tab)


def quote_example(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "customerInput", "Contoso")
    w(window, "customerInput").insert(" Müller & Søn")  # keyClicks cannot type non-ASCII
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    type_into(qtbot, window, "yearsInput", "3")
    w(window, "genaiCheck").click()
    w(window, "intentManagerCheck").click()


def test_export_pdf_and_excel_through_the_save_dialog(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    quote_example(qtbot, window)
    assert window.isWindowModified()
    dialog_log.save_path = str(tmp_path / "contoso")  # no extension typed: the format's is added
    window.commands["export_pdf"].trigger()
    pdf = tmp_path / "contoso.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert dialog_log.opened_urls == [str(pdf)]
    assert not window.isWindowModified()
    dialog_log.save_path = str(tmp_path / "contoso.xlsx")
    dialog_log.open_exported = False
    window.commands["export_xlsx"].trigger()
    workbook = load_workbook(tmp_path / "contoso.xlsx")
    cells = [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    assert "Contoso Müller & Søn" in cells
    assert dialog_log.opened_urls == [str(pdf)] and dialog_log.errors == []
    assert window.settings.value("export/folder", "", type=str) == str(tmp_path)


def test_an_export_that_cannot_be_written_is_explained_and_nothing_typed_is_lost(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    quote_example(qtbot, window)
    dialog_log.save_path = str(tmp_path / "missing-folder" / "quote.pdf")
    window.commands["export_pdf"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Export failed" and "missing-folder" in message and "does not exist" in message
    assert not (tmp_path / "missing-folder").exists()
    assert w(window, "interactionsInput").text() == "1,200,000" and window.isWindowModified()
    assert w(window, "contractValueLabel").text() == "$3,096,720.00"


def test_nothing_to_export_while_the_quote_cannot_be_priced(window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    dialog_log.save_path = str(tmp_path / "quote.pdf")
    window.commands["export_pdf"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Nothing to export yet" and "interactions per year" in message
    assert not (tmp_path / "quote.pdf").exists()


def test_an_invalid_price_book_lists_every_problem_and_the_previous_one_stays(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    quote_example(qtbot, window)
    status = w(window, "pricebookStatusLabel").text()
    bad = tmp_path / "broken.toml"
    bad.write_text(BAD_PRICEBOOK)
    dialog_log.open_path = str(bad)
    window.commands["open_pricebook"].trigger()
    [(title, message, problems)] = dialog_log.errors
    assert title == "Price book not opened" and "sample price book" in message and "stays active" in message
    assert len(problems) >= 5
    assert any("XXQ" in problem for problem in problems) and any("credits" in problem for problem in problems)
    assert w(window, "pricebookStatusLabel").text() == status
    assert w(window, "contractValueLabel").text() == "$3,096,720.00"
    assert window.settings.value("pricebook/path", "", type=str) == ""


def test_a_valid_price_book_reprices_and_is_remembered(
    qtbot: Any, make_window: Callable[[], MainWindow], dialog_log: Any, graduated_pricebook_file: Path
) -> None:
    window = make_window()
    type_into(qtbot, window, "interactionsInput", "300000")
    assert w(window, "annualSubscriptionLabel").text() == "$225,000.00"  # volume: every credit at 0.75
    dialog_log.open_path = str(graduated_pricebook_file)
    window.commands["open_pricebook"].trigger()
    assert dialog_log.errors == []
    assert "version 2026.1-graduated" in w(window, "pricebookStatusLabel").text()
    assert w(window, "annualSubscriptionLabel").text() == "$259,999.80"  # graduated: 99,999 x 0.95 + 150,000 x 0.85 + 50,001 x 0.75
    window.mark_saved()
    window.close()
    again = make_window()
    assert "version 2026.1-graduated" in w(again, "pricebookStatusLabel").text()


def test_a_remembered_price_book_that_went_bad_falls_back_to_the_default_and_says_why(
    make_window: Callable[[], MainWindow], settings_path: Path, tmp_path: Path, dialog_log: Any
) -> None:
    bad = tmp_path / "gone-bad.toml"
    bad.write_text(BAD_PRICEBOOK)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("pricebook/path", str(bad))
    settings.sync()
    window = make_window()
    assert "sample price book" in w(window, "pricebookStatusLabel").text()
    assert window.statusBar().currentMessage().startswith("gone-bad.toml could not be used; quoting with Live Assist")
    [(title, text, problems)] = dialog_log.errors
    assert title == "Price book not opened" and text.startswith("The price book used last time, gone-bad.toml, cannot be used.")
    assert "File > Open price book" in text and problems and all(p.startswith("gone-bad.toml") for p in problems)


def test_undo_and_redo_step_through_fields_with_typing_coalesced(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    leave(qtbot, window, "interactionsInput")
    type_into(qtbot, window, "discountInput", "5")
    assert w(window, "annualSubscriptionLabel").text() == "$85,737.50"
    window.commands["undo"].trigger()
    assert w(window, "discountInput").text() == ""
    assert w(window, "annualSubscriptionLabel").text() == "$90,250.00"
    window.commands["undo"].trigger()  # every keystroke of "95000" was one step
    assert w(window, "interactionsInput").text() == ""
    assert window.quotation is None
    window.commands["redo"].trigger()
    assert w(window, "interactionsInput").text() == "95000"
    assert w(window, "annualSubscriptionLabel").text() == "$90,250.00"


def test_the_undo_shortcut_in_a_field_undoes_the_quote_not_just_the_field(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    leave(qtbot, window, "interactionsInput")
    w(window, "genaiCheck").click()
    field = w(window, "discountInput")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not w(window, "genaiCheck").isChecked()
    assert window.commands["undo"].text() == "&Undo change to interactions per year"


def test_scenarios_side_by_side_with_the_difference_from_the_first(qtbot: Any, window: MainWindow) -> None:
    quote_example(qtbot, window)
    window.commands["duplicate_scenario"].trigger()
    assert window.current_index == 1 and w(window, "interactionsInput").text() == "1,200,000"
    type_into(qtbot, window, "yearsInput", "1")
    assert w(window, "contractValueLabel").text() == "$1,122,000.00"
    window.tabs.setCurrentIndex(3)  # "Compare scenarios" on show: it follows every change from here on
    table = window.comparison
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Figure", "Scenario A ★ for export", "Scenario B"]
    assert table.cell_text(4, 1) == "$3,096,720.00" and table.cell_text(4, 2) == "$1,122,000.00"
    assert table.cell_text(5, 2) == "−$1,974,720.00"
    window.commands["export_scenario"].trigger()
    assert table.horizontalHeaderItem(2).text() == "Scenario B ★ for export" and window.exported.name == "Scenario B"
    window.switch_scenario(0)
    assert w(window, "yearsInput").text() == "3" and w(window, "contractValueLabel").text() == "$3,096,720.00"
    window.commands["undo"].trigger()  # scenario A's own history: the Intent Manager toggle
    assert not w(window, "intentManagerCheck").isChecked()
    for _ in range(3):
        window.commands["new_scenario"].trigger()
    assert (len(window.scenarios) == 4 and not window.commands["new_scenario"].isEnabled()) or len(window.scenarios) == 4
    assert w(window, "customerInput").text() == "Contoso Müller & Søn" and w(window, "interactionsInput").text() == ""
    window.commands["remove_scenario"].trigger()
    assert [s.name for s in window.scenarios] == ["Scenario A", "Scenario B", "Scenario C"]
    assert window.exported.name == "Scenario B"


def test_export_writes_the_marked_scenario_not_the_one_on_show(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    quote_example(qtbot, window)
    window.commands["duplicate_scenario"].trigger()
    type_into(qtbot, window, "yearsInput", "1")
    window.commands["export_scenario"].trigger()
    window.switch_scenario(0)
    dialog_log.save_path = str(tmp_path / "b.pdf")
    window.commands["export_pdf"].trigger()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "1,122,000.00" in text and "3,096,720.00" not in text


def test_window_size_and_layout_are_remembered(qtbot: Any, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.resize(1180, 700)  # the offscreen screen is 800 pixels wide and high: the height is what fits on it
    window.tabs.setCurrentIndex(2)
    window.close()
    again = make_window()
    assert again.height() == 700
    assert again.tabs.currentIndex() == 2


def test_closing_a_changed_quote_asks_first(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    type_into(qtbot, window, "interactionsInput", "1000")
    dialog_log.discard = False
    assert not window.close()
    assert window.isVisible() and dialog_log.discard_asked == 1
    dialog_log.discard = True
    assert window.close()
    assert dialog_log.discard_asked == 2


def test_an_unchanged_quote_closes_without_asking(window: MainWindow, dialog_log: Any) -> None:
    assert window.close()
    assert dialog_log.discard_asked == 0


def test_about_names_the_version_and_price_book(window: MainWindow, dialog_log: Any) -> None:
    window.commands["about"].trigger()
    [text] = dialog_log.about
    assert __version__ in text and "sample price book" in text and "2026.1" in text


def test_standard_shortcuts_and_tab_order(window: MainWindow) -> None:
    assert window.commands["undo"].shortcut().matches(Qt.Key.Key_Z | Qt.KeyboardModifier.ControlModifier)
    assert not window.commands["open_pricebook"].shortcut().isEmpty()
    order = []
    widget = w(window, "customerInput")
    for _ in range(4):
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget.objectName())
    assert order == ["contactInput", "interactionsInput", "estimateCheck", "rampCheck"]
    assert isinstance(QApplication.instance(), QApplication)


MNEMONICS = (
    ("C", "customerInput"),
    ("O", "contactInput"),
    ("I", "interactionsInput"),
    ("Y", "yearsInput"),
    ("D", "discountInput"),
    ("U", "servicesHoursInput"),
    ("M", "smsInput"),
    ("W", "whatsappInput"),
)


def test_label_mnemonics_reach_their_fields(qtbot: Any, window: MainWindow) -> None:
    w(window, "customerInput").setFocus()
    for letter, name in MNEMONICS:
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is w(window, name), letter
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: w(window, "genaiCheck").isChecked())


def test_no_two_controls_share_an_alt_letter(window: MainWindow) -> None:
    texts = [label.text() for label in window.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in window.findChildren(QAbstractButton) if not isinstance(button, QToolButton)]
    texts += [action.text() for action in window.menuBar().actions()]
    texts += [window.tabs.tabText(index) for index in range(window.tabs.count())]
    letters = [QKeySequence.mnemonic(text).toString() for text in texts if "&" in text]
    assert len(letters) >= 18
    assert len(letters) == len(set(letters)), sorted(letters)


def test_settings_are_read_with_types_from_an_ini_file(settings_path: Path) -> None:
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("window/tab", 3)
    settings.sync()
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value("window/tab", 0, type=int) == 3


def test_table_tabs_show_the_quote_on_show_when_opened(qtbot: Any, window: MainWindow) -> None:
    """Typing does not fill tables nobody sees; opening their tab shows the quote as it is now."""
    quote_example(qtbot, window)
    window.tabs.setCurrentIndex(1)
    table = w(window, "yearTable")
    assert table.rowCount() == 3 and table.item(0, 1).text() == "1,200,000"
    window.tabs.setCurrentIndex(0)
    type_into(qtbot, window, "yearsInput", "1")
    type_into(qtbot, window, "interactionsInput", "900,000")
    assert table.rowCount() == 3  # hidden: not refilled while typing
    window.tabs.setCurrentIndex(1)
    assert table.rowCount() == 1 and table.item(0, 1).text() == "900,000"
    window.tabs.setCurrentIndex(2)
    assert window.quotation is not None and w(window, "invoiceTable").rowCount() == len(window.quotation.invoices) + 1  # and the total
    window.tabs.setCurrentIndex(3)
    assert w(window, "comparisonTable").item(1, 1).text() == w(window, "annualCreditsLabel").text()
