"""One quote library suite, run against SQLite and against a real PostgreSQL server.

PostgreSQL is reached through $CPIQUOTE_TEST_POSTGRES_URL (postgresql://user:password@host/dbname of a user who
owns the database and may create roles; .ci/run sets one up). Each test gets its own schema, migrated by
`cpiquote db upgrade`'s function. Without the variable the PostgreSQL half is skipped, except in CI (CI=true),
where a missing server fails the suite.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import admin, create_test_roles, postgres_url, with_schema

from cpiquote.store import Store, open_store, upgrade_database


@pytest.fixture
def postgres_schema() -> Iterator[tuple[str, str]]:
    """A new, empty schema on the test server: (the server's URL, the schema's name); dropped afterwards."""
    url = postgres_url()
    schema = f"cpiquote_test_{uuid.uuid4().hex[:12]}"
    admin(url, f"CREATE SCHEMA {schema}")
    try:
        yield url, schema
    finally:
        admin(url, f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated quote library: a SQLite file, or a schema of its own on the PostgreSQL test server."""
    if request.param == "sqlite":
        url = str(tmp_path / "library" / "quotes.sqlite3")
        open_store(url).close()
        return url
    server, schema = request.getfixturevalue("postgres_schema")
    url = with_schema(server, schema)
    upgrade_database(url)
    create_test_roles(server)
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """The quote library at `database_url`, open."""
    with open_store(database_url) as opened:
        yield opened
