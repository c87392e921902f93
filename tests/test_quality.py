"""Quality gates that fail the build: lint, strict types on pricing, and the layering of architecture.md."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that can each reach all the others by imports."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:  # module is the first of its group to be visited: the group is complete
            start = stack.index(module)
            groups.append(sorted(stack[start:]))
            del stack[start:]

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return groups


def _shortest_path(graph: dict[str, set[str]], start: str, goal: str, within: set[str]) -> list[str]:
    """The fewest imports from start to goal without leaving `within` (breadth first), both ends included."""
    came_from: dict[str, str] = {start: start}
    queue = [start]
    for module in queue:
        for imported in sorted(graph.get(module, set()) & within):
            if imported not in came_from:
                came_from[imported] = module
                queue.append(imported)
    path = [goal]
    while path[-1] != start:
        path.append(came_from[path[-1]])
    return path[::-1]


def _import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle, as "a -> b -> c -> a": the shortest one through each import inside a group of more than one module.

    Listing a circle per import (not per group) shows every import that takes part, so a person sees what to cut.
    """
    circles: dict[tuple[str, ...], None] = {}  # a dict keeps the first-found order and drops repeats
    for group in _strongly_connected(graph):
        if len(group) < 2:
            continue
        members = set(group)
        for importer in group:
            for imported in sorted(graph.get(importer, set()) & members - {importer}):
                circle = [importer, *_shortest_path(graph, imported, importer, members)[:-1]]
                first = circle.index(min(circle))  # one rotation per circle, so each is listed once
                circles.setdefault(tuple(circle[first:] + circle[:first]), None)
    return [[*circle, circle[0]] for circle in circles]


def test_the_import_circle_finder_finds_every_circle_and_nothing_else() -> None:
    graph = {
        "app.a": {"app.b"},
        "app.b": {"app.c", "app.d"},
        "app.c": {"app.a"},
        "app.d": {"app.b", "app.e"},
        "app.e": {"app.e"},  # a module importing itself is no circle between modules
        "app.pkg": {"app.pkg.impl"},  # a package's __init__ importing its submodule ...
        "app.pkg.impl": {"app.pkg"},  # ... which imports the package back: a real circle
        "app.lib": set(),  # the __init__ of a package that does not import its submodule ...
        "app.lib.part": {"app.lib", "app.a"},  # ... so importing the package from it is no circle
    }
    assert [" -> ".join(circle) for circle in _import_circles(graph)] == [
        "app.a -> app.b -> app.c -> app.a",
        "app.b -> app.d -> app.b",
        "app.pkg -> app.pkg.impl -> app.pkg",
    ]
    assert _import_circles({"app.a": {"app.b"}, "app.b": {"app.c"}, "app.c": set()}) == []


def _project_import_graph() -> tuple[dict[str, set[str]], Any]:
    """cpiquote's imports between its own modules, those under `if TYPE_CHECKING:` and inside functions included."""
    try:
        import grimp
    except ImportError:
        pytest.fail("grimp is not installed; install the test extra: pip install -c constraints.txt -e '.[test]'")
    spec = importlib.util.find_spec("cpiquote")
    locations = [Path(location).resolve() for location in (spec.submodule_search_locations or [])] if spec else []
    assert locations == [SRC], f"cpiquote is imported from {locations}, not {SRC}: run the tests with PYTHONPATH=src"
    found = grimp.build_graph("cpiquote", exclude_type_checking_imports=False, cache_dir=None)
    return {module: set(found.find_modules_directly_imported_by(module)) for module in found.modules}, found


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph, found = _project_import_graph()
    lines = []
    for circle in _import_circles(graph):
        lines.append("  " + " -> ".join(circle))
        for importer, imported in itertools.pairwise(circle):
            for detail in found.get_import_details(importer=importer, imported=imported):
                lines.append(f"      {importer} line {detail['line_number']}: {detail['line_contents']}")
    if lines:
        pytest.fail("cpiquote's modules import each other in a circle; cut one import of each circle:\n" + "\n".join(lines), pytrace=False)
