"""The `cpiquote` command as a sales person uses it: figures to the cent, and one clear line for bad input."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpiquote.cli import main

WORKED = [
    (
        ["--interactions", "1200000", "--years", "3", "--genai", "--intent-manager"],
        {
            "credits_per_interaction": "1.7",
            "annual_credits": 2_040_000,
            "band_from": 1_000_000,
            "price_per_credit": "0.5060",
            "annual_subscription": "1032240.00",
            "total_contract_value": "3096720.00",
            "overage_price_per_credit": "0.6578",
            "price_break": None,
        },
    ),
    (
        ["--interactions", "58000", "--genai", "--intent-manager", "--performance-optimizer"],
        {
            "credits_per_interaction": "1.75",
            "required_credits": 101_500,
            "annual_credits": 102_000,
            "price_per_credit": "0.8500",
            "annual_subscription": "86700.00",
        },
    ),
    (
        ["--interactions", "30000"],
        {"required_credits": 30_000, "annual_credits": 50_000, "minimum_applied": True, "annual_subscription": "47500.00"},
    ),
    (
        ["--interactions", "95000"],
        {
            "annual_subscription": "90250.00",
            "price_break": {"annual_credits": 100_000, "annual_subscription": "85000.00", "saving": "5250.00"},
        },
    ),
    (
        ["--interactions", "1200000", "--years", "3", "--genai", "--intent-manager", "--care-package", "--services-hours", "40"],
        {"total_contract_value": "3414392.00", "invoices": ["1143464.00", "1135464.00", "1135464.00"], "care_package": "103224.00"},
    ),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _flatten(data: dict) -> dict:
    year = data["years"][0]
    return {**data, **year, "invoices": [i["amount"] for i in data["invoices"]]}


@pytest.mark.parametrize(("argv", "expected"), WORKED)
def test_json_reproduces_the_worked_examples(capsys: pytest.CaptureFixture[str], argv: list[str], expected: dict) -> None:
    code, out, err = run(capsys, "quote", *argv, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    flat = _flatten(data)
    for key, value in expected.items():
        assert flat[key] == value, key


def test_json_has_every_documented_key(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--interactions", "95000", "--sms-per-month", "1000", "--json")
    data = json.loads(out)
    assert set(data["pricebook"]) >= {"name", "version", "currency", "sha256"}
    assert {
        "credits_per_interaction",
        "years",
        "term_discount_percent",
        "discount_percent",
        "approval_required",
        "services",
        "invoices",
        "total_contract_value",
        "pass_through",
        "warnings",
    } <= set(data)
    assert set(data["years"][0]) >= {
        "year",
        "interactions",
        "required_credits",
        "annual_credits",
        "minimum_applied",
        "band_from",
        "list_price_per_credit",
        "price_per_credit",
        "annual_subscription",
        "care_package",
        "overage_price_per_credit",
        "price_break",
    }
    assert data["invoices"][0] == {**data["invoices"][0], "number": 1, "due": "on acceptance", "amount": "90250.00"}
    assert data["pass_through"] == {"monthly_estimate": "9.55", "annual_estimate": "114.60"}
    assert any("100,000" in w for w in data["warnings"])


def test_text_summary_is_aligned_and_formatted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "quote",
        "--interactions",
        "1200000",
        "--years",
        "3",
        "--genai",
        "--intent-manager",
        "--care-package",
        "--services-hours",
        "40",
        "--customer",
        "Contoso Ltd",
    )
    assert code == 0
    assert "CPI Quote for Contoso Ltd" in out
    assert "$3,414,392.00" in out and "$1,143,464.00" in out and "$0.5060" in out and "2,040,000" in out
    invoice_lines = [line for line in out.splitlines() if "start of year" in line or "on acceptance" in line]
    assert len({len(line) for line in invoice_lines}) == 1  # amounts right-aligned in one column


def test_ramp_and_estimator(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--interactions", "95000,240000,600000", "--years", "3", "--json")
    assert [y["annual_credits"] for y in json.loads(out)["years"]] == [95_000, 240_000, 600_000]
    _, out, _ = run(
        capsys,
        "quote",
        "--conversations",
        "100000",
        "--multi-day-share",
        "10%",
        "--extra-days",
        "1.5",
        "--proactive",
        "20000",
        "--reply-rate",
        "0.25",
        "--json",
    )
    data = json.loads(out)
    assert data["years"][0]["interactions"] == 120_000  # 100,000 x 1.15 + 20,000 x 0.25
    assert data["request"]["estimate"]["multi_day_share"] == "0.1"


def test_environment_variable_chooses_the_price_book(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, graduated_pricebook_file: Path
) -> None:
    monkeypatch.setenv("CPIQUOTE_PRICEBOOK", str(graduated_pricebook_file))
    _, out, _ = run(capsys, "quote", "--interactions", "120000", "--json")
    data = json.loads(out)
    assert data["pricebook"]["version"] == "2026.1-graduated"
    assert data["years"][0]["annual_subscription"] == "111999.90"


BAD_INPUT = [
    (["quote", "--interactions", "1000", "--colour", "red"], "unrecognized arguments: --colour"),
    (["quote", "--interactions", "lots"], "--interactions"),
    (["quote", "--interactions", "-5"], "--interactions"),
    (["quote", "--interactions", "1000", "--years", "0"], "--years: must be a whole number from 1 to 5"),
    (["quote", "--interactions", "1000", "--years", "6"], "--years: must be a whole number from 1 to 5"),
    (["quote", "--interactions", "1000", "--discount", "31"], "--discount: 31% is above the maximum discretionary discount of 30%"),
    (["quote", "--interactions", "1000", "--discount", "-1"], "--discount"),
    (["quote", "--interactions", "1,2", "--years", "3"], "--interactions: gives 2 yearly figures for a 3-year contract"),
    (["quote", "--interactions", "1000000000001"], "--interactions: must be a whole number from 0 to 1,000,000,000,000"),
    (["quote", "--interactions", "1000,1000000000001", "--years", "2"], "--interactions: year 2 must be a whole number from 0 to"),
    (["quote", "--interactions", "1,200,000", "--years", "3"], "reads both as one number and as one figure per year"),
    (
        ["quote", "--conversations", "1000000000000", "--multi-day-share", "1", "--extra-days", "2"],
        "cpiquote: --conversations: the estimated interactions per year must be",
    ),
    (["quote", "--interactions", "1000", "--services-hours", "ten"], "--services-hours"),
    (["quote", "--interactions", "1000", "--pricebook", "/nonexistent/book.toml"], "price book file not found"),
    (["quote"], "say how many interactions"),
    (["quote", "--interactions", "5", "--conversations", "5"], "not both"),
    (["quote", "--conversations", "100", "--reply-rate", "2"], "--reply-rate: must be a share between 0 and 1"),
    (["quote", "--interactions", "1000", "-o", "quote.docx"], "--output: cannot write .docx"),
    (["quote", "--interactions", "1000", "--quote-date", "27/11/2026"], "YYYY-MM-DD"),
]


@pytest.mark.parametrize(("argv", "needle"), BAD_INPUT)
def test_bad_input_gets_exit_2_and_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and needle in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("price = 0.85", "price = 0", "tiers.bands[1].price: must be greater than 0"),
        ("[pricebook]", "[pricebook", "not valid TOML"),
    ],
)
def test_invalid_price_book_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook_bytes: bytes, old: str, new: str, needle: str
) -> None:
    book = tmp_path / "broken.toml"
    book.write_text(sample_pricebook_bytes.decode().replace(old, new, 1))
    code, _, err = run(capsys, "quote", "--interactions", "1000", "--pricebook", str(book))
    assert code == 2 and err.count("\n") == 1 and needle in err and "broken.toml" in err


def test_pricebook_check(capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook_bytes: bytes) -> None:
    from cpiquote.resources import sample_pricebook_path

    code, out, _ = run(capsys, "pricebook", "check", str(sample_pricebook_path()))
    assert code == 0 and "sample.toml: OK" in out and "from credit   1,000,000  $0.5500" in out and "5 yr 12%" in out
    book = tmp_path / "two-faults.toml"
    book.write_text(sample_pricebook_bytes.decode().replace("price = 0.85", "price = 0").replace("hourly_rate = 200", "hourly_rat = 200"))
    code, out, err = run(capsys, "pricebook", "check", str(book))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "two-faults.toml: professional_services.hourly_rat: unknown key; check the spelling (known: hourly_rate)",
        "two-faults.toml: professional_services.hourly_rate: missing; this key is required",
        "two-faults.toml: tiers.bands[1].price: must be greater than 0",
    ]


def test_a_quote_date_too_far_ahead_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "quote", "--interactions", "1000", "--quote-date", "9999-12-31", "-o", str(tmp_path / "q.pdf"))
    assert code == 2 and err.startswith("cpiquote: --quote-date: 9999-12-31 is too far ahead") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_amounts_in_json_always_have_their_cents(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quote", "--interactions", "95000", "--json")
    quote = json.loads(out)
    assert code == 0 and quote["years"][0]["care_package"] == "0.00" and quote["invoices"][0]["services"] == "0.00"
    _, out, _ = run(capsys, "quote", "--interactions", "30000", "--care-package", "--json")  # at the minimum fee
    assert json.loads(out)["years"][0]["care_package"] == "5000.00"


def test_json_notices_say_their_kind_and_year(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--interactions", "30000,95000", "--years", "2", "--json")
    notices = json.loads(out)["notices"]
    assert [(n["kind"], n["year"]) for n in notices] == [("minimum_applied", 1), ("price_break", 2)]


def test_a_ramps_text_summary_gives_each_years_overage_price(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--interactions", "30000,95000,400000", "--years", "3", "--discount", "10.5")
    assert "year 1 $1.0169, year 2 $1.0169, year 3 $0.8029" in out


def test_output_whose_reader_has_gone_ends_quietly() -> None:
    """As `cpiquote quote --json | head -1` once head has read its line: no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cpiquote", "quote", "--interactions", "95000", "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1 and result.stderr == ""


