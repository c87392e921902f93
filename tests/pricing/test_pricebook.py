"""Reading and checking price books: exact values, and a message naming file, key and reason for every fault."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpiquote.pricing import PriceBook, PriceBookError, QuoteRequest, TierMode, load_pricebook, parse_pricebook, price_quote
from cpiquote.resources import sample_pricebook_path


def test_the_tier_mode_is_read_as_a_tier_mode(sample_pricebook: PriceBook, graduated_pricebook: PriceBook) -> None:
    assert (sample_pricebook.tier_mode, graduated_pricebook.tier_mode) == (TierMode.VOLUME, TierMode.GRADUATED)
    assert isinstance(sample_pricebook.tier_mode, TierMode)


def test_sample_has_exactly_the_documented_values(sample_pricebook: PriceBook) -> None:
    pb = sample_pricebook
    assert (pb.name, pb.version, pb.currency, pb.quote_validity_days) == (
        "Live Assist for Dynamics 365 - sample price book",
        "2026.1",
        "USD",
        30,
    )
    assert [(b.from_credit, b.price) for b in pb.bands][:2] == [(1, Decimal("0.95")), (100_000, Decimal("0.85"))]
    assert len(pb.bands) == 7 and pb.bands[-1].price == Decimal("0.42")
    assert pb.term_discount_percent == tuple(Decimal(x) for x in ("0", "4", "8", "10", "12"))
    assert (pb.minimum_annual_credits, pb.increment, pb.max_years, pb.tier_mode) == (50_000, 1_000, 5, TierMode.VOLUME)
    assert pb.credits.generative_ai == Decimal("1.5") and pb.credits.performance_optimizer == Decimal("0.05")
    assert (pb.overage_multiplier, pb.sms_rate, pb.whatsapp_mtm_rate) == (Decimal("1.30"), Decimal("0.0083"), Decimal("0.0250"))
    assert isinstance(pb.sms_rate, Decimal)


def test_sample_says_it_is_illustrative(sample_pricebook: PriceBook) -> None:
    assert "ILLUSTRATIVE" in sample_pricebook_path().read_text().upper()
    assert sample_pricebook.illustrative is True


ILLUSTRATIVE_LINE = "illustrative = true               # optional, default false"


def test_a_real_price_book_leaves_illustrative_out_or_false(sample_pricebook_bytes: bytes) -> None:
    left_out = _edit(sample_pricebook_bytes, ILLUSTRATIVE_LINE, "#")
    assert parse_pricebook(left_out.encode(), "real.toml").illustrative is False
    false = _edit(sample_pricebook_bytes, ILLUSTRATIVE_LINE, "illustrative = false #")
    assert parse_pricebook(false.encode(), "real.toml").illustrative is False


def test_illustrative_is_true_or_false_and_named_when_it_is_neither(sample_pricebook_bytes: bytes) -> None:
    assert _problems(_edit(sample_pricebook_bytes, ILLUSTRATIVE_LINE, 'illustrative = "yes" #')) == [
        "sample.toml: pricebook.illustrative: must be true or false (no quotes)"
    ]
    (typo,) = _problems(_edit(sample_pricebook_bytes, ILLUSTRATIVE_LINE, "ilustrative = true #"))
    assert typo.startswith("sample.toml: pricebook.ilustrative: unknown key") and "illustrative)" in typo


def test_hash_is_the_sha256_of_the_file_bytes(sample_pricebook_bytes: bytes) -> None:
    assert load_pricebook(sample_pricebook_path()).sha256 == hashlib.sha256(sample_pricebook_bytes).hexdigest()


def _problems(text: str) -> list[str]:
    with pytest.raises(PriceBookError) as caught:
        parse_pricebook(text.encode(), "sample.toml")
    assert caught.value.field == "sample.toml"  # the file, named for the front ends that show the field apart
    return list(caught.value.problems)


def _edit(sample: bytes, old: str, new: str) -> str:
    text = sample.decode()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{ from = 500_000,   price = 0.65 }",
            "{ from = 200_000,   price = 0.65 }",
            "sample.toml: tiers.bands[3].from: must be greater than 250000",
        ),
        (
            "{ from = 1,         price = 0.95 }",
            "{ from = 10,         price = 0.95 }",
            "sample.toml: tiers.bands[0].from: the first band must start at credit 1",
        ),
        ("price = 0.85", "price = 0", "sample.toml: tiers.bands[1].price: must be greater than 0"),
        ("price = 0.85", "price = -0.85", "sample.toml: tiers.bands[1].price: must be greater than 0"),
        (
            "approval_above_percent = 10",
            "approval_above_percent = 101",
            "sample.toml: discount.approval_above_percent: must be at most 100",
        ),
        (
            "minimum_annual_credits = 50_000",
            "minimum_annual_credits = 50_500",
            "sample.toml: order.minimum_annual_credits: must be a multiple of order.increment (1000)",
        ),
        (
            "minimum_credits = 10_000",
            "minimum_credits = 10_001",
            "sample.toml: top_up.minimum_credits: must be a multiple of top_up.increment (1000)",
        ),
        ("5 = 12\n", "", "sample.toml: term_discount_percent.5: missing"),
        ('currency = "USD"', 'currency = "USX"', "sample.toml: pricebook.currency: 'USX' is not an ISO 4217 currency code"),
        ("multiplier = 1.30", "multiplyer = 1.30", "sample.toml: overage.multiplyer: unknown key"),
        ("multiplier = 1.30", "", "sample.toml: overage.multiplier: missing"),
        ('mode = "volume"', 'mode = "tiered"', 'sample.toml: tiers.mode: must be one of "volume", "graduated"'),
        ("max_years = 5", "max_years = 4", "sample.toml: term_discount_percent.5: unknown key; years run from 1 to 4"),
        ("\n5 = 12\n", '\n5 = 12\n"\u00b2" = 3\n', "sample.toml: term_discount_percent.\u00b2: unknown key; years run from 1 to 5"),
        (
            "increment = 1_000                 # credits",
            "increment = 1.5  # credits",
            "sample.toml: order.increment: must be a whole number",
        ),
        ("effective_from = 2026-01-01", 'effective_from = "soon"', "sample.toml: pricebook.effective_from: must be a date"),
        ("[early_renewal]", "[early_renewals]", "sample.toml: early_renewals: unknown table"),
        # every value has a ceiling: a typo must not overflow the arithmetic, the documents or the check itself
        ("price = 0.95", "price = 1e30", "sample.toml: tiers.bands[0].price: must be at most 10_000"),
        ("quote_validity_days = 30", "quote_validity_days = 5_000_000", "sample.toml: pricebook.quote_validity_days: must be at most 366"),
        ("max_years = 5", "max_years = 1_000_000_000", "sample.toml: order.max_years: must be at most 30"),
        ("multiplier = 1.30", "multiplier = 0.5", "sample.toml: overage.multiplier: must be at least 1"),
        ("minimum_annual_fee = 5_000", "minimum_annual_fee = 5000.005", "sample.toml: care_package.minimum_annual_fee: must have at"),
        ("\n2 = 4\n", "\n02 = 4\n", "sample.toml: term_discount_percent.02: unknown key"),
        ("[credits]", '[credits]\n"per\\nteraction" = 1\n#', "sample.toml: credits.per\\nteraction: unknown key"),
    ],
)
def test_each_fault_is_named(sample_pricebook_bytes: bytes, old: str, new: str, expected: str) -> None:
    problems = _problems(_edit(sample_pricebook_bytes, old, new))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_price_written_with_trailing_zeros_is_the_same_price(sample_pricebook_bytes: bytes) -> None:
    book = parse_pricebook(_edit(sample_pricebook_bytes, "price = 0.95", "price = 0.95000").encode(), "zeros.toml")
    assert book.bands[0].price == Decimal("0.95")


def test_prices_and_rates_carry_as_many_decimals_as_the_list_has(sample_pricebook_bytes: bytes) -> None:
    """Finance lists carry 5 or 6 decimals: kept as written; the net price per credit is rounded to 4 (rule 4)."""
    text = _edit(sample_pricebook_bytes, "price = 0.95", "price = 0.98765").replace("hourly_rate = 200", "hourly_rate = 187.125")
    book = parse_pricebook(text.encode(), "finance.toml")
    assert (book.bands[0].price, book.services_hourly_rate) == (Decimal("0.98765"), Decimal("187.125"))
    quotation = price_quote(book, QuoteRequest((50_000,), 1, services_hours=Decimal(40)))
    year = quotation.years[0]
    assert (year.list_price_per_credit, year.price_per_credit, year.annual_subscription) == (
        Decimal("0.98765"),
        Decimal("0.9877"),
        Decimal("49385.00"),
    )
    assert quotation.services == Decimal("7485.00")  # round2(40 x 187.125)


def test_a_fee_invoiced_as_it_is_stays_in_cents(sample_pricebook_bytes: bytes) -> None:
    problems = _problems(_edit(sample_pricebook_bytes, "minimum_annual_fee = 5_000", "minimum_annual_fee = 5000.005"))
    assert problems == [
        "sample.toml: care_package.minimum_annual_fee: must have at most 2 decimal places (an amount invoiced as it is, in cents)"
    ]


def test_a_file_saved_with_a_byte_order_mark_loads(sample_pricebook_bytes: bytes) -> None:
    book = parse_pricebook(b"\xef\xbb\xbf" + sample_pricebook_bytes, "notepad.toml")
    assert book.name == parse_pricebook(sample_pricebook_bytes, "sample.toml").name


def test_band_problems_are_all_reported_and_none_is_invented(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "{ from = 250_000,   price = 0.75 }", '{ from = 250_000,   price = "0.75" }')
    problems = _problems(text.replace("{ from = 500_000,   price = 0.65 }", "{ from = 200_000,   price = 0.65 }"))
    assert [p.split(": ")[1] for p in problems] == ["tiers.bands[2].price", "tiers.bands[3].from"], problems
    problems = _problems(_edit(sample_pricebook_bytes, "{ from = 1,         price = 0.95 }", "{ from = 1,         price = -1 }"))
    assert problems == ["sample.toml: tiers.bands[0].price: must be greater than 0"]


def test_a_key_outside_any_table_is_named_as_such(sample_pricebook_bytes: bytes) -> None:
    problems = _problems('name = "x"\n' + sample_pricebook_bytes.decode())
    assert problems == [
        "sample.toml: name: unknown key outside any table; put it under its table, such as [pricebook] (known: pricebook, credits, "
        "order, tiers, overage, discount, care_package, professional_services, pass_through, top_up, early_renewal, term_discount_percent)"
    ]


def test_every_fault_is_reported_at_once(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "price = 0.85", "price = 0")
    text = text.replace("hourly_rate = 200", "hourly_rate = -1").replace('currency = "USD"', 'currency = "usd"')
    problems = _problems(text)
    assert len(problems) == 3
    assert {p.split(":")[1].strip() for p in problems} == {
        "tiers.bands[1].price",
        "professional_services.hourly_rate",
        "pricebook.currency",
    }


def test_toml_syntax_error_names_the_line() -> None:
    problems = _problems("[pricebook]\nname = \n")
    assert problems[0].startswith("sample.toml: not valid TOML") and "line 2" in problems[0]


def test_missing_unreadable_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(PriceBookError, match="price book file not found"):
        load_pricebook(tmp_path / "nope.toml")
    with pytest.raises(PriceBookError, match="is a folder"):
        load_pricebook(tmp_path)
    binary = tmp_path / "x.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(PriceBookError, match="not UTF-8"):
        load_pricebook(binary)


def test_a_file_far_too_large_to_be_a_price_book_is_refused_unread(tmp_path: Path) -> None:
    video = tmp_path / "demo.mp4"
    video.write_bytes(b"[pricebook]\n" + b"#" * 2_000_000)
    with pytest.raises(PriceBookError, match=r"demo.mp4: is larger than a price book can be \(1,000,000 bytes at most\)"):
        load_pricebook(video)


def _refusal_within_seconds(path: str | Path, seconds: float = 10.0) -> str:
    """The message load_pricebook gives for `path`; fails (instead of hanging the suite) if it blocks."""
    outcome: list[str] = []

    def load() -> None:
        try:
            load_pricebook(path)
            outcome.append("loaded")
        except Exception as error:  # any outcome but blocking is reported, as it is
            outcome.append(str(error) if isinstance(error, PriceBookError) else repr(error))

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"loading {path} blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_or_device_is_refused_without_waiting_for_it(tmp_path: Path) -> None:
    pipe = tmp_path / "pricebook.toml"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer forever
    assert "is not a regular file" in _refusal_within_seconds(pipe)
    if Path("/dev/zero").exists():  # endless: reading it all would fill the memory
        assert "is not a regular file" in _refusal_within_seconds("/dev/zero")


# --- hostile and extreme price books (issue 15): one clear PriceBookError naming file and key, never a traceback ------


@pytest.mark.parametrize("nested", ["[" * 500 + "]" * 500, "{ a = " * 500 + "1" + " }" * 500])
def test_a_deeply_nested_value_is_refused_by_name_not_a_recursion_error(sample_pricebook_bytes: bytes, nested: str) -> None:
    (problem,) = _problems(sample_pricebook_bytes.decode() + f"deep = {nested}\n")
    assert problem.startswith("sample.toml: arrays or tables nested far too deeply for a price book;"), problem


@pytest.mark.parametrize(
    ("old", "key"),
    [("quote_validity_days = 30", "quote_validity_days"), ("base = 1\n", "base"), ("\n2 = 4\n", "2")],
)
def test_a_number_of_thousands_of_digits_is_refused_naming_its_line_and_key(sample_pricebook_bytes: bytes, old: str, key: str) -> None:
    prefix = "\n" if old.startswith("\n") else ""
    text = _edit(sample_pricebook_bytes, old, f"{prefix}{key} = {'9' * 5_000}\n")
    (problem,) = _problems(text)
    line = text[: text.index("9" * 5_000)].count("\n") + 1
    assert problem.startswith(f"sample.toml: line {line} (key {key}): a number far too long for a price book; "), problem
    assert "at most 1_000_000_000_000" in problem and "9" * 20 not in problem


def test_a_number_just_short_of_pythons_digit_limit_is_refused_by_its_range(sample_pricebook_bytes: bytes) -> None:
    problems = _problems(_edit(sample_pricebook_bytes, "quote_validity_days = 30", f"quote_validity_days = {'9' * 4_000}"))
    assert problems == ["sample.toml: pricebook.quote_validity_days: must be at most 366"]


def test_a_year_key_of_thousands_of_digits_is_named_not_converted(sample_pricebook_bytes: bytes) -> None:
    (problem,) = _problems(_edit(sample_pricebook_bytes, "\n5 = 12\n", f'\n5 = 12\n"{"7" * 5_000}" = 3\n'))
    assert problem.startswith("sample.toml: term_discount_percent.7777") and "...: unknown key; years run from 1 to 5" in problem
    assert len(problem) < 200


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("base = 1\n", "base = 1e-1000000\n", "sample.toml: credits.base: must have at most 10 decimal places"),
        ("base = 1\n", "base = 1e300\n", "sample.toml: credits.base: must be at most 100"),
        (
            "base = 1\n",
            "base = 1e99999999999999999999\n",
            "sample.toml: credits.base: is far outside the range of a price book; it must be greater than 0 and at most 100",
        ),
        ("sms_rate = 0.0083", "sms_rate = 1e-99999999999999999", "sample.toml: pass_through.sms_rate: must have at most 10 decimal places"),
        ("price = 0.95", "price = 0.12345678901", "sample.toml: tiers.bands[0].price: must have at most 10 decimal places"),
        ("price = 0.95", "price = 1.00000000000000000000000000001", "sample.toml: tiers.bands[0].price: must have at most 10"),
        (
            "approval_above_percent = 10",
            "approval_above_percent = 100.0000000001",
            "sample.toml: discount.approval_above_percent: must be at",
        ),
        ("hourly_rate = 200", "hourly_rate = 1e10", "sample.toml: professional_services.hourly_rate: must be at most 1_000_000_000"),
        ("max_years = 5", "max_years = 31", "sample.toml: order.max_years: must be at most 30"),
        ("increment = 1_000                 # credits", "increment = 0  #", "sample.toml: order.increment: must be at least 1"),
    ],
)
def test_every_number_has_a_range_and_a_precision(sample_pricebook_bytes: bytes, old: str, new: str, expected: str) -> None:
    problems = _problems(_edit(sample_pricebook_bytes, old, new))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_price_may_carry_exactly_ten_decimals(sample_pricebook_bytes: bytes) -> None:
    book = parse_pricebook(_edit(sample_pricebook_bytes, "price = 0.95", "price = 0.1234567891").encode(), "finance.toml")
    assert book.bands[0].price == Decimal("0.1234567891")
    book = parse_pricebook(_edit(sample_pricebook_bytes, "price = 0.95", "price = 0.12345678910000").encode(), "zeros.toml")
    assert book.bands[0].price == Decimal("0.1234567891")


def test_an_amount_in_cents_may_carry_exactly_two_decimals(sample_pricebook_bytes: bytes) -> None:
    book = parse_pricebook(_edit(sample_pricebook_bytes, "minimum_annual_fee = 5_000", "minimum_annual_fee = 5000.05").encode(), "c.toml")
    assert book.care_minimum_annual_fee == Decimal("5000.05")


@pytest.mark.parametrize(("percent", "loads"), [("100", True), ("100.0000000001", False), ("0", True), ("-0.0000000001", False)])
def test_a_percentage_runs_from_0_to_exactly_100(sample_pricebook_bytes: bytes, percent: str, loads: bool) -> None:
    text = _edit(sample_pricebook_bytes, "percent_of_subscription = 10", f"percent_of_subscription = {percent}")
    if loads:
        assert parse_pricebook(text.encode(), "p.toml").care_percent_of_subscription == Decimal(percent)
    else:
        assert [p.split(": ")[1] for p in _problems(text)] == ["care_package.percent_of_subscription"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026\\u0001", "holds a control character (U+0001) at character 5"),
        ("2026\\u001b]0;owned\\u0007", "holds a control character (U+001B) at character 5"),
        ("2026\\u0085", "holds a control character (U+0085) at character 5"),
        ("2026\\u007f", "holds a control character (U+007F) at character 5"),
        ("2026\\uFFFE", "holds a noncharacter (U+FFFE) at character 5"),
        ("2026\\uFFFF", "holds a noncharacter (U+FFFF) at character 5"),
        ("2026\\uFDD0", "holds a noncharacter (U+FDD0) at character 5"),
        ("2026\\u202E1", "holds a line separator or a text-direction control (U+202E) at character 5"),
        ("2026\\u2028", "holds a line separator or a text-direction control (U+2028) at character 5"),
        ("2026\\t1", "holds a control character (U+0009) at character 5"),
        ("9" * 41, "is 41 characters long; shorten it to at most 40"),
    ],
)
def test_text_that_a_document_or_terminal_cannot_show_is_refused(sample_pricebook_bytes: bytes, text: str, expected: str) -> None:
    problems = _problems(_edit(sample_pricebook_bytes, 'version = "2026.1"', f'version = "{text}"'))
    assert problems == [f"sample.toml: pricebook.version: {expected}" + ("" if expected.endswith("40") else "; remove it")]


def test_text_at_its_longest_and_in_any_script_loads(sample_pricebook_bytes: bytes) -> None:
    name = "Müller & Søn 東京 – ünïcödé 👩‍💻 " + "n" * 90
    text = _edit(sample_pricebook_bytes, 'version = "2026.1"', f'version = "{"v" * 40}"')
    text = text.replace('name = "Live Assist for Dynamics 365 - sample price book"', f'name = "{name[:120]}"')
    book = parse_pricebook(text.encode(), "long.toml")
    assert (book.version, book.name) == ("v" * 40, name[:120].strip())
    long_name = text.replace(name[:120], name[:120] + "x")
    assert _problems(long_name) == ["sample.toml: pricebook.name: is 121 characters long; shorten it to at most 120"]


def test_a_hostile_currency_or_key_is_not_echoed_at_length(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, 'currency = "USD"', f'currency = "{"X" * 100_000}"')
    (problem,) = _problems(text.replace("[credits]", f'[credits]\n"{"k" * 100_000}" = 1\n#', 1))[:1]
    assert problem == 'sample.toml: pricebook.currency: the value is not an ISO 4217 currency code such as "USD" or "EUR"'
    problems = _problems(text)
    assert all(len(p) < 300 for p in problems), [len(p) for p in problems]


def test_a_price_book_of_more_bands_than_a_price_list_has_is_refused(sample_pricebook_bytes: bytes) -> None:
    assert len(parse_pricebook(_banded(sample_pricebook_bytes, 1_000), "b.toml").bands) == 1_000
    assert _problems(_banded(sample_pricebook_bytes, 1_001).decode()) == [
        "sample.toml: tiers.bands: has 1,001 bands; a price book has at most 1,000"
    ]


def _banded(sample: bytes, count: int) -> bytes:
    """The sample with `count` bands, 1,000 credits apart, each a little cheaper."""
    text = sample.decode()
    start, end = text.index("bands = ["), text.index("]\n", text.index("bands = ["))
    bands = ",\n".join(f"  {{ from = {1 + i * 1_000}, price = {Decimal('0.95') - Decimal(i) / 10_000} }}" for i in range(count))
    return (text[:start] + f"bands = [\n{bands}\n" + text[end:]).encode()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("bands = [", "bands = []\nold_bands = [", "sample.toml: tiers.bands: must be a list of at least one band"),
        ("{ from = 100_000,   price = 0.85 }", "{ price = 0.85 }", "sample.toml: tiers.bands[1].from: missing; this key is required"),
        ("{ from = 100_000,   price = 0.85 }", "{ from = 100_000 }", "sample.toml: tiers.bands[1].price: missing; this key is required"),
        ("{ from = 250_000,   price = 0.75 }", "{ from = 100_000,   price = 0.75 }", "sample.toml: tiers.bands[2].from: must be greater"),
    ],
)
def test_band_boundaries(sample_pricebook_bytes: bytes, old: str, new: str, expected: str) -> None:
    text = _edit(sample_pricebook_bytes, old, new)
    if "old_bands" in text:  # the original list is left under another key: remove it so only the empty list is read
        text = text[: text.index("old_bands")] + text[text.index("]\n", text.index("old_bands")) + 2 :]
    assert _problems(text)[0].startswith(expected)


@pytest.mark.parametrize(("approval", "loads"), [("29.99", True), ("30", True), ("30.01", False)])
def test_the_approval_threshold_may_reach_but_not_exceed_the_maximum(sample_pricebook_bytes: bytes, approval: str, loads: bool) -> None:
    text = _edit(sample_pricebook_bytes, "approval_above_percent = 10", f"approval_above_percent = {approval}")
    if loads:
        assert parse_pricebook(text.encode(), "a.toml").discount_approval_above_percent == Decimal(approval)
    else:
        assert _problems(text) == ["sample.toml: discount.approval_above_percent: must not exceed discount.maximum_percent (30)"]


def test_every_missing_key_of_a_table_is_reported_not_only_the_first(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "hourly_rate = 200", "")
    for line in ("handling_fee_percent = 15", "sms_rate = 0.0083", "whatsapp_mtm_rate = 0.0250"):
        text = text.replace(line, "#")
    assert [p.split(": ")[1] for p in _problems(text)] == [
        "professional_services.hourly_rate",
        "pass_through.handling_fee_percent",
        "pass_through.sms_rate",
        "pass_through.whatsapp_mtm_rate",
    ]


# --- any TOML value anywhere: the book loads and prices, or one PriceBookError names what is wrong ---------------------


class _Raw(str):
    """TOML text written as it is: nesting deeper than a dictionary could be built, numbers of thousands of digits."""


def _toml(value: object) -> str:
    """`value` written as a TOML value (inline tables and arrays), every character outside printable ASCII escaped."""
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return {"NaN": "nan", "sNaN": "nan", "-NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(str(value), str(value))
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, str):
        return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08X}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"


def _book_text(data: dict[str, dict[str, object]]) -> str:
    return "".join(f"[{table}]\n" + "".join(f"{_toml(str(k))} = {_toml(v)}\n" for k, v in keys.items()) for table, keys in data.items())


_hostile_text = st.text(
    st.characters(codec=None, exclude_categories=["Cs"]) | st.sampled_from("\x00\x1b\x7f\x85\ufffe\uffff\u202e\u2028"), max_size=150
)
_leaves = (
    st.integers(-(10**20), 10**20)
    | st.integers(0, 2).map(lambda i: _Raw(["9" * 4_301, "-" + "1" * 6_000, "0x" + "f" * 5_000][i]))
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.decimals(min_value=0, max_value=10_000, places=12)
    | st.integers(1, 1_000_000).map(lambda e: Decimal(f"1e-{e}"))
    | _hostile_text
    | st.booleans()
    | st.dates()
    | st.integers(50, 700).map(lambda n: _Raw("[" * n + "]" * n))
)
_values = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_hostile_text, inner, max_size=3), max_leaves=8)


@st.composite
def _edited_books(draw: st.DrawFn, sample: dict[str, dict[str, object]]) -> str:
    """The sample with one to three keys set to any value, removed, or added."""
    data = {table: dict(keys) for table, keys in sample.items()}
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(sorted(data)))
        keys = sorted(data[table])
        key = draw(st.sampled_from(keys) | _hostile_text if keys else _hostile_text)
        bands = data[table].get(key) if key == "bands" else None
        if draw(st.integers(0, 5)) == 0:
            data[table].pop(key, None)
        elif isinstance(bands, list) and bands and draw(st.booleans()):
            bands = list(bands)
            bands[draw(st.integers(0, len(bands) - 1))] = {draw(st.sampled_from(["from", "price", "to"])): draw(_values)}
            data[table]["bands"] = bands
        else:
            data[table][key] = draw(_values)
    return _book_text(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(data=st.data())
def test_any_value_anywhere_loads_and_prices_or_is_named(sample_pricebook_bytes: bytes, data: st.DataObject) -> None:
    sample = tomllib.loads(sample_pricebook_bytes.decode(), parse_float=Decimal)
    text = data.draw(_edited_books(sample))
    try:
        book = parse_pricebook(text.encode(), "sample.toml")
    except PriceBookError as error:
        problems = error.problems
    else:
        problems = ()
    assert all(p.startswith("sample.toml: ") and "\n" not in p and len(p) < 1_000 for p in problems), problems
    if problems:
        return
    for request in (QuoteRequest((1,)), QuoteRequest((10**9,), book.max_years, True, True, True, book.discount_maximum_percent, True)):
        quotation = price_quote(book, request)
        assert quotation.total_contract_value > 0


def test_the_generated_sample_loads_unchanged(sample_pricebook_bytes: bytes) -> None:
    """The property test's writer reproduces the sample: what it feeds in differs only where it was edited."""
    sample = tomllib.loads(sample_pricebook_bytes.decode(), parse_float=Decimal)
    book = parse_pricebook(_book_text(sample).encode(), "sample.toml")
    assert replace(book, sha256="") == replace(parse_pricebook(sample_pricebook_bytes, "sample.toml"), sha256="")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "[overage]\nmultiplier = 1.30",
            "",
            ["sample.toml: overage: missing; add a [overage] table", "sample.toml: overage.multiplier: missing; this key is required"],
        ),
        (
            "[overage]\nmultiplier = 1.30",
            "[overage_]\n",
            [
                "sample.toml: overage_: unknown table; check the spelling (known: pricebook, credits, order, tiers, overage, discount, "
                "care_package, professional_services, pass_through, top_up, early_renewal, term_discount_percent)",
                "sample.toml: overage: missing; add a [overage] table",
                "sample.toml: overage.multiplier: missing; this key is required",
            ],
        ),
        ("bands = [", "old_bands = [", ["sample.toml: tiers.old_bands: unknown key; check the spelling (known: mode, bands)"]),
        (
            "bands = [",
            "bands = 3\nold_bands = [",
            ["sample.toml: tiers.bands: must be a list of at least one band such as { from = 1, price = 0.95 }"],
        ),
        ("{ from = 100_000,   price = 0.85 }", "3", ["sample.toml: tiers.bands[1]: must be a band such as { from = 1, price = 0.95 }"]),
        ("\n2 = 4\n", "\n2 = 101\n", ["sample.toml: term_discount_percent.2: must be at most 100"]),
        ("5 = 12\n", "", ["sample.toml: term_discount_percent.5: missing; every contract length from 1 to 5 years needs a discount"]),
        ("5 = 12\n", "5 = 12\n6 = 14\n", ["sample.toml: term_discount_percent.6: unknown key; years run from 1 to 5"]),
        ("\n2 = 4\n", "\n0 = 0\n2 = 4\n", ["sample.toml: term_discount_percent.0: unknown key; years run from 1 to 5"]),
        ("\n2 = 4\n", '\n"300" = 1\n2 = 4\n', ["sample.toml: term_discount_percent.300: unknown key; years run from 1 to 5"]),
        (
            'name = "Live Assist for Dynamics 365 - sample price book"',
            'name = "   "',
            ["sample.toml: pricebook.name: must be a non-empty text in quotes"],
        ),
        (
            'name = "Live Assist for Dynamics 365 - sample price book"',
            "name = 3",
            ["sample.toml: pricebook.name: must be a non-empty text in quotes"],
        ),
        (
            'currency = "USD"',
            "currency = 840",
            ['sample.toml: pricebook.currency: the value is not an ISO 4217 currency code such as "USD" or "EUR"'],
        ),
        (
            'currency = "USD"',
            'currency = "US\\u0007"',
            ['sample.toml: pricebook.currency: the value is not an ISO 4217 currency code such as "USD" or "EUR"'],
        ),
        ("max_years = 5", "max_years = true", ["sample.toml: order.max_years: must be a whole number"]),
        ("max_years = 5", "max_years = 0", ["sample.toml: order.max_years: must be at least 1"]),
        ("multiplier = 1.30", "multiplier = true", ["sample.toml: overage.multiplier: must be a number"]),
        ("multiplier = 1.30", "multiplier = nan", ["sample.toml: overage.multiplier: must be a finite number"]),
        ("multiplier = 1.30", "multiplier = -inf", ["sample.toml: overage.multiplier: must be a finite number"]),
        ("multiplier = 1.30", "multiplier = 10.0000000001", ["sample.toml: overage.multiplier: must be at most 10"]),
        (
            "percent_of_subscription = 10",
            "percent_of_subscription = -1e99999999999999999999",
            ["sample.toml: care_package.percent_of_subscription: is far outside the range of a price book; it must be from 0 to 100"],
        ),
    ],
)
def test_each_fault_is_named_word_for_word(sample_pricebook_bytes: bytes, old: str, new: str, expected: list[str]) -> None:
    text = _edit(sample_pricebook_bytes, old, new)
    if "old_bands = [" in text and "bands = 3" in text:
        text = text[: text.index("old_bands")] + text[text.index("]\n", text.index("old_bands")) + 2 :]
    problems = _problems(text)
    if "old_bands = [" in text:  # the bands' list is under another name: tiers.bands is also missing
        expected = [*expected, "sample.toml: tiers.bands: missing; list at least one band such as { from = 1, price = 0.95 }"]
    assert problems == expected


