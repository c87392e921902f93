"""Reading a conversation log's columns: names in any case and order, other columns ignored, types checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from cpiquote.usage import UsageError, count_log
from cpiquote.usage.source import any_case, check_zone, open_log


def test_columns_match_in_any_case_and_order_and_others_are_ignored(tmp_path: Path) -> None:
    log = tmp_path / "export.csv"
    # A spreadsheet's export: a byte-order mark, Windows line ends, capitals, extra columns, a row with a field more.
    log.write_bytes(
        "\ufeffChannel,AUTHOR,Message,Timestamp,Conversation_ID\r\n"
        "web,Customer,hello,2026-05-01T10:00:00Z,c1\r\n"
        'web,agent,"hi, how can I help?",2026-05-02T10:00:00Z,c1,extra\r\n'.encode()
    )
    assert open_log(log).columns == {"author": "AUTHOR", "timestamp": "Timestamp", "conversation_id": "Conversation_ID"}
    usage = count_log(log, "UTC")
    assert (usage.interactions, usage.multi_day_conversations, usage.rows_read) == (2, 1, 2)


def test_a_missing_column_is_named_with_the_columns_there_are(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("conversation,timestamp,author\nc1,2026-05-01T10:00:00Z,customer\n")
    with pytest.raises(UsageError) as raised:
        open_log(log)
    assert raised.value.field == "log.csv"
    assert raised.value.reason == (
        "has no conversation_id column (its columns: conversation, timestamp, author); a log needs conversation_id, timestamp, author"
    )


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("conversation_id,timestamp,author,Author\nc1,2026-05-01T10:00:00Z,customer,bot\n")
    with pytest.raises(UsageError, match="has two author columns \\('author' and 'Author'\\); keep one"):
        open_log(log)


def test_parquet_timestamps_without_a_zone_need_the_zone_they_were_recorded_in(tmp_path: Path) -> None:
    path = tmp_path / "naive.parquet"
    # 23:30 on 7 March in New York (EST, -05:00) is 04:30Z on the 8th: 05:30 on the 8th in Berlin.
    pl.DataFrame({"conversation_id": ["c1"], "timestamp": [dt.datetime(2026, 3, 7, 23, 30)], "author": ["customer"]}).write_parquet(path)
    with pytest.raises(UsageError, match="has timestamps without a time zone: say which zone the log was recorded in"):
        count_log(path, "Europe/Berlin")
    usage = count_log(path, "Europe/Berlin", recorded_in="America/New_York", by_day=True)
    assert [day.day for day in usage.by_day] == [dt.date(2026, 3, 8)]


def test_timestamps_that_are_not_times_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "numbers.parquet"
    pl.DataFrame({"conversation_id": ["c1"], "timestamp": [1_770_000_000], "author": ["customer"]}).write_parquet(path)
    with pytest.raises(UsageError, match="has a timestamp column of Int64 values: write ISO 8601 timestamps"):
        count_log(path, "UTC")


def test_zones_are_iana_names() -> None:
    assert check_zone(" Asia/Kathmandu ", "timezone") == "Asia/Kathmandu"
    for wrong in ("+05:45", "Berlin", "europe/berlin", " "):
        with pytest.raises(UsageError) as raised:
            check_zone(wrong, "timezone")
        assert raised.value.field == "timezone" and "give an IANA name such as Europe/Berlin" in raised.value.reason


def test_any_case_writes_a_word_every_way() -> None:
    assert sorted(any_case("bot")) == ["BOT", "BOt", "BoT", "Bot", "bOT", "bOt", "boT", "bot"]
    assert len(any_case("customer", "agent", "bot", "system")) == 256 + 32 + 8 + 64
