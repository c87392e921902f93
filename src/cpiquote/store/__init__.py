"""The quote library: numbered quotes, revisions and approvals in SQLite (one person) or PostgreSQL (a team).

    with open_store() as store:                      # $CPIQUOTE_DATABASE_URL, else quotes.sqlite3 in the user data folder
        ref = store.save_new(document, quotation, author, pricebook_bytes)   # RevisionRef("Q-2026-00001", 1)
        store.set_status(ref.number, Status.SENT)

A SQLite file is created on first use and upgraded by the app (a copy kept beside it first); a PostgreSQL database
is created and upgraded by its administrator with `cpiquote db upgrade --database URL` (`upgrade_database`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from cpiquote.store.connection import DEFAULT_TIMEOUT_SECONDS, check_sqlite_file, create, translated
from cpiquote.store.diff import FigureChange
from cpiquote.store.errors import StoreError
from cpiquote.store.location import ENVIRONMENT_VARIABLE, database_url, default_database_path, describe, masked
from cpiquote.store.quotes import Store
from cpiquote.store.records import Approval, Customer, QuoteSummary, RevisionRef, Status, StoredRevision

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "Approval",
    "Customer",
    "FigureChange",
    "QuoteSummary",
    "RevisionRef",
    "Status",
    "Store",
    "StoreError",
    "StoredRevision",
    "default_database_path",
    "masked",
    "open_store",
    "upgrade_database",
]


def open_store(url: str | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> Store:
    """The quote library at `url` (else $CPIQUOTE_DATABASE_URL, else the user's SQLite file), ready to use.

    Raises StoreError when it cannot be used: not a database or damaged (left untouched), locked for longer than
    `timeout` seconds, a newer schema than this app knows, or a PostgreSQL database that needs `cpiquote db upgrade`.
    """
    database = database_url(url)
    sqlite_path = Path(str(database.database)) if database.get_backend_name() == "sqlite" else None
    existed = check_sqlite_file(sqlite_path, timeout) if sqlite_path is not None else True
    engine = create(database, timeout)
    try:
        _bring_up_to_date(engine, sqlite_path, existed, timeout)
    except BaseException:
        engine.dispose()  # no connection is left open behind a refusal
        raise
    return Store(engine, database, timeout)


def _bring_up_to_date(engine: Engine, sqlite_path: Path | None, existed: bool, timeout: float) -> None:
    """Check the schema version; migrate a SQLite file (after a backup copy), or refuse a PostgreSQL database behind."""
    from cpiquote.store import upgrades

    database = engine.url
    with translated(database, timeout):
        with engine.connect() as connection:
            version = upgrades.current(connection)
        upgrades.check_known(version, describe(database))
        if version == upgrades.head():
            return
        if sqlite_path is None:
            raise StoreError(
                f"{describe(database)} holds schema version {version or 'none'}; this app needs {upgrades.head()}: "
                f"ask whoever administers it to run `cpiquote db upgrade --database {masked(database)}`"
            )
        if existed and version is not None:
            upgrades.backup_sqlite(sqlite_path, version)
        upgrades.upgrade(engine)


def upgrade_database(url: str | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> tuple[str | None, str]:
    """Create or migrate the database at `url` to the newest schema (`cpiquote db upgrade`); returns (before, after)."""
    from cpiquote.store import upgrades

    database = database_url(url)
    if database.get_backend_name() == "sqlite":
        check_sqlite_file(Path(str(database.database)), timeout)
    engine = create(database, timeout)
    try:
        with translated(database, timeout):
            with engine.connect() as connection:
                before = upgrades.current(connection)
            return before, upgrades.upgrade(engine)
    finally:
        engine.dispose()
