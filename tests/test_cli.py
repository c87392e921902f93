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
from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

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


@pytest.mark.parametrize(("written", "interactions"), [("250k", 250_000), ("1.2m", 1_200_000), ("1.5K", 1_500), ("2M", 2_000_000)])
def test_thousands_and_millions_are_read_as_in_the_window(capsys: pytest.CaptureFixture[str], written: str, interactions: int) -> None:
    code, out, _ = run(capsys, "quote", "--interactions", written, "--json")
    assert code == 0 and json.loads(out)["years"][0]["interactions"] == interactions


def test_shorthand_that_is_not_a_whole_number_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quote", "--interactions", "1.2345k")
    assert (code, out) == (2, "")
    assert err == "cpiquote: --interactions: must be a whole number: 1.2345k is 1,234.5; write 1,234 or 1,235\n"
    _, out, _ = run(capsys, "quote", "--interactions", "800k,1.2m", "--credits", "1m,1.5m", "--years", "2", "--json")
    assert [(y["interactions"], y["annual_credits"]) for y in json.loads(out)["years"]] == [(800_000, 1_000_000), (1_200_000, 1_500_000)]


def test_a_quote_file_written_from_the_command_line_opens_as_the_quote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook: PriceBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cpiquote.resources import sample_pricebook_path
    from cpiquote.services import open_quote

    monkeypatch.setenv("CPIQUOTE_AUTHOR", "Sam Seller")  # who runs the command is the sales person, unless told

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
    assert document.request(0) == QuoteRequest(
        years=2, generative_ai=True, customer="Contoso", ordered_credits_per_year=(250_000,), sales_person="Sam Seller"
    )


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
    (["quote", "--interactions", "1000", "--years", "-3"], "cpiquote: --years: must be a whole number from 1 to 5"),
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
    (
        ["quote", "--interactions", "1000", "--notes", "x" * 2001],
        "cpiquote: --notes: is 2,001 characters long; the longest a quote can show is 2,000",
    ),
    (["quote", "--interactions", "1000", "--account", "SITE\x0742"], "--account: has the control character U+0007 at character 5"),
    (["quote", "--interactions", "1000", "--terms", "Net 30\x1b[2J"], "--terms: has the control character U+001B at character 7"),
]


@pytest.mark.parametrize(("argv", "needle"), BAD_INPUT)
def test_bad_input_gets_exit_2_and_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and needle in err, err
    assert "Traceback" not in err


def test_account_address_sales_person_notes_and_terms_are_options_and_in_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "quote", "--interactions", "95000", "--customer", "Contoso", "--account", "SITE-0042",
        "--billing-address", r"Accounts payable\n1 Harbour Street", "--sales-person", "Sam Seller",
        "--notes", "Held until 31 December.", "--terms", "Net 30.\nPrices exclude VAT.", "--json",
    )  # fmt: skip
    request = json.loads(out)["request"]
    assert (code, err) == (0, "")
    assert [request[key] for key in ("customer", "account", "billing_address", "sales_person", "notes", "terms")] == [
        "Contoso", "SITE-0042", "Accounts payable\n1 Harbour Street", "Sam Seller", "Held until 31 December.",
        "Net 30.\nPrices exclude VAT.",
    ]  # fmt: skip
    _, help_text, _ = run_help(capsys, "quote")
    assert all(option in help_text for option in ("--account", "--billing-address", "--sales-person", "--notes", "--terms"))


