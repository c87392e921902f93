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
from cpiquote.pricing import PriceBook, QuoteRequest

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
        "25",
        "--json",
    )
    data = json.loads(out)
    assert data["years"][0]["interactions"] == 120_000  # 100,000 x 1.15 + 20,000 x 0.25
    assert data["request"]["estimate"]["multi_day_share"] == "0.1"  # percentages, as in the window: 10% and 25 (%)
    assert data["request"]["estimate"]["reply_rate"] == "0.25"


def test_a_quote_sized_in_credits_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quote", "--credits", "250000", "--years", "2", "--genai", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["request"]["ordered_credits_per_year"] == [250_000] and data["request"]["interactions_per_year"] is None
    year = data["years"][0]
    assert (year["interactions"], year["required_credits"], year["annual_credits"]) == (None, None, 250_000)
    assert (year["price_per_credit"], year["annual_subscription"], data["total_contract_value"]) == ("0.7200", "180000.00", "360000.00")


def test_credits_ordered_beside_the_forecast(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--interactions", "60,000", "--credits", "50,000", "--genai", "--json")
    year = json.loads(out)["years"][0]
    assert (year["required_credits"], year["annual_credits"], year["annual_subscription"]) == (90_000, 50_000, "47500.00")
    assert (year["shortfall_credits"], year["expected_overage"]) == (40_000, "49400.00")
    _, out, _ = run(capsys, "quote", "--interactions", "95000", "--credits", "100000,,250000", "--years", "3", "--json")
    data = json.loads(out)
    assert data["request"]["ordered_credits_per_year"] == [100_000, None, 250_000]
    assert [y["annual_credits"] for y in data["years"]] == [100_000, 95_000, 250_000]  # year 2 as its forecast requires
    _, out, _ = run(capsys, "quote", "--interactions", "95000,240000", "--credits", ",", "--years", "2", "--json")
    assert json.loads(out)["request"]["ordered_credits_per_year"] is None  # no year ordered: as the forecast requires


@pytest.mark.parametrize("written", ["1,200,000", "1 200 000", "1_200_000", "1\u00a0200\u00a0000"])
def test_a_number_may_group_its_digits_as_in_the_window(capsys: pytest.CaptureFixture[str], written: str) -> None:
    code, out, _ = run(capsys, "quote", "--interactions", written, "--years", "3", "--genai", "--intent-manager", "--json")
    data = json.loads(out)
    assert code == 0 and data["request"]["interactions_per_year"] == [1_200_000]  # one figure for every year, not three
    assert data["total_contract_value"] == "3096720.00"


def test_a_quote_file_written_from_the_command_line_opens_as_the_quote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook: PriceBook
) -> None:
    from cpiquote.resources import sample_pricebook_path
    from cpiquote.services import open_quote

    target = tmp_path / "contoso.cpiquote"
    code, out, err = run(capsys, "quote", "--credits", "250,000", "--years", "2", "--genai", "--customer", "Contoso", "-o", str(target))
    assert (code, err, out) == (0, "", f"Wrote {target} (total contract value $360,000.00)\n")
    document = open_quote(target)
    assert document.scenario_names == ("Scenario A",) and document.customer == "Contoso"
    values = document.values(0)
    assert (values["credits"], values["years"], values["genai"], values["interactions"]) == ("250,000", "2", True, "")
    assert document.pricebook_info is not None and document.pricebook_info.path == str(sample_pricebook_path().resolve())
    assert document.pricebook_info.sha256 == sample_pricebook.sha256
    document.use_pricebook(sample_pricebook, document.pricebook_info.path)
    assert document.request(0) == QuoteRequest(years=2, generative_ai=True, customer="Contoso", ordered_credits_per_year=(250_000,))


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
    (["quote", "--interactions", "95,00"], "cpiquote: --interactions: year 2 reads as one figure split by a comma"),
    (
        ["quote", "--interactions", "1000", "--services-hours", "12,5"],
        "--services-hours: must be written with decimals after a point, as in 12.5",
    ),
    (["quote", "--interactions", "95000,12x", "--years", "2"], "--interactions: year 2 must be a whole number of 0 or more"),
    (
        ["quote", "--interactions", "5", "--years", "2", "--credits", "250500"],
        "--credits: 250,500 is not a whole number of blocks of 1,000",
    ),
    (["quote", "--credits", "100000,200000", "--years", "3"], "--credits: gives 2 yearly figures for a 3-year contract"),
    (["quote", "--credits", "100000,", "--years", "2"], "--interactions: enter the interactions or the credits ordered in year 2"),
    (
        ["quote", "--conversations", "5", "--credits", "50000,60000", "--years", "2"],
        "--credits: give one figure for every year with the estimator",
    ),
    (
        ["quote", "--conversations", "1000000000000", "--multi-day-share", "1", "--extra-days", "2"],
        "cpiquote: --conversations: the estimated interactions per year must be",
    ),
    (["quote", "--interactions", "1000", "--services-hours", "ten"], "--services-hours"),
    (["quote", "--interactions", "1000", "--pricebook", "/nonexistent/book.toml"], "price book file not found"),
    (["quote"], "say how many interactions or credits: --interactions N, --credits N"),
    (["quote", "--interactions", "5", "--conversations", "5"], "not both"),
    (["quote", "--conversations", "100", "--reply-rate", "200"], "--reply-rate: must be a percentage from 0 to 100"),
    (["quote", "--interactions", "1000", "-o", "quote.docx"], "--output: cannot write .docx; name the file .pdf, .xlsx or .cpiquote"),
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
            "--credits",
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


# --- cpiquote usage count -------------------------------------------------------------------------------------------