def test_a_table_written_as_a_value_is_named(sample_pricebook_bytes: bytes) -> None:
    text = "overage = 1.30\n" + _edit(sample_pricebook_bytes, "[overage]\nmultiplier = 1.30", "")
    assert _problems(text) == ["sample.toml: overage: must be a table", "sample.toml: overage.multiplier: missing; this key is required"]


def test_text_is_kept_without_the_spaces_around_it(sample_pricebook_bytes: bytes) -> None:
    book = parse_pricebook(_edit(sample_pricebook_bytes, 'version = "2026.1"', 'version = "  2026.1  "').encode(), "s.toml")
    assert book.version == "2026.1"


@pytest.mark.parametrize("value", ["100.000", "1E+2", "0.1000000000", "5"])
def test_trailing_zeros_and_exponents_are_not_decimal_places(sample_pricebook_bytes: bytes, value: str) -> None:
    book = parse_pricebook(
        _edit(sample_pricebook_bytes, "percent_of_subscription = 10", f"percent_of_subscription = {value}").encode(), "s.toml"
    )
    assert book.care_percent_of_subscription == Decimal(value)


def test_a_key_is_shown_whole_up_to_sixty_characters_and_cut_after(sample_pricebook_bytes: bytes) -> None:
    for length, shown in ((60 - len("credits."), "credits." + "k" * 52), (61 - len("credits."), "credits." + "k" * 49 + "...")):
        (problem,) = _problems(_edit(sample_pricebook_bytes, "[credits]", f'[credits]\n"{"k" * length}" = 1\n#'))
        assert problem.startswith(f"sample.toml: {shown}: unknown key"), problem