def run_help(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run(capsys, *argv, "--help")


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
    assert err.splitlines() == [  # each line with the prefix every other command's message has
        "cpiquote: two-faults.toml: professional_services.hourly_rat: unknown key; check the spelling (known: hourly_rate)",
        "cpiquote: two-faults.toml: professional_services.hourly_rate: missing; this key is required",
        "cpiquote: two-faults.toml: tiers.bands[1].price: must be greater than 0",
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


def test_a_folder_that_takes_no_files_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    """/proc exists but no file can be made in it: say which folder, and what to do, not just the system's words."""
    code, out, err = run(capsys, "quote", "--interactions", "1000", "-o", "/proc/x.pdf")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("cpiquote: /proc/x.pdf: cannot be written: the folder /proc does not take new files")
    assert "choose another folder" in err


def test_every_command_says_cpiquote_first(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """One prefix on stderr, whichever command a person ran."""
    missing = str(tmp_path / "missing.toml")
    for argv in (["pricebook", "check", missing], ["quote", "--interactions", "1000", "--pricebook", missing], ["quote", "--colour"]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and err.startswith("cpiquote"), (argv, err)
        assert all(line.startswith(("cpiquote: ", "cpiquote quote: ")) for line in err.splitlines()), (argv, err)


def test_the_reply_rate_is_a_percentage_as_in_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "quote", "--conversations", "100000", "--proactive", "20000", "--reply-rate", "30", "--json")
    assert json.loads(out)["years"][0]["interactions"] == 106_000  # 100,000 + 20,000 x 30%
    _, out, _ = run(capsys, "quote", "--conversations", "100000", "--proactive", "20000", "--reply-rate", "0.3", "--json")
    assert json.loads(out)["years"][0]["interactions"] == 100_060  # 0.3 is 0.3 percent, as the help says, not 30%


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


# --- cpiquote renew --------------------------------------------------------------------------------------------------

# tests/pricing/test_renewal.py's three-year contract over 29 February, worked by hand there
RENEW = [
    "renew",
    "--subscription-credits",
    "200,000",
    "--contract-start",
    "2027-03-15",
    "--contract-years",
    "3",
    "--genai",
    "--used-credits",
    "120000",
    "--as-of",
    "2027-10-01",
    "--growth",
    "5",
]


def test_renew_json_gives_the_forecast_the_options_the_recommendation_and_the_renewal_quote(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *RENEW, "--customer", "Contoso", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["forecast_credits"], data["subscription_credits"], data["recommendation"]) == (218_508, 200_000, "early_renewal")
    options = data["options"]
    assert options["overage"] == {"credits": 18_508, "price_per_credit": "1.0166", "cost": "18815.23"}
    assert options["top_up"] == {"credits": 19_000, "price_per_credit": "0.7820", "cost": "14858.00"}
    early = options["early_renewal"]
    assert (early["annual_credits"], early["price_per_credit"], early["annual_subscription"], early["cost_this_year"]) == (
        218_000,
        "0.7820",
        "170476.00",
        "6556.29",
    )
    quote = data["renewal_quote"]
    assert (quote["request"]["customer"], quote["request"]["years"], quote["request"]["generative_ai"]) == ("Contoso", 3, True)
    assert (quote["years"][0]["annual_credits"], quote["years"][0]["annual_subscription"]) == (230_000, "179860.00")


def test_renew_prints_the_forecast_the_options_with_the_recommended_one_marked_and_the_renewal_quote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, *RENEW)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Contract year 1 (March 15, 2027 to March 14, 2028, 366 days): 120,000 credits used in 201 days;")
    assert "  Overage: 18,508 credits over the subscription at $1.0166 a credit: $18,815.23 this year." in lines
    assert any(line.startswith("  Top-up: 19,000 credits at $0.7820") and line.endswith("$14,858.00 this year.") for line in lines)
    assert any(line.startswith("* Early renewal: a new 3-year contract from October 2, 2027") for line in lines)
    assert "Recommended: renew early from October 2, 2027, $6,556.29 this year ($8,301.71 less than a top-up)" in out
    assert "Renewal quote: 230,000 credits a year at $0.7820 a credit, $179,860.00 a year" in out
    assert "$23,460.00 more a year." in out and "plus 5% growth" in out


def test_renew_takes_the_subscriptions_own_prices(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["renew", "--subscription-credits", "200000", "--contract-start", "2026-01-01", "--contract-years", "1"]
    code, out, _ = run(capsys, *argv, "--price-per-credit", "0.80", "--used-credits", "40123", "--as-of", "2026-03-14", "--json")
    data = json.loads(out)
    # O = round4(0.80 x 1.3) = 1.0400; 615 x 1.04 = 639.60. Early renewal: 201,000 at 0.85 x 292/365 = 136,680.00 less
    # 160,000.00 x 292/365 = 128,000.00: 8,680.00, so overage is cheapest
    assert code == 0 and data["options"]["overage"] == {"credits": 615, "price_per_credit": "1.0400", "cost": "639.60"}
    assert (data["options"]["early_renewal"]["cost_this_year"], data["recommendation"]) == ("8680.00", "overage")


def test_renew_writes_the_renewal_quote_with_the_quote_documents(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "renewal.xlsx"
    code, out, err = run(capsys, *RENEW, "-o", str(target))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith(f"Wrote {target} (renewal quote DRAFT-")
    values = [cell.value for row in load_workbook(target, data_only=False)["Quote"].iter_rows() for cell in row]
    assert 230_000 in values  # the renewal quote's credits a year


def test_renew_writes_the_analysis_the_recommended_option_and_the_renewal_quote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    code, out, err = run(capsys, *RENEW, "--customer", "Contoso", "-o", str(tmp_path / "renewal.pdf"))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].endswith(", after the analysis and the early renewal quote)")
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "renewal.pdf").pages]
    assert "Renewal analysis" in pages[0] and "Renew early RECOMMENDED" in pages[0] and "$6,556.29" in pages[0]
    assert "-ER " in pages[1] and "218,000" in pages[1]  # the new contract's quote
    assert any("Renewal quote: 230,000 credits a year" in page for page in pages[2:])
    code, _, _ = run(capsys, *RENEW, "-o", str(tmp_path / "renewal.xlsx"))
    assert code == 0 and load_workbook(tmp_path / "renewal.xlsx").sheetnames == ["Analysis", "Quote", "Price book"]


RENEW_SUBSCRIPTION = ["renew", "--subscription-credits", "200000", "--contract-start", "2026-01-01", "--contract-years", "1"]

BAD_RENEW = [
    (
        ["--used-credits", "1000", "--as-of", "2026-02-30"],
        "cpiquote: --as-of: 2026-02-30 is not a day of the calendar: February 2026 has 28 days",
    ),
    (
        ["--used-credits", "1000", "--as-of", "2027-01-01"],
        "--as-of: 2027-01-01 is after the contract ends: give a day from 2026-01-01 to 2026-12-31",
    ),
    (["--used-credits", "1000", "--as-of", "2025-12-31"], "--as-of: 2025-12-31 is before the contract starts"),
    (["--used-credits", "1000", "--as-of", "1 March 2026"], "--as-of: '1 March 2026' is not a date; write it as YYYY-MM-DD"),
    (["--used-credits", "-5", "--as-of", "2026-03-01"], "--used-credits: must be 0 or more"),
    (["--used-credits", "12,5", "--as-of", "2026-03-01"], "--used-credits: must be a whole number without decimals"),
    (["--used-credits", "1000", "--as-of", "2026-03-01", "--growth", "lots"], "--growth: must be a percentage from 0 to 100"),
    (["--used-credits", "1000", "--as-of", "2026-03-01", "--growth", "150"], "--growth: must be a percentage from 0 to 100"),
    (["--used-credits", "1000", "--as-of", "2026-03-01", "--discount", "45"], "--discount: 45% is above the maximum"),
    (["--used-credits", "1000", "--as-of", "2026-03-01", "--price-per-credit", "-0.5"], "--price-per-credit: must be 0 or more"),
    (
        ["--used-credits", "1000", "--as-of", "2026-03-01", "--overage-price", "0"],
        "--overage-price: must be a price per credit greater than 0",
    ),
    (["--used-credits", "1000"], "give --used-credits U and --as-of DATE"),
    (["--used-credits", "1000", "--as-of", "2026-03-01", "-o", "renewal.docx"], "--output: cannot write .docx"),
]


@pytest.mark.parametrize(("argv", "needle"), BAD_RENEW)
def test_renew_bad_input_gets_exit_2_and_one_line_naming_the_option(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    code, out, err = run(capsys, *RENEW_SUBSCRIPTION, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and needle in err, err


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--contract-years", "6"], "--contract-years: must be a whole number from 1 to 5 (the price book's longest contract)"),
        (["--subscription-credits", "200,500"], "--subscription-credits: 200,500 is not a whole number of blocks of 1,000"),
        (["--contract-start", "2028-02-30"], "--contract-start: 2028-02-30 is not a day of the calendar: February 2028 has 29 days"),
    ],
)
def test_renew_bad_subscription_gets_exit_2_naming_the_option(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    code, out, err = run(capsys, *RENEW_SUBSCRIPTION, "--used-credits", "1000", "--as-of", "2026-03-01", *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and needle in err, err


def test_renew_without_the_subscription_says_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "renew", "--used-credits", "1000", "--as-of", "2026-03-01")
    assert code == 2 and err.count("\n") == 1
    assert "the following arguments are required: --contract-start" in err
    code, _, err = run(capsys, "renew", "--contract-start", "2026-01-01", "--used-credits", "1000", "--as-of", "2026-03-01")
    assert (code, err) == (2, "cpiquote renew: give --subscription-credits and --contract-years, or --from-quote NUMBER\n")


RENEW_ARGUMENT = st.one_of(
    st.sampled_from(
        [
            "--subscription-credits",
            "--contract-start",
            "--contract-years",
            "--price-per-credit",
            "--overage-price",
            "--discount",
            "--used-credits",
            "--as-of",
            "--growth",
            "--genai",
            "--json",
        ]
    ),
    st.text(alphabet="0123456789,.-_e%x ", max_size=14),
    st.sampled_from(["2026-01-01", "2028-02-29", "2029-02-28", "9999-06-01", "0001-01-01", "2026-02-30"]),
)


@settings(max_examples=200, deadline=None)
@given(argv=st.lists(RENEW_ARGUMENT, max_size=10))
def test_any_renew_command_line_analyses_or_says_why_in_one_line(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["renew", "--subscription-credits", "200000", "--contract-start", "2028-02-29", "--contract-years", "2", *argv])
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


# --- cpiquote renew --usage: the credits used, read from a log or a monthly file -----------------------------------------

SUBSCRIPTION = ["renew", "--subscription-credits", "50,000", "--contract-start", "2027-03-15", "--contract-years", "1"]


def test_renew_reads_the_credits_used_from_a_conversation_log_by_the_calendar_day_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "conversation_id,timestamp,author\n"
        "a,2027-03-14T10:00:00+01:00,customer\n"  # the day before the contract: not this contract year's
        "a,2027-03-20T23:30:00+01:00,customer\n"  # a on 20 March ...
        "a,2027-03-21T00:30:00+01:00,agent\n"  # ... and on 21 March (Berlin): two interactions
        "b,2027-04-02T09:00:00+02:00,customer\n"  # b: one
        "b,2027-04-02T09:05:00+02:00,system\n",  # system rows never count
        encoding="utf-8",
    )
    code, out, err = run(capsys, *SUBSCRIPTION, "--genai", "--usage", str(log), "--timezone", "Europe/Berlin", "--json")
    assert (code, err) == (0, "")
    forecast = json.loads(out)["forecast"]
    # 3 interactions x 1.5 credits = 4.5 -> 5 credits, through the log's last day, 2 April (day 19 of the year)
    assert (forecast["used_credits"], forecast["elapsed_days"]) == (5, 19)


def test_renew_reads_whole_months_from_a_monthly_usage_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monthly = tmp_path / "usage.csv"
    monthly.write_text("month,credits\n2027-02,99999\n2027-03,15000\n2027-04,20000\n", encoding="utf-8")
    code, out, err = run(capsys, *SUBSCRIPTION, "--usage", str(monthly), "--json")
    assert (code, err) == (0, "")
    forecast = json.loads(out)["forecast"]
    # March (the month the contract year starts in) and April, through 30 April: February is before the contract
    assert (forecast["used_credits"], forecast["elapsed_days"]) == (35_000, 47)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ([], "cpiquote: --timezone: log.csv is a conversation log: give the site's time zone"),
        (["--timezone", "Mars/Olympus"], "cpiquote: --timezone: 'Mars/Olympus' is not a time zone"),
        (["--timezone", "UTC", "--used-credits", "5"], "cpiquote renew: give --used-credits or --usage, not both"),
    ],
)
def test_renew_usage_mistakes_end_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str], said: str) -> None:
    log = tmp_path / "log.csv"
    log.write_text("conversation_id,timestamp,author\na,2027-03-20T10:00:00Z,customer\n", encoding="utf-8")
    code, out, err = run(capsys, *SUBSCRIPTION, "--usage", str(log), *extra)
    assert (code, out) == (2, "")
    assert err.startswith(said) and err.count("\n") == 1


