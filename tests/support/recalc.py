"""Recalculate workbooks with LibreOffice headless and read back what a reader of the file would see.

Modelled on /work/shared/tools/recalc-xlsx: LibreOffice recalculates the workbook and its re-saved file caches
the results, which openpyxl reads with `data_only=True`. The workbooks are written with each formula's value
cached, which LibreOffice by default keeps as it is: its profile here says to recalculate every formula on load,
so the figures read back are LibreOffice's own. LibreOffice takes seconds to start, so every workbook goes through
ONE soffice run, with a profile of its own so it neither waits for nor disturbs another LibreOffice.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PROFILE = Path(tempfile.gettempdir()) / f"cpiquote-recalc-profile-{os.getpid() if os.name == 'nt' else os.getuid()}"
# Calc's setting "recalculation on file load" for Excel 2007 and newer files: 0 is "always recalculate".
ALWAYS_RECALCULATE = (
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
)
REGISTRY_START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


def recalculate(workbooks: Mapping[str, bytes], timeout: float = 240) -> dict[str, Workbook]:
    """Recalculate each workbook (keyed by a file-name-safe id) in one LibreOffice run; return the values-only results."""
    if SOFFICE is None:
        raise RuntimeError("soffice not found: apt-get install -y libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory(prefix="cpiquote-recalc-") as folder:
        source, out = Path(folder) / "in", Path(folder) / "out"
        source.mkdir()
        paths = []
        for key, content in workbooks.items():
            path = source / f"{key}.xlsx"
            path.write_bytes(content)
            paths.append(str(path))
        command = [
            SOFFICE,
            f"-env:UserInstallation={PROFILE.as_uri()}",
            "--headless",
            "--norestore",
            "--calc",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            *paths,
        ]
        with _profile_lock():
            _always_recalculate()
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        missing = [key for key in workbooks if not (out / f"{key}.xlsx").exists()]
        if missing:
            raise RuntimeError(f"LibreOffice did not convert {missing}: {done.stdout} {done.stderr}")
        return {key: load_workbook(out / f"{key}.xlsx", data_only=True) for key in workbooks}


def _always_recalculate() -> None:
    """Set the profile to recalculate every formula on load, rather than keep the values the file caches."""
    registry = PROFILE / "user" / "registrymodifications.xcu"
    text = registry.read_text(encoding="utf-8") if registry.exists() else REGISTRY_START + "</oor:items>\n"
    if "OOXMLRecalcMode" in text:
        text = re.sub(r'(<prop oor:name="OOXMLRecalcMode"[^>]*><value>)\d+(</value>)', r"\g<1>0\2", text)
    else:
        text = text.replace("</oor:items>", ALWAYS_RECALCULATE + "\n</oor:items>")
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def _profile_lock() -> Iterator[None]:
    """Hold the profile's lock: one LibreOffice per profile, so concurrent test runs take turns (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; test runs there are not concurrent
        yield
        return
    with open(f"{PROFILE}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cells(wb: Workbook, name: str) -> list[Any]:
    """The values of the cells a defined name refers to, top to bottom."""
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    found = wb[sheet][ref.replace("$", "")]
    if isinstance(found, tuple):
        return [row[0].value for row in found]
    return [found.value]


def value(wb: Workbook, name: str) -> Any:
    """The value of the single cell a defined name refers to."""
    return cells(wb, name)[0]


def as_decimal(number: Any, places: int) -> Decimal:
    """A recalculated figure as a Decimal at `places` decimals, to compare with the engine (floats carry binary noise)."""
    assert isinstance(number, (int, float)) and not isinstance(number, bool), f"expected a number, found {number!r}"
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-places))


def edit(content: bytes, changes: Mapping[str, Any]) -> bytes:
    """The workbook with input cells changed, each found by its defined name (a list fills a range top to bottom)."""
    wb = load_workbook(io.BytesIO(content))
    for name, new in changes.items():
        sheet, ref = next(iter(wb.defined_names[name].destinations))
        found = wb[sheet][ref.replace("$", "")]
        targets = [row[0] for row in found] if isinstance(found, tuple) else [found]
        for cell, item in zip(targets, new if isinstance(new, list) else [new], strict=False):
            cell.value = item
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
