"""The open quote as a document: scenarios, change notices, the saved mark, and the `.cpiquote` file."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest

from cpiquote.pricing import InputError, PriceBook, QuoteRequest
from cpiquote.quote.document import Change, ChangeKind, PriceBookInfo, QuoteDocument, QuoteFileError

BOOK_PATH = "/books/sample.toml"


@pytest.fixture
def document(sample_pricebook: PriceBook) -> QuoteDocument:
    document = QuoteDocument()
    document.use_pricebook(sample_pricebook, BOOK_PATH)
    return document


def three_scenarios(document: QuoteDocument) -> QuoteDocument:
    """Contoso's quote: A sized by interactions, B by credits per year, C not complete yet; B exported."""
    document.set_value(0, "customer", "Contoso Ltd")
    document.set_value(0, "contact", "Ann Lee, ann@contoso.example")
    for key, value in {"interactions": "1,200,000", "years": "3", "genai": True, "intent_manager": True, "care_package": True}.items():
        document.set_value(0, key, value)
    b = document.duplicate_scenario(0)
    document.set_value(b, "ramp", True)
    for year, (interactions, credits) in enumerate([("140,000", "250,000"), ("160,000", ""), ("200,000", "500,000")], start=1):
        document.set_value(b, f"ramp_{year}", interactions)
        document.set_value(b, f"ramp_credits_{year}", credits)
    c = document.add_scenario()
    document.set_value(c, "estimate", True)
    document.set_value(c, "multi_day_share", "12.5")
    document.set_exported(b)
    return document


# --- the document in memory -----------------------------------------------------------------------------


def test_a_new_quote_is_one_empty_scenario_with_nothing_to_lose() -> None:
    document = QuoteDocument()
    assert document.scenario_names == ("Scenario A",) and document.exported == 0
    assert document.values(0)["years"] == "1" and document.customer == "" and document.pricebook_info is None
    assert not document.is_modified()


def test_a_change_is_told_to_subscribers_and_marks_the_quote_modified(document: QuoteDocument) -> None:
    seen: list[Change] = []
    stop = document.subscribe(seen.append)
    assert document.set_value(0, "interactions", "95,000") is True
    assert document.set_value(0, "interactions", "95,000") is False  # nothing changed: nothing told
    assert seen == [Change(ChangeKind.VALUE, 0, "interactions")]
    assert document.is_modified()
    document.mark_saved()
    assert not document.is_modified() and seen[-1] == Change(ChangeKind.SAVED)
    document.set_value(0, "interactions", "")
    document.set_value(0, "interactions", "95,000")  # typed back to what was saved
    assert not document.is_modified()
    stop()
    document.set_value(0, "genai", True)
    assert len(seen) == 4


def test_the_customer_is_the_whole_quotes(document: QuoteDocument) -> None:
    document.add_scenario()
    seen: list[Change] = []
    document.subscribe(seen.append)
    document.set_value(1, "customer", "Contoso")
    assert document.customer == "Contoso" and document.values(0)["customer"] == "Contoso"
    assert seen == [Change(ChangeKind.VALUE, None, "customer")]


def test_scenarios_are_added_duplicated_and_removed_up_to_four(document: QuoteDocument) -> None:
    document.set_value(0, "interactions", "95,000")
    assert document.duplicate_scenario(0) == 1 and document.values(1)["interactions"] == "95,000"
    assert document.add_scenario() == 2 and document.values(2)["interactions"] == ""
    document.add_scenario()
    assert document.scenario_names == ("Scenario A", "Scenario B", "Scenario C", "Scenario D")
    with pytest.raises(ValueError, match="at most 4 scenarios"):
        document.add_scenario()
    document.set_exported(2)
    document.remove_scenario(1)
    assert document.scenario_names == ("Scenario A", "Scenario C", "Scenario D") and document.exported == 1  # still C
    document.add_scenario()
    assert document.scenario_names[-1] == "Scenario B"  # the first free letter
    document.remove_scenario(1)
    assert document.exported == 0  # the exported scenario went: the first is exported
    for _ in range(2):
        document.remove_scenario(0)
    with pytest.raises(ValueError, match="at least one scenario"):
        document.remove_scenario(0)


