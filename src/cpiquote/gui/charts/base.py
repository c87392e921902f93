"""What both quote charts share: palette-derived colours, axis ticks and labels, and a chart widget base."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from cpiquote import formatting
from cpiquote.pricing import Quotation

# Every paint labels the same axis ticks and bars again, and Babel takes tens of microseconds a figure:
# the charts format each distinct figure once (these are pure functions of their arguments).
money = lru_cache(maxsize=4096)(formatting.money)
price = lru_cache(maxsize=4096)(formatting.price)
count = lru_cache(maxsize=4096)(formatting.count)
number = lru_cache(maxsize=4096)(formatting.number)

# Series colours for (light, dark) backgrounds: Tailwind-like 600 shades on light, 400 shades on dark.
SERIES_LIGHT = ("#2563EB", "#0D9488", "#D97706")
SERIES_DARK = ("#60A5FA", "#2DD4BF", "#FBBF24")
QUOTE_COLOURS = ("#EA580C", "#FB923C")
SAVING_COLOURS = ("#16A34A", "#4ADE80")
SAVING_TEXT_COLOURS = ("#15803D", "#86EFAC")
STALE_OPACITY = 0.5  # a chart of the last good quote while the inputs cannot be priced
COMPACT_UNITS = ((Decimal(10) ** 12, "T"), (Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k"))


def blend(front: QColor, back: QColor, share: float) -> QColor:
    """`front` laid over `back` with opacity `share` (0..1): muted text and grid lines from the palette."""

    def mix(f: float, b: float) -> float:
        return share * f + (1 - share) * b

    return QColor.fromRgbF(mix(front.redF(), back.redF()), mix(front.greenF(), back.greenF()), mix(front.blueF(), back.blueF()))


@dataclass(frozen=True)
class ChartColours:
    """Every colour a chart paints with, derived from the widget palette so light and dark both read well."""

    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    series: tuple[QColor, ...]
    quote: QColor
    saving: QColor
    saving_text: QColor
    dark: bool

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartColours:
        """The colours for `palette`: its Base and Text roles, plus accents tuned for its lightness.

        Always the active colours: a stale chart is shown disabled, and fading it (fade_if_stale) is all the greying
        it needs; the disabled text colours on top of the fade left its words unreadable (about 1.4:1).
        """
        active = QPalette.ColorGroup.Active
        background = palette.color(active, QPalette.ColorRole.Base)
        text = palette.color(active, QPalette.ColorRole.Text)
        dark = background.lightness() < 128
        pick = 1 if dark else 0
        return cls(
            background=background,
            text=text,
            muted=blend(text, background, 0.68),
            grid=blend(text, background, 0.12),
            series=tuple(QColor(c) for c in (SERIES_DARK if dark else SERIES_LIGHT)),
            quote=QColor(QUOTE_COLOURS[pick]),
            saving=QColor(SAVING_COLOURS[pick]),
            saving_text=QColor(SAVING_TEXT_COLOURS[pick]),
            dark=dark,
        )


def nice_step(span: Decimal, target_ticks: int) -> Decimal:
    """The 1-2-5 step that splits `span` into at most about `target_ticks` intervals."""
    raw = span / target_ticks
    exponent = raw.adjusted()
    for mantissa in (1, 2, 5, 10):
        step = Decimal(mantissa).scaleb(exponent)
        if step >= raw:
            return step
    return Decimal(10).scaleb(exponent)  # unreachable: 10 x 10^e >= raw always


def linear_ticks(maximum: Decimal, minimum: Decimal = Decimal(0), target_ticks: int = 4) -> tuple[Decimal, ...]:
    """Round tick values from at or below `minimum` (>= 0) to the first at or above `maximum`, at least one interval."""
    span = maximum - minimum
    step = nice_step(span if span > 0 else max(maximum, Decimal(1)), target_ticks)
    first = math.floor(minimum / step)
    last = max(first + 1, math.ceil(maximum / step))
    return tuple(step * i for i in range(first, last + 1))


def nice_floor_125(value: int) -> int:
    """The largest 1, 2 or 5 x 10^k not above `value` (value >= 1): the left end of a log axis."""
    power = int(10 ** (len(str(value)) - 1))
    for mantissa in (5, 2, 1):
        if mantissa * power <= value:
            return mantissa * power
    return power


def nice_ceil_125(value: int) -> int:
    """The smallest 1, 2 or 5 x 10^k not below `value` (value >= 1): the right end of a log axis."""
    power = int(10 ** (len(str(value)) - 1))
    for mantissa in (1, 2, 5, 10):
        if mantissa * power >= value:
            return mantissa * power
    return 10 * power


def log_ticks(low: int, high: int) -> tuple[int, ...]:
    """Values for a logarithmic volume axis from `low` to `high`: 1-2-5 steps, or powers of ten over many decades."""
    decades = range(len(str(low)) - 1, len(str(high)))
    mantissas = (1, 2, 5) if len(decades) <= 5 else (1,)
    ticks = [m * 10**exponent for exponent in decades for m in mantissas]
    return tuple(t for t in ticks if low <= t <= high)


@lru_cache(maxsize=4096)
def compact(value: Decimal | int) -> str:
    """A short figure for axes and bar tops, three significant digits at most: 50k, 2.5M, 1.14M."""
    amount = Decimal(value)
    for unit, suffix in COMPACT_UNITS:
        if abs(amount) >= unit:
            return _three_digits(amount / unit) + suffix
    return _three_digits(amount)


def _three_digits(value: Decimal) -> str:
    places = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number(rounded)


@lru_cache(maxsize=4096)
def compact_money(amount: Decimal, currency: str) -> str:
    """A short amount with the currency's symbol where the locale puts it: $1.14M, $250k, $0."""
    pattern = money(Decimal(1), currency)
    return re.sub(r"\d(?:[\d.,\u00a0\u202f]*\d)?", compact(amount), pattern, count=1)


