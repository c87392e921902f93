"""The two quote charts, rendered offscreen and checked for what a sales person would see."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import contrast

from cpiquote import services
from cpiquote.gui.charts import ChartColours, ChartWidget, CostByYearChart, PriceCurveChart
from cpiquote.gui.charts import price_curve as chart_price_curve
from cpiquote.gui.common import theme
from cpiquote.pricing import PriceBook, Quotation, QuoteRequest, price_curve

SIZE = (600, 300)
Chart = TypeVar("Chart", bound=ChartWidget)


def quote(book: PriceBook, interactions: int | tuple[int, ...], years: int = 1, **options: object) -> Quotation:
    ramp = interactions if isinstance(interactions, tuple) else (interactions,)
    return services.price(book, QuoteRequest(ramp, years, **options))  # type: ignore[arg-type]


def _palette(base: str, window: str, text: str) -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Base, base), (QPalette.ColorRole.Window, window), (QPalette.ColorRole.Text, text)):
        palette.setColor(role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    return _palette("#1b1c1f", "#202124", "#e8eaed")


def light_palette() -> QPalette:
    return _palette("#ffffff", "#efefef", "#111111")


def make(qtbot: QtBot, cls: type[Chart], quotation: Quotation | None, palette: QPalette | None = None) -> Chart:
    chart = cls()
    qtbot.addWidget(chart)
    chart.setPalette(palette or light_palette())
    chart.resize(*SIZE)
    chart.set_quotation(quotation)
    return chart


def image_of(chart: QWidget) -> QImage:
    image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(1)  # pixel coordinates below are scaled by the ratio explicitly
    return image


def scale(chart: QWidget) -> float:
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
    return QPointF(sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def bar_of(chart: CostByYearChart, year: int) -> QRectF:
    rect = chart.bar_rect(year)
    assert rect is not None, f"year {year} has a bar"
    return rect


def plot_of(chart: PriceCurveChart) -> QRectF:
    geometry = chart.geometry_for_size()
    assert geometry is not None, "a quotation is shown"
    return geometry.plot


def colours_of(chart: QWidget) -> ChartColours:
    return ChartColours.from_palette(chart.palette())


def hover_tooltip(qtbot: QtBot, chart: QWidget, position: QPointF) -> str:
    """What the tooltip says after the cursor rests at `position` (a real ToolTip event, as Qt sends it)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    local = position.toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, local, chart.mapToGlobal(local)))
    return QToolTip.text() if QToolTip.isVisible() else ""


# --- price curve ---------------------------------------------------------------------------------


def test_price_curve_marks_the_quote_at_its_volume_and_price(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    big = make(qtbot, PriceCurveChart, quote(sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True))
    small = make(
        qtbot, PriceCurveChart, quote(sample_pricebook, 58_000, 1, generative_ai=True, intent_manager=True, performance_optimizer=True)
    )
    big_dot = pixels_like(image_of(big), colours_of(big).quote)
    small_dot = pixels_like(image_of(small), colours_of(small).quote)
    assert len(big_dot) >= 40 and len(small_dot) >= 40, "the quote's marker is drawn"
    expected = big.marker_position()
    assert expected is not None
    assert (centroid(big_dot) - expected * scale(big)).manhattanLength() < 4
    # 2,040,000 credits at $0.5060 sits right of and lower than 102,000 credits at $0.8500
    assert centroid(big_dot).x() > centroid(small_dot).x() + 200
    assert centroid(big_dot).y() > centroid(small_dot).y() + 30


def test_price_curve_is_drawn_as_a_line_over_the_whole_axis(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 30_000))
    image = image_of(chart)
    line = pixels_like(image, colours_of(chart).series[0], tolerance=30)
    assert len(line) > 600, "the curve is drawn"
    xs = [x for x, _ in line]
    assert max(xs) - min(xs) > image.width() * 0.8, "the curve spans the volume axis"
    assert len({image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}) > 30, "not a blank card"


def test_price_break_is_marked_when_the_quote_has_one(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 95_000))
    target = chart.price_break_position()
    assert target is not None
    assert len(pixels_like(image_of(chart), colours_of(chart).saving, near=target * scale(chart), radius=8)) >= 30
    assert "order 100,000 credits to save $5,250.00" in chart.accessibleDescription()
    tip = hover_tooltip(qtbot, chart, target)
    assert "100,000 credits" in tip
    assert "$85,000.00" in tip
    assert "You save $5,250.00" in tip


