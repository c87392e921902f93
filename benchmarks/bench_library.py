"""The quote library view at 100,000 stored quotes, SQLite and PostgreSQL side by side: opening it (the model and its
first page), filtering by customer, and sorting by contract value, each until the first row shows.

The 100,000 quotes are bulk-inserted into the quotes table (what the view reads), not saved one by one. The SQLite file
is kept in the user cache folder between runs (rebuilt when the schema changes); PostgreSQL is measured when
$CPIQUOTE_TEST_POSTGRES_URL names a server, in a schema of its own that is dropped afterwards. Target: under 100 ms each.
"""

from __future__ import annotations

import os
import time
import uuid

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QApplication

from bench_store import QUOTES, _admin, _support, fill, median_ms
from cpiquote.store import open_store, upgrade_database

ROUNDS = 9
COLUMN_CONTRACT_VALUE = 4


def cached_sqlite() -> tuple[str, str]:
    """The cached SQLite library of QUOTES quotes (made first if missing or of another schema); its path and how it was got."""
    import platformdirs

    from cpiquote.store import upgrades

    path = platformdirs.user_cache_path("CPI Quote", appauthor=False) / f"bench-library-{QUOTES}-{upgrades.head()}.sqlite3"
    if path.exists():
        with open_store(str(path)) as store:
            if store.count_quotes() == QUOTES:
                return str(path), "cached"
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path), _filled(str(path))


def _filled(url: str) -> str:
    started = time.perf_counter()
    with open_store(url) as store:
        fill(store, QUOTES)
    return f"generated in {time.perf_counter() - started:.1f} s"


def first_row(model: QAbstractTableModel) -> object:
    """What the view asks first: the top row's customer (which reads its page)."""
    return model.data(model.index(0, 1))


def measure(backend: str, url: str, made: str) -> str:
    """The three figures of one backend, on one line."""
    from cpiquote.gui.library.model import LibraryModel

    with open_store(url) as store:
        opening = median_ms(lambda: first_row(LibraryModel(store)), ROUNDS)
        model = LibraryModel(store)
        filtering = median_ms(lambda: (model.select("customer 4711", None), first_row(model)), ROUNDS)
        model.select("", None)
        sorting = median_ms(lambda: (model.sort(COLUMN_CONTRACT_VALUE, Qt.SortOrder.DescendingOrder), first_row(model)), ROUNDS)
        count = store.count_quotes()
    return (
        f"library view {backend}: {count:,} quotes ({made}): opening {opening:.1f} ms, filtering by customer {filtering:.1f} ms, "
        f"sorting by contract value {sorting:.1f} ms (target under 100 ms each)"
    )


def _postgres(server: str) -> str:
    _support()
    from store_helpers import with_schema

    schema = f"cpiquote_bench_{uuid.uuid4().hex[:8]}"
    _admin(server, f"CREATE SCHEMA {schema}")
    try:
        url = with_schema(server, schema)
        upgrade_database(url)
        return measure("PostgreSQL", url, _filled(url))
    finally:
        _admin(server, f"DROP SCHEMA {schema} CASCADE")


def run() -> list[str]:
    """One line per backend (PostgreSQL only when $CPIQUOTE_TEST_POSTGRES_URL is set)."""
    _app = QApplication.instance() or QApplication([])  # the model is a Qt object
    lines = [measure("SQLite", *cached_sqlite())]
    server = os.environ.get("CPIQUOTE_TEST_POSTGRES_URL", "").strip()
    lines.append(_postgres(server) if server else "library view PostgreSQL: not measured; set CPIQUOTE_TEST_POSTGRES_URL")
    del _app
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