def clean_spot(
    anchor: QPointF, size: QSize | QRectF, bounds: QRectF, taken: Iterable[QRectF], avoid: QPainterPath | None = None
) -> QRectF | None:
    """The first spot near `anchor` for a label of `size`, inside `bounds`, overlapping nothing taken and not crossing
    `avoid` (a line's outline), or None.

    Spots are tried above and below, right then left, then beside the anchor.
    """
    taken = list(taken)
    for rect in _label_spots(anchor, size.width(), size.height()):
        crosses_line = avoid is not None and avoid.intersects(rect)
        if bounds.contains(rect) and not crosses_line and not any(rect.intersects(other) for other in taken):
            return rect
    return None


def place_label(
    anchor: QPointF, size: QSize | QRectF, bounds: QRectF, taken: Iterable[QRectF], avoid: QPainterPath | None = None
) -> QRectF:
    """Where a label of `size` goes near `anchor`: a clean spot if any, else the spot inside `bounds` overlapping least
    (markers and labels first, then the line of `avoid`)."""
    taken = list(taken)
    found = clean_spot(anchor, size, bounds, taken, avoid)
    if found is not None:
        return found
    spots = _label_spots(anchor, size.width(), size.height())
    inside = [rect for rect in spots if bounds.contains(rect)]
    if not inside:
        return _clamped(spots[0], bounds)
    return min(inside, key=lambda rect: (sum(_overlap(rect, other) for other in taken), avoid is not None and avoid.intersects(rect)))


def _label_spots(anchor: QPointF, width: float, height: float) -> list[QRectF]:
    gap, x, y = 8.0, anchor.x(), anchor.y()
    return [
        QRectF(x + gap, y - height - gap / 2, width, height),
        QRectF(x + gap, y + gap / 2, width, height),
        QRectF(x - gap - width, y - height - gap / 2, width, height),
        QRectF(x - gap - width, y + gap / 2, width, height),
        QRectF(x + 2 * gap, y - height / 2, width, height),
        QRectF(x - 2 * gap - width, y - height / 2, width, height),
        QRectF(x + gap, y + height + gap, width, height),
        QRectF(x + gap, y - 2 * height - gap, width, height),
    ]


def _overlap(a: QRectF, b: QRectF) -> float:
    both = a.intersected(b)
    return both.width() * both.height() if both.isValid() else 0.0


def _clamped(rect: QRectF, bounds: QRectF) -> QRectF:
    x = min(max(rect.left(), bounds.left()), bounds.right() - rect.width())
    y = min(max(rect.top(), bounds.top()), bounds.bottom() - rect.height())
    return QRectF(x, y, rect.width(), rect.height())