def test_an_input_holds_text_or_a_flag_as_the_table_says(document: QuoteDocument) -> None:
    with pytest.raises(TypeError, match="genai holds True or False"):
        document.set_value(0, "genai", "yes")
    with pytest.raises(TypeError, match="years holds text"):
        document.set_value(0, "years", 3)  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        document.set_value(0, "colour", "red")


def test_a_scenario_is_priced_with_the_documents_price_book(document: QuoteDocument, sample_pricebook: PriceBook) -> None:
    document.set_value(0, "credits", "250,000")
    document.set_value(0, "years", "2")
    document.set_value(0, "genai", True)
    assert document.request(0) == QuoteRequest(years=2, generative_ai=True, ordered_credits_per_year=(250_000,))
    assert document.pricebook_info == PriceBookInfo(BOOK_PATH, sample_pricebook.name, "2026.1", sample_pricebook.sha256)
    with pytest.raises(InputError, match="pricebook: choose a price book"):
        QuoteDocument().request(0)


def test_a_quote_built_from_a_request_holds_it_as_the_window_would_show_it(sample_pricebook: PriceBook) -> None:
    request = QuoteRequest((1_200_000,), 3, generative_ai=True, services_hours=Decimal(40), customer="Contoso")
    document = QuoteDocument.of_request(request, sample_pricebook, BOOK_PATH)
    assert document.values(0)["interactions"] == "1,200,000" and document.customer == "Contoso"
    assert document.request(0) == request


# --- the .cpiquote file ---------------------------------------------------------------------------------


def test_three_scenarios_saved_and_reopened_are_identical(document: QuoteDocument, sample_pricebook: PriceBook) -> None:
    saved = three_scenarios(document).to_bytes()
    reopened = QuoteDocument.from_bytes(saved, "contoso.cpiquote")
    assert reopened.scenario_names == ("Scenario A", "Scenario B", "Scenario C")
    assert [reopened.values(i) for i in range(3)] == [document.values(i) for i in range(3)]
    assert (reopened.customer, reopened.contact, reopened.exported) == ("Contoso Ltd", "Ann Lee, ann@contoso.example", 1)
    assert reopened.pricebook_info == document.pricebook_info and not reopened.is_modified()
    assert reopened.to_bytes() == saved  # saved again before its price book is loaded: the same file
    reopened.use_pricebook(sample_pricebook, BOOK_PATH)
    assert reopened.to_bytes() == saved and reopened.request(1) == document.request(1)


def test_the_file_says_what_it_is_and_each_scenarios_request(document: QuoteDocument) -> None:
    data = json.loads(three_scenarios(document).to_bytes())
    assert (data["format"], data["format_version"], data["exported_scenario"]) == ("cpiquote", 2, "Scenario B")
    assert data["pricebook"] == {
        "path": BOOK_PATH,
        "name": document.pricebook_info.name,
        "version": "2026.1",
        "sha256": document.pricebook_info.sha256,
    }  # type: ignore[union-attr]
    a, b, c = (scenario["request"] for scenario in data["scenarios"])
    assert a["interactions_per_year"] == [1_200_000] and a["ordered_credits_per_year"] is None and a["customer"] == "Contoso Ltd"
    assert b["interactions_per_year"] == [140_000, 160_000, 200_000] and b["ordered_credits_per_year"] == [250_000, None, 500_000]
    assert c is None  # no conversations yet: it cannot be priced
    assert data["scenarios"][2]["values"]["multi_day_share"] == "12.5" and "customer" not in data["scenarios"][0]["values"]


def test_a_scenario_that_cannot_be_priced_stores_no_request(document: QuoteDocument) -> None:
    document.set_value(0, "interactions", "95,000")
    document.set_value(0, "discount", "35")  # above the price book's maximum discretionary discount
    assert json.loads(document.to_bytes())["scenarios"][0]["request"] is None


def good_file() -> dict[str, Any]:
    return {
        "format": "cpiquote",
        "format_version": 1,
        "customer": "Contoso",
        "contact": "",
        "pricebook": None,
        "exported_scenario": "Scenario A",
        "scenarios": [{"name": "Scenario A", "values": {"interactions": "95,000", "genai": True}, "request": None}],
    }


