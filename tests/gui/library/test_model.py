"""The library's table model: the quotes a search selects, fetched a page at a time, checked by pytest-qt's modeltester."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cpiquote import services
from cpiquote.gui.library import model as library_model
from cpiquote.gui.library.model import COLUMNS, LibraryModel, cell_text
from cpiquote.pricing import PriceBook, QuoteRequest
from cpiquote.store import Status, Store, StoreError, open_store


@pytest.fixture
def store(tmp_path: Path, sample_pricebook: PriceBook) -> Any:
    """A library of five quotes: Contoso 1-3 (1,000,000 credits...), Fabrikam 4 and 5."""
    library = open_store(f"sqlite:///{(tmp_path / 'quotes.sqlite3').as_posix()}")
    for index, customer in enumerate(("Contoso", "Contoso", "Contoso", "Fabrikam", "Fabrikam"), start=1):
        request = QuoteRequest((), 1, ordered_credits_per_year=(index * 100_000,), customer=customer)
        services.save_to_library(library, services.price(sample_pricebook, request), services.default_pricebook_path())
    yield library
    library.close()


def test_the_model_passes_qts_model_checks_and_shows_each_quote(qtmodeltester: Any, store: Store) -> None:
    model = LibraryModel(store)
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (5, len(COLUMNS))
    newest = model.summary(0)  # the last changed first
    assert (newest.customer, cell_text(newest, 4)) == ("Fabrikam", "$325,000.00")  # 500,000 credits at $0.6500, one year
    assert (
        model.data(model.index(0, 0)) == newest.number and model.headerData(4, library_model.Qt.Orientation.Horizontal) == "Contract value"
    )


def test_a_search_finds_a_number_or_a_customer_and_a_status_filters(store: Store) -> None:
    model = LibraryModel(store)
    model.select("contoso", None)
    assert model.rowCount() == 3 and {model.summary(row).customer for row in range(3)} == {"Contoso"}
    number = model.summary(0).number
    model.select(number.lower(), None)  # a number typed in any case
    assert model.rowCount() == 1 and model.summary(0).number == number
    store.set_status(number, Status.SENT)
    model.select("", Status.SENT)
    assert [model.summary(row).number for row in range(model.rowCount())] == [number]


def test_rows_are_fetched_a_page_at_a_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_model, "PAGE", 2)
    reads: list[int] = []
    listed = store.list_quotes

    def counted(**kwargs: Any) -> Any:
        reads.append(kwargs["offset"])
        return listed(**kwargs)

    monkeypatch.setattr(store, "list_quotes", counted)
    model = LibraryModel(store)
    for row in (0, 1, 4, 1):
        model.data(model.index(row, 1))
    assert reads == [0, 4]  # rows 0 and 1 in one page, row 4 in another; row 1 again from the cache


def test_a_click_on_a_header_sorts_by_that_column_in_the_database(
    qtmodeltester: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_model, "PAGE", 2)  # sorted across pages, not within the one page read
    model = LibraryModel(store)
    model.sort(COLUMNS.index("Contract value"), library_model.Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    values = [model.summary(row).total_contract_value for row in range(model.rowCount())]
    assert values == sorted(values) and len(values) == 5
    assert cell_text(model.summary(0), 4) == "$85,000.00"  # 100,000 credits at $0.8500: the smallest first
    model.sort(COLUMNS.index("Customer"), library_model.Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(row, 1)) for row in range(5)] == ["Fabrikam"] * 2 + ["Contoso"] * 3
    model.select("contoso", None)  # a search keeps the order chosen
    numbers = [model.data(model.index(row, 0)) for row in range(3)]
    model.sort(0, library_model.Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(row, 0)) for row in range(3)] == sorted(numbers)


def test_a_library_that_cannot_be_read_any_more_says_so_once_and_shows_no_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    model = LibraryModel(store)
    said: list[str] = []
    model.failed.connect(said.append)

    def gone(**_kwargs: Any) -> Any:
        raise StoreError("cannot connect to postgresql://seller@db/quotes: the server closed the connection")

    monkeypatch.setattr(store, "list_quotes", gone)
    assert [model.data(model.index(row, 0)) for row in range(3)] == [None, None, None]
    assert said == ["cannot connect to postgresql://seller@db/quotes: the server closed the connection"]
    monkeypatch.setattr(store, "count_quotes", gone)
    model.refresh()
    assert model.rowCount() == 0 and model.problem.startswith("cannot connect")
