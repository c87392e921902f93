"""The quote library's speed on SQLite and PostgreSQL side by side: saving a revision, numbers allocated per second
by 8 processes saving at once, and listing and filtering 100,000 stored quotes.

PostgreSQL is measured when $CPIQUOTE_TEST_POSTGRES_URL names a server (a user who may create schemas), in a
schema of its own that is dropped afterwards. Each figure is a median over rounds.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import insert

from cpiquote.store import Status, Store, open_store, schema, upgrade_database

QUOTES = 100_000
WRITERS = 8
SAVES_PER_WRITER = 25
ROUNDS = 15


def _support() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    """The median milliseconds one call of `action` takes (after one warm-up call)."""
    action()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@contextmanager
def libraries() -> Iterator[Iterator[tuple[str, str]]]:
    """(backend, URL) of an empty library on each backend available: a SQLite file, and a PostgreSQL schema."""
    with tempfile.TemporaryDirectory() as folder:
        server = os.environ.get("CPIQUOTE_TEST_POSTGRES_URL", "").strip()
        schemas: list[str] = []

        def each() -> Iterator[tuple[str, str]]:
            yield "SQLite", str(Path(folder) / "bench.sqlite3")
            if server:
                from store_helpers import with_schema

                schemas.append(f"cpiquote_bench_{uuid.uuid4().hex[:8]}")
                _admin(server, f"CREATE SCHEMA {schemas[-1]}")
                url = with_schema(server, schemas[-1])
                upgrade_database(url)
                yield "PostgreSQL", url

        try:
            yield each()
        finally:
            for name in schemas:
                _admin(server, f"DROP SCHEMA {name} CASCADE")


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


def _writer(url: str, start_at: float) -> tuple[float, float]:
    """One of the concurrent writers: waits for the common start, saves SAVES_PER_WRITER new quotes; when it started and ended."""
    _support()
    from store_helpers import priced, save

    quotation = priced()
    with open_store(url, timeout=60) as store:
        save(store, quotation)  # connected and warm before the clock runs
        time.sleep(max(0.0, start_at - time.time()))
        started = time.time()
        for _ in range(SAVES_PER_WRITER):
            save(store, quotation)
    return started, time.time()


def numbers_per_second(url: str) -> float:
    """Quote numbers allocated (quotes saved) per second by WRITERS processes saving at once."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(WRITERS) as pool:
        start_at = time.time() + 10  # every process started and connected before the clock runs
        windows = pool.starmap(_writer, [(url, start_at)] * WRITERS)
    elapsed = max(end for _, end in windows) - min(start for start, _ in windows)
    return WRITERS * SAVES_PER_WRITER / elapsed


def fill(store: Store, count: int) -> None:
    """Add `count` quotes to the library at once (bulk inserts of the quotes table, as listing reads only that)."""
    now = dt.datetime.now(dt.UTC)
    statuses = [Status.DRAFT, Status.SENT, Status.ACCEPTED, Status.LOST, Status.APPROVAL_REQUIRED]
    rows = [
        {
            "number": f"Q-2020-{n:06d}",
            "customer": f"Customer {n} Ltd",
            "customer_search": f"customer {n} ltd",
            "author": "bench",
            "status": statuses[n % len(statuses)].value,
            "latest_revision": 1,
            "currency": "USD",
            "total_contract_value": f"{1000 + n}.00",
            "valid_until": dt.date(2031, 1, 1),
            "created_at": now - dt.timedelta(seconds=n),
            "updated_at": now - dt.timedelta(seconds=n),
        }
        for n in range(count)
    ]
    with store.engine.begin() as connection:
        for start in range(0, count, 10_000):
            connection.execute(insert(schema.quotes), rows[start : start + 10_000])


def measure(backend: str, url: str) -> list[str]:
    """Every figure of one backend."""
    _support()
    from store_helpers import priced, save

    lines = []
    with open_store(url) as store:
        ref = save(store, priced())
        document, quotation, content = store.get(ref.number).document(), priced(), store.get(ref.number).pricebook_content.encode()
        saving = median_ms(lambda: store.revise(ref.number, document, quotation, "bench", content))
        lines.append(f"store {backend}: saving a revision {saving:.1f} ms (target under 20 ms on SQLite)")
    lines.append(f"store {backend}: {numbers_per_second(url):.0f} quote numbers allocated per second by {WRITERS} processes saving at once")
    with open_store(url) as store:
        started = time.perf_counter()
        fill(store, QUOTES)
        lines.append(f"store {backend}: {QUOTES:,} quotes bulk-inserted in {time.perf_counter() - started:.1f} s")
        first_page = median_ms(lambda: store.list_quotes(limit=100))
        by_customer = median_ms(lambda: store.list_quotes(customer="customer 4711 ", limit=100))
        by_status = median_ms(lambda: store.list_quotes(status=Status.SENT, limit=100))
        counted = median_ms(lambda: store.count_quotes(customer="customer 47"))
        lines.append(
            f"store {backend}: with {store.count_quotes():,} quotes: first 100 rows {first_page:.1f} ms, "
            f"customer filter {by_customer:.1f} ms, status filter {by_status:.1f} ms, "
            f"counting a customer search {counted:.1f} ms (target under 100 ms)"
        )
    return lines


def run() -> list[str]:
    """One line per figure and backend (PostgreSQL only when $CPIQUOTE_TEST_POSTGRES_URL is set)."""
    _support()
    lines: list[str] = []
    with libraries() as each:
        for backend, url in each:
            lines += measure(backend, url)
    if not os.environ.get("CPIQUOTE_TEST_POSTGRES_URL"):
        lines.append("store PostgreSQL: not measured; set CPIQUOTE_TEST_POSTGRES_URL=postgresql://user:password@host/dbname")
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
