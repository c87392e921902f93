"""Column widths and a font scale that make every figure of a PDF table fit, however large the engine lets it be.

Reportlab draws a plain-string cell on one line, past its column if it must; at the largest volumes the engine
accepts (pricing/limits.py) figures outgrow the designed widths. A column that needs more room takes it from the
columns with room to spare; when the whole row still does not fit, the figures' font shrinks until it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

_SEARCH_STEPS = 30  # halvings of the font scale: far finer than a printed point


@dataclass(frozen=True)
class ColumnNeed:
    """What one column needs: `text` points of scalable text plus `pad`, and never less than `least` in all."""

    text: float
    pad: float
    least: float = 0.0

    def at(self, scale: float) -> float:
        """The width this column needs with its text drawn at `scale` of its designed size."""
        return max(self.text * scale + self.pad, self.least)


@dataclass(frozen=True)
class Fit:
    """Column widths (points) that hold every column's text, and the scale (at most 1) its font is drawn at."""

    widths: list[float]
    scale: float


def text_width(text: str, font: str, size: float) -> float:
    """The width in points of `text` (its longest line) set in `font` at `size`."""
    return max(stringWidth(line, font, size) for line in text.split("\n"))


def fit_columns(widths: Sequence[float], needs: Sequence[ColumnNeed]) -> Fit:
    """The designed `widths` when every column's need fits; else room moved to the columns that need it, shrinking if it must."""
    total = sum(widths)
    scale = _largest_scale(total, needs)
    wanted = [need.at(scale) for need in needs]
    slack = [max(width - want, 0.0) for width, want in zip(widths, wanted, strict=True)]
    spare = total - sum(wanted)  # shared in proportion to each column's designed room to spare
    if sum(slack) > 0:
        return Fit([want + spare * room / sum(slack) for want, room in zip(wanted, slack, strict=True)], scale)
    return Fit([want + spare / len(wanted) for want in wanted], scale)


def _largest_scale(total: float, needs: Sequence[ColumnNeed]) -> float:
    """The largest font scale, at most 1, at which all columns fit in `total` points (found by halving the interval)."""
    if sum(need.at(1.0) for need in needs) <= total:
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(_SEARCH_STEPS):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(need.at(middle) for need in needs) <= total else (low, middle)
    return low