def test_a_number_too_long_to_read_is_placed_by_line_when_its_key_is_elsewhere(sample_pricebook_bytes: bytes) -> None:
    text = sample_pricebook_bytes.decode() + f"\n[extra]\nlist = [\n  1,\n  {'9' * 5_000},\n]\n"
    (problem,) = _problems(text)
    line = text[: text.index("9" * 5_000)].count("\n") + 1
    assert problem == (
        f"sample.toml: line {line}: a number far too long for a price book; "
        "whole numbers are at most 1_000_000_000_000 and others carry at most 10 decimal places"
    )
    (problem,) = _problems(sample_pricebook_bytes.decode() + f'\n[extra]\n"{"k" * 61}" = {"9" * 5_000}\n')
    assert problem.startswith(f"sample.toml: line {line - 2}: a number far too long")


def test_a_freshly_read_book_carries_every_value_of_its_file(sample_pricebook_bytes: bytes) -> None:
    """Read here, not from the session's fixture, so each value is checked on every run of the reader."""
    book = parse_pricebook(sample_pricebook_bytes, "fresh.toml")
    assert (book.currency, book.effective_from, book.quote_validity_days, book.source, book.illustrative) == (
        "USD",
        dt.date(2026, 1, 1),
        30,
        "fresh.toml",
        True,
    )
    assert (book.tier_mode, book.top_up_minimum_credits, book.top_up_increment, book.early_renewal_unused_credit) == (
        TierMode.VOLUME,
        10_000,
        1_000,
        "prorated",
    )
    assert (book.minimum_annual_credits, book.increment, book.max_years, len(book.bands), book.term_discount_for(5)) == (
        50_000,
        1_000,
        5,
        7,
        Decimal(12),
    )
    assert (book.discount_approval_above_percent, book.discount_maximum_percent, book.care_minimum_annual_fee) == (10, 30, 5_000)
    assert (book.care_percent_of_subscription, book.services_hourly_rate, book.handling_fee_percent) == (10, 200, 15)
    assert (book.name, book.version, book.sha256) == (
        "Live Assist for Dynamics 365 - sample price book",
        "2026.1",
        hashlib.sha256(sample_pricebook_bytes).hexdigest(),
    )