def test_renew_takes_the_subscription_from_an_accepted_quote_in_the_library(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    database = ["--database", f"sqlite:///{(tmp_path / 'quotes.sqlite3').as_posix()}"]
    code, out, _ = run(capsys, "quote", "--credits", "200,000", "--years", "3", "--genai", "--save", "--json", *database)
    number = json.loads(out)["quote_number"]
    renew = ["renew", "--from-quote", number, "--contract-start", "2027-03-15", "--used-credits", "120,000", "--as-of", "2027-10-01"]
    code, out, err = run(capsys, *renew, *database)
    assert (code, out) == (2, "")
    assert err == f"cpiquote: --from-quote: {number} is draft: a subscription comes from an accepted quote " + (
        f"(cpiquote quotes status {number} accepted)\n"
    )
    for status in ("sent", "accepted"):
        assert run(capsys, "quotes", "status", number, status, *database)[0] == 0
    code, out, err = run(capsys, *renew, "--json", *database)
    assert (code, err) == (0, "")
    data = json.loads(out)
    # the same subscription as typed in the tests above: 200,000 credits at 0.7820, Generative AI, 3 years
    assert (data["subscription_credits"], data["forecast_credits"], data["recommendation"]) == (200_000, 218_508, "early_renewal")
    assert data["options"]["top_up"] == {"credits": 19_000, "price_per_credit": "0.7820", "cost": "14858.00"}
    assert run(capsys, *renew, "--genai", *database)[0] == 2  # the quote says which features: not typed again


def three_options_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A quote file with Scenario A (1 year), B (3 years) and C (3 years with the Care Package), as from the window."""
    from cpiquote.services import open_quote, save_quote

    target = folder / "options.cpiquote"
    run(capsys, "quote", "--interactions", "1m", "--genai", "--customer", "Contoso", "-o", str(target))
    document = open_quote(target)
    for care in (False, True):
        scenario = document.duplicate_scenario(0)
        document.set_value(scenario, "years", "3")
        document.set_value(scenario, "care_package", care)
    save_quote(document, target)
    return target


def test_a_proposal_offers_a_quotes_scenarios_as_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from pdf_helpers import pages_text

    source, target = three_options_file(tmp_path, capsys), tmp_path / "proposal.pdf"
    code, out, err = run(capsys, "proposal", str(source), "-o", str(target), "--quote-number", "Q-2026-00043")
    values = "$825,000.00, $2,277,000.00, $2,504,700.00"
    assert (code, err, out) == (0, "", f"Wrote {target} (Q-2026-00043, 3 options; contract values {values})\n")
    first = pages_text(target.read_bytes())[0]
    assert "1 year, no Care Package 3 years, no Care Package 3 years, Care Package" in first
    code, out, _ = run(capsys, "proposal", str(source), "-o", str(target), "--scenario", "C", "--scenario", "Scenario A")
    assert code == 0 and "2 options; contract values $2,504,700.00, $825,000.00" in out
    workbook = tmp_path / "proposal.xlsx"
    assert run(capsys, "proposal", str(source), "-o", str(workbook))[0] == 0
    assert load_workbook(workbook).sheetnames == ["Options", *(f"Option {n}{s}" for n in (1, 2, 3) for s in ("", " prices"))]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scenario", "D"], "cpiquote: --scenario: 'D' is not a scenario of this quote; it has Scenario A, Scenario B, Scenario C\n"),
        (["--scenario", "A"], "cpiquote: --scenario: a proposal offers 2 to 4 scenarios as its options; 1 was chosen\n"),
    ],
)
def test_a_proposal_of_unknown_or_too_few_scenarios_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    source, target = three_options_file(tmp_path, capsys), tmp_path / "proposal.pdf"
    assert run(capsys, "proposal", str(source), "-o", str(target), *argv) == (2, "", message)
    assert not target.exists()


# --- hostile input (issue 15): one line and exit 2, 130 for Ctrl-C, never a traceback or a broken file ----------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--customer", "M\udcfcller"],  # a Latin-1 Müller from a terminal that is not UTF-8
        ["--customer=M\udcfcller"],
        ["--contact", "\udcff"],
        ["--quote-number", "Q-\udce9"],
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_naming_its_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    for name in ("q.pdf", "q.xlsx"):
        code, out, err = run(capsys, "quote", "--interactions", "1000", *argv, "-o", str(tmp_path / name))
        option = argv[0].split("=")[0]
        assert code == 2 and out == "" and err.count("\n") == 1
        assert err.startswith(f"cpiquote: {option}: the text is not UTF-8 (byte 0x") and "set the terminal to UTF-8" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--customer", "A" * 969], "cpiquote: --customer: is 969 characters long; the longest a quote can show is 200"),
        (["--customer", "ab " * 515], "cpiquote: --customer: is 1,544 characters long; the longest a quote can show is 200"),
        (["--contact", "x" * 1645], "cpiquote: --contact: is 1,645 characters long; the longest a quote can show is 200"),
        (["--quote-number", "Q" * 753], "cpiquote: --quote-number: is 753 characters long; the longest a quote can show is 40"),
        (["--customer", "Con\ufffeoso"], "cpiquote: --customer: has the character U+FFFE at character 4"),
        (["--contact", "\uffff"], "cpiquote: --contact: has the character U+FFFF at character 1"),
        (["--quote-number", "Q\x01"], "cpiquote: --quote-number: has the control character U+0001 at character 2"),
        (["--customer", "x\x1b]0;PWNED\x07"], "cpiquote: --customer: has the control character U+001B at character 2"),
    ],
)
def test_text_no_document_can_show_is_refused_over_a_good_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], said: str
) -> None:
    for name in ("q.pdf", "q.xlsx", "q.cpiquote"):
        good = tmp_path / name
        good.write_bytes(b"the good old quote")
        code, out, err = run(capsys, "quote", "--interactions", "1000", *argv, "-o", str(good))
        assert code == 2 and out == "" and err.startswith(said) and err.count("\n") == 1, err
        assert good.read_bytes() == b"the good old quote"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["q.cpiquote", "q.pdf", "q.xlsx"]


def test_an_empty_output_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quote", "--interactions", "1000", "-o", "")
    assert (code, out) == (
        2,
        "",
    ) and err == "cpiquote quote: -o/--output: give a file name ending in .pdf, .xlsx or .cpiquote, or leave -o out\n"


def test_the_price_book_is_never_written_over(capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook_bytes: bytes) -> None:
    book = tmp_path / "book.cpiquote"  # a price book is TOML whatever its name
    book.write_bytes(sample_pricebook_bytes)
    code, _, err = run(capsys, "quote", "--interactions", "1000", "--pricebook", str(book), "-o", str(book))
    assert code == 2 and "is the price book the quote is priced with; write the quote to another file" in err
    assert book.read_bytes() == sample_pricebook_bytes


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(capsys, "quote", "--interactions", "1000", "-o", str(folder / "q.pdf"))
    finally:
        folder.chmod(0o700)
    assert code == 2 and "no permission to write there; choose another folder" in err and list(folder.iterdir()) == []


@pytest.mark.parametrize("argv", [["quote", "--interactions", "95000"], ["--help"], ["--version"]])
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_full_device_is_one_line_and_exit_2(argv: list[str], unbuffered: str) -> None:
    """Whatever the command prints, and whether Python buffers it or not (argparse drops a failed write of its own)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    environment = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cpiquote", *argv], stdout=full, stderr=subprocess.PIPE, text=True, env=environment, timeout=60
        )
    assert result.returncode == 2
    assert result.stderr == "cpiquote: cannot write to standard output: No space left on device; send it to a file or a device with room\n"


