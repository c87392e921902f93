"""A conversation log as the counting rules read it: its columns found by name, each field read and checked.

CSV (every field read as text) or Parquet (text or typed columns), by the file's suffix. Column names match in any
case and order; other columns are never read.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from cpiquote.usage.model import UsageError

REQUIRED = ("conversation_id", "timestamp", "author")
OPTIONAL = ("proactive",)


def any_case(*words: str) -> list[str]:
    """Every way of writing the words in upper and lower case ("bot", "Bot", ... "BOT").

    Matching these as they are is a hash look-up per row; lower-casing every row first costs a new string per row.
    """
    return ["".join(letters) for word in words for letters in itertools.product(*({c.lower(), c.upper()} for c in word))]


AUTHOR_WORDS = any_case("customer", "agent", "bot", "system")
SYSTEM_WORDS = any_case("system")
CUSTOMER_WORDS = any_case("customer")
PROACTIVE_TRUE = [*any_case("true"), "1"]
PROACTIVE_WORDS = [*any_case("true", "false"), "1", "0", ""]  # "" quoted is empty too
SUFFIXES = (".csv", ".parquet")
# ISO 8601 with an offset or Z, a T or a space between date and time, seconds and optional fractions.
AWARE_FORMAT = "%+"
NAIVE_FORMATS = ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f")


@dataclass(frozen=True)
class LogFile:
    """An opened log: where it is, its kind, and its columns (the rules' names to the file's own)."""

    path: Path
    parquet: bool
    columns: Mapping[str, str]
    types: Mapping[str, pl.DataType]

    @property
    def name(self) -> str:
        """The file's name, as messages name it."""
        return self.path.name

    def where(self, number: int) -> str:
        """A row's place as a person finds it: "line 17" in a CSV file (the header is line 1), "row 16" in Parquet."""
        return f"row {number}" if self.parquet else f"line {number}"

    def error(self, reason: str) -> UsageError:
        """An error about this file."""
        return UsageError(self.name, reason)


def file_error(path: Path, problem: BaseException) -> UsageError:
    """A file that polars or the system could not read, in one line."""
    text = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    if isinstance(problem, FileNotFoundError):
        text = "there is no such file"
    return UsageError(path.name, f"cannot be read: {text}")


def check_zone(zone: str, field: str) -> str:
    """An IANA time zone name as polars knows it, or UsageError naming it ("Mars/Base" is no zone)."""
    name = zone.strip()
    probe = pl.Series([0], dtype=pl.Datetime("us", "UTC"))
    try:
        if not name:
            raise pl.exceptions.ComputeError("empty")
        probe.dt.convert_time_zone(name)
    except pl.exceptions.PolarsError:
        raise UsageError(field, f"{zone!r} is not a time zone; give an IANA name such as Europe/Berlin or America/New_York") from None
    return name


def open_log(path: str | Path) -> LogFile:
    """The log at `path` with its columns found; UsageError when it cannot be read or a required column is missing."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(path.name, "is not a conversation log: name it .csv or .parquet")
    parquet = path.suffix.lower() == ".parquet"
    try:
        scan = pl.scan_parquet(path) if parquet else pl.scan_csv(path, infer_schema=False)
        schema = scan.collect_schema()
    except pl.exceptions.NoDataError:
        raise UsageError(path.name, f"is empty: a conversation log starts with a header row ({','.join(REQUIRED)})") from None
    except (OSError, pl.exceptions.PolarsError) as error:
        raise file_error(path, error) from None
    columns = _match_columns(path.name, list(schema.names()))
    return LogFile(path, parquet, columns, {rule: schema[actual] for rule, actual in columns.items()})


def _match_columns(name: str, actual: list[str]) -> dict[str, str]:
    """The rules' column names to the file's, matched in any case; a missing or doubled column is an error."""
    found: dict[str, str] = {}
    for column in actual:
        key = column.strip().lower()
        if key in REQUIRED + OPTIONAL:
            if key in found:
                raise UsageError(name, f"has two {key} columns ({found[key]!r} and {column!r}); keep one")
            found[key] = column
    for rule in REQUIRED:
        if rule not in found:
            raise UsageError(name, f"has no {rule} column (its columns: {', '.join(actual)}); a log needs {', '.join(REQUIRED)}")
    return found


def scan(log: LogFile, *, numbered: bool = False) -> pl.LazyFrame:
    """The log's rows with the rules' column names; `numbered` adds each row's line (CSV) or row (Parquet) number."""
    if log.parquet:
        frame = pl.scan_parquet(log.path)
    else:
        # A row shorter than the header has empty fields (a missing field); fields past the header's are ignored.
        frame = pl.scan_csv(log.path, infer_schema=False, truncate_ragged_lines=True)
    columns = frame.select(*(pl.col(actual).alias(rule) for rule, actual in log.columns.items()))
    return columns.with_row_index("line", offset=1 if log.parquet else 2) if numbered else columns


