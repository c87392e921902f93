"""Any usage file: a monthly file by its header, else a conversation log counted in the site's zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpiquote.usage import MonthUsage, UsageError, read_usage


def test_a_monthly_file_is_read_as_one_whatever_the_zone(tmp_path: Path) -> None:
    path = tmp_path / "monthly.csv"
    path.write_text("Month,Interactions\n2026-01,10\n")
    assert read_usage(path, None).by_month == (MonthUsage("2026-01", 10, None),)
    assert read_usage(path, "Asia/Kathmandu").by_month == (MonthUsage("2026-01", 10, None),)


def test_a_log_is_counted_in_the_zone_given(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    # 18:14Z and 18:15Z: 23:59 on the 10th and 00:00 on the 11th in Kathmandu (+05:45), one day in UTC.
    path.write_text("conversation_id,timestamp,author\nc1,2026-02-10T18:14:00Z,customer\nc1,2026-02-10T18:15:00Z,agent\n")
    assert read_usage(path, "Asia/Kathmandu").interactions == 2
    assert read_usage(path, "UTC", by_day=True).by_day[0].interactions == 1


def test_a_log_needs_the_sites_zone(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("conversation_id,timestamp,author\nc1,2026-02-10T18:14:00Z,customer\n")
    with pytest.raises(UsageError) as raised:
        read_usage(path, None)
    assert raised.value.field == "timezone"
    assert raised.value.reason == "log.csv is a conversation log: give the site's time zone to count it (such as Europe/Berlin)"