@pytest.mark.parametrize(
    ("interactions", "years", "options"),
    [
        (58_000, 1, {"generative_ai": True, "intent_manager": True, "performance_optimizer": True}),
        (1_200_000, 3, {"generative_ai": True, "intent_manager": True}),
    ],
)
def test_no_price_break_marker_without_a_price_break(
    qtbot: QtBot, sample_pricebook: PriceBook, interactions: int, years: int, options: dict[str, bool]
) -> None:
    quotation = quote(sample_pricebook, interactions, years, **options)
    assert quotation.first_year.price_break is None
    chart = make(qtbot, PriceCurveChart, quotation)
    assert chart.price_break_position() is None
    assert pixels_like(image_of(chart), colours_of(chart).saving) == []
    assert "save" not in chart.accessibleDescription()


def test_tooltip_on_the_quote_and_on_the_curve(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True))
    marker = chart.marker_position()
    assert marker is not None
    tip = hover_tooltip(qtbot, chart, marker)
    assert "2,040,000 credits" in tip
    assert "$0.5060 per credit" in tip
    assert "$1,032,240.00 a year" in tip
    far_left = QPointF(plot_of(chart).left() + 3, marker.y())
    assert "$0.8740 per credit" in hover_tooltip(qtbot, chart, far_left), "50,000 credits: 0.95 less the 3-year term discount of 8%"


def test_graduated_curve_shows_the_average_price(qtbot: QtBot, graduated_pricebook: PriceBook) -> None:
    quotation = quote(graduated_pricebook, 300_000)
    chart = make(qtbot, PriceCurveChart, quotation)
    marker = chart.marker_position()
    assert marker is not None
    assert len(pixels_like(image_of(chart), colours_of(chart).quote, near=marker * scale(chart), radius=8)) >= 30
    assert f"${quotation.first_year.price_per_credit} per credit" in hover_tooltip(qtbot, chart, marker)
    assert "average" in hover_tooltip(qtbot, chart, marker + QPointF(60, 0))
    assert chart.title() == "Average price per credit by annual credits"


def test_ramp_marks_every_year(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, (60_000, 240_000, 800_000), 3))
    image = image_of(chart)
    dots = pixels_like(image, colours_of(chart).quote)
    assert max(x for x, _ in dots) - min(x for x, _ in dots) > 200, "year 3 is marked far right of year 1"


def test_price_curve_is_priced_once_per_price_book_term_and_discount(
    qtbot: QtBot, sample_pricebook: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, Decimal]] = []

    def counting(book: PriceBook, years: int, discount: Decimal, volumes: list[int]) -> object:
        calls.append((years, discount))
        return price_curve(book, years, discount, volumes)

    monkeypatch.setattr(chart_price_curve, "price_curve", counting)
    chart = make(qtbot, PriceCurveChart, None)
    for typed in (9, 95, 950, 9_500, 95_000, 96_000, 120_000):  # typing a volume digit by digit
        chart.set_quotation(quote(sample_pricebook, typed))
    assert len(calls) == 1
    chart.set_quotation(quote(sample_pricebook, 95_000, 3))
    chart.set_quotation(quote(sample_pricebook, 95_000, 1))
    assert calls == [(1, Decimal(0)), (3, Decimal(0))], "going back to one year reuses the first curve"
    chart.set_quotation(quote(sample_pricebook, 95_000, 1, discount_percent=Decimal(5)))
    assert calls[-1] == (1, Decimal(5))


def test_price_curve_axis_grows_past_a_very_large_quote(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 40_000_000))
    marker, plot = chart.marker_position(), plot_of(chart)
    assert marker is not None
    assert plot.left() < marker.x() < plot.right() - 20, "the quote is on the chart, not clamped to its edge"


# --- cost by year --------------------------------------------------------------------------------


def test_cost_bars_are_split_into_subscription_care_package_and_services(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(
        sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40)
    )
    chart = make(qtbot, CostByYearChart, quotation)
    image, colours, ratio = image_of(chart), colours_of(chart), scale(chart)
    for year in (1, 2, 3):
        bar = bar_of(chart, year)
        bottom = QPointF(bar.center().x(), bar.bottom() - 10) * ratio
        top = QPointF(bar.center().x(), bar.top() + 4 + (3 if year == 1 else 0)) * ratio
        assert pixels_like(image, colours.series[0], near=bottom, radius=3), f"year {year} subscription"
        assert pixels_like(image, colours.series[1], near=top, radius=3), f"year {year} Care Package"

    def services_on_top(year: int) -> bool:
        top = QPointF(bar_of(chart, year).center().x(), bar_of(chart, year).top() + 1) * ratio
        return bool(pixels_like(image, colours.series[2], near=top, radius=2))

    assert services_on_top(1), "services are on the first invoice, visible however small"
    assert not services_on_top(2)


