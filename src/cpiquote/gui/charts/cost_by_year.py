"""The cost-by-year chart: one stacked bar per contract year, split into subscription, Care Package and services."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from cpiquote.gui.charts.base import ChartColours, ChartWidget, compact_money, linear_ticks, money
from cpiquote.pricing import Quotation

SERIES = ("Subscription", "Care Package", "Services")
TOOLTIP_NAMES = ("Subscription", "Care Package", "Professional services")
MAX_BAR_WIDTH = 64.0
MIN_BAR_HEIGHT = 2.0  # pixels: the least a year that costs anything is drawn
LEGEND_GAP = 16.0
MIN_PART_HEIGHT = 3.0


@dataclass(frozen=True)
class YearBar:
    """One contract year's invoice, part by part, as the quotation holds it."""

    year: int
    due: str
    parts: tuple[Decimal, Decimal, Decimal]  # subscription, Care Package, services
    total: Decimal


@dataclass(frozen=True)
class CostModel:
    """Everything the cost chart paints, derived once per quotation."""

    currency: str
    bars: tuple[YearBar, ...]
    ticks: tuple[Decimal, ...]
    series_shown: tuple[int, ...]  # indexes into SERIES with a non-zero amount in some year


def cost_model(quotation: Quotation, tick_target: int = 4) -> CostModel:
    """The bars of `quotation`, read from its invoices (invoice y is contract year y)."""
    bars = tuple(
        YearBar(invoice.number, invoice.due, (invoice.subscription, invoice.care_package, invoice.services), invoice.amount)
        for invoice in quotation.invoices
    )
    shown = tuple(i for i in range(len(SERIES)) if i == 0 or any(bar.parts[i] > 0 for bar in bars))
    return CostModel(quotation.pricebook.currency, bars, linear_ticks(_axis_top(bars), target_ticks=tick_target), shown)


def _axis_top(bars: tuple[YearBar, ...]) -> Decimal:
    """The value the axis must reach: the tallest bar plus room for the amount written above it."""
    return max(bar.total for bar in bars) * Decimal("1.08")


