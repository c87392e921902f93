"""Which database the quote library uses: a URL given, $CPIQUOTE_DATABASE_URL, or a SQLite file in the user data folder.

Passwords come as PostgreSQL users expect (PGPASSWORD, ~/.pgpass, or in the URL) and never appear in a message:
every URL shown to a person goes through `masked`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from cpiquote.store.errors import StoreError

ENVIRONMENT_VARIABLE = "CPIQUOTE_DATABASE_URL"
DATABASE_FILE_NAME = "quotes.sqlite3"
WHAT_TO_GIVE = "give sqlite:///FILE, a file path, or postgresql://user@host/dbname"


def default_database_path() -> Path:
    """The SQLite file one person's quotes live in when no database is chosen."""
    import platformdirs

    return platformdirs.user_data_path("CPI Quote", appauthor=False) / DATABASE_FILE_NAME


def chosen_url(url: str | None = None) -> str:
    """The database asked for: `url`, else $CPIQUOTE_DATABASE_URL, else the default SQLite file."""
    text = (url or "").strip() or os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    return text or f"sqlite:///{default_database_path()}"


def database_url(url: str | None = None) -> URL:
    """The SQLAlchemy URL of the database asked for: PostgreSQL through psycopg 3, or a SQLite file."""
    text = chosen_url(url)
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser()))
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise StoreError(f"database: {masked_text(text)} is not a database URL; {WHAT_TO_GIVE}") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return parsed.set(drivername="sqlite", database=str(Path(str(parsed.database)).expanduser()))
    raise StoreError(f"database: {masked(parsed)} cannot hold the quote library; {WHAT_TO_GIVE}")


def masked(url: URL) -> str:
    """A URL as it may be shown or logged: its password replaced by ***."""
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)  # as typed: postgresql://


def masked_text(text: str) -> str:
    """A URL typed by a person, shown without the password even when it does not parse: user:secret@ -> user:***@."""
    scheme, separator, rest = text.partition("://")
    if not separator or "@" not in rest:
        return text
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':***' if ':' in credentials else ''}@{host}"


def describe(url: URL) -> str:
    """The database in a person's words: the SQLite file's path, or the PostgreSQL URL without its password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return masked(url)
