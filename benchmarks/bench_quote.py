"""The quote document's speed: reading the form's values, changing an input, and the `.cpiquote` file's bytes and disk.

Each figure is a median over interleaved rounds (a busy machine slows the figure and its floor alike), against the
plain-library floor of the same work where one exists: building the QuoteRequest directly, `json.dumps`/`json.loads`
of the same data, and writing (with fsync, as a save does) and reading the same bytes.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from cpiquote import services
from cpiquote.pricing import QuoteRequest
from cpiquote.quote import inputs
from cpiquote.quote.document import Change, QuoteDocument

ROUNDS = 25


def median_seconds(actions: list[Callable[[], object]], calls: int, rounds: int = ROUNDS) -> list[float]:
    """The median seconds one call of each action takes, timed `calls` at a time, the actions in turn each round."""
    times: list[list[float]] = [[] for _ in actions]
    for round_index in range(rounds + 1):
        for action, measured in zip(actions, times, strict=True):
            start = time.perf_counter()
            for _ in range(calls):
                action()
            if round_index:  # the first round warms up imports and caches
                measured.append((time.perf_counter() - start) / calls)
    return [statistics.median(measured) for measured in times]


def typical_request() -> QuoteRequest:
    """A typical form: 1,200,000 interactions, 3 years, Generative AI, Intent Manager, Care Package, 40 hours, 5% off."""
    return QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=Decimal(40),
                        discount_percent=Decimal(5), customer="Contoso Retail Ltd", contact="Jane Doe")  # fmt: skip


def request_from_values() -> str:
    """`inputs.request_from_values` for the typical form, against building its QuoteRequest directly."""
    pricebook = services.open_pricebook()
    values = inputs.values_from_request(typical_request())
    assert inputs.request_from_values(values, pricebook) == typical_request(), "the form's values must give the typical request"
    typed, floor = median_seconds([lambda: inputs.request_from_values(values, pricebook), typical_request], calls=200)
    return (
        f"quote: request_from_values for a typical form {typed * 1e6:.1f} µs "
        f"(floor: QuoteRequest built directly {floor * 1e6:.1f} µs, ratio {typed / floor:.1f}x)"
    )


def set_value() -> str:
    """`QuoteDocument.set_value` of the interactions with one subscriber, each call a change."""
    document = QuoteDocument()
    changes: list[Change] = []
    document.subscribe(changes.append)
    figures = iter(("1,200,000", "1,300,000") * (ROUNDS + 1) * 500)
    (seconds,) = median_seconds([lambda: document.set_value(0, "interactions", next(figures))], calls=500)
    assert len(changes) == (ROUNDS + 1) * 500, "every call must change the document and tell its subscriber"
    return f"quote: QuoteDocument.set_value with one subscriber {seconds * 1e6:.2f} µs"


def four_scenarios() -> QuoteDocument:
    """A priced quote of four scenarios: the typical form, then three years, Performance Optimizer and a ramp."""
    document = QuoteDocument.of_request(typical_request(), services.open_pricebook(), services.default_pricebook_path())
    for key, value in (("years", "5"), ("performance_optimizer", True), ("ramp", True)):
        scenario = document.duplicate_scenario(0)
        document.set_value(scenario, key, value)
    for year, figure in enumerate(("800,000", "1,000,000", "1,200,000"), start=1):
        document.set_value(3, f"ramp_{year}", figure)
    assert all(document.request_dict(index) is not None for index in range(4)), "every scenario must be priced"
    return document


def file_bytes(document: QuoteDocument) -> list[str]:
    """`to_bytes` and `from_bytes` of the four-scenario quote, against `json.dumps` and `json.loads` of its data."""
    content, data = document.to_bytes(), document.to_data()
    assert QuoteDocument.from_bytes(content, "bench.cpiquote").to_bytes() == content, "the quote must read back as saved"
    write, read, dumps, loads = median_seconds(
        [
            document.to_bytes,
            lambda: QuoteDocument.from_bytes(content, "bench.cpiquote"),
            lambda: json.dumps(data, indent=2, ensure_ascii=False).encode(),
            lambda: json.loads(content),
        ],
        calls=20,
    )
    return [
        f"quote: 4-scenario quote to_bytes {write * 1e3:.2f} ms for {len(content) / 1024:.1f} KiB "
        f"(floor: json.dumps {dumps * 1e3:.3f} ms, ratio {write / dumps:.1f}x)",
        f"quote: 4-scenario quote from_bytes {read * 1e3:.2f} ms (floor: json.loads {loads * 1e3:.3f} ms, ratio {read / loads:.1f}x)",
    ]


def plain_save_and_open(path: Path, data: dict[str, Any]) -> object:
    """The floor of a save and open: the same data as JSON, written with fsync and read back."""
    with path.open("wb") as handle:
        handle.write(json.dumps(data, indent=2, ensure_ascii=False).encode())
        handle.flush()
        os.fsync(handle.fileno())
    return json.loads(path.read_bytes())


def save_and_open(document: QuoteDocument) -> str:
    """`services.save_quote` then `services.open_quote` of the four-scenario quote, in a temporary folder."""
    data = document.to_data()
    with tempfile.TemporaryDirectory() as folder:
        quote, plain = Path(folder, "bench.cpiquote"), Path(folder, "plain.json")
        saved, floor = median_seconds(
            [lambda: services.open_quote(services.save_quote(document, quote)), lambda: plain_save_and_open(plain, data)], calls=5
        )
        assert services.open_quote(quote).to_bytes() == document.to_bytes(), "the quote must reopen as saved"
    return (
        f"quote: save_quote + open_quote of the 4-scenario quote {saved * 1e3:.2f} ms "
        f"(floor: JSON written with fsync and read back {floor * 1e3:.2f} ms, ratio {saved / floor:.1f}x)"
    )


def run() -> list[str]:
    """One line per figure."""
    document = four_scenarios()
    return [request_from_values(), set_value(), *file_bytes(document), save_and_open(document)]


if __name__ == "__main__":
    print("\n".join(run()))
