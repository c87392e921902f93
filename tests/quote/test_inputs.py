"""The one table of quote inputs, and what is derived from it: values as typed -> request, request -> values, JSON,
command-line options, undo texts and labels."""

from __future__ import annotations

import argparse
import dataclasses
import io
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cpiquote.documents.info import document_info
from cpiquote.documents.xlsx.workbook import render_xlsx
from cpiquote.pricing import InputError, InteractionEstimate, PriceBook, QuoteRequest, price_quote
from cpiquote.quote.inputs import (
    BY_KEY,
    FLAG_KEYS,
    INPUTS,
    KEYS,
    Kind,
    MissingInput,
    Values,
    add_quote_options,
    default_values,
    label,
    option_for,
    request_from_dict,
    request_from_values,
    request_to_dict,
    undo_text,
    values_from_options,
    values_from_request,
)

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")

WINDOW_KEYS = (
    "customer contact account billing_address sales_person notes terms "
    "interactions credits years genai intent_manager performance_optimizer discount care_package services_hours "
    "sms_per_month whatsapp_mtm_per_month estimate conversations multi_day_share extra_days proactive reply_rate ramp"
).split()


def typed(**changes: str | bool) -> Values:
    values = default_values()
    values.update(changes)
    return values


# --- the table ------------------------------------------------------------------------------------


def test_every_input_the_window_and_the_files_use_is_in_the_table() -> None:
    ramp = [f"ramp_{y}" for y in range(1, 11)] + [f"ramp_credits_{y}" for y in range(1, 11)]
    assert set(KEYS) == set(WINDOW_KEYS) | set(ramp)
    assert set(FLAG_KEYS) == {"genai", "intent_manager", "performance_optimizer", "care_package", "estimate", "ramp"}


def test_every_request_field_has_its_input() -> None:
    """A QuoteRequest or estimate field without a row would be lost by the window, the command line and the files."""
    request_keys = {entry.request_key for entry in INPUTS if not entry.estimator}
    estimate_keys = {entry.request_key for entry in INPUTS if entry.estimator}
    assert request_keys - {None} == {field.name for field in dataclasses.fields(QuoteRequest)}
    assert estimate_keys == {field.name for field in dataclasses.fields(InteractionEstimate)}


def test_labels_and_options_are_each_used_once() -> None:
    labels = [entry.label for entry in INPUTS]
    options = [entry.option for entry in INPUTS if entry.option]
    assert len(set(labels)) == len(labels) and len(set(options)) == len(options)
    assert label("services_hours") == "Services hours" and label("interactions") == "Interactions per year"
    assert label("ramp_3") == "Interactions in year 3" and label("ramp_credits_2") == "Credits ordered in year 2"
    assert BY_KEY["services_hours"].unit == "hours" and BY_KEY["discount"].unit == "%" and BY_KEY["extra_days"].unit == "days"


def test_the_workbook_names_its_inputs_as_the_table_says(sample_pricebook: PriceBook) -> None:
    quotation = price_quote(sample_pricebook, QuoteRequest((95_000,)))
    workbook = load_workbook(io.BytesIO(render_xlsx(quotation, document_info(quotation))))
    named = {entry.workbook_name for entry in INPUTS if entry.workbook_name}
    assert named == {
        "Interactions",
        "OrderedCredits",
        "Years",
        "GenerativeAI",
        "IntentManager",
        "PerformanceOptimizer",
        "DiscountPercent",
        "CarePackage",
        "ServicesHours",
        "SmsPerMonth",
        "WhatsAppPerMonth",
    }
    assert named <= set(workbook.defined_names)


def test_an_empty_quote_is_one_year_with_nothing_typed() -> None:
    values = default_values()
    assert values["years"] == "1" and values["interactions"] == "" and values["genai"] is False
    assert all(values[key] is False for key in FLAG_KEYS)


@pytest.mark.parametrize(
    ("key", "new", "text"),
    [
        ("interactions", "95,000", "change to interactions per year"),
        ("care_package", True, "Care Package on"),
        ("genai", False, "Generative AI off"),
        ("sms_per_month", "10", "change to SMS per month"),
        ("whatsapp_mtm_per_month", "10", "change to WhatsApp MTMs per month"),
        ("ramp_3", "5", "change to interactions in year 3"),
        ("ramp_credits_2", "", "change to credits ordered in year 2"),
        ("estimate", True, "Estimate from conversations on"),
        ("ramp", False, "Different volume each year off"),
        ("services_hours", "4", "change to services hours"),
    ],
)
def test_undo_steps_say_what_changed(key: str, new: str | bool, text: str) -> None:
    assert undo_text(key, new) == text


