"""Mutation score of `cpiquote.pricing`: `python scripts/mutation.py [module ...]` runs mutmut and prints the score.

Not part of CI: mutation testing is CPU-heavy (minutes per module on two cores). Run it per module, for example
`python scripts/mutation.py engine`, then `python scripts/mutation.py pricebook`. It needs mutmut, which CI does not
install: `pip install -e .[mutation]` (or `pip install mutmut`).

mutmut works on a copy of the project in a temporary folder (its `mutants/` tree and its configuration stay out of the
work tree) and runs the pricing tests against each mutant. The score leaves out EQUIVALENT mutants: changes no test
can notice because the program behaves the same, each listed below with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("engine", "pricebook", "estimator", "money", "limits", "errors", "files", "quotation", "renewal", "currencies")
TESTS = ("tests/pricing",)  # the pricing tests pin every figure and message of pricing/; they run in seconds

# Mutants that behave exactly as the original, by mutmut's name, with the reason.
_P = "cpiquote.pricing.pricebook."
EQUIVALENT: dict[str, str] = {
    _P + "x__decimal_places__mutmut_10": "max(places, 1): only kinds with 2 or more places reach it (whole kinds use _check_whole)",
    _P + "x__where_too_long__mutmut_4": "the text it returns when no long number is found: unreachable, int() fails only on 4,300+ digits",
    _P + "x__where_too_long__mutmut_8": "str.rfind(..., None, end) is rfind(..., 0, end)",
    _P + "x__where_too_long__mutmut_15": "rfind from 1: differs only for a leading newline, which the key pattern's \\s* skips",
    _P + "x__where_too_long__mutmut_20": "str.count(..., None, end) is count(..., 0, end)",
    _P + "x__where_too_long__mutmut_34": "no end for the key match: it stops at the line's first '=' or takes in the long number",
    _P + "x__where_too_long__mutmut_36": "end one further: the character after '=', '[', '{' or ',' is never another '='",
    _P + "x__parse_toml__mutmut_4": "codec names are case-insensitive: UTF-8-SIG is utf-8-sig",
    _P
    + "xǁ_Readerǁread_band__mutmut_50": "a band kept despite its problems: any problem raises PriceBookError, so the bands are never used",
}


def main(argv: list[str]) -> int:
    """Run mutmut over the named modules of pricing/ (all of them when none is named) and print the score."""
    keep = "--keep" in argv  # leave the copy behind, to read a survivor with `python -m mutmut show NAME` there
    modules = [a for a in argv if a != "--keep"] or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        print(f"mutation.py: unknown module {', '.join(unknown)}; choose from {', '.join(MODULES)}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="cpiquote-mutation-"))
    try:
        statuses = _run(work, modules)
    finally:
        if keep:
            print(f"mutmut's copy is kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return _report(statuses)


def _run(work: Path, modules: list[str]) -> dict[str, str]:
    """mutmut's status of every mutant of `modules`, run in a copy of the project at `work`."""
    shutil.copytree(ROOT / "src", work / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("tests", "resources"):  # the tests read the sample price book from resources/
        shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__"))
    only = ", ".join(f'"src/cpiquote/pricing/{m}.py"' for m in modules)
    tests = ", ".join(f'"{t}"' for t in TESTS)
    config = (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        'also_copy = ["resources"]\n'
        f"only_mutate = [{only}]\n"
        f"pytest_add_cli_args_test_selection = [{tests}]\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q"]\n'
    )
    (work / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text() + config)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the mutants, not the work tree, are imported
    env["QT_QPA_PLATFORM"] = "offscreen"
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "run", "--max-children", "2"], cwd=work, env=env, stdout=subprocess.DEVNULL, check=False)
    listing = subprocess.run([*mutmut, "results", "--all", "true"], cwd=work, env=env, capture_output=True, text=True, check=True)
    return dict(re.findall(r"^\s+(\S+): (\S+)$", listing.stdout, re.MULTILINE))


def _report(statuses: dict[str, str]) -> int:
    """Print the survivors and the score (killed and timed out over all but the equivalent mutants)."""
    counted = {name: status for name, status in statuses.items() if name not in EQUIVALENT}
    killed = sum(status in ("killed", "timeout") for status in counted.values())
    for name, status in sorted(counted.items()):
        if status not in ("killed", "timeout"):
            print(f"{status}: {name}")
    for name in sorted(set(statuses) & set(EQUIVALENT)):
        print(f"equivalent (not counted): {name}: {EQUIVALENT[name]}")
    if not counted:
        print("mutation.py: mutmut made no mutants; check that it ran", file=sys.stderr)
        return 1
    print(f"mutation score: {killed / len(counted):.1%} ({killed} of {len(counted)} killed; {len(statuses) - len(counted)} equivalent)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
