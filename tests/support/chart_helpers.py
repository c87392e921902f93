"""Charts in tests: a quotation, a chart of it in a light or dark palette, and what its pixels and tooltips show."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from cpiquote import services
from cpiquote.gui.charts import ChartColours, ChartWidget
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest

SIZE = (600, 300)
Chart = TypeVar("Chart", bound=ChartWidget)


def quote(book: PriceBook, interactions: int | tuple[int, ...], years: int = 1, **options: object) -> Quotation:
    """The engine's quotation of `interactions` (a figure, or one per year for a ramp) with `options`."""
    ramp = interactions if isinstance(interactions, tuple) else (interactions,)
    return services.price(book, QuoteRequest(ramp, years, **options))  # type: ignore[arg-type]


def _palette(base: str, window: str, text: str) -> QPalette:
    """A palette with the colours a chart paints from: base, window and text."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Base, base), (QPalette.ColorRole.Window, window), (QPalette.ColorRole.Text, text)):
        palette.setColor(role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    """A dark desktop's palette."""
    return _palette("#1b1c1f", "#202124", "#e8eaed")


def light_palette() -> QPalette:
    """A light desktop's palette."""
    return _palette("#ffffff", "#efefef", "#111111")


def make(qtbot: QtBot, cls: type[Chart], quotation: Quotation | None, palette: QPalette | None = None) -> Chart:
    """A chart of `cls` showing `quotation`, sized SIZE, in `palette` (light by default)."""
    chart = cls()
    qtbot.addWidget(chart)
    chart.setPalette(palette or light_palette())
    chart.resize(*SIZE)
    chart.set_quotation(quotation)
    return chart


def image_of(chart: QWidget) -> QImage:
    """The chart as painted, in device pixels."""
    image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(1)  # pixel coordinates below are scaled by the ratio explicitly
    return image


def scale(chart: QWidget) -> float:
    """Device pixels per chart pixel."""
    return chart.grab().devicePixelRatio()


def pixels_like(image: QImage, colour: QColor, near: QPointF | None = None, radius: int = 12, tolerance: int = 40) -> list[tuple[int, int]]:
    """Pixels within `tolerance` (sum of channel differences) of `colour`, optionally within `radius` of `near`."""
    if near is None:
        xs, ys = range(image.width()), range(image.height())
    else:
        cx, cy = round(near.x()), round(near.y())
        xs = range(max(cx - radius, 0), min(cx + radius + 1, image.width()))
        ys = range(max(cy - radius, 0), min(cy + radius + 1, image.height()))
    want = (colour.red(), colour.green(), colour.blue())
    found = []
    for y in ys:
        for x in xs:
            c = image.pixelColor(x, y)
            if abs(c.red() - want[0]) + abs(c.green() - want[1]) + abs(c.blue() - want[2]) <= tolerance:
                found.append((x, y))
    return found


def centroid(points: list[tuple[int, int]]) -> QPointF:
    """The centre of a set of pixels."""
    return QPointF(sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def colours_of(chart: QWidget) -> ChartColours:
    """The colours the chart paints with in its palette."""
    return ChartColours.from_palette(chart.palette())


def hover_tooltip(qtbot: QtBot, chart: QWidget, position: QPointF) -> str:
    """What the tooltip says after the cursor rests at `position` (a real ToolTip event, as Qt sends it)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    local = position.toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, local, chart.mapToGlobal(local)))
    return QToolTip.text() if QToolTip.isVisible() else ""