@pytest.mark.parametrize(
    ("field", "option"),
    [("ramp_3", "--interactions"), ("ramp_credits_2", "--credits"), ("genai", "--genai"), ("quote_date", "--quote-date")],
)
def test_an_error_names_its_command_line_option(field: str, option: str) -> None:
    assert option_for(field) == option


# --- values as typed -> a request -----------------------------------------------------------------------


def test_the_first_worked_example_as_typed(sample_pricebook: PriceBook) -> None:
    request = request_from_values(typed(interactions="1,200,000", years="3", genai=True, intent_manager=True), sample_pricebook)
    assert request == QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True)
    assert price_quote(sample_pricebook, request).first_year.annual_subscription == Decimal("1032240.00")


def test_a_quote_sized_in_credits_alone(sample_pricebook: PriceBook) -> None:
    request = request_from_values(typed(credits="250,000", years="2", genai=True), sample_pricebook)
    assert request.interactions_per_year == () and request.ordered_credits_per_year == (250_000,)
    year = price_quote(sample_pricebook, request).first_year
    assert (year.price_per_credit, year.annual_subscription) == (Decimal("0.7200"), Decimal("180000.00"))


def test_every_other_input_is_read_from_its_text(sample_pricebook: PriceBook) -> None:
    values = typed(
        customer="  Contoso  ",
        contact="Ann",
        interactions="95000",
        credits="100 000",
        discount="4.5%",
        care_package=True,
        services_hours="1,250.5",
        sms_per_month="1_000",
        whatsapp_mtm_per_month="2,000",
        performance_optimizer=True,
    )
    assert request_from_values(values, sample_pricebook) == QuoteRequest(
        (95_000,),
        performance_optimizer=True,
        discount_percent=Decimal("4.5"),
        care_package=True,
        services_hours=Decimal("1250.5"),
        sms_per_month=1_000,
        whatsapp_mtm_per_month=2_000,
        customer="Contoso",
        contact="Ann",
        ordered_credits_per_year=(100_000,),
    )


def test_the_estimator_reads_percentages_as_typed(sample_pricebook: PriceBook) -> None:
    values = typed(estimate=True, conversations="100,000", multi_day_share="10", extra_days="1.5", proactive="20000", reply_rate="25%")
    request = request_from_values(values, sample_pricebook)
    assert request.estimate == InteractionEstimate(100_000, Decimal("0.1"), Decimal("1.5"), 20_000, Decimal("0.25"))
    assert request.interactions_per_year == (120_000,)  # 100,000 x 1.15 + 20,000 x 0.25


def test_a_ramp_gives_each_year_its_interactions_and_credits(sample_pricebook: PriceBook) -> None:
    values = typed(ramp=True, years="3", ramp_1="30,000", ramp_2="95,000", ramp_3="400,000", ramp_credits_2="100,000", ramp_4="9")
    request = request_from_values(values, sample_pricebook)
    assert request.interactions_per_year == (30_000, 95_000, 400_000)  # year 4 is past the contract: not read
    assert request.ordered_credits_per_year == (None, 100_000, None)
    assert [y.annual_credits for y in price_quote(sample_pricebook, request).years] == [50_000, 100_000, 400_000]