def test_ctrl_c_while_writing_exits_130_and_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    """A real SIGINT, sent while the document is being written (after its bytes are on disk, before the rename)."""
    (tmp_path / "q.pdf").write_bytes(b"the good old quote")
    script = (
        "import os, signal, sys\n"
        "from cpiquote.cli import main\n"
        "real_fsync = os.fsync\n"
        "def fsync(fd):\n"
        "    real_fsync(fd)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "os.fsync = fsync\n"
        "sys.exit(main(['quote', '--interactions', '1000', '-o', 'q.pdf']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "")
    assert [path.name for path in tmp_path.iterdir()] == ["q.pdf"] and (tmp_path / "q.pdf").read_bytes() == b"the good old quote"


def test_escapes_in_a_price_book_are_shown_not_obeyed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook_bytes: bytes
) -> None:
    """A shared price book must not rewrite the terminal's title or screen through `pricebook check` or a quote."""
    text = sample_pricebook_bytes.decode()
    name = text.split('name = "', 1)[1].split('"', 1)[0]
    book = tmp_path / "crafted.toml"
    book.write_text(text.replace(f'name = "{name}"', 'name = "Prices\\u001b]0;PWNED\\u0007\\u009b2J\\u202e"', 1))
    for argv in (["pricebook", "check", str(book)], ["quote", "--interactions", "1000", "--pricebook", str(book)]):
        code, out, err = run(capsys, *argv)
        shown = out + err
        assert not any(char in shown for char in "\x1b\x07\x9b\u202e"), shown
        if code == 0:
            assert "Prices\\x1b]0;PWNED\\x07\\x9b2J\\u202e" in out
        else:
            assert code == 2 and err.count("\n") >= 1 and "Traceback" not in err


