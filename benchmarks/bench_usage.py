"""Counting a year of a large contact centre's conversation log: `cpiquote usage count` as a whole process.

A 10-million-row CSV log (about a million conversations, their messages in time order, timestamps written in UTC,
Berlin's and Kathmandu's offsets, a tenth of the rows system rows, one conversation in twenty proactive, half of
those never answered) is generated once with polars into a cache folder, with a Parquet copy and a 1-million-row
slice. Then, in interleaved rounds (a busy machine slows both alike):

- `python -m cpiquote usage count LOG --timezone Europe/Berlin --json`, against the floor: a plain polars script
  doing the same count (parse, convert to Berlin, one row per conversation and day, the proactive rule, months), both
  as whole processes, with each process's peak memory (its own rusage, from os.wait4);
- the same for the Parquet copy;
- the window's path (count_log with a progress report, read in batches) once;
- a plain-Python csv-module loop over the 1-million-row slice, scaled to 10 million rows, for scale.

Targets: the command within 1.5x of the floor, under 2 GB peak memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROWS = 10_000_000
SLICE_ROWS = 1_000_000
MESSAGES_PER_CONVERSATION = 10
ZONE = "Europe/Berlin"
ROUNDS = 3
CACHE = Path(tempfile.gettempdir()) / "cpiquote-bench-usage-v1"

GENERATOR = """
import sys, datetime as dt
import polars as pl

