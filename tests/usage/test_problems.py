"""How unreadable rows are named: their line, the field, its value (cut short), and what is wrong."""

from __future__ import annotations

from pathlib import Path

from cpiquote.usage.problems import row_problems, stop_message
from cpiquote.usage.source import open_log


def test_each_problem_is_named_with_its_line_and_value(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    long_author = "a customer who wrote a very long name into the author field"
    log.write_text(
        "conversation_id,timestamp,author\n"
        "c1,2026-05-01T10:00:00Z,customer\n"
        f"c2,2026-05-01T10:00:00Z,{long_author}\n"
        "c3,,agent\n"
        "c4,2026-03-08T02:30:00,agent\n"
    )
    assert row_problems(open_log(log), None) == [
        "line 3: author 'a customer who wrote a very long name in…' is not customer, agent, bot or system",
        "line 4: timestamp is empty",
        "line 5: timestamp '2026-03-08T02:30:00' has no UTC offset: say which time zone the log was recorded in",
    ]
    assert row_problems(open_log(log), "America/New_York", limit=1) == [
        "line 3: author 'a customer who wrote a very long name in…' is not customer, agent, bot or system"
    ]
    assert row_problems(open_log(log), "America/New_York")[-1] == (
        "line 5: timestamp '2026-03-08T02:30:00' never happened in America/New_York (the clocks went forward over it)"
    )


def test_the_stop_message_counts_what_it_does_not_name() -> None:
    assert stop_message(1, ["line 2: author is empty"]) == (
        "1 row cannot be read: line 2: author is empty. Correct it, or skip invalid rows to count without it"
    )
    assert stop_message(1200, ["line 2: a", "line 3: b"]) == (
        "1,200 rows cannot be read: line 2: a; line 3: b; and 1,198 more. Correct them, or skip invalid rows to count without them"
    )