PARTIES = {
    "account": "SITE-0042",
    "billing_address": "Contoso Ltd\nAccounts payable\n1 Harbour Street, Leeds LS1 4AB",
    "sales_person": "Sam Seller",
    "notes": "Pricing held until year end.\nCall Sam with questions.",
    "terms": "Net 30 from invoice date.",
}


def test_the_quotes_account_address_sales_person_notes_and_terms_are_saved_and_reopened(document: QuoteDocument) -> None:
    for key, value in PARTIES.items():
        document.set_value(0, key, value)
    document.set_value(0, "interactions", "95,000")
    data = json.loads(document.to_bytes())
    assert {key: data[key] for key in PARTIES} == PARTIES and data["format_version"] == 2
    assert {key: data["scenarios"][0]["request"][key] for key in PARTIES} == PARTIES  # the priced request carries them
    reopened = QuoteDocument.from_bytes(document.to_bytes(), "contoso.cpiquote")
    assert {key: reopened.value(0, key) for key in PARTIES} == PARTIES and not reopened.is_modified()
    assert reopened.to_bytes() == document.to_bytes()


def test_a_quote_level_input_is_shared_by_every_scenario(document: QuoteDocument) -> None:
    seen: list[Change] = []
    document.subscribe(seen.append)
    b = document.add_scenario()
    document.set_value(b, "notes", "Valid for the pilot only.")
    assert document.values(0)["notes"] == document.values(b)["notes"] == "Valid for the pilot only."
    assert seen[-1] == Change(ChangeKind.VALUE, None, "notes")


def test_a_new_quote_may_name_its_sales_person_without_being_modified() -> None:
    document = QuoteDocument(sales_person="Sam Seller")
    assert document.value(0, "sales_person") == "Sam Seller" and not document.is_modified()


def test_a_format_1_file_opens_with_the_newer_inputs_empty_and_saves_as_format_2(sample_pricebook: PriceBook) -> None:
    old = good_file()
    old["scenarios"][0]["request"] = {"interactions_per_year": [95000], "years": 1, "customer": "Contoso", "contact": ""}
    document = QuoteDocument.from_bytes(json.dumps(old).encode(), "old.cpiquote")
    assert document.customer == "Contoso" and all(document.value(0, key) == "" for key in PARTIES)
    assert document.request_dict(0) == {**document.request_dict(0), **dict.fromkeys(PARTIES, "")}  # type: ignore[dict-item]
    data = json.loads(document.to_bytes())
    assert data["format_version"] == 2 and {key: data[key] for key in PARTIES} == dict.fromkeys(PARTIES, "")


def test_a_file_from_before_an_input_existed_gives_it_its_default() -> None:
    document = QuoteDocument.from_bytes(json.dumps(good_file()).encode(), "old.cpiquote")
    assert document.values(0)["interactions"] == "95,000" and document.values(0)["years"] == "1"


def _with(change: Any) -> bytes:
    data = good_file()
    change(data)
    return json.dumps(data).encode()