def test_a_ramp_sized_in_credits_alone(sample_pricebook: PriceBook) -> None:
    values = typed(ramp=True, years="2", ramp_credits_1="100,000", ramp_credits_2="250,000", estimate=True)
    request = request_from_values(values, sample_pricebook)  # the estimator is off while the ramp is on
    assert (request.interactions_per_year, request.ordered_credits_per_year, request.estimate) == ((), (100_000, 250_000), None)


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({}, "interactions", "enter the interactions per year or the credits ordered per year"),
        ({"interactions": "5", "years": ""}, "years", "enter the contract years"),
        ({"estimate": True}, "conversations", "enter the conversations per year"),
        ({"ramp": True, "years": "2", "ramp_1": "5"}, "ramp_2", "enter the interactions in year 2"),
        ({"ramp": True, "years": "2", "ramp_credits_1": "50000"}, "ramp_2", "enter the interactions or the credits ordered in year 2"),
    ],
)
def test_an_empty_required_input_is_missing_not_wrong(
    sample_pricebook: PriceBook, changes: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(MissingInput) as caught:
        request_from_values(typed(**changes), sample_pricebook)
    assert (caught.value.field, caught.value.reason) == (field, reason)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"years": "6"}, "years: must be a whole number from 1 to 5 (the price book's longest contract)"),
        ({"years": "0"}, "years: must be a whole number from 1 to 5 (the price book's longest contract)"),
        ({"services_hours": "12,5"}, "services_hours: must be written with decimals after a point, as in 12.5"),
        ({"interactions": "95,00"}, "interactions: must be a whole number without decimals"),
        ({"discount": "120"}, "discount: must be a percentage from 0 to 100"),
        ({"estimate": True, "conversations": "5", "reply_rate": "101"}, "reply_rate: must be a percentage from 0 to 100"),
        ({"estimate": True, "conversations": "5", "extra_days": "367"}, "extra_days: must be a number of days from 0 to 366"),
        ({"ramp": True, "years": "2", "ramp_1": "5", "ramp_2": "12x"}, "ramp_2: year 2 must be a whole number of 0 or more"),
        ({"credits": "-1"}, "credits: must be 0 or more: leave out the minus sign"),
    ],
)
def test_a_wrong_input_is_named_with_what_to_type(sample_pricebook: PriceBook, changes: dict[str, Any], message: str) -> None:
    values = typed(interactions="95000")
    values.update(changes)
    with pytest.raises(InputError) as caught:
        request_from_values(values, sample_pricebook)
    assert not isinstance(caught.value, MissingInput)
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_ramp_is_offered_up_to_ten_years(sample_pricebook: PriceBook) -> None:
    long_book = dataclasses.replace(sample_pricebook, max_years=12)
    values = typed(ramp=True, years="11", **{f"ramp_{y}": "1000" for y in range(1, 11)})
    with pytest.raises(InputError, match="years: a different volume each year is offered up to 10 years"):
        request_from_values(values, long_book)


# --- a request -> values, and back ------------------------------------------------------------------------

figures = st.integers(0, 10**12)
credit_orders = st.integers(50, 10_000).map(lambda blocks: blocks * 1_000)
percents = st.decimals(min_value=0, max_value=30, places=2)
hours = st.decimals(min_value=0, max_value=1_000_000, places=2)
shares = st.decimals(min_value=0, max_value=1, places=3)


# Text a document can hold as typed: no controls, surrogates, noncharacters or line breaks (those are refused or made spaces).
DOCUMENT_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp")), max_size=20).map(str.strip)


@st.composite
def estimates(draw: st.DrawFn) -> InteractionEstimate:
    # at most 10^9 x (1 + 366) + 10^11 interactions: within the largest figure the engine takes (10^12)
    conversations, proactive = draw(st.integers(0, 10**9)), draw(st.integers(0, 10**11))
    return InteractionEstimate(conversations, draw(shares), draw(st.decimals(0, 366, places=2)), proactive, draw(shares))


@st.composite
def requests(draw: st.DrawFn, any_shape: bool = False) -> QuoteRequest:
    """Requests the window can hold; with `any_shape`, every request the engine takes (for the JSON round trip)."""
    years = draw(st.integers(1, 5))
    shape = draw(st.sampled_from(["plain", "estimate", "ramp"]))
    estimate = draw(estimates()) if shape == "estimate" else None
    credits: tuple[int | None, ...]
    if shape == "ramp" and years > 1:
        interactions = tuple(draw(st.lists(figures, min_size=years, max_size=years)) if draw(st.booleans()) else [])
        credit_years = st.one_of(st.none(), credit_orders) if interactions else credit_orders
        credits = tuple(draw(st.lists(credit_years, min_size=years, max_size=years)))
        if all(n is None for n in credits):  # no year ordered: credits not given at all
            credits = ()
        if any_shape and draw(st.booleans()):
            credits = (draw(credit_orders),)
    else:
        interactions = (estimate.interactions,) if estimate else tuple(draw(st.lists(figures, max_size=1)))
        credits = tuple(draw(st.lists(credit_orders, min_size=0 if interactions else 1, max_size=1)))
    return QuoteRequest(
        interactions_per_year=interactions,
        ordered_credits_per_year=credits,
        years=years,
        generative_ai=draw(st.booleans()),
        intent_manager=draw(st.booleans()),
        performance_optimizer=draw(st.booleans()),
        discount_percent=draw(percents),
        care_package=draw(st.booleans()),
        services_hours=draw(hours),
        sms_per_month=draw(figures),
        whatsapp_mtm_per_month=draw(figures),
        estimate=estimate,
        customer=draw(DOCUMENT_TEXT),
        contact=draw(DOCUMENT_TEXT),
    )


