"""Monthly usage files: CSV `month,interactions` or `month,credits`, one line per month, months in order.

A year's file has a dozen lines, so it is read with the standard library: no polars to load for it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from cpiquote.usage.model import Features, MonthUsage, UsageCount, UsageError, credits_for, credits_per_interaction

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
WHOLE = re.compile(r"\d{1,3}(,\d{3})+|\d+")  # 1200000, or 1,200,000 in quotes
KINDS = ("interactions", "credits")
SHOWN = 10
HEADER_BYTES = 1 << 16


def header(path: str | Path) -> list[str]:
    """A CSV file's column names, stripped and in lower case, from its first line only; [] for an empty file."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            first = file.readline(HEADER_BYTES)
    except (OSError, UnicodeDecodeError) as error:
        raise _unreadable(path, error) from None
    return [name.strip().lower() for name in next(csv.reader([first]), [])]


def is_monthly(names: list[str]) -> bool:
    """Whether a header is a monthly file's (a month column, no conversation_id) rather than a conversation log's."""
    return "month" in names and "conversation_id" not in names


def read_monthly(path: str | Path, *, pricebook: PriceBook | None = None, features: Features | None = None) -> UsageCount:
    """A monthly usage file's months and totals; credits from interactions when the price book and features are given.

    Months must each come once, in increasing order (gaps are allowed). Conversations and the other log counts are
    0; the total interactions are 0 for a file given in credits (only its credits are known).
    """
    path = Path(path)
    rows = _rows(path)
    names = [name.strip().lower() for name in next(rows, [])]
    month_column, value_column, kind = _columns(path.name, names)
    months, problems = _months(rows, month_column, value_column)
    if problems:
        count = "1 line cannot be read" if len(problems) == 1 else f"{len(problems)} lines cannot be read"
        raise UsageError(path.name, f"{count}: {'; '.join(problems[:SHOWN])}" + ("; and more" if len(problems) > SHOWN else ""))
    if not months:
        raise UsageError(path.name, f"has no months: write one line per month under the header, such as 2026-03,125000 ({kind})")
    return _count(months, kind, credits_per_interaction(pricebook, features))


def _unreadable(path: Path, error: Exception) -> UsageError:
    """A file that cannot be opened or is not text, in one line."""
    if isinstance(error, UnicodeDecodeError):
        return UsageError(path.name, "is not UTF-8 text: save it as CSV UTF-8")
    reason = "there is no such file" if isinstance(error, FileNotFoundError) else str(error)
    return UsageError(path.name, f"cannot be read: {reason}")


def _rows(path: Path) -> Iterator[list[str]]:
    """The whole file's CSV rows (a monthly file is small)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise _unreadable(path, error) from None
    return csv.reader(text.splitlines())


def _columns(name: str, names: list[str]) -> tuple[int, int, str]:
    """Where the month and the figures are, and whether the figures are interactions or credits."""
    kinds = [kind for kind in KINDS if kind in names]
    if "month" not in names or len(kinds) != 1:
        raise UsageError(name, "is not a monthly usage file: its header must be month,interactions or month,credits")
    return names.index("month"), names.index(kinds[0]), kinds[0]


def _months(rows: Iterator[list[str]], month_column: int, value_column: int) -> tuple[list[tuple[str, int]], list[str]]:
    """The (month, figure) lines in file order, and a sentence for each line that cannot be read or is out of order."""
    months: list[tuple[str, int]] = []
    problems: list[str] = []
    last: tuple[str, int] | None = None  # the latest month so far, and its line
    for line, row in enumerate(rows, start=2):
        if not any(field.strip() for field in row):
            continue  # a blank line holds no month
        month = row[month_column].strip() if month_column < len(row) else ""
        value = row[value_column].strip() if value_column < len(row) else ""
        problem = _problem(month, value, last)
        if problem:
            problems.append(f"line {line}: {problem}")
            continue
        months.append((month, int(value.replace(",", ""))))
        last = (month, line)
    return months, problems


def _problem(month: str, value: str, last: tuple[str, int] | None) -> str | None:
    """What is wrong with one line, given the latest month before it; None when nothing is."""
    if not MONTH.fullmatch(month):
        return f"month {month!r} is not a month written YYYY-MM (2026-03)"
    if not WHOLE.fullmatch(value):
        return f"{value!r} is not a whole number"
    if last is not None and month == last[0]:
        return f"month {month} overlaps line {last[1]}, which has it too"
    if last is not None and month < last[0]:
        return f"month {month} goes backwards after {last[0]} on line {last[1]}; list months in order"
    return None


def _count(months: list[tuple[str, int]], kind: str, rate: Decimal | None) -> UsageCount:
    """The file's months as a usage count."""
    credits: int | None
    if kind == "credits":
        by_month = tuple(MonthUsage(month, None, figure) for month, figure in months)
        interactions, credits = 0, sum(figure for _, figure in months)
    else:
        by_month = tuple(MonthUsage(month, figure, credits_for(figure, rate)) for month, figure in months)
        interactions = sum(figure for _, figure in months)
        credits = credits_for(interactions, rate)
    return UsageCount(interactions, credits, 0, 0, 0, len(months), 0, None, by_month, ())
