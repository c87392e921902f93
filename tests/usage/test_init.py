"""The usage package loads polars only when a log is counted: the window and `cpiquote quote` never pay for it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cpiquote.usage


@pytest.mark.slow
def test_importing_the_package_and_reading_a_monthly_file_load_no_polars() -> None:
    probe = (
        "import sys, pathlib, tempfile\n"
        "from cpiquote.usage import read_usage, Features, UsageCount\n"
        "path = pathlib.Path(tempfile.mkdtemp()) / 'monthly.csv'\n"
        "path.write_text('month,interactions\\n2026-01,10\\n')\n"
        "assert read_usage(path, None).interactions == 10\n"
        "print('polars' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_count_log_is_there_when_asked_for() -> None:
    from cpiquote.usage.log import count_log

    assert cpiquote.usage.count_log is count_log
    assert "count_log" in dir(cpiquote.usage)
    with pytest.raises(AttributeError):
        _ = cpiquote.usage.no_such_name  # type: ignore[attr-defined]
