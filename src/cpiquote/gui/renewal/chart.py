"""The usage chart: credits used through the contract year against the subscription, the forecast to the year's end
dashed, and the day the credits run out marked.

The model (`usage_chart_model`) is worked out once per analysis without painting, so it is tested without a window.
Days are numbered from the contract year's first day: day 0 is the moment it starts, day n the end of its nth day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from cpiquote.gui.charts.base import ChartColours, ChartWidget, compact, count, draw_pill, linear_ticks, place_label

if TYPE_CHECKING:
    from cpiquote.pricing.renewal import RenewalAnalysis

HEADROOM = Decimal("1.08")  # the value axis reaches a little above the highest line, for its label
LEGEND = ("Used", "Forecast", "Subscription", "Forecast at the last 90 days' rate")
LEGEND_GAP = 16.0


@dataclass(frozen=True)
class UsageChartModel:
    """Everything the usage chart paints, in day numbers and credits."""

    first_day: dt.date
    days: int  # the contract year's length
    used: tuple[tuple[int, int], ...]  # (day number, credits used from the year's start through it)
    forecast: tuple[tuple[int, int], ...]  # the linear forecast: from (elapsed, U) to (days, F)
    recent: tuple[tuple[int, int], ...]  # the forecast at the last 90 days' rate, when there is one
    subscription: int  # S: the service level
    runout: dt.date | None  # the first day whose usage goes past S, when it does within the year
    top: int  # the highest figure drawn
    ticks: tuple[Decimal, ...]
    months: tuple[tuple[int, str], ...]  # (day number where a month starts, its short name)


def day_number(first_day: dt.date, day: dt.date) -> int:
    """`day`'s number in the contract year starting `first_day` (its end: the first day is 1)."""
    return (day - first_day).days + 1


