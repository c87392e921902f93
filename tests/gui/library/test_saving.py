"""The open quote and the quote library: File > Save as a numbered draft, the title, frozen sent revisions, the close
prompt, store errors that lose nothing, exports with the stored number, duplicate, new revision and re-price."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import all_text
from window_helpers import edited_pricebook, quote_example, type_into

from cpiquote.gui.common import dialogs
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.quote import workflows
from cpiquote.store import Status, open_store

YEAR = dt.date.today().year
FIRST = f"Q-{YEAR}-00001"


def library_url(user_data_folder: Path) -> str:
    """The default library of the tests' user data folder."""
    return str(user_data_folder / "CPI Quote" / "quotes.sqlite3")


def test_save_gives_a_number_shown_in_the_title_and_saves_the_same_draft_again(
    qtbot: Any, window: MainWindow, dialog_log: Any, user_data_folder: Path
) -> None:
    quote_example(qtbot, window)
    window.commands["save_quote"].trigger()
    assert dialog_log.errors == [] and not window.isWindowModified()
    assert window.windowTitle() == f"{FIRST} r1 — Contoso Müller & Søn[*]"
    type_into(qtbot, window, "yearsInput", "2")
    assert window.isWindowModified()
    window.commands["save_quote"].trigger()
    with open_store(library_url(user_data_folder)) as store:
        [summary] = store.list_quotes()
        assert (summary.number, summary.revision, summary.status) == (FIRST, 1, Status.DRAFT)
        assert store.get(FIRST).figures["request"]["years"] == 2
    assert f"Saved {FIRST} r1 (draft)" in window.statusBar().currentMessage()


def test_saving_a_changed_sent_quote_makes_a_new_revision_and_the_sent_one_stays(
    qtbot: Any, window: MainWindow, dialog_log: Any, user_data_folder: Path
) -> None:
    quote_example(qtbot, window)
    window.commands["save_quote"].trigger()
    with open_store(library_url(user_data_folder)) as store:
        store.set_status(FIRST, Status.SENT)
        sent_value = store.get(FIRST).figures["total_contract_value"]
    assert window.library_link is not None and window.library_link.status is Status.DRAFT  # as the window last saw it
    type_into(qtbot, window, "yearsInput", "2")
    window.commands["save_quote"].trigger()
    assert window.windowTitle().startswith(f"{FIRST} r2 — ") and dialog_log.errors == []
    assert f"{FIRST} r1 was sent or approved and never changes, so this is a new revision" in window.statusBar().currentMessage()
    with open_store(library_url(user_data_folder)) as store:
        assert store.get(FIRST, 1).figures["total_contract_value"] == sent_value
        assert store.get(FIRST, 1).status is Status.SENT and store.get(FIRST, 2).status is Status.DRAFT


def test_the_close_prompts_save_stores_the_quote_in_the_library(
    qtbot: Any, window: MainWindow, dialog_log: Any, user_data_folder: Path
) -> None:
    quote_example(qtbot, window)
    dialog_log.changes_answer = dialogs.SAVE
    assert window.close()
    with open_store(library_url(user_data_folder)) as store:
        assert [quote.customer for quote in store.list_quotes()] == ["Contoso Müller & Søn"]


def test_a_store_error_is_shown_and_the_quote_stays_open_to_be_saved_to_a_file(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("CPIQUOTE_DATABASE_URL", str(damaged))
    quote_example(qtbot, window)
    dialog_log.changes_answer = dialogs.SAVE
    assert not window.close()  # saving failed: the window stays, with the quote
    [(title, message, _)] = dialog_log.errors
    assert title == "Quote not saved" and "damaged.sqlite3" in message and "Save to file" in message
    assert window.isVisible() and window.isWindowModified() and damaged.read_bytes() == b"not a database" * 100
    dialog_log.save_path = str(tmp_path / "kept.cpiquote")
    assert workflows.save_quote_as(window) and (tmp_path / "kept.cpiquote").is_file()


def test_an_export_carries_the_stored_number_and_date_until_the_quote_changes(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path
) -> None:
    quote_example(qtbot, window)
    window.commands["save_quote"].trigger()
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / "offer.pdf"), False
    window.commands["export_pdf"].trigger()
    offer = all_text((tmp_path / "offer.pdf").read_bytes())
    assert f"Quote number {FIRST} r1" in offer and "Draft reference" not in offer
    type_into(qtbot, window, "yearsInput", "2")  # not the stored figures any more: a draft again
    dialog_log.save_path = str(tmp_path / "changed.pdf")
    window.commands["export_pdf"].trigger()
    changed = all_text((tmp_path / "changed.pdf").read_bytes())
    assert FIRST not in changed and "Draft reference" in changed


