"""Counting a conversation log as the contract counts it: one interaction per conversation and local calendar day.

Every fixture is a few hand-written rows; the comments work out each expected count from the rules
(usage-and-renewals.md section 1), with the local times the site's zone gives each timestamp.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from cpiquote.pricing import PriceBook
from cpiquote.usage import DayUsage, Features, MonthUsage, UsageCancelled, UsageCount, UsageError, count_log
from cpiquote.usage import log as usage_log

HEADER = "conversation_id,timestamp,author,proactive"


def write_log(folder: Path, *rows: str, header: str = HEADER, name: str = "log.csv") -> Path:
    """A CSV log of these rows under the header."""
    path = folder / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def days(usage: UsageCount) -> dict[str, int]:
    """Interactions per local day, by ISO date."""
    return {day.day.isoformat(): day.interactions for day in usage.by_day}


def test_a_conversation_past_midnight_counts_again_the_next_day(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # c1 runs from 23:50 on the 15th into 00:10 on the 16th: 2 interactions, a multi-day conversation.
        "c1,2026-01-15T23:50:00+01:00,customer,",
        "c1,2026-01-16T00:10:00+01:00,agent,",
        # c2 writes three messages on the 15th: 1 interaction.
        "c2,2026-01-15T10:00:00+01:00,customer,",
        "c2,2026-01-15T11:00:00+01:00,bot,",
        "c2,2026-01-15T12:00:00+01:00,agent,",
    )
    usage = count_log(log, "Europe/Berlin", by_day=True)
    assert (usage.interactions, usage.conversations, usage.multi_day_conversations) == (3, 2, 1)
    assert days(usage) == {"2026-01-15": 2, "2026-01-16": 1}
    assert usage.by_month == (MonthUsage("2026-01", 3, None),)
    assert (usage.rows_read, usage.rows_skipped, usage.first_skipped, usage.credits) == (5, 0, None, None)


def test_the_day_is_the_sites_not_the_timestamps(tmp_path: Path) -> None:
    # 22:50Z and 23:10Z are both on the 15th in UTC, but 23:50 on the 15th and 00:10 on the 16th in Berlin (+01:00).
    log = write_log(tmp_path, "c1,2026-01-15T22:50:00Z,customer,", "c1,2026-01-15T23:10:00z,agent,")
    assert count_log(log, "Europe/Berlin").interactions == 2
    assert count_log(log, "UTC").interactions == 1


def test_offsets_other_than_the_sites_are_converted(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # 09:30+05:45 is 03:45Z, 23:45 on 31 May in New York (EDT, -04:00); 05:30+01:00 is 04:30Z, 00:30 on 1 June there.
        "c1,2026-06-01T09:30:00+05:45,customer,",
        "c1,2026-06-01T05:30:00+01:00,agent,",
        # A space for the T, fractions of a second and an offset without a colon read too: 12:00 on 1 June in New York.
        "c2,2026-06-01 16:00:00.250+0000,customer,",
    )
    usage = count_log(log, "America/New_York", by_day=True)
    assert days(usage) == {"2026-05-31": 1, "2026-06-01": 2}
    assert usage.by_month == (MonthUsage("2026-05", 1, None), MonthUsage("2026-06", 2, None))


def test_both_daylight_saving_changes_in_the_northern_hemisphere(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # Spring, 29 March 2026 (23 hours): 23:30Z on the 28th is 00:30 CET on the 29th; 22:30Z on the 29th is
        # 00:30 CEST on the 30th (at a fixed +01:00 it would wrongly be 23:30 on the 29th). 2 interactions.
        "spring,2026-03-28T23:30:00Z,customer,",
        "spring,2026-03-29T22:30:00Z,agent,",
        # Autumn, 25 October 2026 (25 hours): 22:30Z on the 24th is 00:30 CEST on the 25th; 00:30Z and 01:30Z are
        # both 02:30 on the 25th (the hour that happens twice); 22:30Z on the 25th is 23:30 CET, still the 25th;
        # 23:30Z is 00:30 on the 26th. 2 interactions: the 25th and the 26th.
        "autumn,2026-10-24T22:30:00Z,customer,",
        "autumn,2026-10-25T00:30:00Z,agent,",
        "autumn,2026-10-25T01:30:00Z,customer,",
        "autumn,2026-10-25T22:30:00Z,agent,",
        "autumn,2026-10-25T23:30:00Z,customer,",
    )
    usage = count_log(log, "Europe/Berlin", by_day=True)
    assert days(usage) == {"2026-03-29": 1, "2026-03-30": 1, "2026-10-25": 1, "2026-10-26": 1}
    assert (usage.interactions, usage.multi_day_conversations) == (4, 2)


def test_both_daylight_saving_changes_in_the_southern_hemisphere(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # Sydney's clocks go back on 5 April 2026 (25 hours): 13:30Z on the 4th is 00:30 AEDT (+11) on the 5th, and
        # 13:30Z on the 5th is 23:30 AEST (+10), still the 5th. 1 interaction.
        "april,2026-04-04T13:30:00Z,customer,",
        "april,2026-04-05T13:30:00Z,agent,",
        # They go forward on 4 October 2026 (23 hours): 13:30Z on the 3rd is 23:30 AEST on the 3rd, 14:30Z is 00:30
        # on the 4th, and 13:30Z on the 4th is 00:30 AEDT on the 5th. 3 interactions.
        "october,2026-10-03T13:30:00Z,customer,",
        "october,2026-10-03T14:30:00Z,agent,",
        "october,2026-10-04T13:30:00Z,customer,",
    )
    usage = count_log(log, "Australia/Sydney", by_day=True)
    assert days(usage) == {"2026-04-05": 1, "2026-10-03": 1, "2026-10-04": 1, "2026-10-05": 1}
    assert usage.by_month == (MonthUsage("2026-04", 1, None), MonthUsage("2026-10", 3, None))


@pytest.mark.parametrize(
    ("zone", "before_midnight", "at_midnight"),
    [
        ("Asia/Kathmandu", "2026-02-10T18:14:00Z", "2026-02-10T18:15:00Z"),  # +05:45: 23:59 on the 10th, 00:00 on the 11th
        ("Australia/Eucla", "2026-02-10T15:14:59Z", "2026-02-10T15:15:00Z"),  # +08:45: 23:59:59, then 00:00 on the 11th
    ],
)
def test_a_zone_with_a_45_minute_offset(tmp_path: Path, zone: str, before_midnight: str, at_midnight: str) -> None:
    log = write_log(tmp_path, f"c1,{before_midnight},customer,", f"c1,{at_midnight},agent,")
    assert days(count_log(log, zone, by_day=True)) == {"2026-02-10": 1, "2026-02-11": 1}


def test_proactive_conversations_count_from_the_first_customer_message(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # p1 (proactive): the bot writes on 1 and 2 May, the customer answers on the 3rd, an agent writes on the 3rd
        # and 4th. Counted from the 3rd: 2 interactions.
        "p1,2026-05-01T10:00:00Z,bot,true",
        "p1,2026-05-02T10:00:00Z,bot,",
        "p1,2026-05-03T09:00:00Z,customer,",
        "p1,2026-05-03T09:05:00Z,agent,",
        "p1,2026-05-04T10:00:00Z,agent,",
        # p2 (proactive, never answered): counts nothing.
        "p2,2026-05-01T10:00:00Z,bot,TRUE",
        "p2,2026-05-02T10:00:00Z,bot,false",
        # p3: only a later row says proactive ("1"); the customer answers on the 2nd: 1 interaction.
        "p3,2026-05-01T08:00:00Z,bot,0",
        "p3,2026-05-02T08:00:00Z,customer,1",
        # n1 (not proactive): a bot talks alone on the 1st; without the proactive flag that still counts: 1.
        "n1,2026-05-01T12:00:00Z,bot,false",
    )
    usage = count_log(log, "UTC", by_day=True)
    assert days(usage) == {"2026-05-01": 1, "2026-05-02": 1, "2026-05-03": 1, "2026-05-04": 1}
    assert (usage.interactions, usage.conversations, usage.multi_day_conversations, usage.proactive_without_reply) == (4, 3, 1, 1)


def test_a_proactive_conversation_counts_from_the_local_date_of_the_first_reply(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # In Berlin (CEST, +02:00) the bot writes at 23:00 on 2 May (21:00Z) and the customer answers at 00:30 on
        # 3 May (22:30Z on the 2nd). Counted from the 3rd only: 1 interaction, though both are 2 May in UTC.
        "p1,2026-05-02T21:00:00Z,bot,true",
        "p1,2026-05-02T22:30:00Z,customer,",
    )
    assert days(count_log(log, "Europe/Berlin", by_day=True)) == {"2026-05-03": 1}
    assert days(count_log(log, "UTC", by_day=True)) == {"2026-05-02": 1}


def test_system_rows_never_count(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # c1 talks on the 1st; its system rows on the 1st and the 2nd add nothing: 1 interaction.
        "c1,2026-05-01T10:00:00Z,customer,",
        "c1,2026-05-01T10:30:00Z,system,",
        "c1,2026-05-02T10:00:00Z,SYSTEM,",
        # s1 has only system rows: no interaction and no conversation.
        "s1,2026-05-03T10:00:00Z,System,",
        # Authors in any case: 1 interaction.
        "c2,2026-05-04T10:00:00Z,Customer,",
        "c2,2026-05-04T10:01:00Z,AGENT,",
    )
    usage = count_log(log, "UTC", by_day=True)
    assert days(usage) == {"2026-05-01": 1, "2026-05-04": 1}
    assert (usage.conversations, usage.multi_day_conversations, usage.rows_read) == (2, 0, 6)


BAD_ROWS = (
    "c1,2026-05-01T10:00:00Z,customer,",  # line 2: fine
    "c2,2026-13-01T10:00:00Z,customer,",  # line 3: no month 13
    "c3,2026-05-01T10:00:00Z,robot,",  # line 4: no such author
    ",2026-05-01T10:00:00Z,agent,",  # line 5: no conversation
    "c5,2026-05-01T10:00:00Z,agent,maybe",  # line 6: proactive neither true nor false
    "c6,2026-05-01T10:00:00,agent,",  # line 7: no offset
    "c7,2026-05-02T10:00:00Z,bot,",  # line 8: fine
)


def test_unreadable_rows_stop_the_count_naming_their_lines(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        count_log(write_log(tmp_path, *BAD_ROWS), "UTC")
    assert raised.value.field == "log.csv"
    assert raised.value.reason == (
        "5 rows cannot be read: "
        "line 3: timestamp '2026-13-01T10:00:00Z' is not ISO 8601 with a UTC offset "
        "(like 2026-03-08T01:30:00-05:00 or 2026-03-08T06:30:00Z); "
        "line 4: author 'robot' is not customer, agent, bot or system; "
        "line 5: conversation_id is empty; "
        "line 6: proactive 'maybe' is not true, false, 1, 0 or empty; "
        "line 7: timestamp '2026-05-01T10:00:00' has no UTC offset: say which time zone the log was recorded in. "
        "Correct them, or skip invalid rows to count without them"
    )


def test_a_stopped_count_names_ten_lines_and_counts_the_rest(tmp_path: Path) -> None:
    rows = [f"c{line},not a time,customer," for line in range(2, 14)]  # lines 2 to 13: twelve bad rows
    with pytest.raises(UsageError) as raised:
        count_log(write_log(tmp_path, *rows), "UTC")
    reason = raised.value.reason
    assert reason.startswith("12 rows cannot be read: line 2: timestamp 'not a time' is not ISO 8601")
    assert "line 11:" in reason and "line 12:" not in reason and "; and 2 more." in reason


def test_skip_invalid_counts_the_readable_rows_and_reports_the_rest(tmp_path: Path) -> None:
    usage = count_log(write_log(tmp_path, *BAD_ROWS), "UTC", skip_invalid=True)
    # c1 on 1 May and c7 on 2 May: 2 interactions; the five bad rows are read, skipped and reported.
    assert (usage.interactions, usage.conversations, usage.rows_read, usage.rows_skipped) == (2, 2, 7, 5)
    assert usage.first_skipped is not None and usage.first_skipped.startswith("line 3: timestamp '2026-13-01T10:00:00Z' is not ISO 8601")


def test_blank_lines_are_not_rows(tmp_path: Path) -> None:
    log = write_log(tmp_path, "c1,2026-05-01T10:00:00Z,customer,", "", "c2,2026-05-01T10:00:00Z,customer,", "")
    usage = count_log(log, "UTC")
    assert (usage.interactions, usage.rows_read, usage.rows_skipped) == (2, 2, 0)


def test_quoted_empty_fields_are_empty(tmp_path: Path) -> None:
    # polars and spreadsheets write an empty text as "": an empty proactive field is "not proactive" (1 interaction);
    # an empty conversation id, timestamp or author is missing.
    log = write_log(
        tmp_path, 'c1,2026-05-01T10:00:00Z,customer,""', '"",2026-05-01T10:00:00Z,agent,', 'c2,"",agent,', 'c3,2026-05-01T10:00:00Z,"",'
    )
    with pytest.raises(UsageError) as raised:
        count_log(log, "UTC")
    assert "line 3: conversation_id is empty; line 4: timestamp is empty; line 5: author is empty." in raised.value.reason
    assert count_log(log, "UTC", skip_invalid=True).interactions == 1


def test_a_row_without_its_last_fields_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"1 row cannot be read: line 2: author is empty\. Correct it"):
        count_log(write_log(tmp_path, "c1,2026-05-01T10:00:00Z"), "UTC")


def test_naive_timestamps_are_read_in_the_zone_the_log_was_recorded_in(tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        # Recorded in New York (EST, -05:00): 19:30 on 7 March is 00:30Z on the 8th, 01:30 on the 8th in Berlin.
        "c1,2026-03-07T19:30:00,customer,",
        "c1,2026-03-07 18:00:00,agent,",  # 23:00Z on the 7th: 00:00 on the 8th in Berlin
        "c2,2026-03-07T12:00:00-05:00,customer,",  # a timestamp with its offset is read as written: 18:00 on the 7th
    )
    with pytest.raises(UsageError, match="line 2: timestamp '2026-03-07T19:30:00' has no UTC offset"):
        count_log(log, "Europe/Berlin")
    usage = count_log(log, "Europe/Berlin", recorded_in="America/New_York", by_day=True)
    assert days(usage) == {"2026-03-07": 1, "2026-03-08": 1}


def test_a_recorded_time_the_clocks_skipped_is_unreadable(tmp_path: Path) -> None:
    # New York's clocks go from 02:00 to 03:00 on 8 March 2026: 02:30 never happened there.
    log = write_log(tmp_path, "c1,2026-03-08T02:30:00,customer,")
    with pytest.raises(UsageError, match=r"line 2: timestamp '2026-03-08T02:30:00' never happened in America/New_York"):
        count_log(log, "America/New_York", recorded_in="America/New_York")


def test_parquet_counts_as_the_same_log_in_csv(tmp_path: Path) -> None:
    csv = write_log(
        tmp_path,
        "c1,2026-01-15T23:50:00+01:00,customer,",
        "c1,2026-01-16T00:10:00+01:00,agent,",
        "p1,2026-01-16T10:00:00Z,bot,true",
        "p2,2026-01-16T10:00:00Z,bot,true",
        "p2,2026-01-17T10:00:00Z,customer,",
        "s1,2026-01-17T10:00:00Z,system,",
    )
    parquet = tmp_path / "log.parquet"
    pl.read_csv(csv, infer_schema=False).write_parquet(parquet)
    as_csv = count_log(csv, "Europe/Berlin", by_day=True)
    assert as_csv.interactions == 3  # c1 on the 15th and 16th, p2 from the 17th; p1 never answered
    assert count_log(parquet, "Europe/Berlin", by_day=True) == as_csv


def test_parquet_with_typed_columns_counts_the_same(tmp_path: Path) -> None:
    frame = pl.DataFrame(
        {
            "Conversation_Id": [101, 101, 202, 202],  # numbers as ids
            "TIMESTAMP": [dt.datetime(2026, 1, 15, 22, 50), dt.datetime(2026, 1, 15, 23, 10), dt.datetime(2026, 1, 16, 9), None],
            "author": ["customer", "agent", "bot", "bot"],
            "proactive": [False, None, True, True],
        },
        schema_overrides={"TIMESTAMP": pl.Datetime("us", "UTC")},
    )
    frame.write_parquet(tmp_path / "typed.parquet")
    # 101: 23:50 on the 15th and 00:10 on the 16th in Berlin: 2. 202: proactive, never answered: 0. Its second row
    # has no timestamp: row 4 (Parquet rows count from 1, there is no header line).
    with pytest.raises(UsageError, match="1 row cannot be read: row 4: timestamp is empty"):
        count_log(tmp_path / "typed.parquet", "Europe/Berlin")
    usage = count_log(tmp_path / "typed.parquet", "Europe/Berlin", skip_invalid=True)
    assert (usage.interactions, usage.proactive_without_reply, usage.rows_skipped) == (2, 1, 1)


def test_credits_are_rounded_up_per_month_and_in_total(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    log = write_log(tmp_path, "c1,2026-01-10T10:00:00Z,customer,", "c2,2026-02-10T10:00:00Z,customer,")
    # Intent Manager alone: 1 + 0.2 = 1.2 credits per interaction. Each month: ceil(1 x 1.2) = 2; the total is
    # ceil(2 x 1.2) = ceil(2.4) = 3, not the months' 2 + 2.
    usage = count_log(log, "UTC", pricebook=sample_pricebook, features=Features(intent_manager=True), by_day=True)
    assert usage.by_month == (MonthUsage("2026-01", 1, 2), MonthUsage("2026-02", 1, 2))
    assert usage.by_day[0] == DayUsage(dt.date(2026, 1, 10), 1, 2)
    assert (usage.interactions, usage.credits) == (2, 3)
    # Generative AI, Intent Manager and Performance Optimizer: 1.5 + 0.2 + 0.05 = 1.75; ceil(2 x 1.75) = 4.
    everything = Features(generative_ai=True, intent_manager=True, performance_optimizer=True)
    assert count_log(log, "UTC", pricebook=sample_pricebook, features=everything).credits == 4
    assert count_log(log, "UTC", pricebook=sample_pricebook).credits is None  # no features, no credits


def test_an_unknown_zone_is_named(tmp_path: Path) -> None:
    log = write_log(tmp_path, "c1,2026-01-10T10:00:00Z,customer,")
    with pytest.raises(UsageError) as raised:
        count_log(log, "Mars/Olympus_Mons")
    assert (raised.value.field, raised.value.reason.split(";")[0]) == ("timezone", "'Mars/Olympus_Mons' is not a time zone")
    with pytest.raises(UsageError) as raised:
        count_log(log, "UTC", recorded_in="Europe/Atlantis")
    assert raised.value.field == "recorded_in" and "'Europe/Atlantis'" in raised.value.reason
    with pytest.raises(UsageError, match="'' is not a time zone"):
        count_log(log, "")


def test_a_log_with_a_header_and_no_rows_counts_nothing(tmp_path: Path) -> None:
    usage = count_log(write_log(tmp_path), "UTC", by_day=True)
    assert usage == UsageCount(0, None, 0, 0, 0, 0, 0, None, (), ())


def test_progress_rises_to_one_and_the_count_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usage_log, "BATCH_ROWS", 2)  # small batches, merged as they come, as a large log's are
    monkeypatch.setattr(usage_log, "MERGE_ROWS", 3)
    rows = [f"c{n % 3},2026-01-{10 + n % 4}T10:00:{n:02d}Z,customer," for n in range(12)]
    log = write_log(tmp_path, *rows)
    reported: list[float] = []
    usage = count_log(log, "UTC", by_day=True, progress=reported.append)
    assert usage == count_log(log, "UTC", by_day=True)
    # c0 writes on the 10th, 13th, 12th and 11th (n = 0, 3, 6, 9 -> day 10 + n % 4), and so on: each of the 3
    # conversations writes on all 4 days: 12 interactions.
    assert usage.interactions == 12
    assert len(reported) >= 4 and reported == sorted(reported) and (reported[0], reported[-1]) == (0.0, 1.0)


def test_cancel_stops_the_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usage_log, "BATCH_ROWS", 2)
    log = write_log(tmp_path, *(f"c{n},2026-01-10T10:00:00Z,customer," for n in range(10)))
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2  # the person presses Cancel while the log is being read

    with pytest.raises(UsageCancelled):
        count_log(log, "UTC", cancelled=cancelled)
    assert len(asked) == 2


def test_a_missing_or_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot be read: there is no such file") as raised:
        count_log(tmp_path / "missing.csv", "UTC")
    assert raised.value.field == "missing.csv"
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(UsageError, match="is empty: a conversation log starts with a header row"):
        count_log(tmp_path / "empty.csv", "UTC")
    (tmp_path / "log.txt").write_text(HEADER)
    with pytest.raises(UsageError, match=r"is not a conversation log: name it \.csv or \.parquet"):
        count_log(tmp_path / "log.txt", "UTC")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(UsageError, match=r"cannot be read: ") as raised:
        count_log(tmp_path / "bad.parquet", "UTC")
    assert raised.value.field == "bad.parquet"
