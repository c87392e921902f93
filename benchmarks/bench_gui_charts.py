"""How long the two charts take to follow an edit: set a new quotation, then repaint, offscreen.

Typing must never lag, so each keystroke's chart update should take well under 5 ms. For scale, the
same repaint of a plain QWidget of the same size that only fills its background is printed too.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # chosen before Qt loads

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from cpiquote import services
from cpiquote.gui.charts import ChartWidget, CostByYearChart, PriceCurveChart
from cpiquote.pricing import Quotation, QuoteRequest

ROUNDS = 200
_APPLICATION: QCoreApplication | None = None  # kept for the life of the process: Qt wants one application, never destroyed early
SIZE = (600, 300)


class BareWidget(QWidget):
    """For scale: a widget that paints only its background."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        painter.end()


def median_ms(action: Callable[[int], None], rounds: int = ROUNDS) -> float:
    """Median wall time of `action(i)` over `rounds` calls, in milliseconds, after a few warm-up calls."""
    for i in range(5):
        action(-1 - i)  # warm-up uses the inputs from the end, so the measured calls are not pre-warmed
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def typed_quotations() -> list[Quotation]:
    """Quotations a sales person passes through typing volumes, with Care Package and services (priced beforehand)."""
    book = services.open_pricebook()
    volumes = [95_000 + 1_000 * i for i in range(40)] + [1_200_000 + 10_000 * i for i in range(40)]
    return [services.price(book, QuoteRequest((v,), 3, care_package=True, services_hours=Decimal(40))) for v in volumes]


def discount_quotations() -> list[Quotation]:
    """Quotations that each need a new price curve (a different discount every time)."""
    book = services.open_pricebook()
    return [services.price(book, QuoteRequest((250_000,), 2, discount_percent=Decimal(i) / 10)) for i in range(1, 300)]


Shown = TypeVar("Shown", bound=QWidget)


def shown(widget: Shown) -> Shown:
    widget.resize(*SIZE)
    widget.show()
    QApplication.processEvents()
    return widget


def chart_figures(cls: type[ChartWidget], typed: list[Quotation], floor: float) -> list[str]:
    """Update-only and update-plus-repaint medians for one chart."""
    chart = shown(cls())
    name = cls.__name__
    update = median_ms(lambda i: chart.set_quotation(typed[i % len(typed)]))

    def update_and_paint(i: int) -> None:
        chart.set_quotation(typed[(i + 1) % len(typed)])
        chart.repaint()

    def update_and_grab(i: int) -> None:
        chart.set_quotation(typed[i % len(typed)])
        chart.grab()

    painted = median_ms(update_and_paint)
    grabbed = median_ms(update_and_grab)
    chart.close()
    return [
        f"charts: {name} set_quotation {update:.3f} ms median (target well under 5 ms)",
        f"charts: {name} set_quotation + repaint {painted:.2f} ms median (target well under 5 ms; bare widget {floor:.2f} ms)",
        f"charts: {name} set_quotation + grab {grabbed:.2f} ms median",
    ]


def run() -> list[str]:
    """One line per figure: each chart's update and repaint times, and the price curve with a new curve each time."""
    global _APPLICATION
    _APPLICATION = QApplication.instance() or QApplication([])
    typed = typed_quotations()
    bare = shown(BareWidget())
    floor = median_ms(lambda i: bare.repaint())
    bare.close()
    lines = [f"charts: bare QWidget {SIZE[0]}x{SIZE[1]} repaint {floor:.2f} ms median (for scale)"]
    lines += chart_figures(PriceCurveChart, typed, floor)
    lines += chart_figures(CostByYearChart, typed, floor)
    lines.append(cold_curve_figure())
    return lines


def cold_curve_figure() -> str:
    """The price curve when the curve itself must be priced again (contract length or discount changed)."""
    fresh = discount_quotations()
    chart = shown(PriceCurveChart())

    def update_and_paint(i: int) -> None:
        chart.set_quotation(fresh[i])
        chart.repaint()

    cold = median_ms(update_and_paint, rounds=len(fresh) - 5)
    chart.close()
    return f"charts: PriceCurveChart set_quotation with a new curve (discount changed) + repaint {cold:.2f} ms median"


if __name__ == "__main__":
    print("\n".join(run()))
