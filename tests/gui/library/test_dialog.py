"""File > Quote library in the window: find a quote, open it exactly as stored, approve it, mark it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from window_helpers import text, type_into

from cpiquote import services
from cpiquote.gui.main_window import MainWindow
from cpiquote.pricing import QuoteRequest
from cpiquote.store import Status, StoreError, open_store


@pytest.fixture
def numbers(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A library (the one $CPIQUOTE_DATABASE_URL names) with Contoso's quote at a 25% discount and Fabrikam's."""
    monkeypatch.setenv("CPIQUOTE_DATABASE_URL", f"sqlite:///{(tmp_path / 'quotes.sqlite3').as_posix()}")
    saved = []
    with open_store() as library:
        for customer, discount in (("Contoso", 25), ("Fabrikam", 0)):
            request = QuoteRequest((1_200_000,), 3, True, discount_percent=Decimal(discount), customer=customer)
            quotation = services.price(window.pricebook, request)
            saved.append(services.save_to_library(library, quotation, services.default_pricebook_path()).number)
    return saved


def test_a_quote_found_by_customer_opens_in_the_quote_workspace_as_stored(
    qtbot: Any, window: MainWindow, numbers: list[str], dialog_log: Any
) -> None:
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None and dialog.model.rowCount() == 2 and text(dialog, "libraryCount") == "2 quotes"
    type_into(qtbot, dialog, "librarySearch", "contoso")
    assert dialog.model.rowCount() == 1 and dialog.selected_number() == numbers[0]
    assert dialog.open_selected()
    assert text(window, "customerInput") == "Contoso" and text(window, "discountInput") == "25"
    assert window.quotation is not None and window.quotation.request.discount_percent == Decimal(25)
    assert not window.isWindowModified() and not dialog.isVisible()


def test_approving_and_marking_change_the_status_shown(qtbot: Any, window: MainWindow, numbers: list[str], dialog_log: Any) -> None:
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None
    type_into(qtbot, dialog, "librarySearch", numbers[0])
    assert dialog.model.summary(0).status is Status.APPROVAL_REQUIRED
    assert not dialog.mark_selected(Status.SENT)  # refused by the library until approved, and said why
    [(title, message, _)] = dialog_log.errors
    assert title == "Quote not changed" and "approv" in message
    assert dialog.approve_selected() and dialog.model.summary(0).status is Status.APPROVED
    assert dialog.mark_selected(Status.SENT) and dialog.model.summary(0).status is Status.SENT
    assert f"{numbers[0]} marked sent" in window.statusBar().currentMessage()


def test_a_library_that_cannot_be_opened_is_explained(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialog_log: Any
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("CPIQUOTE_DATABASE_URL", f"sqlite:///{damaged.as_posix()}")
    window.commands["quote_library"].trigger()
    assert window.library is None
    [(title, message, _)] = dialog_log.errors
    assert title == "Quote library not opened" and "damaged.sqlite3" in message and "unchanged" in message
    assert damaged.read_bytes() == b"this is not a database" * 100


def test_a_click_on_a_column_header_sorts_the_quotes(qtbot: Any, window: MainWindow, numbers: list[str], dialog_log: Any) -> None:
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None
    header = dialog.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    customers = [dialog.model.data(dialog.model.index(row, 1)) for row in range(2)]
    assert customers in (["Contoso", "Fabrikam"], ["Fabrikam", "Contoso"]) and header.sortIndicatorSection() == 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(1) + 5, 5))
    assert [dialog.model.data(dialog.model.index(row, 1)) for row in range(2)] == customers[::-1]


def test_duplicate_and_new_revision_store_a_copy_and_open_it(qtbot: Any, window: MainWindow, numbers: list[str], dialog_log: Any) -> None:
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None
    type_into(qtbot, dialog, "librarySearch", "fabrikam")
    assert dialog.duplicate_selected()
    assert window.library_link is not None and window.library_link.number not in numbers
    assert text(window, "customerInput") == "Fabrikam" and not window.isWindowModified()
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None
    type_into(qtbot, dialog, "librarySearch", numbers[0])
    assert dialog.revise_selected()
    assert window.windowTitle().startswith(f"{numbers[0]} r2 — Contoso") and text(window, "discountInput") == "25"
    with open_store() as library:
        assert library.count_quotes() == 3 and library.get(numbers[0]).revision == 2


def test_re_price_from_the_library_shows_the_changes_first(
    qtbot: Any, window: MainWindow, numbers: list[str], dialog_log: Any, tmp_path: Path
) -> None:
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None
    type_into(qtbot, dialog, "librarySearch", numbers[1])
    dialog_log.confirm_changes = False
    assert not dialog.reprice_selected()  # the same price book: every figure unchanged, and nothing stored
    [(_message, rows)] = dialog_log.changes_shown
    assert rows and {change for *_, change in rows} == {"no change"}
    with open_store() as library:
        assert library.get(numbers[1]).latest_revision == 1


def test_a_library_that_cannot_be_read_says_so_where_the_count_shows(
    window: MainWindow, numbers: list[str], dialog_log: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.commands["quote_library"].trigger()
    dialog = window.library
    assert dialog is not None

    def gone(**_kwargs: Any) -> Any:
        raise StoreError("cannot connect to the library: the server closed the connection")

    monkeypatch.setattr(dialog.store, "count_quotes", gone)
    dialog.select()
    assert text(dialog, "libraryCount") == "Not read: cannot connect to the library: the server closed the connection"
    assert dialog_log.errors == [] and window.isVisible()
