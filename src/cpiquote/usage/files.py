"""Any usage file: a monthly usage file when its header says so, else a conversation log."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cpiquote.usage.model import Features, UsageCount, UsageError
from cpiquote.usage.monthly import header, is_monthly, read_monthly

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook


def read_usage(
    path: str | Path,
    timezone: str | None,
    *,
    recorded_in: str | None = None,
    skip_invalid: bool = False,
    by_day: bool = False,
    pricebook: PriceBook | None = None,
    features: Features | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UsageCount:
    """The usage in a file: a monthly file (header month,interactions or month,credits) or a log counted in `timezone`.

    A log needs the site's time zone (UsageError naming "timezone" without it); a monthly file ignores it and the
    other log options.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv" and is_monthly(header(path)):
        return read_monthly(path, pricebook=pricebook, features=features)
    if timezone is None or not timezone.strip():
        raise UsageError("timezone", f"{path.name} is a conversation log: give the site's time zone to count it (such as Europe/Berlin)")
    from cpiquote.usage.log import count_log  # polars loads here, when a log is counted

    return count_log(path, timezone, recorded_in=recorded_in, skip_invalid=skip_invalid, by_day=by_day, pricebook=pricebook,
                     features=features, progress=progress, cancelled=cancelled)  # fmt: skip