def reaching(line: Sequence[tuple[int, int]], level: int) -> int | None:
    """The number of the first day whose end is at or above `level` on `line` (straight between its points), or None."""
    for (x0, c0), (x1, c1) in itertools.pairwise(line):
        if c0 < level <= c1:
            return x0 + -(-(level - c0) * (x1 - x0) // (c1 - c0))
    return None


def runout_day(analysis: RenewalAnalysis, used: Sequence[tuple[int, int]]) -> dt.date | None:
    """The day the subscribed credits are used up, when the forecast goes past them: the day the usage so far reached
    them, else the day it will at the rate so far (the S-th credit is used on day ceil(S x elapsed / U))."""
    fc, subscribed = analysis.forecast, analysis.subscription.annual_credits
    if fc.credits <= subscribed:
        return None
    day = reaching(used, subscribed) or -(-subscribed * fc.elapsed_days // fc.used_credits)
    return fc.year.first_day + dt.timedelta(days=day - 1)


def month_starts(first_day: dt.date, days: int) -> tuple[tuple[int, str], ...]:
    """(day number - 1, short name) of each first of a month inside the year: where its label and grid line go."""
    starts, month = [], dt.date(first_day.year, first_day.month, 1)
    while (month - first_day).days < days:
        if month >= first_day:
            starts.append(((month - first_day).days, calendar.month_abbr[month.month]))
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return tuple(starts)


def usage_chart_model(analysis: RenewalAnalysis, line: Sequence[tuple[dt.date, int]], tick_target: int = 4) -> UsageChartModel:
    """The chart of `analysis` with the cumulative usage `line` ((day, credits used through it), from the day before
    the year's first day), the linear forecast from as-of to the year's end, and the day the credits run out."""
    fc, subscribed = analysis.forecast, analysis.subscription.annual_credits
    first = fc.year.first_day
    used = tuple((day_number(first, day), credits) for day, credits in line)
    forecast = ((fc.elapsed_days, fc.used_credits), (fc.year.days, fc.credits))
    recent = () if fc.recent_credits is None else ((fc.elapsed_days, fc.used_credits), (fc.year.days, fc.recent_credits))
    runout = runout_day(analysis, used)
    top = max(subscribed, fc.credits, fc.recent_credits or 0, *(credits for _, credits in used), 1)
    months = month_starts(first, fc.year.days)
    return UsageChartModel(first, fc.year.days, used, forecast, recent, subscribed, runout, top, value_ticks(top, tick_target), months)


def value_ticks(top: int, tick_target: int) -> tuple[Decimal, ...]:
    """The credits axis: round ticks from 0 to a little above `top`."""
    return linear_ticks(Decimal(top) * HEADROOM, target_ticks=tick_target)


def _short_day(day: dt.date) -> str:
    return f"{calendar.month_abbr[day.month]} {day.day}, {day.year}"


class UsageChart(ChartWidget):
    """Credits used through the contract year against the subscription, with the forecast and the day they run out."""

    TITLE = "Credits this contract year"
    EMPTY_MESSAGE = "Enter the subscription and its usage to see the contract year."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageChart")
        self._model: UsageChartModel | None = None
        self._source: tuple[RenewalAnalysis, tuple[tuple[dt.date, int], ...]] | None = None

    @property
    def model(self) -> UsageChartModel | None:
        """What the chart shows, or None in the empty state."""
        return self._model

    def has_figures(self) -> bool:
        """True when an analysis is on show."""
        return self._model is not None

    def set_analysis(self, analysis: RenewalAnalysis | None, line: Sequence[tuple[dt.date, int]] = ()) -> None:
        """Show `analysis` with its cumulative usage `line` (None: the empty state)."""
        source = None if analysis is None else (analysis, tuple(line))
        if source == self._source:
            return
        self._source = source
        self._model = None if analysis is None else usage_chart_model(analysis, line, self.tick_target())
        self.setAccessibleDescription(self._describe() if self._model is not None else self.EMPTY_MESSAGE)
        self.update()

    def _retick(self) -> None:
        if self._model is not None:
            self._model = replace(self._model, ticks=value_ticks(self._model.top, self.tick_target()))

    def _describe(self) -> str:
        model = self._model
        assert model is not None
        used = model.used[-1][1] if model.used else 0
        runs_out = f"; the credits run out on {_short_day(model.runout)}" if model.runout else "; the credits last the year"
        return (
            f"Credits this contract year: {count(used)} used, {count(model.forecast[-1][1])} forecast against "
            f"{count(model.subscription)} subscribed{runs_out}."
        )

    # --- geometry ----------------------------------------------------------------------------

    def plot_rect(self) -> QRectF | None:
        """The area the lines are drawn in, inside the axis labels (None in the empty state)."""
        model = self._model
        if model is None:
            return None
        metrics = QFontMetricsF(self.small_font())
        left = 12 + max(metrics.horizontalAdvance(compact(t)) for t in model.ticks) + 8
        top = self.title_height() + metrics.height() + 8
        bottom = self.height() - metrics.height() - 14
        return QRectF(left, top, max(self.width() - 20 - left, 10.0), max(bottom - top, 10.0))

    def point(self, plot: QRectF, day: int, credits: int) -> QPointF:
        """Where (day number, credits) is drawn."""
        assert self._model is not None
        x = plot.left() + day / self._model.days * plot.width()
        return QPointF(x, plot.bottom() - credits / float(self._model.ticks[-1]) * plot.height())

    # --- painting ----------------------------------------------------------------------------

    def _paint_chart(self, painter: QPainter, colours: ChartColours) -> None:
        plot, model = self.plot_rect(), self._model
        if plot is None or model is None:
            return
        painter.setFont(self.small_font())
        self._paint_legend(painter, colours)
        self._paint_grid(painter, colours, plot, model)
        level = self.point(plot, 0, model.subscription).y()
        painter.setPen(QPen(colours.muted, 1.5))
        painter.drawLine(QLineF(plot.left(), level, plot.right(), level))
        self._paint_line(painter, model.recent, QPen(colours.series[2], 1.5, Qt.PenStyle.DotLine), plot)
        self._paint_line(painter, model.forecast, QPen(colours.series[0], 2, Qt.PenStyle.DashLine), plot)
        self._paint_line(painter, model.used, QPen(colours.series[0], 2.5), plot)
        self._paint_labels(painter, colours, plot, model)

    def _paint_line(self, painter: QPainter, line: Sequence[tuple[int, int]], pen: QPen, plot: QRectF) -> None:
        if len(line) < 2:
            return
        path = QPainterPath(self.point(plot, *line[0]))
        for day, credits in line[1:]:
            path.lineTo(self.point(plot, day, credits))
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    def _paint_grid(self, painter: QPainter, colours: ChartColours, plot: QRectF, model: UsageChartModel) -> None:
        metrics = QFontMetricsF(painter.font())
        for tick in model.ticks:
            y = round(self.point(plot, 0, int(tick)).y()) + 0.5
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(colours.muted)
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, compact(tick))
        width = plot.width() / 12
        for day, name in model.months:
            x = round(self.point(plot, day, 0).x()) + 0.5
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + 4))
            painter.setPen(colours.muted)
            painter.drawText(QRectF(x, plot.bottom() + 6, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, name)

    def _paint_legend(self, painter: QPainter, colours: ChartColours) -> None:
        """Each line's look and name, on a row under the title."""
        metrics = QFontMetricsF(painter.font())
        x, y = 12.0, self.title_height() - 4
        pens = [QPen(colours.series[0], 2.5), QPen(colours.series[0], 2, Qt.PenStyle.DashLine), QPen(colours.muted, 1.5)]
        if self._model is not None and self._model.recent:
            pens.append(QPen(colours.series[2], 1.5, Qt.PenStyle.DotLine))
        for name, pen in zip(LEGEND, pens, strict=False):
            middle = y + metrics.height() / 2
            painter.setPen(pen)
            painter.drawLine(QLineF(x, middle, x + 18, middle))
            painter.setPen(colours.muted)
            width = metrics.horizontalAdvance(name)
            painter.drawText(QRectF(x + 24, y, width + 2, metrics.height()), Qt.AlignmentFlag.AlignVCenter, name)
            x += 24 + width + LEGEND_GAP

    def _paint_labels(self, painter: QPainter, colours: ChartColours, plot: QRectF, model: UsageChartModel) -> None:
        """The subscription's level, the forecast's end and, when they run out, the day marked with a line."""
        metrics = QFontMetricsF(painter.font())
        taken: list[QRectF] = []
        if model.runout is not None:
            x = self.point(plot, day_number(model.first_day, model.runout), 0).x()
            painter.setPen(QPen(colours.quote, 1.5, Qt.PenStyle.DashDotLine))
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            text = f"Runs out {_short_day(model.runout)}"
            size = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
            spot = place_label(QPointF(x, plot.top() + size.height() + 6), size, plot, taken)
            draw_pill(painter, spot, text, colours, colours.quote)
            taken.append(spot)
        fc_end = self.point(plot, *model.forecast[-1])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.series[0])
        painter.drawEllipse(self.point(plot, *model.forecast[0]), 3.5, 3.5)
        painter.drawEllipse(fc_end, 3.5, 3.5)
        for anchor, text, colour in (
            (fc_end, f"Forecast {compact(model.forecast[-1][1])}", colours.series[0]),
            (self.point(plot, 0, model.subscription), f"Subscription {compact(model.subscription)}", colours.text),
        ):
            size = QRectF(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4)
            spot = place_label(anchor, size, plot, taken)
            draw_pill(painter, spot, text, colours, QColor(colour))
            taken.append(spot)
