"""Schema versions: a library from the first schema is migrated (a SQLite file after a backup copy), a PostgreSQL
database waits for `cpiquote db upgrade`, and a newer schema is refused untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from store_helpers import postgres_url, with_schema

from cpiquote.store import Customer, StoreError, open_store, upgrade_database
from cpiquote.store.location import database_url
from cpiquote.store.upgrades import config, head

NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def _first_schema_with_a_quote(url: str) -> None:
    """A library as the first schema (0001) left it, holding one quote of "ACME Ltd"."""
    engine = create_engine(database_url(url))
    with engine.connect() as connection:
        command.upgrade(config(connection), "0001")
        connection.commit()
        connection.execute(
            text(
                "INSERT INTO quotes (number, customer, author, status, latest_revision, currency, total_contract_value, valid_until, "
                "created_at, updated_at) VALUES ('Q-2026-00007', 'ACME Ltd', 'ann', 'draft', 1, 'USD', '47500.00', :day, :now, :now)"
            ),
            {"day": dt.date(2026, 3, 31), "now": NOW},
        )
        connection.commit()
    engine.dispose()


def test_a_sqlite_library_of_the_first_schema_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "quotes.sqlite3"
    _first_schema_with_a_quote(str(path))
    with open_store(str(path)) as store:
        assert [row.number for row in store.list_quotes(customer="acme")] == ["Q-2026-00007"]
    backup = tmp_path / f"quotes.sqlite3.before-schema-{head()}-from-0001"
    with closing(sqlite3.connect(backup)) as kept:
        assert kept.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert kept.execute("SELECT number, customer FROM quotes").fetchall() == [("Q-2026-00007", "ACME Ltd")]


def test_a_postgresql_library_of_the_first_schema_waits_for_db_upgrade(postgres_schema: tuple[str, str]) -> None:
    url = with_schema(*postgres_schema)
    _first_schema_with_a_quote(url)
    with pytest.raises(StoreError, match=r"holds schema version 0001; .* run `cpiquote db upgrade --database postgresql://"):
        open_store(url)
    assert upgrade_database(url) == ("0001", head())
    with open_store(url) as store:
        assert [row.customer for row in store.list_quotes(customer="acme")] == ["ACME Ltd"]


def test_a_newer_sqlite_schema_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "quotes.sqlite3"
    open_store(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match=r"written by a newer CPI Quote \(schema version 0099; .*update CPI Quote"):
        open_store(str(path))
    with pytest.raises(StoreError, match="newer CPI Quote"):
        upgrade_database(str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_newer_postgresql_schema_is_refused(postgres_schema: tuple[str, str]) -> None:
    url = with_schema(*postgres_schema)
    upgrade_database(url)
    engine = create_engine(database_url(url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="written by a newer CPI Quote"):
        open_store(url)
    assert postgres_url()


def _v1_document(customer: str, contact: str) -> str:
    """A revision's document as CPI Quote wrote it before schema 0003: a format 1 .cpiquote file."""
    scenario = {"name": "Scenario A", "values": {"interactions": "95,000"}, "request": None}
    return json.dumps({"format": "cpiquote", "format_version": 1, "customer": customer, "contact": contact, "pricebook": None,
                       "exported_scenario": "Scenario A", "scenarios": [scenario]})  # fmt: skip


def _second_schema_with_revisions(url: str) -> None:
    """A library as schema 0002 left it: ACME's quote in two revisions naming two contacts, and a quote naming nobody."""
    engine = create_engine(database_url(url))
    with engine.connect() as connection:
        command.upgrade(config(connection), "0002")
        connection.commit()
        connection.execute(text("INSERT INTO pricebooks VALUES ('ab12', 'Sample', '2026.1', 'sample.toml', 'x = 1', :now)"), {"now": NOW})
        for quote_id, customer in ((1, "ACME Ltd"), (2, "")):
            connection.execute(
                text(
                    "INSERT INTO quotes (id, number, customer, customer_search, author, status, latest_revision, currency, "
                    "total_contract_value, valid_until, created_at, updated_at) VALUES (:id, :number, :customer, :search, 'ann', "
                    "'draft', 2, 'USD', '47500.00', :day, :now, :now)"
                ),
                {"id": quote_id, "number": f"Q-2026-0000{quote_id}", "customer": customer, "search": customer.casefold(),
                 "day": dt.date(2026, 3, 31), "now": NOW},
            )  # fmt: skip
            for n, contact in ((1, "Ann Lee"), (2, "Bo Chen")):
                connection.execute(
                    text(
                        "INSERT INTO revisions (quote_id, n, status, author, document, pricebook_sha256, quotation, discount_percent, "
                        "approval_required, currency, total_contract_value, quote_date, valid_until, created_at) VALUES (:quote, :n, "
                        "'draft', 'ann', :document, 'ab12', '{}', '0', false, 'USD', '47500.00', :day, :day, :now)"
                    ),
                    {"quote": quote_id, "n": n, "document": _v1_document(customer, contact), "day": dt.date(2026, 3, 1), "now": NOW},
                )
        connection.commit()
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_upgrade_to_customers_keeps_every_quote_and_links_it_to_its_customer(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = str(tmp_path / "quotes.sqlite3") if backend == "sqlite" else with_schema(*request.getfixturevalue("postgres_schema"))
    _second_schema_with_revisions(url)
    assert upgrade_database(url) == ("0002", head())
    with open_store(url) as store:
        assert [(row.number, row.customer) for row in store.list_quotes()] == [("Q-2026-00002", ""), ("Q-2026-00001", "ACME Ltd")]
        assert store.customer("Q-2026-00001") == Customer("ACME Ltd", "", "", ("Ann Lee", "Bo Chen"))
        assert store.customer("Q-2026-00002") is None
        assert [row.number for row in store.list_quotes(customer="acme")] == ["Q-2026-00001"]
        old = store.get("Q-2026-00001", 1)
        assert (old.customer, old.document().contact, old.document().value(0, "notes")) == ("ACME Ltd", "Ann Lee", "")
        assert store.get("Q-2026-00001").document_json == _v1_document("ACME Ltd", "Bo Chen")  # byte for byte as stored