def draw_pill(painter: QPainter, rect: QRectF, text: str, colours: ChartColours, text_colour: QColor) -> None:
    """A label on a rounded, nearly opaque card so it stays readable over lines and fills."""
    card = QColor(colours.background)
    card.setAlphaF(0.94)
    painter.setPen(QPen(colours.grid, 1))
    painter.setBrush(card)
    painter.drawRoundedRect(rect, 4, 4)
    painter.setPen(text_colour)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class ChartWidget(QWidget):
    """A quote chart: paints its own palette-aware background, title, empty state and hover tooltips.

    A chart whose axes stay put while a person types splits its painting in two: `_paint_static` (axes, legend, a
    curve) into a cached layer, kept while `layer_key` and the widget's size, scale, palette, font and title stay the
    same, and `_paint_moving` (what follows every keystroke) over it. Others paint everything in `_paint_chart`.
    """

    TITLE = ""
    EMPTY_MESSAGE = "Enter interactions per year to see this chart."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quotation: Quotation | None = None
        self._layer: tuple[tuple[object, ...], QPixmap] | None = None  # the static layer and what it was painted for
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.TITLE)
        self.setAccessibleDescription(self.EMPTY_MESSAGE)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Small enough for a side panel, big enough for axis labels not to collide."""
        return QSize(300, 190)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The size the chart is designed at."""
        return QSize(600, 300)

    @property
    def quotation(self) -> Quotation | None:
        """The quotation on show, or None for the empty state."""
        return self._quotation

    def set_quotation(self, quotation: Quotation | None) -> None:
        """Show `quotation` (None: the empty state); repaints only when it differs from the one shown."""
        if quotation is self._quotation or quotation == self._quotation:
            return
        self._quotation = quotation
        self._rebuild(quotation)
        self.setAccessibleDescription(self._describe() if quotation is not None else self.EMPTY_MESSAGE)
        self.update()

    def _rebuild(self, quotation: Quotation | None) -> None:
        """Derive what painting needs from `quotation`; subclasses override."""

    def has_figures(self) -> bool:
        """True when there is something to draw (else the empty state); a chart of something other than a quote overrides."""
        return self._quotation is not None

    def tick_target(self) -> int:
        """How many value-axis intervals suit the chart's height: about one per 50 pixels, 3 to 8."""
        return max(3, min(8, int((self.height() - 90) / 50)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Re-derive the value axis when the height calls for more or fewer ticks."""
        super().resizeEvent(event)
        if self.has_figures() and event.size().height() != event.oldSize().height():
            self._retick()

    def _retick(self) -> None:
        """Recompute value-axis ticks for the current height; subclasses override."""

    def _describe(self) -> str:
        """A sentence for screen readers saying what the chart shows; subclasses override."""
        return self.TITLE

    def tooltip_at(self, position: QPoint | QPointF) -> str:
        """The figures under `position` (widget coordinates), or "" where there are none."""
        return ""

    def event(self, event: QEvent) -> bool:
        """Show the figures under the cursor as a tooltip."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos()) if self.has_figures() else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def layer_key(self) -> tuple[object, ...] | None:
        """What the static layer shows besides the size, scale, palette, font and title (the plot area, the ticks...);
        None (the default): the chart has no static layer and paints everything in `_paint_chart`."""
        return None

    def _paint_static(self, painter: QPainter, colours: ChartColours) -> None:
        """Paint, in the small font, what typing a figure leaves alone; charts with a `layer_key` override."""

    def _paint_moving(self, painter: QPainter, colours: ChartColours) -> None:
        """Paint, in the small font over the static layer, what follows every keystroke; charts with a `layer_key`
        override."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Background, title, then the chart itself (a cached static layer under what moves) or the empty-state message."""
        colours = ChartColours.from_palette(self.palette())
        key = self.layer_key() if self.has_figures() else None
        painter = QPainter(self)
        if key is not None:
            if not self.isEnabled():
                painter.fillRect(self.rect(), colours.background)  # under the faded layer (the layer paints its own otherwise)
                self.fade_if_stale(painter)
            painter.drawPixmap(0, 0, self._static_layer(colours, key))
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            painter.setFont(self.small_font())
            self._paint_moving(painter, colours)
            painter.end()
            return
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), colours.background)
        if self.has_figures():
            self.fade_if_stale(painter)
        self._paint_title(painter, colours)
        if not self.has_figures():
            self._paint_empty(painter, colours)
        else:
            self._paint_chart(painter, colours)
        painter.end()

    def _static_layer(self, colours: ChartColours, key: tuple[object, ...]) -> QPixmap:
        """The background, title and `_paint_static`'s drawing, painted again only when what they show changes.

        Sharp on high-DPI screens: the pixmap has the screen's device pixels and says so (device pixel ratio).
        """
        ratio = self.devicePixelRatioF()
        key = (self.size(), ratio, self.palette().cacheKey(), self.font().key(), self.title(), *key)
        if self._layer is not None and self._layer[0] == key:
            return self._layer[1]
        pixmap = QPixmap(math.ceil(self.width() * ratio), math.ceil(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), colours.background)
        self._paint_title(painter, colours)
        painter.setFont(self.small_font())
        self._paint_static(painter, colours)
        painter.end()
        self._layer = (key, pixmap)
        return pixmap

    def fade_if_stale(self, painter: QPainter) -> None:
        """Paint what follows faded while the chart shows the last good quote (the inputs cannot be priced), like the
        figures above it; the background must be painted already."""
        if not self.isEnabled():
            painter.setOpacity(STALE_OPACITY)

    def _paint_chart(self, painter: QPainter, colours: ChartColours) -> None:
        """Paint the chart below the title; subclasses override."""

    def title_font(self) -> QFont:
        """The chart title's font: the widget font, semi-bold."""
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def small_font(self) -> QFont:
        """Axis labels: a little smaller than body text, never below 8 points."""
        font = QFont(self.font())
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(max(8.0, size * 0.9))
        return font

    def title_height(self) -> float:
        """Height of the title row, from the title font."""
        return QFontMetricsF(self.title_font()).height() + 14

    def _paint_title(self, painter: QPainter, colours: ChartColours) -> None:
        painter.setFont(self.title_font())
        painter.setPen(colours.text)
        painter.drawText(QRectF(12, 8, self.width() - 24, self.title_height() - 8), Qt.AlignmentFlag.AlignLeft, self.title())

    def title(self) -> str:
        """The heading painted at the top left."""
        return self.TITLE

    def _paint_empty(self, painter: QPainter, colours: ChartColours) -> None:
        painter.setPen(colours.muted)
        painter.setFont(self.font())
        area = QRectF(self.rect()).adjusted(16, 16, -16, -16)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.EMPTY_MESSAGE)
