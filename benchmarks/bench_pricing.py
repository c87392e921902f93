"""Pricing engine speed: quotes per second, a 1,000-point price curve, a renewal analysis, and `cpiquote quote --json` start-up."""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from decimal import Decimal

from cpiquote.pricing import Band, QuoteRequest, TierMode, price_curve, price_quote
from cpiquote.pricing.limits import MAX_BANDS
from cpiquote.pricing.renewal import analyse, subscription_from_pricebook
from cpiquote.services import open_pricebook


def _quotes_per_second(seconds: float = 1.0) -> float:
    pricebook = open_pricebook()
    requests = [QuoteRequest((n * 997,), generative_ai=n % 2 == 0, intent_manager=n % 3 == 0) for n in range(1, 2_001)]
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for request in requests:
            price_quote(pricebook, request)
        done += len(requests)
    return done / (time.perf_counter() - start)


def _curve_ms() -> float:
    pricebook = open_pricebook()
    volumes = [50_000 + i * 6_000 for i in range(1_000)]
    runs = []
    for _ in range(15):
        start = time.perf_counter()
        price_curve(pricebook, 3, Decimal(5), volumes)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _analyse_us(runs: int = 2_001) -> float:
    """Median time of one renewal analysis: forecast, overage, top-up and the early renewal's quote."""
    pricebook = open_pricebook()
    subscription = subscription_from_pricebook(pricebook, dt.date(2027, 3, 15), 3, 200_000, generative_ai=True)
    times = []
    for n in range(runs):
        start = time.perf_counter()
        analyse(pricebook, subscription, 100_000 + n * 37, dt.date(2027, 10, 1))
        times.append((time.perf_counter() - start) * 1_000_000)
    return statistics.median(times)


def _many_bands_ms() -> float:
    """Median time to price a graduated book of MAX_BANDS bands at its top band (3 years) and its curve at every band edge."""
    sample = open_pricebook()
    bands = tuple(Band(1 + i * 1_000, Decimal("0.95") - Decimal(i) / 10_000) for i in range(MAX_BANDS))
    pricebook = replace(sample, bands=bands, tier_mode=TierMode.GRADUATED)
    request = QuoteRequest(years=3, ordered_credits_per_year=(MAX_BANDS * 1_000,))
    edges = [v for band in bands[50:] for v in (band.from_credit - 1, band.from_credit)]
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        price_quote(pricebook, request)
        price_curve(pricebook, 3, Decimal(5), edges)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _process_ms(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[str]:
    """One line per figure."""
    rate = _quotes_per_second()
    curve = _curve_ms()
    renewal = _analyse_us()
    many_bands = _many_bands_ms()
    cli = _process_ms([sys.executable, "-m", "cpiquote", "quote", "--interactions", "1200000", "--years", "3", "--genai", "--json"])
    floor = _process_ms([sys.executable, "-c", "import decimal, json, tomllib, argparse"])
    return [
        f"pricing: {rate:,.0f} single-year quotes per second on one core (target >= 20,000)",
        f"pricing: 1,000-point price curve in {curve:.1f} ms (target < 50 ms)",
        f"pricing: {MAX_BANDS:,}-band graduated book, 3-year quote of its last band and its curve at every band edge in "
        f"{many_bands:.0f} ms (linear in the band count; at most {MAX_BANDS:,} bands load)",
        f"pricing: renewal analysis (forecast, three options, early renewal quote) {renewal:.0f} µs median",
        f"pricing: `cpiquote quote --json` process {cli:.0f} ms "
        f"(floor: python importing the stdlib it needs {floor:.0f} ms, ratio {cli / floor:.1f}x)",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