@settings(max_examples=200, deadline=None)
@given(request=requests())
def test_values_written_from_a_request_read_back_as_that_request(sample_pricebook: PriceBook, request: QuoteRequest) -> None:
    values = values_from_request(request)
    assert all(isinstance(values[key], bool) == (key in FLAG_KEYS) for key in KEYS)
    assert request_from_values(values, sample_pricebook) == request


def test_values_from_a_request_are_written_as_the_window_shows_them() -> None:
    request = QuoteRequest(
        (1_200_000,), 3, discount_percent=Decimal("4.50"), services_hours=Decimal("1250.5"), ordered_credits_per_year=(2_100_000,)
    )
    values = values_from_request(request)
    assert (values["interactions"], values["credits"], values["years"]) == ("1,200,000", "2,100,000", "3")
    assert (values["discount"], values["services_hours"], values["ramp"]) == ("4.5", "1,250.5", False)
    ramp = values_from_request(QuoteRequest((5, 6), 2, ordered_credits_per_year=(None, 50_000)))
    assert (ramp["ramp"], ramp["ramp_1"], ramp["ramp_2"], ramp["ramp_credits_1"], ramp["ramp_credits_2"]) == (True, "5", "6", "", "50,000")
    estimated = values_from_request(QuoteRequest((120_000,), estimate=InteractionEstimate(100_000, Decimal("0.1"), Decimal("1.5"))))
    assert (estimated["estimate"], estimated["interactions"], estimated["multi_day_share"]) == (True, "", "10")


# --- JSON ------------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(request=requests(any_shape=True))
def test_a_stored_request_reads_back_equal_and_reprices_the_same(sample_pricebook: PriceBook, request: QuoteRequest) -> None:
    stored = request_to_dict(request)
    assert request_from_dict(stored) == request
    assert price_quote(sample_pricebook, request_from_dict(stored)) == price_quote(sample_pricebook, request)


def test_a_volume_not_given_is_null() -> None:
    data = request_to_dict(QuoteRequest(years=2, generative_ai=True, ordered_credits_per_year=(250_000,)))
    assert data["interactions_per_year"] is None and data["ordered_credits_per_year"] == [250_000]
    assert request_to_dict(QuoteRequest((95_000,)))["ordered_credits_per_year"] is None
    assert request_to_dict(QuoteRequest((5, 6), 2, ordered_credits_per_year=(None, 50_000)))["ordered_credits_per_year"] == [None, 50_000]
    assert data["discount_percent"] == "0" and data["estimate"] is None


def test_a_request_saved_without_a_newer_key_takes_its_default() -> None:
    stored = request_to_dict(QuoteRequest((95_000,)))
    del stored["ordered_credits_per_year"], stored["contact"]
    assert request_from_dict(stored) == QuoteRequest((95_000,))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"colour": "red"},
            "colour: unknown key; the known keys are customer, contact, account, billing_address, sales_person, interactions_per_year",
        ),
        ({"years": "3"}, "years: must be a whole number"),
        ({"years": True}, "years: must be a whole number"),
        ({"interactions_per_year": 5}, "interactions_per_year: must be a list of yearly figures, or null"),
        ({"interactions_per_year": [5, None]}, "interactions_per_year[1]: must be a whole number"),
        ({"ordered_credits_per_year": ["50000"]}, "ordered_credits_per_year[0]: must be a whole number or null"),
        ({"services_hours": 12.5}, 'services_hours: must be a number written as text, such as "12.5"'),
        ({"discount_percent": "Infinity"}, "discount_percent: must be a number written as text"),
        ({"genai": True}, "genai: unknown key"),
        ({"generative_ai": 1}, "generative_ai: must be true or false"),
        ({"customer": None}, "customer: must be text"),
        ({"estimate": []}, "estimate: must be an object"),
        ({"estimate": {"proactive": 5}}, "estimate.conversations: missing; this key is required"),
        ({"estimate": {"conversations": 5, "reply_rate": "2"}}, "estimate.reply_rate: must be a share between 0 and 1"),
        ({"estimate": {"conversations": 5, "extra": 1}}, "estimate.extra: unknown key"),
    ],
)
def test_a_stored_request_that_is_not_one_is_refused_by_key(change: dict[str, Any], message: str) -> None:
    stored = {**request_to_dict(QuoteRequest((95_000,))), **change}
    with pytest.raises(InputError) as caught:
        request_from_dict(stored)
    assert str(caught.value).startswith(message), str(caught.value)


