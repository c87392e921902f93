"""Quality gates that fail the build: lint, strict types on pricing, and the layering of architecture.md."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cpiquote"
CODE_FOLDERS = [folder for folder in ("src", "tests", "benchmarks", "installer", "scripts") if (ROOT / folder).is_dir()]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_pricing_imports_only_the_standard_library_and_itself() -> None:
    for path in (SRC / "pricing").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            assert name.startswith("cpiquote.pricing") or (top != "cpiquote" and top in sys.stdlib_module_names), (
                f"{path.name} imports {name}"
            )


def test_only_gui_imports_qt() -> None:
    for path in SRC.rglob("*.py"):
        if "gui" in path.relative_to(SRC).parts:
            continue
        qt = {name for name in _imports(path) if name.split(".")[0] in ("PySide6", "shiboken6")}
        assert not qt, f"{path.relative_to(ROOT)} imports {qt}; only cpiquote.gui may import Qt"


def _tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)  # the environment's own copy before any other on PATH
    found = str(beside) if beside.exists() else shutil.which(name) or str(beside)
    if not Path(found).exists():
        pytest.fail(f"{name} is not installed; install the test extra: pip install -c constraints.txt -e '.[test]'")
    return found


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *CODE_FOLDERS],
        ["ruff", "format", "--check", *CODE_FOLDERS],
        ["mypy"],
        ["lint-imports"],
    ],
    ids=["ruff", "ruff-format", "mypy", "import-linter"],
)
def test_quality_gate(command: list[str]) -> None:
    args = [_tool(command[0]), *command[1:]]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
