"""`cpiquote quote --save`, `cpiquote quotes ...` and `cpiquote db upgrade` as a sales person types them, on both backends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from cpiquote.cli import main

YEAR = dt.date.today().year
FIRST = f"Q-{YEAR}-00001"
QUOTE = ["quote", "--interactions", "1200000", "--years", "3", "--genai", "--customer", "O'Brien; DROP TABLE quotes"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_quote_save_reports_the_number_and_show_gives_the_same_figures(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *QUOTE, "--save", "--json", "--database", database_url)
    saved = json.loads(out)
    assert (code, saved["quote_number"], saved["revision"], saved["status"]) == (0, FIRST, 1, "draft")
    code, out, _ = run(capsys, "quotes", "show", FIRST, "--json", "--database", database_url)
    assert json.loads(out) == saved
    _, plain, _ = run(capsys, *QUOTE, "--json")
    assert {key: value for key, value in saved.items() if key not in ("quote_number", "revision", "status")} == json.loads(plain)


def test_list_filters_by_customer_and_status(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *QUOTE, "--save", "--database", database_url)
    run(capsys, "quote", "--interactions", "30000", "--customer", "Fabrikam", "--save", "--database", database_url)
    _, out, _ = run(capsys, "quotes", "list", "--customer", "o'brien", "--json", "--database", database_url)
    rows = json.loads(out)
    assert [(row["quote_number"], row["customer"], row["total_contract_value"]) for row in rows] == [
        (FIRST, "O'Brien; DROP TABLE quotes", "2732400.00")
    ]
    _, out, _ = run(capsys, "quotes", "list", "--status", "draft", "--database", database_url)
    assert out.splitlines()[-1] == "2 quotes"
    assert "Fabrikam" in out.splitlines()[0] and "$47,500.00" in out.splitlines()[0]


def test_a_discount_needs_approval_before_it_is_sent_or_exported(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, *QUOTE, "--discount", "15", "--save", "--database", database_url)
    code, _, err = run(capsys, "quotes", "status", FIRST, "sent", "--database", database_url)
    assert code == 2 and "needs approval before it is sent" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, "quotes", "export", FIRST, "-o", str(tmp_path / "offer.pdf"), "--database", database_url)
    assert code == 2 and "needs approval before it is exported as an offer" in err
    assert not (tmp_path / "offer.pdf").exists()
    if database_url.startswith("postgresql"):
        code, _, err = run(capsys, "quotes", "approve", FIRST, "--database", database_url)
        assert code == 2 and "may not approve quotes: only members of cpiquote_approvers" in err
        return
    code, out, _ = run(capsys, "quotes", "approve", FIRST, "--database", database_url)
    assert code == 0 and out.startswith(f"Approved {FIRST} the latest revision")
    assert run(capsys, "quotes", "status", FIRST, "sent", "--database", database_url)[1] == f"{FIRST} is now sent\n"


def test_revise_keeps_what_is_not_given_and_diff_shows_the_change(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *QUOTE, "--save", "--database", database_url)
    run(capsys, "quotes", "status", FIRST, "sent", "--database", database_url)
    code, out, _ = run(capsys, "quotes", "revise", FIRST, "--discount", "5", "--database", database_url)
    assert (code, out) == (0, f"Saved {FIRST} revision 2 (draft); total contract value 2732400.00 -> 2595780.00\n")
    _, out, _ = run(capsys, "quotes", "show", FIRST, "--json", "--database", database_url)
    request = json.loads(out)["request"]
    assert (request["customer"], request["years"], request["generative_ai"], request["discount_percent"]) == (
        "O'Brien; DROP TABLE quotes",
        3,
        True,
        "5",
    )
    run(capsys, "quotes", "revise", FIRST, "--no-genai", "--database", database_url)
    _, out, _ = run(capsys, "quotes", "show", FIRST, "--revision", "3", "--json", "--database", database_url)
    assert json.loads(out)["request"]["generative_ai"] is False
    _, out, _ = run(capsys, "quotes", "diff", FIRST, "1", "2", "--json", "--database", database_url)
    total = next(row for row in json.loads(out) if row["figure"] == "Total contract value")
    assert (total["before"], total["after"], total["change"]) == ("2732400.00", "2595780.00", "-136620.00")
    _, out, _ = run(capsys, "quotes", "show", FIRST, "--revision", "1", "--database", database_url)
    assert out.startswith(f"{FIRST} revision 1 of 3: sent")


def test_export_writes_the_stored_figures_and_import_numbers_a_quote_file(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, *QUOTE, "--save", "--database", database_url)
    code, out, _ = run(capsys, "quotes", "export", FIRST, "-o", str(tmp_path / "offer.pdf"), "--database", database_url)
    assert code == 0 and "total contract value $2,732,400.00" in out
    pdf = "".join(page.extract_text() for page in PdfReader(tmp_path / "offer.pdf").pages)
    assert f"{FIRST} r1" in pdf and "2,732,400.00" in pdf  # number and revision, as the window's exports show them
    run(capsys, "quotes", "export", FIRST, "-o", str(tmp_path / "copy.cpiquote"), "--database", database_url)
    code, out, _ = run(capsys, "quotes", "import", str(tmp_path / "copy.cpiquote"), "--database", database_url)
    assert (code, out.split(" (")[0]) == (0, f"Saved Q-{YEAR}-00002 revision 1")


def test_store_mistakes_are_one_line_and_exit_2(database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases = [
        (["quotes", "show", "Q-1999-00009"], "there is no quote 'Q-1999-00009'"),
        (["quotes", "list", "--status", "pending"], "'pending' is not a status; use one of draft, approval_required"),
        (["quotes", "import", str(tmp_path / "missing.cpiquote")], "missing.cpiquote: quote file not found"),
    ]
    for args, message in cases:
        code, _, err = run(capsys, *args, "--database", database_url)
        assert (code, len(err.splitlines())) == (2, 1)
        assert message in err


def test_a_file_that_is_not_a_database_is_one_line_and_kept(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("meeting notes\n" * 100)
    code, _, err = run(capsys, "quotes", "list", "--database", str(notes))
    assert (
        code == 2
        and err == f"cpiquote: {notes} is not a CPI Quote database (not a SQLite file); it was left untouched; choose another file\n"
    )
    assert notes.read_text() == "meeting notes\n" * 100


def test_db_upgrade_creates_and_reports_the_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from cpiquote.store.upgrades import head

    path = tmp_path / "team.sqlite3"
    assert run(capsys, "db", "upgrade", "--database", str(path))[1] == f"The quote library is at schema version {head()} (was empty)\n"
    assert run(capsys, "db", "upgrade", "--database", str(path))[1] == f"The quote library is at schema version {head()}\n"


PARTIES = ["--account", "SITE-0042", "--billing-address", r"Accounts payable\n1 Harbour Street", "--sales-person", "Sam Seller",
           "--notes", "Pricing held until 31 December.", "--terms", r"Net 30.\nNo returns."]  # fmt: skip


def test_the_customer_account_address_sales_person_notes_and_terms_are_saved_shown_listed_and_revised(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, *QUOTE, *PARTIES, "--save", "--database", database_url)
    run(capsys, "quote", "--interactions", "30000", "--customer", "Fabrikam", "--save", "--database", database_url)
    _, out, _ = run(capsys, "quotes", "show", FIRST, "--json", "--database", database_url)
    request = json.loads(out)["request"]
    assert [request[key] for key in ("account", "billing_address", "sales_person", "notes", "terms")] == [
        "SITE-0042", "Accounts payable\n1 Harbour Street", "Sam Seller", "Pricing held until 31 December.", "Net 30.\nNo returns."
    ]  # fmt: skip
    _, out, _ = run(capsys, "quotes", "list", "--customer", "site-0042", "--json", "--database", database_url)
    assert [(row["quote_number"], row["account"]) for row in json.loads(out)] == [(FIRST, "SITE-0042")]
    _, out, _ = run(capsys, "quotes", "list", "--customer", "0042", "--database", database_url)
    assert out.splitlines() == [out.splitlines()[0], "1 quote"] and out.splitlines()[0].endswith("O'Brien; DROP TABLE quotes (SITE-0042)")
    run(capsys, "quotes", "revise", FIRST, "--notes", "Held until 31 January.", "--database", database_url)
    _, out, _ = run(capsys, "quotes", "show", FIRST, "--json", "--database", database_url)
    revised = json.loads(out)["request"]
    assert (revised["notes"], revised["terms"], revised["account"]) == ("Held until 31 January.", "Net 30.\nNo returns.", "SITE-0042")
    run(capsys, "quotes", "export", FIRST, "-o", str(tmp_path / "offer.pdf"), "--database", database_url)
    pdf = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "offer.pdf").pages).split())
    assert all(text in pdf for text in ("SITE-0042", "1 Harbour Street", "Sam Seller", "Held until 31 January.", "No returns."))


def test_a_quote_saved_without_a_sales_person_names_whoever_saved_it(
    database_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPIQUOTE_AUTHOR", "Ann Author")
    _, out, _ = run(capsys, *QUOTE, "--save", "--json", "--database", database_url)
    assert json.loads(out)["request"]["sales_person"] == "Ann Author"
