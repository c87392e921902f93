"""Usage: conversation logs and monthly usage files counted into interactions and credits (usage-and-renewals.md 1).

Counting a log loads polars; importing this package does not, so the window and `cpiquote quote` start without it.
`count_log` loads its module (and polars) on first use of the name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from cpiquote.usage.files import read_usage
from cpiquote.usage.model import DayUsage, Features, MonthUsage, UsageCancelled, UsageCount, UsageError, daily_credits
from cpiquote.usage.monthly import read_monthly

if TYPE_CHECKING:
    from cpiquote.usage.log import count_log

__all__ = [
    "DayUsage",
    "Features",
    "MonthUsage",
    "UsageCancelled",
    "UsageCount",
    "UsageError",
    "count_log",
    "daily_credits",
    "read_monthly",
    "read_usage",
]


def __getattr__(name: str) -> object:
    """`count_log`, imported (with polars) on first use."""
    if name != "count_log":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = importlib.import_module(f"{__name__}.log").count_log
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, count_log included."""
    return sorted(set(globals()) | set(__all__))