@pytest.mark.parametrize(("code", "shown"), [("ABCDEFGHIJ", "'ABCDEFGHIJ'"), ("ABCDEFGHIJK", "the value")])
def test_a_wrong_currency_is_quoted_up_to_ten_characters(sample_pricebook_bytes: bytes, code: str, shown: str) -> None:
    assert _problems(_edit(sample_pricebook_bytes, 'currency = "USD"', f'currency = "{code}"')) == [
        f'sample.toml: pricebook.currency: {shown} is not an ISO 4217 currency code such as "USD" or "EUR"'
    ]


def test_a_key_of_sixty_characters_is_placed_by_name(sample_pricebook_bytes: bytes) -> None:
    text = sample_pricebook_bytes.decode() + f"\n[extra]\n\n{'k' * 60} = {'9' * 5_000}\n"
    (problem,) = _problems(text)
    assert problem.startswith(f"sample.toml: line {text.count(chr(10))} (key {'k' * 60}): a number far too long"), problem


def test_a_number_too_long_to_read_on_the_second_line_is_placed_there() -> None:
    (problem,) = _problems(f"\nbase = {'9' * 5_000}\n")
    assert problem.startswith("sample.toml: line 2 (key base): a number far too long"), problem


def test_a_backslash_in_a_key_is_shown_as_written(sample_pricebook_bytes: bytes) -> None:
    (problem,) = _problems(_edit(sample_pricebook_bytes, "[credits]", '[credits]\n"a\\\\b\\"c\'" = 1\n#'))
    assert problem.startswith(
        "sample.toml: credits.a\\b\"c': unknown key; check the spelling (known: base, generative_ai, intent_manager, "
    ), problem