DAMAGED = "(the file is damaged or was changed outside CPI Quote; open a copy saved by CPI Quote)"
BAD_FILES = [
    (b"%PDF-1.7 ...", "q.cpiquote: is not a CPI Quote file; open a .cpiquote file saved by CPI Quote"),
    (b"\xff\xfe{}", "q.cpiquote: is not a CPI Quote file"),
    (b"[1, 2]", "q.cpiquote: is not a CPI Quote file"),
    (b'{"format": "other"}', "q.cpiquote: is not a CPI Quote file"),
    (
        _with(lambda d: d.update(format_version=3)),
        "q.cpiquote: was saved by a newer CPI Quote (quote file format 3; this CPI Quote reads format 2 and older): "
        "update CPI Quote to open it",
    ),
    (_with(lambda d: d.update(format_version="1")), f"q.cpiquote: format_version: must be a whole number of 1 or more {DAMAGED}"),
    (_with(lambda d: d.update(colour="red")), f"q.cpiquote: colour: unknown key {DAMAGED}"),
    (_with(lambda d: d.pop("customer")), "q.cpiquote: customer: missing"),
    (_with(lambda d: d.update(customer=5)), "q.cpiquote: customer: must be text"),
    (_with(lambda d: d.update(customer="A" * 1544)), "q.cpiquote: customer: is 1,544 characters long; the longest a quote can show is 200"),
    (_with(lambda d: d.update(contact="a\uffff")), "q.cpiquote: contact: has the character U+FFFF at character 2"),
    (_with(lambda d: d.update(customer="\ud800")), "q.cpiquote: customer: has the character U+D800 at character 1"),
    (
        _with(lambda d: d["scenarios"][0].update(request={"customer": "x\x1b[2J"})),
        "q.cpiquote: scenarios[0].request.customer: has the control character U+001B at character 2",
    ),
    (_with(lambda d: d.update(notes="x")), f"q.cpiquote: notes: unknown key {DAMAGED}"),  # format 1 had no notes
    (_with(lambda d: d.update(format_version=2)), "q.cpiquote: account: missing"),
    (_with(lambda d: d.update({**PARTIES, "format_version": 2, "terms": ["x"]})), "q.cpiquote: terms: must be text"),
    (_with(lambda d: d.update(scenarios=[])), "q.cpiquote: scenarios: must be a list of 1 to 4 scenarios"),
    (_with(lambda d: d.update(scenarios=d["scenarios"] * 5)), "q.cpiquote: scenarios: must be a list of 1 to 4 scenarios"),
    (_with(lambda d: d.update(scenarios=d["scenarios"] * 2)), "q.cpiquote: scenarios: each scenario must have a name of its own"),
    (_with(lambda d: d.update(scenarios=["A"])), "q.cpiquote: scenarios[0]: must be an object"),
    (_with(lambda d: d["scenarios"][0].pop("values")), "q.cpiquote: scenarios[0].values: missing"),
    (_with(lambda d: d["scenarios"][0]["values"].update(colour="red")), "q.cpiquote: scenarios[0].values.colour: unknown key"),
    (_with(lambda d: d["scenarios"][0]["values"].update(customer="X")), "q.cpiquote: scenarios[0].values.customer: unknown key"),
    (_with(lambda d: d["scenarios"][0]["values"].update(genai="yes")), "q.cpiquote: scenarios[0].values.genai: must be true or false"),
    (_with(lambda d: d["scenarios"][0]["values"].update(years=3)), "q.cpiquote: scenarios[0].values.years: must be text"),
    (_with(lambda d: d.update(exported_scenario="Scenario B")), "q.cpiquote: exported_scenario: must be the name of one of the scenarios"),
    (_with(lambda d: d.update(pricebook="sample.toml")), "q.cpiquote: pricebook: must be an object"),
    (_with(lambda d: d.update(pricebook={"path": "x"})), "q.cpiquote: pricebook.name: missing"),
    (
        _with(lambda d: d["scenarios"][0].update(request={"years": "3"})),
        f"q.cpiquote: scenarios[0].request.years: must be a whole number {DAMAGED}",
    ),
    (
        _with(lambda d: d["scenarios"][0].update(request={"estimate": {"conversations": -1}})),
        "q.cpiquote: scenarios[0].request.estimate.conversations: must be a whole number from 0",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_a_file_that_is_not_a_quote_is_refused_naming_it_and_what_to_do(content: bytes, message: str) -> None:
    with pytest.raises(QuoteFileError) as caught:
        QuoteDocument.from_bytes(content, "q.cpiquote")
    assert str(caught.value).startswith(message), str(caught.value)
    assert caught.value.field == "q.cpiquote"


@pytest.mark.slow
def test_the_quote_package_loads_without_qt() -> None:
    probe = (
        "import sys, cpiquote.quote.document; print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'cpiquote.'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = result.stdout.strip().strip("[]").replace("'", "").split(", ")
    # formatting (below quote in the layers, Babel imported only when a figure is formatted) holds the one text rule
    assert all(name.startswith(("cpiquote.quote", "cpiquote.pricing", "cpiquote.formatting")) for name in loaded), loaded