class CostByYearChart(ChartWidget):
    """Cost per contract year as stacked bars (subscription, Care Package, services), with a legend and hover figures."""

    TITLE = "Cost by contract year"
    EMPTY_MESSAGE = "Complete the quote to see what each contract year costs."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: CostModel | None = None
        self._hovered: int | None = None
        self._plot: tuple[tuple[object, ...], QRectF] | None = None  # the plot area, and what it was worked out for
        self.setMouseTracking(True)

    def _rebuild(self, quotation: Quotation | None) -> None:
        self._model = None if quotation is None else cost_model(quotation, self.tick_target())
        self._hovered = None

    def _retick(self) -> None:
        if self._model is not None:
            ticks = linear_ticks(_axis_top(self._model.bars), target_ticks=self.tick_target())
            self._model = replace(self._model, ticks=ticks)

    def _describe(self) -> str:
        model = self._model
        assert model is not None
        years = "; ".join(f"year {bar.year}: {money(bar.total, model.currency)}" for bar in model.bars)
        return f"Cost by contract year, {years}."

    # --- geometry ----------------------------------------------------------------------------

    def plot_rect(self) -> QRectF | None:
        """The area the bars stand in, inside the axis labels (None in the empty state); worked out once for a size,
        font, value axis and legend (it measures every axis label)."""
        model = self._model
        if model is None:
            return None
        measured = (self.size(), self.font().key(), model.ticks, model.currency, model.series_shown)
        if self._plot is not None and self._plot[0] == measured:
            return self._plot[1]
        metrics = QFontMetricsF(self.small_font())
        label_width = max(metrics.horizontalAdvance(compact_money(t, model.currency)) for t in model.ticks)
        left = 12 + label_width + 8
        top = self.title_height() + metrics.height() + 4 + (metrics.height() + 4 if self._legend_wraps() else 0)
        bottom = self.height() - metrics.height() - 14
        plot = QRectF(left, top, max(self.width() - 16 - left, 10.0), max(bottom - top, 10.0))
        self._plot = (measured, plot)
        return plot

    def _y(self, plot: QRectF, amount: Decimal) -> float:
        assert self._model is not None
        return plot.bottom() - float(amount) / float(self._model.ticks[-1]) * plot.height()

    def _column(self, plot: QRectF, index: int) -> QRectF:
        assert self._model is not None
        slot = plot.width() / len(self._model.bars)
        return QRectF(plot.left() + index * slot, plot.top(), slot, plot.height())

    def bar_rect(self, year: int, plot: QRectF | None = None) -> QRectF | None:
        """The bar of contract year `year` (1-based) in widget coordinates, or None when there is none (`plot`: the
        plot area, when the caller has it: working it out measures every axis label)."""
        plot, model = plot or self.plot_rect(), self._model
        if plot is None or model is None or not 1 <= year <= len(model.bars):
            return None
        column = self._column(plot, year - 1)
        width = min(MAX_BAR_WIDTH, column.width() * 0.56)
        top = self._y(plot, model.bars[year - 1].total)
        if model.bars[year - 1].total > 0:  # a small year beside a huge one still shows a bar under its label
            top = min(top, plot.bottom() - MIN_BAR_HEIGHT)
        return QRectF(column.center().x() - width / 2, top, width, plot.bottom() - top)

    def _index_at(self, position: QPointF) -> int | None:
        plot, model = self.plot_rect(), self._model
        if plot is None or model is None or not plot.adjusted(0, -8, 0, 0).contains(position):
            return None
        return min(int((position.x() - plot.left()) / (plot.width() / len(model.bars))), len(model.bars) - 1)

    # --- painting ----------------------------------------------------------------------------

    def layer_key(self) -> tuple[object, ...] | None:
        """The legend, the value axis and the years: the plot area, the ticks, the parts shown and the contract years."""
        plot, model = self.plot_rect(), self._model
        if plot is None or model is None:
            return None
        return (plot, model.ticks, model.currency, model.series_shown, tuple(bar.year for bar in model.bars))

    def _paint_static(self, painter: QPainter, colours: ChartColours) -> None:
        """What typing a figure mostly leaves alone: the legend, the value axis and its grid, and the years under the bars."""
        plot, model = self.plot_rect(), self._model
        assert plot is not None and model is not None  # a layer is painted only for a quote
        self._paint_legend(painter, colours, model)
        self._paint_grid(painter, colours, plot, model)
        metrics = QFontMetricsF(painter.font())
        painter.setPen(colours.muted)
        for index, bar in enumerate(model.bars):
            column = self._column(plot, index)
            axis = QRectF(column.left(), plot.bottom() + 6, column.width(), metrics.height())
            painter.drawText(axis, Qt.AlignmentFlag.AlignCenter, f"Year {bar.year}")

    def _paint_moving(self, painter: QPainter, colours: ChartColours) -> None:
        """Each year's bar and its amount."""
        plot, model = self.plot_rect(), self._model
        assert plot is not None and model is not None
        for index, bar in enumerate(model.bars):
            self._paint_bar(painter, colours, plot, index, bar)

    def _paint_legend(self, painter: QPainter, colours: ChartColours, model: CostModel) -> None:
        """Swatches and names in series order: beside the title, or under it when the chart is narrow."""
        metrics = QFontMetricsF(painter.font())
        row = QFontMetricsF(self.title_font()).height()
        if self._legend_wraps():
            x, y = 12.0, self.title_height() - 6
        else:
            x, y = self.width() - 14 - self._legend_width(), 8 + (row - metrics.height()) / 2
        for i in model.series_shown:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.series[i])
            painter.drawRoundedRect(QRectF(x, y + metrics.height() / 2 - 5, 10, 10), 2.5, 2.5)
            width = metrics.horizontalAdvance(SERIES[i])
            painter.setPen(colours.muted)
            painter.drawText(QRectF(x + 14, y, width + 2, metrics.height()), Qt.AlignmentFlag.AlignVCenter, SERIES[i])
            x += 14 + width + LEGEND_GAP

    def _legend_width(self) -> float:
        assert self._model is not None
        metrics = QFontMetricsF(self.small_font())
        return sum(14 + metrics.horizontalAdvance(SERIES[i]) + LEGEND_GAP for i in self._model.series_shown) - LEGEND_GAP

    def _legend_wraps(self) -> bool:
        """True when the legend does not fit beside the title and goes on a row of its own."""
        title = QFontMetricsF(self.title_font()).horizontalAdvance(self.title())
        return 12 + title + 24 + self._legend_width() + 14 > self.width()

    def _paint_grid(self, painter: QPainter, colours: ChartColours, plot: QRectF, model: CostModel) -> None:
        metrics = QFontMetricsF(painter.font())
        for tick in model.ticks:
            y = round(self._y(plot, tick)) + 0.5
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(colours.muted)
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, compact_money(tick, model.currency))

    def _paint_bar(self, painter: QPainter, colours: ChartColours, plot: QRectF, index: int, bar: YearBar) -> None:
        assert self._model is not None
        metrics = QFontMetricsF(painter.font())
        column = self._column(plot, index)
        if index == self._hovered:
            hover = QColor(colours.text)
            hover.setAlphaF(0.06)
            painter.fillRect(column, hover)
        outline = self.bar_rect(index + 1, plot)
        assert outline is not None
        self._paint_segments(painter, colours, outline, bar)
        painter.setPen(colours.text)
        label = QRectF(column.left(), outline.top() - metrics.height() - 3, column.width(), metrics.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, compact_money(bar.total, self._model.currency))

    def _paint_segments(self, painter: QPainter, colours: ChartColours, outline: QRectF, bar: YearBar) -> None:
        """The bar's parts stacked from the bottom, the whole bar clipped to slightly rounded top corners."""
        shape = QPainterPath()
        shape.addRoundedRect(outline.adjusted(0, 0, 0, 4), 3, 3)
        painter.save()
        painter.setClipPath(shape)  # its rounded bottom corners lie below the bar, where no part is drawn
        painter.setPen(Qt.PenStyle.NoPen)
        bottom = outline.bottom()
        for i, height in part_heights(bar.parts, outline.height()):
            painter.fillRect(QRectF(outline.left(), bottom - height, outline.width(), height), colours.series[i])
            if bottom < outline.bottom():  # a hairline in the background colour keeps neighbouring parts apart
                painter.fillRect(QRectF(outline.left(), bottom - 0.75, outline.width(), 1.5), colours.background)
            bottom -= height
        painter.restore()

    # --- hover -------------------------------------------------------------------------------

    def tooltip_at(self, position: QPoint | QPointF) -> str:
        """The invoice of the contract year under the cursor, part by part."""
        index = self._index_at(QPointF(position))
        if index is None or self._model is None:
            return ""
        bar, currency = self._model.bars[index], self._model.currency
        lines = [f"Year {bar.year}: invoice {bar.due}"]
        lines += [f"{TOOLTIP_NAMES[i]}: {money(bar.parts[i], currency)}" for i in self._model.series_shown if i == 0 or bar.parts[i] > 0]
        lines.append(f"Total: {money(bar.total, currency)}")
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Highlight the year under the cursor (repaints only when it changes)."""
        self._set_hovered(self._index_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Drop the highlight when the cursor leaves the chart."""
        self._set_hovered(None)
        super().leaveEvent(event)

    def _set_hovered(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.update()


def part_heights(parts: tuple[Decimal, ...], total_height: float) -> list[tuple[int, float]]:
    """(series, pixels) of each non-zero part, bottom up: small parts get a visible minimum, taken from the largest,
    unless the bar is too short to give it (the largest part then keeps its share, so a tiny bar shows its main part)."""
    total = sum(parts, Decimal(0))
    if total <= 0:
        return []
    heights = {i: float(amount / total) * total_height for i, amount in enumerate(parts) if amount > 0}
    largest = max(heights, key=lambda i: heights[i])
    lifts = {i: MIN_PART_HEIGHT - height for i, height in heights.items() if i != largest and height < MIN_PART_HEIGHT}
    if heights[largest] - sum(lifts.values()) >= MIN_PART_HEIGHT:
        for i, lift in lifts.items():
            heights[i] += lift
            heights[largest] -= lift
    return list(heights.items())