def test_cost_bar_heights_follow_the_invoices(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(sample_pricebook, (60_000, 240_000, 800_000), 3)
    chart = make(qtbot, CostByYearChart, quotation)
    heights = [bar_of(chart, y).height() for y in (1, 2, 3)]
    totals = [float(invoice.amount) for invoice in quotation.invoices]
    assert heights[2] / heights[0] == pytest.approx(totals[2] / totals[0], rel=0.02)


def test_cost_tooltip_shows_the_hovered_year(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(
        sample_pricebook, 1_200_000, 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40)
    )
    chart = make(qtbot, CostByYearChart, quotation)
    first = hover_tooltip(qtbot, chart, bar_of(chart, 1).center())
    assert "Year 1" in first
    assert "Subscription: $1,032,240.00" in first
    assert "Care Package: $103,224.00" in first
    assert "Professional services: $8,000.00" in first
    assert "Total: $1,143,464.00" in first
    second = hover_tooltip(qtbot, chart, bar_of(chart, 2).center())
    assert "Total: $1,135,464.00" in second
    assert "services" not in second
    assert hover_tooltip(qtbot, chart, QPointF(2, 2)) == "", "no tooltip over the title"


def test_cost_chart_describes_itself_for_screen_readers(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, CostByYearChart, quote(sample_pricebook, 30_000))
    assert chart.accessibleName() == "Cost by contract year"
    assert "year 1: $47,500.00" in chart.accessibleDescription()


# --- both ----------------------------------------------------------------------------------------

BOTH = pytest.mark.parametrize("cls", [PriceCurveChart, CostByYearChart])


@BOTH
def test_dark_palette_paints_a_dark_chart_with_light_text(qtbot: QtBot, sample_pricebook: PriceBook, cls: type[ChartWidget]) -> None:
    quotation = quote(sample_pricebook, 95_000)
    dark = image_of(make(qtbot, cls, quotation, dark_palette()))
    light = image_of(make(qtbot, cls, quotation, light_palette()))
    assert dark.pixelColor(3, 3).lightness() < 50
    assert light.pixelColor(3, 3).lightness() > 230
    bright = sum(1 for x in range(dark.width()) for y in range(0, 40) if dark.pixelColor(x, y).lightness() > 190)
    assert bright > 50, "the title is light on dark"


@BOTH
def test_empty_state_says_what_to_do(qtbot: QtBot, sample_pricebook: PriceBook, cls: type[ChartWidget]) -> None:
    chart = make(qtbot, cls, quote(sample_pricebook, 95_000))
    chart.set_quotation(None)
    image = image_of(chart)
    assert chart.accessibleDescription() == cls.EMPTY_MESSAGE
    assert pixels_like(image, colours_of(chart).quote) == []
    assert pixels_like(image, colours_of(chart).series[0], tolerance=20) == []
    assert pixels_like(image, colours_of(chart).muted, tolerance=20), "the message is written"
    assert hover_tooltip(qtbot, chart, QPointF(300, 150)) == ""


@BOTH
def test_charts_have_sensible_sizes_and_names(qtbot: QtBot, cls: type[ChartWidget]) -> None:
    chart = cls()
    qtbot.addWidget(chart)
    assert chart.accessibleName()
    assert chart.minimumSizeHint().width() >= 300 and chart.minimumSizeHint().height() >= 180
    assert chart.sizeHint().width() >= chart.minimumSizeHint().width()


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@BOTH
def test_repaints_only_when_the_quotation_changes(qtbot: QtBot, sample_pricebook: PriceBook, cls: type[ChartWidget]) -> None:
    chart = make(qtbot, cls, quote(sample_pricebook, 95_000))
    chart.show()
    qtbot.waitExposed(chart)
    qtbot.wait(50)  # the first paint after showing
    counter = PaintCounter()
    chart.installEventFilter(counter)
    chart.set_quotation(quote(sample_pricebook, 95_000))  # equal figures, new object: as the window reprices on a no-op edit
    qtbot.wait(30)
    assert counter.paints == 0
    chart.set_quotation(quote(sample_pricebook, 96_000))
    qtbot.waitUntil(lambda: counter.paints > 0)


def test_price_curve_repaints_its_axes_and_curve_when_what_they_show_changes(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    """Typing moves only the marker over a cached picture of the axes and curve; palette, size and curve still follow."""
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, 1_200_000, 3))
    first = image_of(chart)
    chart.set_quotation(quote(sample_pricebook, 300_000, 3))  # same curve, marker elsewhere
    moved = pixels_like(image_of(chart), colours_of(chart).quote)
    expected = chart.marker_position()
    assert expected is not None and moved and (centroid(moved) - expected * scale(chart)).manhattanLength() < 4
    assert not pixels_like(first, colours_of(chart).quote, near=expected * scale(chart), radius=3)
    chart.setPalette(dark_palette())
    assert image_of(chart).pixelColor(3, 3).lightness() < 50, "a new palette repaints the background"
    chart.resize(SIZE[0] + 120, SIZE[1] + 60)
    grown = image_of(chart)
    assert grown.width() > first.width() and grown.pixelColor(grown.width() - 3, grown.height() - 3).lightness() < 50
    for changed in (quote(sample_pricebook, 300_000, 3, discount_percent=Decimal(1)), quote(sample_pricebook, 300_000, 1)):
        chart.set_quotation(changed)  # a new curve (discount, contract length): drawn again, exactly as a fresh chart draws it
        fresh = make(qtbot, PriceCurveChart, changed, dark_palette())
        fresh.resize(chart.size())
        assert image_of(chart) == image_of(fresh)