def test_the_known_keys_are_listed_in_full(sample_pricebook_bytes: bytes) -> None:
    assert _problems(_edit(sample_pricebook_bytes, "multiplier = 1.30", "multiplier = 1.30\nmultiplyer = 1.30")) == [
        "sample.toml: overage.multiplyer: unknown key; check the spelling (known: multiplier)"
    ]


def test_a_missing_tiers_table_is_named_once(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "[tiers]", "[tiers_gone]")
    problems = _problems(text)
    assert problems.count("sample.toml: tiers: missing; add a [tiers] table") == 1, problems
    assert not any("tiers.bands" in p for p in problems), problems


def test_a_band_after_one_with_an_unreadable_start_is_still_checked_against_the_last_good_start(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "{ from = 100_000,   price = 0.85 }", '{ from = "x", price = 0.85 }')
    text = _edit(text.encode(), "{ from = 250_000,   price = 0.75 }", "{ from = 1, price = 0.75 }")
    assert [p.split(": ", 2)[1:] for p in _problems(text)] == [
        ["tiers.bands[1].from", "must be a whole number"],
        ["tiers.bands[2].from", "must be greater than 1"],
    ]


def test_term_discounts_wait_for_a_readable_max_years(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "max_years = 5", "max_years = 0")
    text = _edit(text.encode(), "\n1 = 0\n", "\n1 = 101\nx = 1\n")
    assert _problems(text) == [
        "sample.toml: order.max_years: must be at least 1",
        "sample.toml: term_discount_percent.x: unknown key; years run from 1 to order.max_years",
    ]