# --- the command line -----------------------------------------------------------------------------------


def options(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_quote_options(parser)
    return parser.parse_args(argv)


def test_every_input_with_an_option_is_on_the_command_line_with_its_help() -> None:
    parser = argparse.ArgumentParser()
    add_quote_options(parser)
    text = " ".join(parser.format_help().split())
    for entry in INPUTS:
        if entry.option:
            assert entry.option in text and " ".join(entry.help.split()) in text, entry.key
    assert set(vars(options())) == {entry.key for entry in INPUTS if entry.option}


def test_options_give_the_values_the_window_would_hold(sample_pricebook: PriceBook) -> None:
    values = values_from_options(options("--interactions", "1,200,000", "--years", "3", "--genai", "--services-hours", "40"))
    assert (values["interactions"], values["years"], values["genai"], values["services_hours"]) == ("1,200,000", "3", True, "40")
    assert request_from_values(values, sample_pricebook) == QuoteRequest((1_200_000,), 3, generative_ai=True, services_hours=Decimal(40))


def test_per_year_options_fill_the_ramp(sample_pricebook: PriceBook) -> None:
    values = values_from_options(options("--interactions", "95000", "--credits", "100000,,250000", "--years", "3"))
    assert values["ramp"] is True
    assert [values[f"ramp_{y}"] for y in (1, 2, 3)] == ["95000"] * 3
    assert [values[f"ramp_credits_{y}"] for y in (1, 2, 3)] == ["100000", "", "250000"]
    request = request_from_values(values, sample_pricebook)
    assert request.ordered_credits_per_year == (100_000, None, 250_000)
    estimated = values_from_options(options("--conversations", "1000", "--reply-rate", "5"))
    assert estimated["estimate"] is True and estimated["ramp"] is False


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ("--interactions", "1,2", "--years", "3"),
            "interactions: gives 2 yearly figures for a 3-year contract; give one figure, or exactly 3",
        ),
        (("--credits", "50000,60000,70000"), "credits: gives 3 yearly figures for a 1-year contract"),
        (("--interactions", ",".join(["1"] * 11), "--years", "11"), "interactions: gives 11 yearly figures; a different volume each year"),
        (
            ("--conversations", "5", "--credits", "50000,60000", "--years", "2"),
            "credits: give one figure for every year with the estimator",
        ),
    ],
)
def test_per_year_options_that_do_not_fit_the_contract_are_refused(argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(InputError) as caught:
        values_from_options(options(*argv))
    assert str(caught.value).startswith(message), str(caught.value)


def test_a_kind_says_how_an_input_is_typed() -> None:
    assert {entry.kind for entry in INPUTS} == set(Kind)
    assert BY_KEY["discount"].kind is Kind.PERCENT and BY_KEY["services_hours"].kind is Kind.DECIMAL


@pytest.mark.parametrize(
    ("key", "text", "said"),
    [
        ("customer", "A" * 969, "is 969 characters long; the longest a quote can show is 200"),
        ("contact", "ab " * 548, "is 1,643 characters long; the longest a quote can show is 200"),
        ("customer", "Con\ufffetoso", "has the character U+FFFE at character 4, which no document can hold"),
        ("contact", "x\x1b]0;title\x07", "has the control character U+001B at character 2"),
    ],
)
def test_a_customer_or_contact_no_document_can_show_is_refused_naming_it(
    sample_pricebook: PriceBook, key: str, text: str, said: str
) -> None:
    """One rule for the window, the command line and quote files: the table's length, and no control characters."""
    values = {**default_values(), "interactions": "1000", key: text}
    with pytest.raises(InputError) as caught:
        request_from_values(values, sample_pricebook)
    assert caught.value.field == key and caught.value.reason.startswith(said)
    stored = request_to_dict(request_from_values({**default_values(), "interactions": "1000"}, sample_pricebook))
    with pytest.raises(InputError) as caught:
        request_from_dict({**stored, key: text})
    assert caught.value.field == key and caught.value.reason.startswith(said)


def test_line_breaks_pasted_into_a_customer_become_spaces(sample_pricebook: PriceBook) -> None:
    values = {**default_values(), "interactions": "1000", "customer": "Contoso\r\nGmbH\t", "contact": "x" * 200}
    request = request_from_values(values, sample_pricebook)
    assert (request.customer, request.contact) == ("Contoso GmbH", "x" * 200)


# --- the quote's account, billing address, sales person, notes and terms ------------------------------------------------

PARTY_OPTIONS = ("--account", "--billing-address", "--sales-person", "--notes", "--terms")


def test_account_address_sales_person_notes_and_terms_reach_the_request(sample_pricebook: PriceBook) -> None:
    values = typed(
        interactions="95,000",
        account="  SITE-0042 ",
        billing_address="Contoso Ltd\r\nAccounts payable  \n\n1 Harbour Street\n",
        sales_person="Sam Seller",
        notes="Held until 31 December.\nCall Sam.",
        terms="Net 30.",
    )
    request = request_from_values(values, sample_pricebook)
    assert (request.account, request.sales_person, request.notes, request.terms) == ("SITE-0042", "Sam Seller", values["notes"], "Net 30.")
    assert request.billing_address == "Contoso Ltd\nAccounts payable\n\n1 Harbour Street"  # Windows line ends, trailing blanks gone
    assert request_from_dict(request_to_dict(request)) == request
    assert values_from_request(request)["billing_address"] == request.billing_address


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("account", "SITE\x1b42", "account: has the control character U+001B at character 5"),
        ("sales_person", "Sam\x07", "sales_person: has the control character U+0007 at character 4"),
        ("notes", "ok\x00", "notes: has the control character U+0000 at character 3"),
        ("notes", "x" * 2001, "notes: is 2,001 characters long; the longest a quote can show is 2,000"),
        ("terms", "y " * 1001, "terms: is 2,001 characters long; the longest a quote can show is 2,000"),
        ("account", "7" * 101, "account: is 101 characters long; the longest a quote can show is 100"),
        ("billing_address", "line\ufffftwo", "billing_address: has the character U+FFFF at character 5"),
    ],
)
def test_text_too_long_or_with_control_characters_is_refused_naming_the_input(
    sample_pricebook: PriceBook, key: str, text: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        request_from_values(typed(interactions="95,000", **{key: text}), sample_pricebook)
    assert str(caught.value).startswith(message), str(caught.value)


def test_notes_of_the_full_length_with_line_breaks_and_any_script_are_kept(sample_pricebook: PriceBook) -> None:
    notes = ("Preise gültig bis Jahresende — 北京 «ООО» 'quoted'; DROP TABLE quotes;\n" * 40)[:2000]
    request = request_from_values(typed(interactions="95,000", notes=notes), sample_pricebook)
    assert request.notes == notes.strip()


def test_a_stored_request_with_text_that_could_not_be_typed_is_refused() -> None:
    stored = {**request_to_dict(QuoteRequest((95_000,))), "notes": "x" * 2001}
    with pytest.raises(InputError, match="2,001 characters"):
        request_from_dict(stored)


def test_the_new_text_inputs_are_command_line_options_and_multi_line_ones_read_backslash_n(sample_pricebook: PriceBook) -> None:
    parser = argparse.ArgumentParser()
    add_quote_options(parser)
    assert all(option in parser.format_help() for option in PARTY_OPTIONS)
    options = parser.parse_args(
        ["--interactions", "95000", "--account", "ACME-7", "--billing-address", r"1 Main St\nSpringfield", "--sales-person", "Sam",
         "--notes", "First line\nSecond line", "--terms", r"Net 30\nNo returns", "--customer", r"C:\new"]
    )  # fmt: skip
    request = request_from_values(values_from_options(options), sample_pricebook)
    assert (request.account, request.billing_address, request.sales_person) == ("ACME-7", "1 Main St\nSpringfield", "Sam")
    assert (request.notes, request.terms, request.customer) == ("First line\nSecond line", "Net 30\nNo returns", r"C:\new")


def test_multi_line_inputs_are_marked_so_the_window_gives_them_room() -> None:
    assert {entry.key for entry in INPUTS if entry.multiline} == {"billing_address", "notes", "terms"}
    assert BY_KEY["notes"].max_length == BY_KEY["terms"].max_length == 2000