@pytest.mark.parametrize("interactions", [90_000_000, 4_900_000, 1_200_000, 52_000, 2_600_000])
def test_price_curve_labels_never_hide_a_step_of_the_curve(qtbot: QtBot, sample_pricebook: PriceBook, interactions: int) -> None:
    chart = make(qtbot, PriceCurveChart, quote(sample_pricebook, interactions, 3))
    chart.grab()  # paints: labels are placed as they are drawn
    assert chart.label_rects, "the quote is labelled"
    for rect in chart.label_rects:
        assert not chart.curve_outline().intersects(rect), f"a label covers the curve at {interactions:,} interactions"


def test_a_ramp_years_price_break_arrow_leaves_that_year_not_year_1(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    quotation = quote(sample_pricebook, (60_000, 460_000), 2)  # year 2 should order 500,000 credits; year 1 has no break
    assert quotation.price_break_year is not None and quotation.price_break_year.year == 2
    chart = make(qtbot, PriceCurveChart, quotation)
    year_1, _year_2 = chart.mark_positions()
    target = chart.price_break_position()
    assert target is not None
    image, ratio = image_of(chart), scale(chart)
    between_year_1_and_break = (year_1 + target) / 2 * ratio
    assert pixels_like(image, colours_of(chart).saving, near=between_year_1_and_break, radius=6) == [], "no arrow from year 1"
    assert len(pixels_like(image, colours_of(chart).saving, near=target * ratio, radius=8)) >= 30, "the break is marked"
    assert "Price break in year 2: order 500,000 credits" in chart.accessibleDescription()
    assert "Year 1: 60,000 credits at $0.9120; Year 2: 460,000 credits" in chart.accessibleDescription()


@pytest.mark.parametrize("cls", [PriceCurveChart, CostByYearChart])
def test_a_stale_chart_is_faded_but_its_words_stay_readable(qtbot: QtBot, sample_pricebook: PriceBook, cls: type[ChartWidget]) -> None:
    chart = make(qtbot, cls, quote(sample_pricebook, 1_200_000, 3), theme.palette(dark=False))  # with its greyed colours
    chart.setEnabled(False)  # how the window shows the last good quote while the inputs cannot be priced
    image = image_of(chart)
    title_band = [image.pixelColor(x, y) for x in range(0, image.width() // 2) for y in range(0, round(28 * scale(chart)))]
    darkest = min(title_band, key=lambda c: c.lightness())
    background = colours_of(chart).background
    assert 3.0 <= contrast(darkest, background) < contrast(colours_of(chart).text, background), "faded, yet readable"


def test_a_small_year_beside_a_huge_one_still_gets_a_bar(qtbot: QtBot, sample_pricebook: PriceBook) -> None:
    chart = make(qtbot, CostByYearChart, quote(sample_pricebook, (60_000, 90_000_000), 2))
    small, huge = bar_of(chart, 1), bar_of(chart, 2)
    assert huge.height() > 100 * small.height() / 3 and small.height() >= 2
    image = image_of(chart)
    assert pixels_like(image, colours_of(chart).series[0], near=small.center() * scale(chart), radius=2), "the small bar is drawn"


def test_a_tiny_bar_shows_its_main_part_not_only_its_smallest() -> None:
    from cpiquote.gui.charts.cost_by_year import MIN_PART_HEIGHT, part_heights

    subscription, care = Decimal("148000"), Decimal("14800")
    tiny = dict(part_heights((subscription, care, Decimal(0)), 2.0))
    assert tiny[0] > tiny[1] and sum(tiny.values()) == pytest.approx(2.0), "a 2 px bar is mostly subscription"
    tall = dict(part_heights((subscription, Decimal("100"), Decimal(0)), 200.0))
    assert tall[1] == MIN_PART_HEIGHT and sum(tall.values()) == pytest.approx(200.0), "a sliver still shows on a tall bar"