USAGE_LOG = (
    "conversation_id,timestamp,author,proactive\n"
    "c1,2026-01-31T23:50:00+01:00,customer,\n"  # 31 January in Berlin ...
    "c1,2026-02-01T00:10:00+01:00,agent,\n"  # ... and 1 February: 2 interactions, one conversation over two days
    "c2,2026-02-01T09:00:00Z,customer,\n"  # 1 February: 1 interaction
    "c2,2026-02-01T09:05:00Z,system,\n"  # never counts
    "p1,2026-02-02T09:00:00Z,bot,true\n"  # proactive, never answered: counts nothing
)


def _usage_log(folder: Path, text: str = USAGE_LOG) -> str:
    path = folder / "log.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_usage_count_json_has_the_issues_keys(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "usage", "count", _usage_log(tmp_path), "--timezone", "Europe/Berlin", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "interactions": 3,
        "credits": None,
        "conversations": 2,
        "multi_day_conversations": 1,
        "proactive_without_reply": 1,
        "rows_read": 5,
        "rows_skipped": 0,
        "first_skipped": None,
        "by_month": [{"month": "2026-01", "interactions": 1, "credits": None}, {"month": "2026-02", "interactions": 2, "credits": None}],
    }


def test_usage_count_with_features_counts_credits_per_day(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    argv = ["usage", "count", _usage_log(tmp_path), "--timezone", "Europe/Berlin", "--genai", "--intent-manager", "--by", "day", "--json"]
    code, out, _ = run(capsys, *argv)
    data = json.loads(out)
    # 1.7 credits per interaction: January ceil(1.7) = 2, February ceil(3.4) = 4, in total ceil(5.1) = 6.
    assert (code, data["interactions"], data["credits"]) == (0, 3, 6)
    assert [month["credits"] for month in data["by_month"]] == [2, 4]
    assert data["by_day"] == [
        {"day": "2026-01-31", "interactions": 1, "credits": 2},
        {"day": "2026-02-01", "interactions": 2, "credits": 4},
    ]


def test_usage_count_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = _usage_log(tmp_path)
    code, out, _ = run(capsys, "usage", "count", log, "--timezone", "Europe/Berlin", "--performance-optimizer")
    assert code == 0
    # Performance Optimizer alone: 1.05 credits per interaction; ceil(3 x 1.05) = ceil(3.15) = 4.
    assert out.splitlines() == [
        f"{log}, counted by calendar day in Europe/Berlin",
        "             3 interactions, 4 credits",
        "             2 conversations, 1 of them on more than one day",
        "             1 proactive conversations never answered (not counted)",
        "             5 rows read, 0 skipped",
        "By month:",
        "  2026-01                 1 interactions             2 credits",
        "  2026-02                 2 interactions             3 credits",
    ]


def test_usage_count_skips_invalid_rows_when_asked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = _usage_log(tmp_path, USAGE_LOG + "c3,yesterday,customer,\n")
    code, out, err = run(capsys, "usage", "count", log, "--timezone", "UTC", "--skip-invalid", "--json")
    data = json.loads(out)
    assert (code, err, data["rows_read"], data["rows_skipped"]) == (0, "", 6, 1)
    assert data["first_skipped"].startswith("line 7: timestamp 'yesterday' is not ISO 8601")
    code, out, _ = run(capsys, "usage", "count", log, "--timezone", "UTC", "--skip-invalid")
    assert "6 rows read, 1 skipped" in out and "first skipped: line 7: timestamp 'yesterday'" in out


USAGE_BAD_INPUT = [
    (["--timezone", "Mars/Base"], "cpiquote usage count: --timezone: 'Mars/Base' is not a time zone"),
    (["--timezone", "UTC", "--recorded-in", "Nowhere"], "cpiquote usage count: --recorded-in: 'Nowhere' is not a time zone"),
    ([], "the following arguments are required: --timezone"),
    (["--timezone", "UTC", "--by", "week"], "invalid choice: 'week'"),
    (["--timezone", "UTC", "--pricebook", "/nonexistent/book.toml"], "price book file not found"),
]


@pytest.mark.parametrize(("argv", "needle"), USAGE_BAD_INPUT)
def test_usage_count_bad_options_get_exit_2_and_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], needle: str
) -> None:
    code, out, err = run(capsys, "usage", "count", _usage_log(tmp_path), *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and needle in err, err


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        ("c3,2026-02-30T10:00:00Z,customer,", "log.csv: 1 row cannot be read: line 7: timestamp '2026-02-30T10:00:00Z' is not ISO 8601"),
        ("c3,2026-02-03T10:00:00,customer,", "line 7: timestamp '2026-02-03T10:00:00' has no UTC offset"),
        ("c3,2026-02-03T10:00:00Z,visitor,", "line 7: author 'visitor' is not customer, agent, bot or system"),
    ],
)
def test_usage_count_unreadable_rows_get_exit_2_and_one_line_naming_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, row: str, needle: str
) -> None:
    code, out, err = run(capsys, "usage", "count", _usage_log(tmp_path, USAGE_LOG + row + "\n"), "--timezone", "UTC")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and needle in err, err


def test_usage_count_names_a_missing_log(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "usage", "count", str(tmp_path / "missing.csv"), "--timezone", "UTC")
    assert code == 2 and err == "cpiquote usage count: missing.csv: cannot be read: there is no such file\n"


@pytest.mark.slow
def test_quoting_does_not_load_polars() -> None:
    probe = (
        "import sys; from cpiquote.cli import main; code = main(['quote', '--interactions', '1000', '--json']);\n"
        "print('polars' in sys.modules); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ}, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
