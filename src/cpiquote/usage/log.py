"""Counting a conversation log: one interaction per conversation and local calendar day (usage-and-renewals.md 1).

The log is read once by polars' streaming engine and cut down to one row per (conversation, local date) with what
the rules need of it. That is far fewer rows than messages (a conversation writes many messages a day), so memory
stays bounded. The per-conversation rules (proactive ones from the first customer message) then run on those rows.
For the window the log is read in batches, so the count can report its progress and stop when cancelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from cpiquote.usage import source
from cpiquote.usage.model import DayUsage, Features, MonthUsage, UsageCancelled, UsageCount, credits_for, credits_per_interaction
from cpiquote.usage.problems import SHOWN, row_problems, stop_message
from cpiquote.usage.source import AUTHOR_WORDS, LogFile

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook

BATCH_ROWS = 250_000
MERGE_ROWS = 4_000_000  # batch rows held before they are merged, so a log of any length fits in memory
READING_SHARE = 0.9  # of the progress bar: reading the log is nearly all the work
SAMPLE_BYTES = 1 << 20  # of a CSV file, to estimate its rows for the progress bar

# What a (conversation, day) row holds, as bits: any of its messages not a system one, any from the customer, any
# saying the conversation is proactive. Bits merge with one bitwise or, batch after batch.
MESSAGE, CUSTOMER, PROACTIVE = 1, 2, 4


@dataclass(frozen=True)
class Steps:
    """The caller's progress report and cancel button."""

    progress: Callable[[float], None] | None = None
    cancelled: Callable[[], bool] | None = None

    def report(self, fraction: float) -> None:
        """Say how far the count is, from 0 to 1."""
        if self.progress is not None:
            self.progress(fraction)

    def check(self) -> None:
        """Stop the count (UsageCancelled) when the person has cancelled it."""
        if self.cancelled is not None and self.cancelled():
            raise UsageCancelled("the count was cancelled")


