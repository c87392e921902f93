"""What the window does for a person through dialogs: export, price books, the price break, About, and the quote file.

Exports get a file name that can be written, explain failures and lose nothing; price books are checked and remembered;
a quote saved is reopened as it was, and a changed quote is never dropped without asking.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from window_helpers import edited_pricebook, guidance, quote_example, text, tick, type_into, w

from cpiquote import __version__, services
from cpiquote.gui.common import dialogs
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest
from cpiquote.quote.document import QuoteDocument

BAD_PRICEBOOK = """
[pricebook]
name = "Broken"
version = "x"
currency = "XXQ"
"""


def test_export_pdf_and_excel_through_the_save_dialog(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    quote_example(qtbot, window)
    assert window.isWindowModified()
    dialog_log.save_path = str(tmp_path / "contoso")  # no extension typed: the format's is added
    window.commands["export_pdf"].trigger()
    pdf = tmp_path / "contoso.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert dialog_log.opened_urls == [str(pdf)]
    assert window.isWindowModified(), "a PDF is not the quote: it cannot be opened again to change it"
    dialog_log.save_path = str(tmp_path / "contoso.xlsx")
    dialog_log.open_exported = False
    window.commands["export_xlsx"].trigger()
    workbook = load_workbook(tmp_path / "contoso.xlsx")
    cells = [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    assert "Contoso Müller & Søn" in cells
    assert dialog_log.opened_urls == [str(pdf)] and dialog_log.errors == []
    assert window.settings.value("export/folder", "", type=str) == str(tmp_path)


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


def test_nothing_to_export_while_the_quote_cannot_be_priced(window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    dialog_log.save_path = str(tmp_path / "quote.pdf")
    window.commands["export_pdf"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Nothing to export yet" and "interactions per year" in message
    assert not (tmp_path / "quote.pdf").exists()


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


def test_a_failed_export_does_not_remember_a_folder_that_does_not_exist(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    dialog_log.save_path = str(tmp_path / "a.pdf")
    dialog_log.open_exported = False
    window.commands["export_pdf"].trigger()
    dialog_log.save_path = str(tmp_path / "gone" / "a.pdf")
    window.commands["export_pdf"].trigger()
    assert dialog_log.errors and "does not exist" in dialog_log.errors[0][1]
    assert window.settings.value("export/folder", "", type=str) == str(tmp_path)  # was: ".../gone" remembered


def test_re_exporting_over_a_read_only_file_does_not_silently_replace_it(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    sent = tmp_path / "sent to customer.pdf"
    sent.write_bytes(b"%PDF- the version the customer signed")
    sent.chmod(0o444)
    dialog_log.save_path, dialog_log.open_exported = str(sent), False
    window.commands["export_pdf"].trigger()
    # was: replaced by a rename, the read-only bit copied onto the new file
    assert sent.read_bytes() == b"%PDF- the version the customer signed"
    [(title, text, _)] = dialog_log.errors
    assert title == "Export failed" and "the file is read-only" in text


def test_a_file_name_too_long_for_any_file_system_is_explained(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / ("x" * 300 + ".pdf")), False
    window.commands["export_pdf"].trigger()  # was: an OSError out of a Qt slot, and nothing on screen
    [(title, text, _)] = dialog_log.errors
    assert title == "Export failed" and "the file name is too long; choose a shorter name" in text


def test_a_valid_file_name_of_244_characters_can_be_written(qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / ("Q" * 240 + ".pdf")), False  # 244 < 255: a legal name
    window.commands["export_pdf"].trigger()
    assert dialog_log.errors == []  # was: the ".<name>.<random>.part" temp file is > 255


def test_a_long_customer_name_gives_a_suggested_file_name_that_can_be_written(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    type_into(qtbot, window, "customerInput", ("Contoso Worldwide Holdings " * 8)[:200])  # the longest a customer may be
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _c, path, _f: str(tmp_path / Path(path).name))  # accept suggestion
    dialog_log.open_exported = False
    window.commands["export_pdf"].trigger()
    assert dialog_log.errors == []  # was: "...cannot be written (File name too long); choose


def test_opening_the_exported_file_says_so_when_it_cannot(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    monkeypatch.setattr(dialogs, "open_url", lambda _url: False)  # no application for PDF files
    dialog_log.save_path = str(tmp_path / "q.pdf")
    window.commands["export_pdf"].trigger()  # person answered "Open it now?" with Yes
    assert (tmp_path / "q.pdf").exists()
    assert dialog_log.errors  # was: nothing happens, nothing said


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
    window.document.mark_saved()
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


def test_the_window_says_plainly_when_its_prices_are_illustrative(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, real_pricebook_bytes: bytes
) -> None:
    status = text(window, "pricebookStatusLabel")
    assert status.startswith("ILLUSTRATIVE PRICES, not a price list · Price book: Live Assist for Dynamics 365 - sample")
    type_into(qtbot, window, "interactionsInput", "1,200,000")
    assert guidance(window) == ["Illustrative prices: a sample, not a price list. Open yours with File > Open price book."]
    (tmp_path / "real.toml").write_bytes(real_pricebook_bytes)
    dialog_log.open_path = str(tmp_path / "real.toml")
    window.commands["open_pricebook"].trigger()
    assert text(window, "pricebookStatusLabel").startswith(
        "Price book: Live Assist for Dynamics 365 - sample price book · version 2026.1-real"
    )
    assert guidance(window) == ["No warnings: this quote can go to the customer as it is."]


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


def test_the_price_break_is_advised_and_applied_as_one_undo_step(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window, "interactionsInput", "95000")
    assert text(window, "annualSubscriptionLabel") == "$90,250.00"
    assert "Order 100,000 credits: $85,000.00 a year instead of $90,250.00; you save $5,250.00." in guidance(window)
    button = w(window, "applyPriceBreakButton")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert text(window, "creditsInput") == "100,000"
    assert text(window, "interactionsInput") == "95,000"  # the customer's forecast stays as they gave it (grouped on leaving)
    assert text(window, "annualCreditsLabel") == "100,000"
    assert text(window, "annualSubscriptionLabel") == "$85,000.00"
    assert not button.isEnabled()
    window.commands["undo"].trigger()
    assert text(window, "creditsInput") == ""
    assert text(window, "annualSubscriptionLabel") == "$90,250.00"


def test_applying_a_price_break_with_features_orders_exactly_the_advised_credits(qtbot: Any, window: MainWindow) -> None:
    for name in ("genaiCheck", "intentManagerCheck", "performanceOptimizerCheck"):
        tick(qtbot, window, name)
    type_into(qtbot, window, "interactionsInput", "135000")  # 236,250 credits at 0.85 = 200,812.50; 250,000 at 0.75 is less
    assert window.quotation is not None and window.quotation.first_year.price_break is not None
    advised = window.quotation.first_year.price_break.annual_credits
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    assert window.quotation.first_year.annual_credits == advised == 250_000
    assert text(window, "interactionsInput") == "135,000"  # grouped when the click left the field
    assert text(window, "creditsInput") == "250,000"


def test_applying_the_price_break_at_140000_interactions_keeps_the_forecast(qtbot: Any, window: MainWindow) -> None:
    for name in ("genaiCheck", "intentManagerCheck"):
        tick(qtbot, window, name)
    type_into(qtbot, window, "yearsInput", "3")
    type_into(qtbot, window, "interactionsInput", "140,000")
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    assert window.quotation is not None
    assert [(y.interactions, y.annual_credits) for y in window.quotation.years] == [(140_000, 250_000)] * 3
    assert text(window, "interactionsInput") == "140,000"
    assert text(window, "creditsInput") == "250,000"


def test_apply_price_break_orders_exactly_the_advised_credits_when_sold_one_at_a_time(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    book = edited_pricebook(tmp_path, "singly.toml", "increment = 1_000", "increment = 1")
    assert workflows.load_pricebook(window, book)
    tick(qtbot, window, "genaiCheck")
    type_into(qtbot, window, "interactionsInput", "63,000")  # 94,500 credits; advised: 100,000 credits for $85,000.00
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    assert w(window, "interactionsInput").text() == "63,000"
    assert w(window, "creditsInput").text() == "100,000"
    assert w(window, "annualCreditsLabel").text() == "100,000"
    assert not w(window, "applyPriceBreakButton").isEnabled()


def test_apply_price_break_on_a_one_year_ramp_sets_year_1(qtbot: Any, window: MainWindow) -> None:
    tick(qtbot, window, "rampCheck")
    type_into(qtbot, window, "ramp1Input", "95000")
    qtbot.mouseClick(w(window, "applyPriceBreakButton"), Qt.MouseButton.LeftButton)
    assert w(window, "ramp1Input").text() == "95,000"  # grouped when the click left the field
    assert w(window, "rampCredits1Input").text() == "100,000"
    assert w(window, "annualSubscriptionLabel").text() == "$85,000.00"


def test_about_names_the_version_and_price_book(window: MainWindow, dialog_log: Any) -> None:
    window.commands["about"].trigger()
    [text] = dialog_log.about
    assert __version__ in text and "sample price book" in text and "2026.1" in text


def quotation_for(pricebook: PriceBook, customer: str) -> Quotation:
    """A one-year quote for `customer`, priced as the window prices it."""
    return services.price(pricebook, QuoteRequest((1_200_000,), 1, customer=customer))


def test_a_suggested_file_name_is_the_customer_and_the_date(sample_pricebook: PriceBook) -> None:
    today = f"{dt.date.today():%Y-%m-%d}"
    assert workflows.suggested_name(quotation_for(sample_pricebook, "Contoso"), ".pdf") == f"Contoso - CPI quote {today}.pdf"
    assert workflows.suggested_name(quotation_for(sample_pricebook, ""), ".xlsx") == f"CPI quote {today}.xlsx"


def test_a_suggested_file_name_drops_what_no_file_system_takes(sample_pricebook: PriceBook) -> None:
    today = f"{dt.date.today():%Y-%m-%d}"
    assert workflows.suggested_name(quotation_for(sample_pricebook, 'A/B: "C"  <D>'), ".pdf") == f"A B C D - CPI quote {today}.pdf"


def test_a_customer_name_starting_with_a_dot_does_not_give_a_hidden_file(sample_pricebook: PriceBook) -> None:
    quotation = quotation_for(sample_pricebook, ".NET Solutions")
    assert not workflows.suggested_name(quotation, ".pdf").startswith(".")  # was: ".NET Solutions - CPI quote ….pdf"


def test_a_suggested_file_name_fits_in_255_bytes_however_long_the_customer(sample_pricebook: PriceBook) -> None:
    name = workflows.suggested_name(quotation_for(sample_pricebook, "Ωmega Holdings " * 30), ".xlsx")
    assert len(name.encode()) <= 255 and name.startswith("Ωmega Holdings") and name.endswith(".xlsx")


# --- the quote file ---------------------------------------------------------------------------


def figures(window: MainWindow) -> list[tuple[str, str, str]]:
    """Every scenario's contract value and first year's credits, as the window shows them (switching through them)."""
    shown = []
    for index in range(len(window.scenarios)):
        window.switch_scenario(index)
        shown.append((window.scenarios[index].name, text(window, "contractValueLabel"), text(window, "annualSubscriptionLabel")))
    return shown


def three_scenarios(qtbot: Any, window: MainWindow) -> None:
    """A: the three-year example; B: its copy over five years, marked for export; C: 250,000 credits ordered alone over
    two years."""
    quote_example(qtbot, window)
    window.commands["duplicate_scenario"].trigger()
    type_into(qtbot, window, "yearsInput", "5")
    window.commands["export_scenario"].trigger()
    window.commands["new_scenario"].trigger()
    type_into(qtbot, window, "creditsInput", "250,000")
    type_into(qtbot, window, "yearsInput", "2")
    tick(qtbot, window, "genaiCheck")


def test_a_quote_with_three_scenarios_saved_reopens_identical_after_a_restart(
    qtbot: Any, make_window: Any, dialog_log: Any, tmp_path: Path
) -> None:
    window = make_window()
    three_scenarios(qtbot, window)
    before = figures(window)
    values = [window.document.values(index) for index in range(3)]
    dialog_log.save_path = str(tmp_path / "contoso")  # no extension typed: .cpiquote is added
    window.commands["save_quote_as"].trigger()
    saved = tmp_path / "contoso.cpiquote"
    assert saved.is_file() and dialog_log.errors == []
    assert window.windowTitle() == "contoso.cpiquote[*]" and not window.isWindowModified()
    assert window.close() and dialog_log.changes_asked == []  # saved: nothing to lose

    again = make_window()  # the next start
    dialog_log.open_path = str(saved)
    again.commands["open_quote"].trigger()
    assert dialog_log.errors == []
    assert [again.document.values(index) for index in range(3)] == values
    assert again.exported.name == "Scenario B" and w(again, "exportScenarioButton").isChecked() is (again.current_index == 1)
    assert figures(again) == before
    assert before[2][2] == "$180,000.00"  # C: 250,000 credits at 0.7200, sized in credits alone
    assert not again.isWindowModified() and again.undo_stack.count() == 0


def test_save_to_file_offers_the_quotes_own_file_and_save_stores_it_in_the_library(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    quote_example(qtbot, window)
    dialog_log.save_path = str(tmp_path / "first.cpiquote")
    assert workflows.save_quote_as(window)
    type_into(qtbot, window, "yearsInput", "2")
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _c, path, _f: offered.append(path) or path)
    window.commands["save_quote_as"].trigger()
    assert offered == [str(tmp_path / "first.cpiquote")] and not window.isWindowModified()
    assert json.loads((tmp_path / "first.cpiquote").read_text(encoding="utf-8"))["scenarios"][0]["values"]["years"] == "2"
    type_into(qtbot, window, "yearsInput", "3")
    window.commands["save_quote"].trigger()  # File > Save: the quote library, not the file
    assert json.loads((tmp_path / "first.cpiquote").read_text(encoding="utf-8"))["scenarios"][0]["values"]["years"] == "2"
    assert not window.isWindowModified() and window.library_link is not None and dialog_log.errors == []


def test_save_as_suggests_the_customers_name_in_the_quote_folder(qtbot: Any, window: MainWindow, monkeypatch: Any, tmp_path: Path) -> None:
    quote_example(qtbot, window)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _c, path, _f: asked.append(path) or "")
    window.settings.setValue(workflows.QUOTE_FOLDER_KEY, str(tmp_path))
    assert not workflows.save_quote_as(window)  # cancelled: nothing written, still modified
    assert Path(asked[0]).parent == tmp_path
    assert Path(asked[0]).name.startswith("Contoso Müller & Søn - CPI quote ") and asked[0].endswith(".cpiquote")
    assert window.isWindowModified()


def test_a_quote_that_cannot_be_saved_is_explained_and_stays_open_unsaved(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    quote_example(qtbot, window)
    dialog_log.save_path = str(tmp_path / "missing-folder" / "quote.cpiquote")
    window.commands["save_quote_as"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Quote not saved" and "missing-folder" in message and "does not exist" in message
    assert window.isWindowModified() and window.document.path is None


def test_a_file_that_is_not_a_quote_is_refused_and_the_quote_on_screen_stays(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    quote_example(qtbot, window)
    window.document.mark_saved()
    damaged = tmp_path / "damaged.cpiquote"
    damaged.write_text('{"format": "cpiquote", "format_version": 1, "customer": 5}', encoding="utf-8")
    dialog_log.open_path = str(damaged)
    window.commands["open_quote"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Quote not opened" and message.startswith("damaged.cpiquote: ") and "unchanged" in message
    assert w(window, "customerInput").text() == "Contoso Müller & Søn" and window.document.path is None


def test_opening_another_quote_offers_to_save_the_changed_one_first(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    other = tmp_path / "other.cpiquote"
    services.save_quote(QuoteDocument.of_request(QuoteRequest((95_000,)), window.pricebook, "sample"), other)
    quote_example(qtbot, window)
    dialog_log.open_path = str(other)
    dialog_log.changes_answer = dialogs.CANCEL
    window.commands["open_quote"].trigger()
    assert dialog_log.changes_asked == [("Contoso Müller & Søn", "opening another quote")]
    assert w(window, "interactionsInput").text() == "1,200,000"  # cancelled: still the quote typed
    dialog_log.changes_answer = dialogs.DISCARD
    window.commands["open_quote"].trigger()
    assert w(window, "interactionsInput").text() == "95,000" and window.windowTitle() == "other.cpiquote[*]"


def test_new_quote_starts_empty_with_no_history(qtbot: Any, window: MainWindow, dialog_log: Any) -> None:
    quote_example(qtbot, window)
    window.commands["duplicate_scenario"].trigger()
    window.commands["new_quote"].trigger()  # the changes are discarded (the log's answer)
    assert dialog_log.changes_asked == [("Contoso Müller & Søn", "starting a new quote")]
    assert len(window.scenarios) == 1 and w(window, "customerInput").text() == "" and w(window, "interactionsInput").text() == ""
    assert window.undo_stack.count() == 0 and not window.isWindowModified()
    assert window.windowTitle() == "Untitled quote[*]"


def test_a_quote_whose_price_book_changed_since_is_priced_with_the_one_in_use_and_says_so(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, sample_pricebook: PriceBook
) -> None:
    book_path = Path(edited_pricebook(tmp_path, "older.toml", 'version = "2026.1"', 'version = "2025.4"'))
    older = services.open_pricebook(book_path)
    saved = tmp_path / "old.cpiquote"
    services.save_quote(QuoteDocument.of_request(QuoteRequest((95_000,)), older, book_path), saved)
    book_path.write_text(book_path.read_text(encoding="utf-8").replace("2025.4", "2025.5"), encoding="utf-8")  # changed since
    dialog_log.open_path = str(saved)
    window.commands["open_quote"].trigger()
    [(title, message, _)] = dialog_log.errors
    assert title == "Quote priced with another price book"
    assert "version 2025.4" in message and f"{sample_pricebook.name} (version {sample_pricebook.version}) now" in message
    assert window.pricebook.sha256 == sample_pricebook.sha256 and window.isWindowModified()


def test_a_quote_opened_with_its_own_unchanged_price_book_is_priced_with_it(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    book_path = Path(edited_pricebook(tmp_path, "older.toml", 'version = "2026.1"', 'version = "2025.4"'))
    saved = tmp_path / "old.cpiquote"
    services.save_quote(QuoteDocument.of_request(QuoteRequest((95_000,)), services.open_pricebook(book_path), book_path), saved)
    dialog_log.open_path = str(saved)
    window.commands["open_quote"].trigger()
    assert dialog_log.errors == [] and window.pricebook.version == "2025.4"
    assert "version 2025.4" in text(window, "pricebookStatusLabel") and not window.isWindowModified()


HOSTILE_TEXT = ["x\x1b]0;PWNED\x07", "a\ufffeb", "\x00", "\x85\x9b", "مرحبا \u202eexe.fdp", "東京" * 100, "W" * 200, "W" * 201, "\t\n\r"]
CUSTOMER_TEXT = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),  # Qt holds no lone surrogate
    st.text(st.characters(exclude_categories=("Cs",)), min_size=190, max_size=220),
)


def _document_opens(path: Path) -> bool:
    if path.suffix == ".pdf":
        return len(PdfReader(path, strict=True).pages) >= 1
    return bool(load_workbook(path).worksheets)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customer=CUSTOMER_TEXT, suffix=st.sampled_from([".pdf", ".xlsx"]))
def test_any_customer_text_never_crashes_the_window_nor_breaks_a_file(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, customer: str, suffix: str
) -> None:
    """Typed or pasted, any customer gives a document that opens, or a message and the good file kept."""
    type_into(qtbot, window, "interactionsInput", "95000")
    w(window, "customerInput").setText(customer)
    target = tmp_path / f"q{suffix}"
    target.write_bytes(b"the good old quote")
    dialog_log.errors.clear()
    dialog_log.save_path, dialog_log.open_exported = str(target), False
    window.commands["export_pdf" if suffix == ".pdf" else "export_xlsx"].trigger()
    if dialog_log.errors:
        [(title, _, _)] = dialog_log.errors
        assert title in ("Nothing to export yet", "Export failed") and window.inputs.error_text("customer")
        assert target.read_bytes() == b"the good old quote"
    else:
        assert _document_opens(target)
    assert sorted(path.name for path in tmp_path.iterdir() if path.suffix == ".part") == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('name = "', 'name = "\\u001b]0;PWNED\\u0007'),
        ('version = "', 'version = "\\uffff'),
        ('name = "', 'name = "' + "N" * 300),
        ('currency = "USD"', 'currency = "\\u0661\\u0662\\u0663"'),
    ],
)
def test_a_hostile_price_book_never_crashes_the_window_nor_breaks_a_file(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, sample_pricebook_bytes: bytes, old: str, new: str
) -> None:
    book = tmp_path / "shared.toml"
    book.write_text(sample_pricebook_bytes.decode().replace(old, new, 1))
    quote_example(qtbot, window)
    dialog_log.open_path = str(book)
    window.commands["open_pricebook"].trigger()
    for suffix in (".pdf", ".xlsx"):
        target = tmp_path / f"q{suffix}"
        target.write_bytes(b"the good old quote")
        dialog_log.errors.clear()
        dialog_log.save_path, dialog_log.open_exported = str(target), False
        window.commands["export_pdf" if suffix == ".pdf" else "export_xlsx"].trigger()
        if dialog_log.errors:
            assert target.read_bytes() == b"the good old quote"
        else:
            assert _document_opens(target)
