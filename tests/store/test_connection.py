"""A damaged database costs nothing: missing files are created, anything else is refused untouched, locks are named."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest
from store_helpers import postgres_url, priced, save

from cpiquote.store import StoreError, open_store


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_missing_database_file_is_created_with_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "quotes.sqlite3"
    with open_store(str(path)) as store:
        assert save(store, priced()).revision == 1
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.parametrize(
    "content",
    [b"Quarterly report\nnot a database at all\n" * 40, b"SQLite format 3\x00" + bytes(range(256)) * 40],
    ids=["text file", "damaged database"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_byte_for_byte(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "quotes.sqlite3"
    path.write_bytes(content)
    before = _hash(path)
    with pytest.raises(StoreError, match=f"{path} is (not a CPI Quote database|damaged).*left untouched"):
        open_store(str(path))
    assert _hash(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.sqlite3"]


def test_another_programs_database_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE photos (name TEXT)")
    connection.close()
    before = _hash(path)
    with pytest.raises(StoreError, match="another program's database, not CPI Quote's"):
        open_store(str(path))
    assert _hash(path) == before


def test_a_locked_database_waits_briefly_then_says_so(tmp_path: Path) -> None:
    path = tmp_path / "quotes.sqlite3"
    store = open_store(str(path), timeout=0.5)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing
    started = time.monotonic()
    try:
        with pytest.raises(StoreError, match=r"is locked: another program .* holds it; waited 0.5 s; try again"):
            save(store, priced())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert 0.4 < time.monotonic() - started < 5
    assert save(store, priced()).number.endswith("00001")  # nothing was half-written
    store.close()


def test_a_postgresql_password_never_appears_in_a_message() -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url()).set(password="Sup3r-Secret-pw")
    with pytest.raises(StoreError) as raised:
        open_store(url.render_as_string(hide_password=False), timeout=2)
    assert "Sup3r-Secret-pw" not in str(raised.value)
    assert "cannot connect to postgresql://" in str(raised.value)
    assert ":***@" in str(raised.value)