def test_every_option_type_names_its_option_not_a_function() -> None:
    """argparse says `invalid _whole value` for a type function that raises ValueError: each says what to write."""
    import argparse

    from cpiquote.cli import build_parser

    def actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    found += actions(sub)
            elif action.type is not None:
                found.append(action)
        return found

    typed = actions(build_parser())
    assert typed
    for action in typed:
        for bad in ("x", "", "\u0661", "1_0", "-1e9"):
            with pytest.raises(argparse.ArgumentTypeError):
                action.type(bad)  # type: ignore[misc, operator]


def test_a_count_option_says_what_it_takes(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "quotes", "list", "--limit", "\u0661")
    assert code == 2 and err.startswith("cpiquote quotes list: argument --limit: '١' is not a whole number; write it with the digits 0-9")


def test_a_price_book_with_a_control_character_never_breaks_a_good_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_pricebook_bytes: bytes
) -> None:
    text = sample_pricebook_bytes.decode()
    version = text.split('version = "', 1)[1].split('"', 1)[0]
    book = tmp_path / "shared.toml"
    book.write_text(text.replace(f'version = "{version}"', 'version = "2026\\u0001"', 1))
    for name in ("q.pdf", "q.xlsx"):
        good = tmp_path / name
        good.write_bytes(b"the good old quote")
        code, out, err = run(capsys, "quote", "--interactions", "1000", "--pricebook", str(book), "-o", str(good))
        assert code == 2 and out == "" and err.count("\n") == 1 and "U+0001" in err and "Traceback" not in err
        assert good.read_bytes() == b"the good old quote"