def test_every_missing_contract_length_is_reported(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "\n2 = 4\n", "\n").replace("\n4 = 10\n", "\n")
    assert [p.split(": ")[1] for p in _problems(text)] == ["term_discount_percent.2", "term_discount_percent.4"]


def test_a_price_book_loaded_from_a_file_is_named_by_its_file_name(tmp_path: Path, sample_pricebook_bytes: bytes) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(sample_pricebook_bytes)
    assert load_pricebook(path).source == "mine.toml"
    with pytest.raises(PriceBookError) as caught:
        load_pricebook(tmp_path)
    assert (caught.value.field, caught.value.problems) == (
        tmp_path.name,
        (f"{tmp_path}: is a folder; give the path of a .toml price book file",),
    )


def test_a_price_with_too_many_decimals_is_told_the_limit_and_nothing_more(sample_pricebook_bytes: bytes) -> None:
    assert _problems(_edit(sample_pricebook_bytes, "price = 0.95", "price = 0.12345678901")) == [
        "sample.toml: tiers.bands[0].price: must have at most 10 decimal places"
    ]


def test_contracts_of_two_digit_years_have_their_term_discounts(sample_pricebook_bytes: bytes) -> None:
    text = _edit(sample_pricebook_bytes, "max_years = 5", "max_years = 12")
    text = _edit(text.encode(), "\n5 = 12\n", "\n5 = 12\n" + "".join(f"{year} = 12\n" for year in range(6, 13)))
    book = parse_pricebook(text.encode(), "long.toml")
    assert (book.max_years, book.term_discount_for(12)) == (12, Decimal(12))
