"""The largest figures a quote accepts: defined once here, enforced by the engine, offered by the front ends."""

from __future__ import annotations

from decimal import Decimal

from cpiquote.pricing.errors import InputError

# Far above any real quote; they keep a typo from overflowing the arithmetic or the documents.
MAX_FIGURE = 10**12  # a count: interactions, credits ordered, conversations, proactive messages, messages per month, price-book credits
MAX_SERVICES_HOURS = Decimal(1_000_000)
MAX_RAMP_YEARS = 10  # per-year figures (a ramp) are offered up to this many contract years
RAMP_TOO_LONG = f"a different volume each year is offered up to {MAX_RAMP_YEARS} years"  # said wherever it is refused


def check_ramp_years(years: int) -> None:
    """Refuse figures of their own for each year of a contract longer than MAX_RAMP_YEARS."""
    if years > MAX_RAMP_YEARS:
        raise InputError("years", f"{RAMP_TOO_LONG}; give one figure for every year for a longer contract")