def blank() -> pl.Expr:
    """A row whose every field the rules read is empty: a blank line, which holds no message and is no row."""
    return pl.all_horizontal(pl.exclude("line").is_null())


def conversation() -> pl.Expr:
    """The conversation id as text; null when it is missing (an empty field, or an empty text quoted: "")."""
    text = pl.col("conversation_id").cast(pl.String)
    return pl.when(text.str.len_bytes() > 0).then(text)


def empty(name: str) -> pl.Expr:
    """Whether a field is missing: empty, or an empty text quoted ("")."""
    return pl.col(name).is_null() | (pl.col(name).cast(pl.String) == "")


def author() -> pl.Expr:
    """The author as text: customer, agent, bot or system in any case when the row is readable."""
    return pl.col("author").cast(pl.String)


def proactive(log: LogFile) -> tuple[pl.Expr, pl.Expr]:
    """(whether the row says proactive, whether the field is readable: true, false, 1, 0 or empty)."""
    kind = log.types.get("proactive")
    if kind is None:
        return pl.lit(False), pl.lit(True)
    if kind == pl.Boolean:
        return pl.col("proactive").fill_null(False), pl.lit(True)
    if kind.is_integer():
        return (pl.col("proactive") == 1).fill_null(False), pl.col("proactive").is_null() | pl.col("proactive").is_in([0, 1])
    text = pl.col("proactive").cast(pl.String)
    return text.is_in(PROACTIVE_TRUE).fill_null(False), text.is_null() | text.is_in(PROACTIVE_WORDS)


def timestamp_utc(log: LogFile, recorded_in: str | None) -> pl.Expr:
    """The timestamp as a UTC instant; null when it cannot be read (the problems module says why)."""
    kind = log.types["timestamp"]
    column = pl.col("timestamp")
    if isinstance(kind, pl.Datetime):
        if kind.time_zone is not None:
            return column.dt.convert_time_zone("UTC")
        if recorded_in is None:
            raise log.error("has timestamps without a time zone: say which zone the log was recorded in")
        return _localised(column, recorded_in)
    if kind != pl.String:
        raise log.error(f"has a timestamp column of {kind} values: write ISO 8601 timestamps such as 2026-03-08T01:30:00-05:00")
    aware = column.str.to_datetime(AWARE_FORMAT, time_zone="UTC", strict=False)
    if recorded_in is None:
        return aware
    return pl.coalesce(aware, _localised(naive_text(), recorded_in))


def naive_text() -> pl.Expr:
    """A timestamp written without an offset, read as a wall-clock time; null when it is not one."""
    column = pl.col("timestamp")
    return pl.coalesce(*(column.str.to_datetime(form, strict=False) for form in NAIVE_FORMATS))


def _localised(wall_clock: pl.Expr, zone: str) -> pl.Expr:
    """Wall-clock times of `zone` as UTC instants.

    A time in the hour clocks skip when they go forward never happened there: null, so the row cannot be read. One in
    the hour that happens twice when they go back is read as the first (in the site's own zone both are the same day).
    """
    return wall_clock.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null").dt.convert_time_zone("UTC")