def count_log(
    path: str | Path,
    timezone: str,
    *,
    recorded_in: str | None = None,
    skip_invalid: bool = False,
    by_day: bool = False,
    pricebook: PriceBook | None = None,
    features: Features | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UsageCount:
    """Count a conversation log (CSV or Parquet, by suffix) in the site's IANA time zone.

    Credits are counted when the price book and the features are both given. Unreadable rows stop the count with
    UsageError naming up to ten of them, or with `skip_invalid` are left out and reported. `progress(fraction)` and
    `cancelled()` are called on the calling thread, between batches of the log; `cancelled()` returning True stops
    the count with UsageCancelled.
    """
    steps = Steps(progress, cancelled)
    steps.report(0.0)
    site = source.check_zone(timezone, "timezone")
    recorded = None if recorded_in is None else source.check_zone(recorded_in, "recorded_in")
    log = source.open_log(path)
    pairs = _read(log, site, recorded, steps)
    rows_read, unreadable = int(pairs["rows"].sum()), int(pairs.filter(pl.col("date").is_null())["rows"].sum())
    first_skipped = None
    if unreadable:
        steps.check()
        problems = row_problems(log, recorded, limit=1 if skip_invalid else SHOWN)
        if not skip_invalid:
            raise log.error(stop_message(unreadable, problems))
        first_skipped = problems[0]
    steps.check()
    count = _tally(pairs.filter(pl.col("date").is_not_null()), credits_per_interaction(pricebook, features), by_day)
    steps.report(1.0)
    return replace(count, rows_read=rows_read, rows_skipped=unreadable, first_skipped=first_skipped)


def _rows(log: LogFile, site: str, recorded_in: str | None) -> pl.LazyFrame:
    """Each message as (conversation, local date, bits); the date is null when the row cannot be read.

    Every field is worked out once in a first step and the rules applied in a second: polars then reads each value once.
    """
    says_proactive, proactive_readable = source.proactive(log)
    fields = (
        source.scan(log)
        .filter(~source.blank())
        .select(
            conversation=source.conversation(),
            instant=source.timestamp_utc(log, recorded_in),
            author=source.author(),
            proactive=says_proactive,
            proactive_readable=proactive_readable,
        )
    )
    readable = (
        pl.col("conversation").is_not_null()
        & pl.col("instant").is_not_null()
        & pl.col("author").is_in(AUTHOR_WORDS)
        & pl.col("proactive_readable")
    )
    bits = (
        (~pl.col("author").is_in(source.SYSTEM_WORDS)).cast(pl.UInt8) * MESSAGE
        | pl.col("author").is_in(source.CUSTOMER_WORDS).cast(pl.UInt8) * CUSTOMER
        | pl.col("proactive").cast(pl.UInt8) * PROACTIVE
    )
    return fields.select("conversation", date=pl.when(readable).then(pl.col("instant").dt.convert_time_zone(site).dt.date()), bits=bits)


def _per_day(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Rows merged to one per (conversation, date): how many rows, and their bits together."""
    return rows.group_by("conversation", "date").agg(rows=pl.len().cast(pl.Int64), bits=pl.col("bits").bitwise_or())


def _merged(parts: list[pl.DataFrame]) -> pl.DataFrame:
    """Batches' (conversation, date) rows merged into one row each."""
    return pl.concat(parts).group_by("conversation", "date").agg(pl.col("rows").sum(), pl.col("bits").bitwise_or())


def _read(log: LogFile, site: str, recorded_in: str | None, steps: Steps) -> pl.DataFrame:
    """The log read into one row per (conversation, local date); unreadable rows under a null date.

    Without a progress report or cancel button to serve (the command line), the log is read in one streaming query,
    the fastest way; with them (the window), in batches, each reported and each a chance to stop.
    """
    rows = _rows(log, site, recorded_in)
    try:
        if steps.progress is None and steps.cancelled is None:
            return _per_day(rows).collect(engine="streaming")
        return _read_in_batches(rows, _expected_rows(log), steps)
    except (OSError, pl.exceptions.PolarsError) as error:
        raise source.file_error(log.path, error) from None


def _read_in_batches(rows: pl.LazyFrame, expected: int, steps: Steps) -> pl.DataFrame:
    """The rows merged batch by batch, with the progress reported and the cancel button checked after each batch."""
    parts = [_per_day(rows.clear()).collect()]  # a log without rows still has its columns
    seen = 0
    for batch in rows.collect_batches(chunk_size=BATCH_ROWS, maintain_order=False):
        steps.check()
        parts.append(_per_day(batch.lazy()).collect())
        seen += batch.height
        if sum(part.height for part in parts) > MERGE_ROWS:
            parts = [_merged(parts)]
        steps.report(READING_SHARE * min(seen / max(expected, 1), 1.0))
    return _merged(parts)


def _expected_rows(log: LogFile) -> int:
    """About how many rows the log has: exact for Parquet (its metadata says), estimated from a CSV file's start."""
    if log.parquet:
        return int(pl.scan_parquet(log.path).select(pl.len()).collect().item())
    size = log.path.stat().st_size
    with log.path.open("rb") as file:
        sample = file.read(SAMPLE_BYTES)
    lines = max(sample.count(b"\n"), 1)
    return lines - 1 if len(sample) == size else size * lines // len(sample)


def _tally(pairs: pl.DataFrame, rate: Decimal | None, by_day: bool) -> UsageCount:
    """The counts from readable (conversation, date) rows: the proactive rule, then totals, months and days.

    The rows read and skipped are the caller's to fill in.
    """
    has = pl.col("bits")
    conversations = pairs.group_by("conversation").agg(
        proactive=(has & PROACTIVE != 0).any(), first_customer=pl.col("date").filter(has & CUSTOMER != 0).min()
    )
    # A proactive conversation counts from the local date of its first customer message; one never answered, not at all.
    counted = (
        pairs.filter(has & MESSAGE != 0)
        .join(conversations, on="conversation")
        .filter(~pl.col("proactive") | (pl.col("date") >= pl.col("first_customer")))
    )
    days_per_conversation = counted.group_by("conversation").len()
    unanswered = conversations.filter(pl.col("proactive") & pl.col("first_customer").is_null())
    return UsageCount(
        interactions=counted.height,
        credits=credits_for(counted.height, rate),
        conversations=days_per_conversation.height,
        multi_day_conversations=days_per_conversation.filter(pl.col("len") > 1).height,
        proactive_without_reply=unanswered.height,
        rows_read=0,
        rows_skipped=0,
        first_skipped=None,
        by_month=_months(counted, rate),
        by_day=_days(counted, rate) if by_day else (),
    )


def _months(counted: pl.DataFrame, rate: Decimal | None) -> tuple[MonthUsage, ...]:
    """Interactions (and credits) per local calendar month, in month order."""
    months = counted.group_by(month=pl.col("date").dt.strftime("%Y-%m")).len().sort("month")
    return tuple(MonthUsage(month, count, credits_for(count, rate)) for month, count in months.iter_rows())


def _days(counted: pl.DataFrame, rate: Decimal | None) -> tuple[DayUsage, ...]:
    """Interactions (and credits) per local calendar day, in day order."""
    days = counted.group_by("date").len().sort("date")
    return tuple(DayUsage(day, count, credits_for(count, rate)) for day, count in days.iter_rows() if isinstance(day, dt.date))
