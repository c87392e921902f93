"""Run every benchmark: `python benchmarks/run.py` prints one line per figure.

Each `benchmarks/bench_*.py` module has `run() -> list[str]`, one line per figure, naming the
figure, its value with units and, where a plain-library floor exists, the ratio against it.
`python benchmarks/run.py pricing` runs only the modules whose name contains "pricing".
Benchmarks are measurements, not tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE))
    wanted = argv[1:]
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and not any(word in path.stem for word in wanted):
            continue
        module = importlib.import_module(path.stem)
        for line in module.run():
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
