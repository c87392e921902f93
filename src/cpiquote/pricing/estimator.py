"""Interactions per year from what a customer knows: conversations, overnight runs, campaigns."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cpiquote.pricing.errors import InputError
from cpiquote.pricing.limits import MAX_EXTRA_DAYS, MAX_FIGURE
from cpiquote.pricing.money import ceil_int


@dataclass(frozen=True)
class InteractionEstimate:
    """The estimator's inputs, kept with the quote so its documents can show them."""

    conversations: int
    multi_day_share: Decimal = Decimal(0)  # share of conversations running past midnight, 0..1
    extra_days: Decimal = Decimal(0)  # average extra calendar days those conversations run
    proactive: int = 0  # proactive outbound messages per year
    reply_rate: Decimal = Decimal(0)  # share of proactive messages that get a reply, 0..1

    def __post_init__(self) -> None:
        _check_count("conversations", self.conversations)
        _check_count("proactive", self.proactive)
        _check_share("multi_day_share", self.multi_day_share)
        _check_share("reply_rate", self.reply_rate)
        if not (self.extra_days.is_finite() and 0 <= self.extra_days <= MAX_EXTRA_DAYS):
            raise InputError("extra_days", f"must be between 0 and {MAX_EXTRA_DAYS} days")

    @property
    def interactions(self) -> int:
        """Interactions per year: ceil(conversations x (1 + share x extra days) + proactive x reply rate)."""
        overnight = self.conversations * (1 + self.multi_day_share * self.extra_days)
        return ceil_int(overnight + self.proactive * self.reply_rate)


def _check_count(field: str, value: int) -> None:
    if not 0 <= value <= MAX_FIGURE:
        raise InputError(field, f"must be a whole number from 0 to {MAX_FIGURE:,}")


def _check_share(field: str, value: Decimal) -> None:
    if not (value.is_finite() and 0 <= value <= 1):
        raise InputError(field, "must be a share between 0 and 1 (for example 0.05 for 5%)")
