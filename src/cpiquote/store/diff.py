"""Two revisions side by side: every figure a customer compares, before and after, and the change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# per contract year: the figure's JSON key and what people call it
YEAR_FIGURES = (
    ("annual_credits", "Credits per year"),
    ("price_per_credit", "Price per credit"),
    ("annual_subscription", "Annual fee"),
)
QUOTE_FIGURES = (
    ("discount_percent", "Discount %"),
    ("services", "Professional services"),
    ("total_contract_value", "Total contract value"),
)


@dataclass(frozen=True)
class FigureChange:
    """One figure in two revisions; None where a revision has no such figure (a year the other contract lacks)."""

    label: str
    year: int | None  # the contract year, None for a figure of the whole quote
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        """After minus before; None when either is missing."""
        return None if self.before is None or self.after is None else self.after - self.before


def _figure(data: Mapping[str, Any] | None, key: str) -> Decimal | None:
    return None if data is None else Decimal(str(data[key]))


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FigureChange]:
    """Every compared figure of two quotations' JSON (documents.json), year by year, then the quote's totals."""
    changes: list[FigureChange] = []
    years_before, years_after = before["years"], after["years"]
    for index in range(max(len(years_before), len(years_after))):
        old = years_before[index] if index < len(years_before) else None
        new = years_after[index] if index < len(years_after) else None
        for key, label in YEAR_FIGURES:
            changes.append(FigureChange(label, index + 1, _figure(old, key), _figure(new, key)))
    for key, label in QUOTE_FIGURES:
        changes.append(FigureChange(label, None, _figure(before, key), _figure(after, key)))
    return changes