HOSTILE_TEXT = [
    "x\x1b]0;PWNED\x07",
    "\x1b[2J\x1b[H",
    "a\ufffeb",
    "\uffff",
    "\x00",
    "\x85\x9b",
    "مرحبا بالعالم \u202eexe.fdp",
    "東京都" * 60,
    "W" * 200,
    "W" * 201,
    "ab " * 515,
    '=HYPERLINK("http://x")',
    "<b>&amp;</b><font name='x'>",
    "\t\n\r",
    "😀" * 100,
    "\U0010fffd\U0001fffe",
    "-o",
    "--genai",
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),  # argv cannot carry a lone surrogate
    st.text(st.characters(exclude_categories=("Cs",)), min_size=180, max_size=240),
)


def _opens(path: Path) -> bool:
    """True when the document reads back whole: every PDF page's text (strictly parsed), or every workbook cell."""
    from openpyxl import load_workbook
    from pypdf import PdfReader

    if path.suffix == ".pdf":
        reader = PdfReader(path, strict=True)
        return all(isinstance(page.extract_text(), str) for page in reader.pages) and len(reader.pages) >= 1
    workbook = load_workbook(path)
    return all(isinstance(list(sheet.iter_rows(values_only=True)), list) for sheet in workbook.worksheets)


@settings(max_examples=60, deadline=None)
@given(
    option=st.sampled_from(["--customer", "--contact", "--quote-number"]), text=TEXT, suffix=st.sampled_from([".pdf", ".xlsx", ".cpiquote"])
)
def test_any_text_in_any_text_input_gives_a_document_that_opens_or_one_line(option: str, text: str, suffix: str) -> None:
    """Whatever is typed as the customer, the contact or the quote number: exit 0 with a document that opens, or
    exit 2 with one line naming the option, the good file there kept; never a traceback."""
    import tempfile

    from cpiquote import services

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"q{suffix}"
        target.write_bytes(b"the good old quote")
        out, err = io.StringIO(), io.StringIO()
        # the "=" form, as a script passing any text would use: "-o" as a value is then a value, not an option
        argv = ["quote", "--interactions", "1000", "--customer=Contoso", "--contact=Jane Doe", f"{option}={text}", "-o", str(target)]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        event(f"exit {code}, {suffix}")  # --hypothesis-show-statistics: how many documents were written and opened
        assert [path.name for path in Path(folder).iterdir()] == [target.name]  # nothing left beside it
        if code == 0:
            assert err.getvalue() == "" and out.getvalue().startswith(f"Wrote {target}")
            assert services.open_quote(target).path == target if suffix == ".cpiquote" else _opens(target)
        else:
            assert code == 2 and out.getvalue() == "" and err.getvalue().count("\n") == 1, err.getvalue()
            assert err.getvalue().startswith(f"cpiquote: {option}: ") and target.read_bytes() == b"the good old quote"
