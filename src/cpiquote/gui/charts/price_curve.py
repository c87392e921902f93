"""The price-curve chart: price per credit across annual volumes, the quote marked, any price break shown."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, replace
from decimal import Decimal

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from cpiquote.gui.charts.base import (
    ChartColours,
    ChartWidget,
    clean_spot,
    compact,
    count,
    draw_pill,
    linear_ticks,
    log_ticks,
    money,
    nice_ceil_125,
    nice_floor_125,
    place_label,
    price,
)
from cpiquote.pricing import CurvePoint, PriceBook, Quotation, TierMode, YearQuote, price_curve
from cpiquote.pricing.money import ceil_to_multiple

CURVE_SAMPLES = 96  # log-spaced volumes between the axis ends, plus every band edge
CACHE_SIZE = 32  # curves kept: a few contract lengths x discounts x axis ranges
MARKER_RADIUS = 5.5
HIT_RADIUS = 10.0

CurveKey = tuple[str, int, Decimal, int, int]


@dataclass(frozen=True)
class Mark:
    """The place on the curve of the contract years that order the same credits: their credits and price, from the quotation."""

    years: tuple[int, ...]
    annual_credits: int
    price_per_credit: Decimal
    annual_subscription: Decimal

    @property
    def label(self) -> str:
        """ "Year 2", "Years 2 and 3", "Years 1, 2 and 4"."""
        if len(self.years) == 1:
            return f"Year {self.years[0]}"
        *head, last = (str(year) for year in self.years)
        return f"Years {', '.join(head)} and {last}"


@dataclass(frozen=True)
class BreakMark:
    """The first advised price break (year 1's, or a ramp's first year with one): the volume to order, its price, fee and saving."""

    year: int
    annual_credits: int
    price_per_credit: Decimal
    annual_subscription: Decimal
    saving: Decimal


@dataclass(frozen=True)
class CurveModel:
    """Everything the price curve paints, derived once per quotation."""

    currency: str
    graduated: bool
    points: tuple[CurvePoint, ...]
    low: int
    high: int
    y_ticks: tuple[Decimal, ...]
    marks: tuple[Mark, ...]
    price_break: BreakMark | None
    ramp: bool

    def mark_of(self, year: int) -> Mark:
        """The mark of contract year `year` (year 1's when no mark names it)."""
        return next((mark for mark in self.marks if year in mark.years), self.marks[0])


@dataclass(frozen=True)
class CurveGeometry:
    """Where the plot sits in the widget and how credits and prices map to pixels (log x, linear y)."""

    plot: QRectF
    low: int
    high: int
    bottom_price: float
    top_price: float
    headroom: float  # pixels above the top tick, where labels of the highest prices go

    def x(self, annual_credits: int) -> float:
        """Pixel column of an annual volume (clamped to the axis)."""
        value = min(max(annual_credits, self.low), self.high)
        share = math.log(value / self.low) / math.log(self.high / self.low)
        return self.plot.left() + share * self.plot.width()

    def y(self, price_per_credit: Decimal) -> float:
        """Pixel row of a price per credit."""
        share = (float(price_per_credit) - self.bottom_price) / (self.top_price - self.bottom_price)
        return self.plot.bottom() - share * (self.plot.height() - self.headroom)

    def credits_at(self, x: float) -> float:
        """The annual volume under pixel column `x`."""
        share = (x - self.plot.left()) / self.plot.width()
        return float(self.low * (self.high / self.low) ** share)


def axis_range(pricebook: PriceBook, volumes: list[int]) -> tuple[int, int]:
    """Axis ends: from the minimum order to past the last band start and past every volume shown."""
    low = nice_floor_125(max(pricebook.minimum_annual_credits, pricebook.increment, 1))
    last_band = pricebook.bands[-1].from_credit
    high = nice_ceil_125(max([last_band * 2, low * 10, *(v * 3 // 2 for v in volumes)]))
    return low, high


def curve_volumes(pricebook: PriceBook, low: int, high: int) -> list[int]:
    """Volumes to price for the curve: log-spaced orderable volumes plus both sides of every band edge."""
    step = pricebook.increment
    volumes = {low, high}
    for i in range(1, CURVE_SAMPLES):
        raw = round(low * (high / low) ** (i / CURVE_SAMPLES))
        volumes.add(ceil_to_multiple(raw, step))
    for band in pricebook.bands[1:]:
        start = band.from_credit
        volumes.update(v for v in (start - 1, start, ceil_to_multiple(start, step)) if low <= v <= high)
    return sorted(v for v in volumes if low <= v <= high)


def _marks(quotation: Quotation) -> tuple[Mark, ...]:
    """One mark per distinct volume, naming every year that orders it (a ramp may repeat a volume)."""
    years: dict[int, list[YearQuote]] = {}
    for y in quotation.years:
        years.setdefault(y.annual_credits, []).append(y)
    return tuple(
        Mark(tuple(y.year for y in same), same[0].annual_credits, same[0].price_per_credit, same[0].annual_subscription)
        for same in years.values()
    )


def _point_at(points: tuple[CurvePoint, ...], annual_credits: int) -> CurvePoint:
    """The curve point at `annual_credits`, or the nearest below it (band edges are always priced)."""
    volumes = [p.annual_credits for p in points]
    return points[max(bisect_right(volumes, annual_credits) - 1, 0)]


class PriceCurveChart(ChartWidget):
    """Price per credit across annual credit volumes: bands as steps, the quote and any price break marked."""

    TITLE = "Price per credit by annual credits"
    GRADUATED_TITLE = "Average price per credit by annual credits"
    EMPTY_MESSAGE = "Complete the quote to see where it sits on the price curve."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model: CurveModel | None = None
        self._curves: OrderedDict[CurveKey, tuple[CurvePoint, ...]] = OrderedDict()
        self._curve_drawn = 0  # counts the curves shown: a new one (not an equal one) paints the static layer again
        self._outline = QPainterPath()  # the drawn curve's outline, which labels keep off
        self._geometry: tuple[tuple[object, ...], CurveGeometry] | None = None  # and what it was worked out for
        self.label_rects: list[QRectF] = []  # where the last paint put the labels

    # --- model -------------------------------------------------------------------------------

    def _rebuild(self, quotation: Quotation | None) -> None:
        model = None if quotation is None else self._build(quotation)
        if model is not None and (self._model is None or model.points is not self._model.points):
            self._curve_drawn += 1  # the curves are kept (self._curves): the same curve is the same object
        self._model = model

    def _build(self, quotation: Quotation) -> CurveModel:
        book = quotation.pricebook
        marks = _marks(quotation)
        breaking = quotation.price_break_year
        shown = [m.annual_credits for m in marks] + ([breaking.price_break.annual_credits] if breaking and breaking.price_break else [])
        low, high = axis_range(book, shown)
        points = self._curve(quotation, low, high)
        return CurveModel(
            currency=book.currency,
            graduated=book.tier_mode == TierMode.GRADUATED,
            points=points,
            low=low,
            high=high,
            y_ticks=self._y_ticks(points),
            marks=marks,
            price_break=self._break_mark(quotation, points),
            ramp=quotation.request.is_ramp,
        )

    def title(self) -> str:
        """In graduated mode the curve is an average over the bands, and the heading says so."""
        return self.GRADUATED_TITLE if self._model is not None and self._model.graduated else self.TITLE

    def _y_ticks(self, points: tuple[CurvePoint, ...]) -> tuple[Decimal, ...]:
        prices = [p.price_per_credit for p in points]
        return linear_ticks(max(prices), min(prices), self.tick_target())

    def _retick(self) -> None:
        if self._model is not None:
            self._model = replace(self._model, y_ticks=self._y_ticks(self._model.points))

    def _curve(self, quotation: Quotation, low: int, high: int) -> tuple[CurvePoint, ...]:
        """The engine's curve for this price book, contract length and discount, priced once and kept."""
        key = (quotation.pricebook.sha256, quotation.request.years, quotation.discount_percent, low, high)
        points = self._curves.get(key)
        if points is None:
            volumes = curve_volumes(quotation.pricebook, low, high)
            points = price_curve(quotation.pricebook, quotation.request.years, quotation.discount_percent, volumes)
            self._curves[key] = points
            if len(self._curves) > CACHE_SIZE:
                self._curves.popitem(last=False)
        self._curves.move_to_end(key)
        return points

    @staticmethod
    def _break_mark(quotation: Quotation, points: tuple[CurvePoint, ...]) -> BreakMark | None:
        year = quotation.price_break_year
        found = year.price_break if year is not None else None
        if year is None or found is None:
            return None
        at = _point_at(points, found.annual_credits)
        return BreakMark(year.year, found.annual_credits, at.price_per_credit, found.annual_subscription, found.saving)

    def _describe(self) -> str:
        model = self._model
        assert model is not None
        first, last = model.points[0], model.points[-1]
        mark = model.marks[0]
        parts = [
            f"Price per credit falls from {price(first.price_per_credit, model.currency)} at {count(first.annual_credits)} credits a year "
            f"to {price(last.price_per_credit, model.currency)} at {count(last.annual_credits)}.",
            f"This quote: {count(mark.annual_credits)} credits a year at {price(mark.price_per_credit, model.currency)} per credit.",
        ]
        if model.ramp:  # every year's volume, as the marks show them
            years = (f"{m.label}: {count(m.annual_credits)} credits at {price(m.price_per_credit, model.currency)}" for m in model.marks)
            parts[1] = f"This quote, year by year: {'; '.join(years)}."
        if model.price_break is not None:
            pb = model.price_break
            when = f" in year {pb.year}" if model.ramp else ""
            parts.append(f"Price break{when}: order {count(pb.annual_credits)} credits to save {money(pb.saving, model.currency)} a year.")
        return " ".join(parts)

    # --- geometry ----------------------------------------------------------------------------

    def geometry_for_size(self) -> CurveGeometry | None:
        """The plot area and scales at the widget's current size (None in the empty state); worked out once for a
        size, font and set of axes (it measures every axis label)."""
        model = self._model
        if model is None:
            return None
        measured = (self.size(), self.font().key(), model.y_ticks, model.low, model.high, model.currency)
        if self._geometry is not None and self._geometry[0] == measured:
            return self._geometry[1]
        metrics = QFontMetricsF(self.small_font())
        label_width = max(metrics.horizontalAdvance(self._price_tick(t)) for t in model.y_ticks)
        left = 12 + label_width + 8
        top = self.title_height()
        bottom = self.height() - metrics.height() - 14
        right = self.width() - 12 - metrics.horizontalAdvance(compact(model.high)) / 2
        plot = QRectF(left, top, max(right - left, 10.0), max(bottom - top, 10.0))
        headroom = min(metrics.height() + 14, plot.height() / 3)
        geometry = CurveGeometry(plot, model.low, model.high, float(model.y_ticks[0]), float(model.y_ticks[-1]), headroom)
        self._geometry = (measured, geometry)
        return geometry

    def marker_position(self) -> QPointF | None:
        """Centre of the current quote's marker (year 1) in widget coordinates."""
        g, model = self.geometry_for_size(), self._model
        if g is None or model is None:
            return None
        mark = model.marks[0]
        return QPointF(g.x(mark.annual_credits), g.y(mark.price_per_credit))

    def mark_positions(self) -> list[QPointF]:
        """Centres of every contract year's marker (one per distinct volume), in widget coordinates."""
        g, model = self.geometry_for_size(), self._model
        if g is None or model is None:
            return []
        return [QPointF(g.x(mark.annual_credits), g.y(mark.price_per_credit)) for mark in model.marks]

    def price_break_position(self) -> QPointF | None:
        """Centre of the price-break marker, when the quote has a price break."""
        g, model = self.geometry_for_size(), self._model
        if g is None or model is None or model.price_break is None:
            return None
        pb = model.price_break
        return QPointF(g.x(pb.annual_credits), g.y(pb.price_per_credit))

    def _price_tick(self, value: Decimal) -> str:
        currency = self._model.currency if self._model else "USD"
        return money(value, currency) if value == value.quantize(Decimal("0.01")) else price(value, currency)

    # --- painting ----------------------------------------------------------------------------

    def layer_key(self) -> tuple[object, ...] | None:
        """The axes and the curve: the plot area, the ticks, the volume range and which curve is drawn."""
        g, model = self.geometry_for_size(), self._model
        if g is None or model is None:
            return None
        return (g.plot, model.y_ticks, model.low, model.high, self._curve_drawn)

    def _paint_static(self, painter: QPainter, colours: ChartColours) -> None:
        """What typing a volume leaves alone: the axes and the curve (whose outline labels keep off)."""
        g, model = self.geometry_for_size(), self._model
        assert g is not None and model is not None  # a layer is painted only for a quote
        self._paint_axes(painter, colours, g, model)
        self._outline = self._paint_curve(painter, colours, g, model)

    def _paint_moving(self, painter: QPainter, colours: ChartColours) -> None:
        """What follows every keystroke: the markers and their labels."""
        g, model = self.geometry_for_size(), self._model
        assert g is not None and model is not None
        taken = self._paint_markers(painter, colours, g, model)
        self._paint_labels(painter, colours, g, model, taken)

    def _paint_axes(self, painter: QPainter, colours: ChartColours, g: CurveGeometry, model: CurveModel) -> None:
        metrics = QFontMetricsF(painter.font())
        plot = g.plot
        for tick in model.y_ticks:
            y = round(g.y(tick)) + 0.5
            painter.setPen(QPen(colours.grid, 1))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(colours.muted)
            box = QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._price_tick(tick))
        last_right = -math.inf
        for volume in log_ticks(model.low, model.high):
            x = round(g.x(volume)) + 0.5
            text = compact(volume)
            width = metrics.horizontalAdvance(text)
            painter.setPen(QPen(colours.grid, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            if x - width / 2 > last_right + 6:
                painter.setPen(colours.muted)
                box = QRectF(x - width / 2 - 2, plot.bottom() + 6, width + 4, metrics.height())
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
                last_right = x + width / 2

    def _paint_curve(self, painter: QPainter, colours: ChartColours, g: CurveGeometry, model: CurveModel) -> QPainterPath:
        """The curve with its fill; returns the line's outline."""
        line = QPolygonF([QPointF(g.x(p.annual_credits), g.y(p.price_per_credit)) for p in model.points])
        area = QPolygonF(line)
        area.append(QPointF(line.last().x(), g.plot.bottom()))
        area.append(QPointF(line.first().x(), g.plot.bottom()))
        fill = QLinearGradient(0, g.plot.top(), 0, g.plot.bottom())
        top, bottom = QColor(colours.series[0]), QColor(colours.series[0])
        top.setAlphaF(0.22 if colours.dark else 0.16)
        bottom.setAlphaF(0.02)
        fill.setColorAt(0, top)
        fill.setColorAt(1, bottom)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(fill))
        painter.drawPolygon(area)
        pen = QPen(colours.series[0], 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(line)
        path = QPainterPath()
        path.addPolygon(line)
        stroker = QPainterPathStroker()
        stroker.setWidth(4.0)
        return stroker.createStroke(path)

    def _paint_markers(self, painter: QPainter, colours: ChartColours, g: CurveGeometry, model: CurveModel) -> list[QRectF]:
        """Price-break arrow and marker, other ramp years, then the quote on top; returns the areas they cover."""
        quote = QPointF(g.x(model.marks[0].annual_credits), g.y(model.marks[0].price_per_credit))
        covered = [_dot_rect(quote, MARKER_RADIUS + 2)]
        if model.price_break is not None:  # the arrow leaves the year the break is advised for (a ramp's may be year 2)
            origin = model.mark_of(model.price_break.year)
            target = QPointF(g.x(model.price_break.annual_credits), g.y(model.price_break.price_per_credit))
            _draw_arrow(painter, QPointF(g.x(origin.annual_credits), g.y(origin.price_per_credit)), target, colours.saving)
            _draw_dot(painter, target, MARKER_RADIUS, colours.saving, colours.background)
            covered.append(_dot_rect(target, MARKER_RADIUS + 2))
        for mark in model.marks[1:]:
            centre = QPointF(g.x(mark.annual_credits), g.y(mark.price_per_credit))
            _draw_dot(painter, centre, MARKER_RADIUS - 1.5, colours.background, colours.quote, ring=2.0)
            covered.append(_dot_rect(centre, MARKER_RADIUS + 2))
        _draw_dot(painter, quote, MARKER_RADIUS, colours.quote, colours.background)
        return covered

    def curve_outline(self) -> QPainterPath:
        """The outline of the curve as last drawn (labels are placed off it); empty before any curve is drawn."""
        return self._outline

    def _paint_labels(self, painter: QPainter, colours: ChartColours, g: CurveGeometry, model: CurveModel, taken: list[QRectF]) -> None:
        """The quote's label, then the price break's, each where it covers no marker, other label or the curve."""
        bounds = g.plot.adjusted(2, 0, -2, -2)
        self.label_rects = []
        for credits, value, texts, text_colour in self._labels(model, colours):
            anchor = QPointF(g.x(credits), g.y(value))
            rect, text = self._fit_label(painter, anchor, texts, bounds, taken, self.curve_outline())
            draw_pill(painter, rect, text, colours, text_colour)
            taken.append(rect)
            self.label_rects.append(rect)
        for mark in model.marks[1:]:
            anchor = QPointF(g.x(mark.annual_credits), g.y(mark.price_per_credit))
            rect, text = self._fit_label(painter, anchor, (mark.label,), bounds, taken, self.curve_outline())
            draw_pill(painter, rect, text, colours, colours.muted)
            taken.append(rect)
            self.label_rects.append(rect)

    @staticmethod
    def _labels(model: CurveModel, colours: ChartColours) -> list[tuple[int, Decimal, tuple[str, str], QColor]]:
        """(credits, price, long and short texts, colour) of the quote's label and the price break's."""
        mark, currency = model.marks[0], model.currency
        figures = f"{count(mark.annual_credits)} credits · {price(mark.price_per_credit, currency)}"
        prefix = f"{mark.label}: " if model.ramp else "This quote: "
        labels = [(mark.annual_credits, mark.price_per_credit, (prefix + figures, figures), colours.text)]
        if model.price_break is not None:
            pb = model.price_break
            year = f"Year {pb.year}: " if model.ramp else ""  # a ramp's break is one year's, and says which
            long = f"{year}order {count(pb.annual_credits)} credits: save {money(pb.saving, currency)}"
            short = f"{year}{count(pb.annual_credits)} saves {money(pb.saving, currency)}"
            labels.append((pb.annual_credits, pb.price_per_credit, (long, short), colours.saving_text))
        return labels

    @staticmethod
    def _fit_label(
        painter: QPainter, anchor: QPointF, texts: tuple[str, ...], bounds: QRectF, taken: list[QRectF], avoid: QPainterPath
    ) -> tuple[QRectF, str]:
        """The first text (longest first) that fits somewhere clean (off the curve too), else the shortest where it
        overlaps least."""
        metrics = QFontMetricsF(painter.font())

        def size(text: str) -> QRectF:
            return QRectF(0, 0, metrics.horizontalAdvance(text) + 14, metrics.height() + 6)

        for text in texts[:-1]:
            rect = clean_spot(anchor, size(text), bounds, taken, avoid)
            if rect is not None:
                return rect, text
        return place_label(anchor, size(texts[-1]), bounds, taken, avoid), texts[-1]

    # --- tooltips ----------------------------------------------------------------------------

    def tooltip_at(self, position: QPoint | QPointF) -> str:
        """Figures under the cursor: the quote, the price break, or the curve at that volume."""
        g, model = self.geometry_for_size(), self._model
        if g is None or model is None:
            return ""
        at = QPointF(position)
        for mark in model.marks:
            if _near(at, QPointF(g.x(mark.annual_credits), g.y(mark.price_per_credit))):
                return self._mark_tip(model, mark)
        pb = model.price_break
        if pb is not None and _near(at, QPointF(g.x(pb.annual_credits), g.y(pb.price_per_credit))):
            return self._break_tip(model, pb)
        if g.plot.adjusted(-4, -4, 4, 4).contains(at):
            return self._curve_tip(model, g.credits_at(at.x()))
        return ""

    def _mark_tip(self, model: CurveModel, mark: Mark) -> str:
        who = mark.label if model.ramp or len(model.marks) > 1 else "This quote"
        return (
            f"{who}: {count(mark.annual_credits)} credits a year\n"
            f"{price(mark.price_per_credit, model.currency)} per credit\n"
            f"{money(mark.annual_subscription, model.currency)} a year"
        )

    def _break_tip(self, model: CurveModel, pb: BreakMark) -> str:
        return (
            f"Price break{f' in year {pb.year}' if model.ramp else ''}: order {count(pb.annual_credits)} credits a year\n"
            f"{price(pb.price_per_credit, model.currency)} per credit, {money(pb.annual_subscription, model.currency)} a year\n"
            f"You save {money(pb.saving, model.currency)} a year"
        )

    def _curve_tip(self, model: CurveModel, credits: float) -> str:
        volumes = [p.annual_credits for p in model.points]
        i = min(bisect_left(volumes, credits), len(volumes) - 1)
        if i > 0 and abs(math.log(volumes[i - 1] / credits)) < abs(math.log(volumes[i] / credits)):
            i -= 1
        point = model.points[i]
        average = "average " if model.graduated else ""
        return (
            f"{count(point.annual_credits)} credits a year\n"
            f"{average}{price(point.price_per_credit, model.currency)} per credit\n"
            f"{money(point.annual_subscription, model.currency)} a year"
        )


def _near(a: QPointF, b: QPointF) -> bool:
    return (a.x() - b.x()) ** 2 + (a.y() - b.y()) ** 2 <= HIT_RADIUS**2


def _dot_rect(centre: QPointF, radius: float) -> QRectF:
    return QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)


def _draw_dot(painter: QPainter, centre: QPointF, radius: float, fill: QColor, ring_colour: QColor, ring: float = 2.5) -> None:
    """A filled marker with a ring that separates it from the line beneath."""
    painter.setPen(QPen(ring_colour, ring))
    painter.setBrush(fill)
    painter.drawEllipse(centre, radius, radius)


def _draw_arrow(painter: QPainter, start: QPointF, end: QPointF, colour: QColor) -> None:
    """A dashed arrow from the quote to the price break, its head stopping at the break's marker."""
    line = QLineF(start, end)
    if line.length() < 2 * MARKER_RADIUS + 4:
        return
    shaft = QLineF(line.pointAt(MARKER_RADIUS / line.length()), line.pointAt(1 - (MARKER_RADIUS + 3) / line.length()))
    painter.setPen(QPen(colour, 1.6, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(shaft)
    head = QPainterPath(shaft.p2())
    for turn in (150, -150):
        wing = QLineF.fromPolar(7, shaft.angle() + turn).translated(shaft.p2())
        head.lineTo(wing.p2())
        head.moveTo(shaft.p2())
    painter.setPen(QPen(colour, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPath(head)
