"""Rows of a conversation log that cannot be read: where they are and why, in words a person can act on.

Only read when the count found such rows, so the common case (a clean log) reads the file once.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from cpiquote.usage import source
from cpiquote.usage.source import AUTHOR_WORDS, LogFile

SHOWN = 10  # rows a stopped count names; the rest are counted
VALUE_CHARACTERS = 40

REASONS = {
    "no_conversation": "conversation_id is empty",
    "no_timestamp": "timestamp is empty",
    "no_author": "author is empty",
    "author": "author {author} is not customer, agent, bot or system",
    "proactive": "proactive {proactive} is not true, false, 1, 0 or empty",
    "timestamp": "timestamp {timestamp} is not ISO 8601 with a UTC offset (like 2026-03-08T01:30:00-05:00 or 2026-03-08T06:30:00Z)",
    "naive": "timestamp {timestamp} has no UTC offset: say which time zone the log was recorded in",
    "gap": "timestamp {timestamp} never happened in {zone} (the clocks went forward over it)",
}


def row_problems(log: LogFile, recorded_in: str | None, limit: int = SHOWN) -> list[str]:
    """The first `limit` unreadable rows, each as "line 17: timestamp '2026-13-01' is not ISO 8601 ..."."""
    rows = source.scan(log, numbered=True)
    raw = {name: pl.col(name).cast(pl.String) for name in log.columns}
    found = (
        rows.filter(~source.blank())
        .select("line", problem=_problem(log, recorded_in), **raw)
        .filter(pl.col("problem").is_not_null())
        .head(limit)
        .collect()
    )
    return [_sentence(log, recorded_in, row) for row in found.iter_rows(named=True)]


def _problem(log: LogFile, recorded_in: str | None) -> pl.Expr:
    """What is wrong with a row, as a key of REASONS; null when it can be read."""
    _, readable_proactive = source.proactive(log)
    timestamp = source.timestamp_utc(log, recorded_in)
    wall_clock = source.naive_text().is_not_null() if log.types["timestamp"] == pl.String else pl.lit(True)
    return (
        pl.when(source.conversation().is_null())
        .then(pl.lit("no_conversation"))
        .when(source.empty("timestamp"))
        .then(pl.lit("no_timestamp"))
        .when(source.empty("author"))
        .then(pl.lit("no_author"))
        .when(~source.author().is_in(AUTHOR_WORDS))
        .then(pl.lit("author"))
        .when(~readable_proactive)
        .then(pl.lit("proactive"))
        .when(timestamp.is_null() & wall_clock)
        .then(pl.lit("naive" if recorded_in is None else "gap"))
        .when(timestamp.is_null())
        .then(pl.lit("timestamp"))
    )


def _sentence(log: LogFile, recorded_in: str | None, row: dict[str, Any]) -> str:
    """One unreadable row in words, its line first."""
    values = {name: _shown(row.get(name)) for name in ("author", "proactive", "timestamp")}
    reason = REASONS[str(row["problem"])].format(zone=recorded_in, **values)
    return f"{log.where(int(row['line']))}: {reason}"


def _shown(value: object) -> str:
    """A field's value quoted, cut short when long (a shifted row can put a whole message in one field)."""
    text = "" if value is None else str(value)
    return repr(text if len(text) <= VALUE_CHARACTERS else text[:VALUE_CHARACTERS] + "…")


def stop_message(unreadable: int, problems: list[str]) -> str:
    """Why the count stopped: how many rows cannot be read and the first of them, on one line."""
    rows = "1 row cannot be read" if unreadable == 1 else f"{unreadable:,} rows cannot be read"
    more = unreadable - len(problems)
    tail = f"; and {more:,} more" if more > 0 else ""
    them = "it" if unreadable == 1 else "them"
    return f"{rows}: {'; '.join(problems)}{tail}. Correct {them}, or skip invalid rows to count without {them}"
