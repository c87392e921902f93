"""The largest figures a quote accepts: defined once here, enforced by the engine, offered by the front ends."""

from __future__ import annotations

from decimal import Decimal

# Far above any real quote; they keep a typo from overflowing the arithmetic or the documents.
MAX_FIGURE = 10**12  # a count: interactions, credits ordered, conversations, proactive messages, messages per month, price-book credits
MAX_SERVICES_HOURS = Decimal(1_000_000)
MAX_RAMP_YEARS = 10  # per-year figures (a ramp) are offered up to this many contract years
