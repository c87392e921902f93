"""A plain (non-editable) install carries everything under resources/ and finds it at run time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_non_editable_install_finds_its_resources(tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target", str(target), str(ROOT)]
    subprocess.run(install, check=True, capture_output=True, cwd=tmp_path)
    shipped = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()}
    installed = {
        p.relative_to(target / "cpiquote" / "resources").as_posix() for p in (target / "cpiquote" / "resources").rglob("*") if p.is_file()
    }
    assert shipped <= installed
    probe = "import cpiquote, cpiquote.services as s; print(cpiquote.__file__); print(s.open_pricebook().name)"
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("CPIQUOTE_PRICEBOOK", None)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    module_file, name = result.stdout.splitlines()
    assert module_file.startswith(str(target))
    assert name == "Live Assist for Dynamics 365 - sample price book"
