"""Connecting to the quote library's database, and saying in a person's words why it cannot be used.

SQLite (one person's file): a busy timeout, and write transactions that start with BEGIN IMMEDIATE, so that two
processes allocating numbers never both read the same counter. A file that is not a database, or is damaged, is
refused before anything writes to it. PostgreSQL (a team's server): through psycopg 3.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from cpiquote.store.errors import StoreError
from cpiquote.store.location import describe

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT_SECONDS = 5.0
IMMEDIATE = "cpiquote_immediate"  # the execution option that makes a SQLite transaction take the write lock at once


def create(url: URL, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> Engine:
    """An engine for `url` whose connections wait up to `timeout` seconds for a lock held by another program."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": timeout})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, connect_args={"connect_timeout": max(1, round(timeout))}, pool_pre_ping=True)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let _sqlite_begin say how each transaction starts
    dbapi_connection.execute("PRAGMA foreign_keys = ON")


def _sqlite_begin(connection: Connection) -> None:
    mode = "IMMEDIATE" if connection.get_execution_options().get(IMMEDIATE) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def check_sqlite_file(path: Path, timeout: float) -> bool:
    """Whether `path` already holds a database; refuses (StoreError), without writing to it, a file that is not one.

    A missing or empty file is a new library; a file of another program, or a damaged one, is left byte for byte as it was.
    """
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: the folder cannot be created ({error.strerror}); choose another database file") from None
        return False
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file; give the path of a file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        return False
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a CPI Quote database (not a SQLite file); it was left untouched; choose another file")
    tables = _sqlite_tables(path, timeout)
    if tables and not {"quotes", "alembic_version"} & tables:
        raise StoreError(f"{path} is another program's database, not CPI Quote's; it was left untouched; choose another file")
    return bool(tables)


def _sqlite_tables(path: Path, timeout: float) -> set[str]:
    """The tables of the SQLite file at `path`, read through a read-only connection."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)) as probe:
            rows = probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error as error:
        raise _sqlite_problem(str(path), str(error), timeout) from None
    return {str(name) for (name,) in rows}


def _sqlite_problem(where: str, message: str, timeout: float) -> StoreError:
    if "locked" in message or "busy" in message:
        return StoreError(
            f"{where} is locked: another program (another CPI Quote saving?) holds it; waited {timeout:g} s; try again in a moment"
        )
    return StoreError(
        f"{where} is damaged or is not a CPI Quote database ({message}); it was left untouched; restore a backup or choose another file"
    )


@contextmanager
def translated(url: URL, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> Iterator[None]:
    """Turn a database error into a StoreError naming the database (its password masked) and what to do."""
    try:
        yield
    except DBAPIError as error:
        raise problem(url, error, timeout) from None
    except SQLAlchemyError as error:
        raise StoreError(f"{describe(url)}: {_hide(url, str(error).splitlines()[0])}") from None


def problem(url: URL, error: DBAPIError, timeout: float) -> StoreError:
    """The StoreError a database error means, in a person's words."""
    message = _hide(url, str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error))
    if url.get_backend_name() == "sqlite":
        return _sqlite_problem(describe(url), message, timeout)
    if isinstance(error, OperationalError) and getattr(error.orig, "sqlstate", None) is None:
        return StoreError(f"cannot connect to {describe(url)}: {message}; check the server, the user and the password")
    return StoreError(f"{describe(url)}: {message}")


def _hide(url: URL, message: str) -> str:
    """`message` with the URL's password, should the driver repeat it, replaced by ***."""
    return message.replace(url.password, "***") if url.password else message
