"""Which database is used, and URLs shown without their passwords."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpiquote.store import StoreError
from cpiquote.store.location import ENVIRONMENT_VARIABLE, database_url, default_database_path, masked, masked_text


def test_the_default_is_a_sqlite_file_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    url = database_url(None)
    assert url.get_backend_name() == "sqlite"
    assert Path(str(url.database)) == default_database_path()
    assert default_database_path().name == "quotes.sqlite3"


def test_the_environment_chooses_when_no_url_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "postgresql://sales@db.example.com/quotes")
    assert database_url(None).render_as_string() == "postgresql+psycopg://sales@db.example.com/quotes"
    assert database_url("/tmp/mine.sqlite3").database == "/tmp/mine.sqlite3"


def test_passwords_are_masked() -> None:
    url = database_url("postgresql://sales:s3cret@db.example.com:5433/quotes?sslmode=require")
    assert masked(url) == "postgresql://sales:***@db.example.com:5433/quotes?sslmode=require"
    assert masked_text("postgresql://sales:s3cret@db:bad:port/x") == "postgresql://sales:***@db:bad:port/x"


def test_an_unusable_url_is_refused_without_its_password() -> None:
    with pytest.raises(StoreError, match=r"mysql://sales:\*\*\*@db/quotes cannot hold the quote library; give sqlite:///FILE"):
        database_url("mysql://sales:s3cret@db/quotes")