def test_unwritable_output_leaves_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "quote", "--interactions", "1000", "-o", str(tmp_path / "missing-folder" / "q.pdf"))
    assert code == 2 and "does not exist" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_json_run_does_not_import_qt_or_document_libraries() -> None:
    probe = (
        "import sys, runpy; sys.argv = ['cpiquote', 'quote', '--interactions', '1000', '--json'];\n"
        "from cpiquote.cli import main; code = main(sys.argv[1:]);\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'reportlab', 'openpyxl')];\n"
        "print(bad); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ}, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


ARGUMENT = st.one_of(
    st.sampled_from(
        [
            "--interactions",
            "--years",
            "--discount",
            "--services-hours",
            "--sms-per-month",
            "--conversations",
            "--multi-day-share",
            "--reply-rate",
            "--extra-days",
            "--proactive",
            "--genai",
            "--care-package",
            "--json",
        ]
    ),
    st.text(alphabet="0123456789,.-_e%x ", max_size=16),
)


@settings(max_examples=300, deadline=None)
@given(argv=st.lists(ARGUMENT, max_size=8))
def test_any_command_line_prices_or_says_why_in_one_line(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["quote", *argv])
    assert code in (0, 2)
    if code == 2:
        assert err.getvalue().count("\n") == 1 and out.getvalue() == ""
    else:
        assert err.getvalue() == ""