rows, per, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
index = pl.int_range(0, rows, eager=True, dtype=pl.Int64)
frame = pl.DataFrame({"c": index // per, "k": index % per})
c, k = pl.col("c"), pl.col("k")
# Arithmetic pseudo-randomness (the same log on every machine): each conversation starts somewhere in 2025,
# writes every 30 s to 20 min, and one in twenty writes every few hours (past midnight).
start = (c * 2_654_435_761) % (365 * 86_400)
step = (c * 40_503) % 1_200 + 30 + ((c * 7) % 20 == 0).cast(pl.Int64) * 7_200
proactive = (c * 11) % 20 == 3
unanswered = proactive & ((c * 13) % 2 == 0)
author = (
    pl.when(k == per - 1).then(pl.lit("system"))
    .when(unanswered | (proactive & (k == 0))).then(pl.lit("bot"))
    .when(k % 2 == 1).then(pl.lit("agent"))
    .otherwise(pl.lit("customer"))
)
instant = pl.lit(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)) + pl.duration(seconds=start + k * step)
frame = frame.with_columns(instant=instant, author=author, proactive=proactive).sort("instant")
iso = "%Y-%m-%dT%H:%M:%S"
frame.select(
    conversation_id=pl.format("conv-{}", c),
    timestamp=pl.when(c % 3 == 0).then(pl.col("instant").dt.strftime(iso + "Z"))
    .when(c % 3 == 1).then(pl.col("instant").dt.convert_time_zone("Europe/Berlin").dt.strftime(iso + "%:z"))
    .otherwise(pl.col("instant").dt.convert_time_zone("Asia/Kathmandu").dt.strftime(iso + "%:z")),
    author="author",
    proactive=pl.when(pl.col("proactive") & (k == 0)).then(pl.lit("true")).otherwise(pl.lit("")),
    channel=pl.lit("webchat"),
).write_csv(out)
"""

FLOOR = """
import sys
import polars as pl

path, zone = sys.argv[1], sys.argv[2]
scan = pl.scan_parquet(path) if path.endswith(".parquet") else pl.scan_csv(path, infer_schema=False)
pairs = (
    scan.filter(pl.col("author") != "system")
    .select(
        "conversation_id",
        date=pl.col("timestamp").str.to_datetime("%+", time_zone="UTC").dt.convert_time_zone(zone).dt.date(),
        customer=pl.col("author") == "customer",
        proactive=pl.col("proactive") == "true",
    )
    .group_by("conversation_id", "date")
    .agg(pl.col("customer").any(), pl.col("proactive").any())
    .collect(engine="streaming")
)
conversations = pairs.group_by("conversation_id").agg(pl.col("proactive").any(), first=pl.col("date").filter("customer").min())
counted = pairs.join(conversations, on="conversation_id").filter(~pl.col("proactive_right") | (pl.col("date") >= pl.col("first")))
months = counted.group_by(month=pl.col("date").dt.strftime("%Y-%m")).len().sort("month")
print(counted.height, dict(months.iter_rows()))
"""

WINDOW = """
import sys
from cpiquote.usage import count_log

fractions = []
usage = count_log(sys.argv[1], sys.argv[2], progress=fractions.append, cancelled=lambda: False)
print(usage.interactions, len(fractions))
"""


def _logs() -> tuple[Path, Path, Path, str]:
    """The 10-million-row CSV log, its Parquet copy and its first million rows, made once; and what making them took."""
    CACHE.mkdir(exist_ok=True)
    log, parquet, head = CACHE / "log-10m.csv", CACHE / "log-10m.parquet", CACHE / "log-1m.csv"
    if all(path.exists() for path in (log, parquet, head)):
        return log, parquet, head, f"cached in {CACHE}"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", GENERATOR, str(ROWS), str(MESSAGES_PER_CONVERSATION), str(log)], check=True)
    copies = (
        "import sys, polars as pl\n"
        "pl.scan_csv(sys.argv[1], infer_schema=False).sink_parquet(sys.argv[2])\n"
        "pl.scan_csv(sys.argv[1], infer_schema=False).head(int(sys.argv[4])).sink_csv(sys.argv[3])\n"
    )
    subprocess.run([sys.executable, "-c", copies, str(log), str(parquet), str(head), str(SLICE_ROWS)], check=True)
    return log, parquet, head, f"generated in {time.perf_counter() - start:.1f} s into {CACHE}"


def _process(args: list[str]) -> tuple[float, float, str]:
    """Run a process to its end: its wall seconds, its own peak memory in MB, and what it printed."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource use, peak memory included
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait for it again
        out.seek(0), err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{args[:4]} failed: {err.read()}")
        return seconds, usage.ru_maxrss / 1024, out.read()  # ru_maxrss is in kilobytes on Linux


def _compare(log: Path) -> tuple[float, float, float, float, int]:
    """Median seconds and peak MB of the command and of the floor on one log, in interleaved rounds; the interactions."""
    command = [sys.executable, "-m", "cpiquote", "usage", "count", str(log), "--timezone", ZONE, "--json"]
    floor = [sys.executable, "-c", FLOOR, str(log), ZONE]
    ours, theirs, peaks = [], [], []
    floor_peaks = []
    for _ in range(ROUNDS):
        seconds, peak, out = _process(command)
        ours.append(seconds)
        peaks.append(peak)
        seconds, peak, floor_out = _process(floor)
        theirs.append(seconds)
        floor_peaks.append(peak)
    interactions = json.loads(out)["interactions"]
    assert interactions == int(floor_out.split()[0]), f"the floor counted {floor_out.split()[0]}, the command {interactions}"
    return statistics.median(ours), max(peaks), statistics.median(theirs), max(floor_peaks), interactions


def python_loop(path: Path, zone: str) -> int:
    """The same count in plain Python with the csv module: the scale of what polars saves."""
    site = ZoneInfo(zone)
    days: dict[tuple[str, dt.date], bool] = {}  # (conversation, local date) -> a customer wrote that day
    proactive: set[str] = set()
    with path.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["author"] == "system":
                continue
            conversation = row["conversation_id"]
            date = dt.datetime.fromisoformat(row["timestamp"]).astimezone(site).date()
            days[conversation, date] = days.get((conversation, date), False) or row["author"] == "customer"
            if row["proactive"] == "true":
                proactive.add(conversation)
    first_reply: dict[str, dt.date] = {}
    for (conversation, date), customer in days.items():
        if customer and (conversation not in first_reply or date < first_reply[conversation]):
            first_reply[conversation] = date
    return sum(
        1
        for conversation, date in days
        if conversation not in proactive or (conversation in first_reply and date >= first_reply[conversation])
    )


def _python_loop_seconds(head: Path) -> tuple[float, int]:
    """The plain-Python loop's seconds on the slice, checked against cpiquote's count of the same slice."""
    from cpiquote.usage import count_log

    start = time.perf_counter()
    interactions = python_loop(head, ZONE)
    seconds = time.perf_counter() - start
    assert interactions == count_log(head, ZONE).interactions, "the Python loop must count what cpiquote counts"
    return seconds, interactions


def run() -> list[str]:
    """One line per figure."""
    log, parquet, head, made = _logs()
    sizes = f"{log.stat().st_size / 1e6:,.0f} MB CSV, {parquet.stat().st_size / 1e6:,.0f} MB Parquet"
    lines = [f"usage: {ROWS:,}-row conversation log ({sizes}) {made}"]
    for kind, path in (("CSV", log), ("Parquet", parquet)):
        seconds, peak, floor, floor_peak, interactions = _compare(path)
        lines += [
            f"usage: `cpiquote usage count` of the {kind} log, whole process {seconds:.2f} s for {interactions:,} interactions "
            f"(floor: plain polars script {floor:.2f} s, ratio {seconds / floor:.2f}x; target <= 1.5x)",
            f"usage: peak memory of `cpiquote usage count`, {kind} log {peak:,.0f} MB (floor {floor_peak:,.0f} MB; target < 2,048 MB)",
        ]
    seconds, peak, out = _process([sys.executable, "-c", WINDOW, str(log), ZONE])
    lines.append(
        f"usage: the window's count (in batches, progress reported {out.split()[1]} times, cancel checked), CSV log, "
        f"whole process {seconds:.2f} s, peak {peak:,.0f} MB"
    )
    loop, _ = _python_loop_seconds(head)
    lines.append(
        f"usage: plain-Python csv loop {loop:.2f} s for the first {SLICE_ROWS:,} rows, "
        f"{loop * ROWS / SLICE_ROWS:.0f} s scaled to {ROWS:,} (for scale)"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run()), flush=True)
