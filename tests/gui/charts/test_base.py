"""What both charts share: axis ticks and short figures, palettes, the empty state, sizes, repainting and fading.

The tick maths and short figures are pure functions, tested without a widget.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from chart_helpers import colours_of, dark_palette, hover_tooltip, image_of, light_palette, make, pixels_like, quote, scale
from PySide6.QtCore import QEvent, QObject, QPointF
from pytestqt.qtbot import QtBot
from window_helpers import contrast

from cpiquote.gui.charts import ChartWidget, CostByYearChart, PriceCurveChart
from cpiquote.gui.charts.base import compact, compact_money, linear_ticks, log_ticks, nice_ceil_125, nice_floor_125, nice_step
from cpiquote.gui.common import theme
from cpiquote.pricing import PriceBook

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


@pytest.mark.parametrize("cls", [PriceCurveChart, CostByYearChart])
def test_a_stale_chart_is_faded_but_its_words_stay_readable(qtbot: QtBot, sample_pricebook: PriceBook, cls: type[ChartWidget]) -> None:
    chart = make(qtbot, cls, quote(sample_pricebook, 1_200_000, 3), theme.palette(dark=False))  # with its greyed colours
    chart.setEnabled(False)  # how the window shows the last good quote while the inputs cannot be priced
    image = image_of(chart)
    title_band = [image.pixelColor(x, y) for x in range(0, image.width() // 2) for y in range(0, round(28 * scale(chart)))]
    darkest = min(title_band, key=lambda c: c.lightness())
    background = colours_of(chart).background
    assert 3.0 <= contrast(darkest, background) < contrast(colours_of(chart).text, background), "faded, yet readable"


def test_a_tick_step_is_one_two_or_five_times_a_power_of_ten() -> None:
    spans = (Decimal(1000), Decimal(100), Decimal(7), Decimal("0.45"))
    assert [nice_step(span, 4) for span in spans] == [Decimal(500), Decimal(50), Decimal(2), Decimal("0.2")]


def test_linear_ticks_run_from_the_minimum_to_the_first_round_value_past_the_maximum() -> None:
    assert linear_ticks(Decimal(1_143_464)) == (0, 500_000, 1_000_000, 1_500_000)
    assert linear_ticks(Decimal("0.95"), Decimal("0.5")) == (Decimal("0.4"), Decimal("0.6"), Decimal("0.8"), Decimal("1.0"))
    assert linear_ticks(Decimal(0)) == (0, Decimal("0.5")), "an empty axis still has one interval"


def test_a_log_axis_ends_at_round_values_around_its_volumes() -> None:
    assert (nice_floor_125(73_000), nice_ceil_125(73_000)) == (50_000, 100_000)
    assert (nice_floor_125(19_999), nice_ceil_125(120_000)) == (10_000, 200_000)
    assert (nice_floor_125(50_000), nice_ceil_125(50_000)) == (50_000, 50_000)


def test_log_ticks_step_one_two_five_and_only_powers_of_ten_over_many_decades() -> None:
    assert log_ticks(50_000, 5_000_000) == (50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000)
    assert log_ticks(1, 100_000_000) == tuple(10**exponent for exponent in range(9))


def test_short_figures_keep_three_significant_digits_and_the_currency_symbol() -> None:
    assert [compact(value) for value in (50_000, 2_500_000, 1_143_464, 999)] == ["50k", "2.5M", "1.14M", "999"]
    assert [compact_money(Decimal(amount), "USD") for amount in ("1143464.00", "250000", "0")] == ["$1.14M", "$250k", "$0"]