def test_an_export_says_approved_once_someone_approved_the_open_quote_in_the_library(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, user_data_folder: Path
) -> None:
    quote_example(qtbot, window)
    type_into(qtbot, window, "discountInput", "25")  # above the price book's approval threshold
    window.commands["save_quote"].trigger()
    dialog_log.save_path, dialog_log.open_exported = str(tmp_path / "before.pdf"), False
    window.commands["export_pdf"].trigger()
    assert "Subject to approval" in all_text((tmp_path / "before.pdf").read_bytes())
    with open_store(library_url(user_data_folder)) as store:  # an approver, elsewhere, while the quote stays open
        store.approve(FIRST, "Approver")
    dialog_log.save_path = str(tmp_path / "after.pdf")
    window.commands["export_pdf"].trigger()
    after = all_text((tmp_path / "after.pdf").read_bytes())
    assert f"Quote number {FIRST} r1" in after and "Subject to approval" not in after and dialog_log.errors == []
    assert window.library_link is not None and window.library_link.status is Status.APPROVED


def test_new_revision_and_duplicate_from_the_quote_menu(qtbot: Any, window: MainWindow, dialog_log: Any, user_data_folder: Path) -> None:
    quote_example(qtbot, window)
    window.commands["save_quote"].trigger()
    type_into(qtbot, window, "yearsInput", "2")
    window.commands["new_revision"].trigger()
    assert window.windowTitle().startswith(f"{FIRST} r2 — ") and not window.isWindowModified()
    window.commands["duplicate_quote"].trigger()
    assert window.windowTitle().startswith(f"Q-{YEAR}-00002 r1 — ") and dialog_log.errors == []
    with open_store(library_url(user_data_folder)) as store:
        assert store.get(FIRST, 1).figures["request"]["years"] == 3 and store.get(FIRST, 2).figures["request"]["years"] == 2
        assert store.get(f"Q-{YEAR}-00002").figures["request"]["years"] == 2


def test_re_pricing_shows_every_change_before_it_makes_a_revision(
    qtbot: Any, window: MainWindow, dialog_log: Any, tmp_path: Path, user_data_folder: Path
) -> None:
    quote_example(qtbot, window)
    window.commands["save_quote"].trigger()
    dearer = edited_pricebook(tmp_path, "dearer.toml", 'version = "2026.1"', 'version = "2026.2"')
    Path(dearer).write_text(Path(dearer).read_text().replace("price = 0.55 }", "price = 0.60 }"), encoding="utf-8")
    window.settings.setValue(workflows.PRICEBOOK_KEY, dearer)  # chosen with File > Open price book since
    dialog_log.confirm_changes = False
    assert not workflows.reprice_quote(window)  # cancelled: nothing stored
    [(message, rows)] = dialog_log.changes_shown
    assert "version 2026.2" in message and "new draft revision 2" in message
    changed = {label: (before, after) for label, before, after, change in rows if change != "no change"}
    assert changed["Price per credit, year 1"] == ("$0.5060", "$0.5520")  # 0.55 and 0.60 less the 8% three-year discount
    dialog_log.confirm_changes = True
    assert workflows.reprice_quote(window)
    assert window.windowTitle().startswith(f"{FIRST} r2 — ") and window.pricebook.version == "2026.2"
    with open_store(library_url(user_data_folder)) as store:
        assert store.get(FIRST, 1).figures["years"][0]["price_per_credit"] == "0.5060"
        assert store.get(FIRST, 2).figures["years"][0]["price_per_credit"] == "0.5520"
