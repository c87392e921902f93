"""The one table of quote inputs: each declared once, and what the front ends need derived from it.

Each input says what it is (its kind, label, unit, help sentence and range) and where it goes: the form's key, the
command-line option, the JSON key (the QuoteRequest field), the workbook's defined name. The window's values, the
undo steps' texts, the command-line options, the JSON reader and writer all follow from this table.

Adding an input takes three edits: its row here, its QuoteRequest field (and the engine's rule), and its place in the
window's form.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TYPE_CHECKING, Any

from cpiquote import pricing
from cpiquote.formatting import document_text
from cpiquote.pricing.errors import InputError
from cpiquote.pricing.limits import MAX_FIGURE, MAX_RAMP_YEARS, MAX_SERVICES_HOURS, RAMP_TOO_LONG, check_ramp_years
from cpiquote.quote.numbers import (
    decimal_text,
    parse_decimal,
    parse_percent,
    parse_whole,
    split_per_year,
    whole_text,
)

if TYPE_CHECKING:
    import argparse

    from cpiquote.pricing import InteractionEstimate, PriceBook, QuoteRequest

Value = str | bool
MAX_NOTES = 2000  # characters of notes, and of terms: a page of the PDF at most
Values = dict[str, Value]
Number = int | Decimal


class Kind(Enum):
    """What an input holds, which says how it is typed, read and written."""

    TEXT = "text"
    WHOLE = "whole number"
    DECIMAL = "number"
    PERCENT = "percentage"
    FLAG = "on or off"


class Group(Enum):
    """Where an input belongs: the form's groups, and the command line's option groups."""

    CUSTOMER = "Customer"
    VOLUME = "Volume"
    CONTRACT = "Contract"
    FEATURES = "Features"
    EXTRAS = "Support, services and messaging"
    NOTES = "Notes and terms"


class MissingInput(InputError):
    """A required input is still empty: nothing is wrong yet, the quote is just not complete."""


@dataclass(frozen=True)
class QuoteInput:
    """One quote input, declared once. `high` None: the price book sets the largest value (contract years)."""

    key: str  # the form's and the quote file's key
    kind: Kind
    label: str  # as people read it, the same everywhere
    help: str  # one sentence: the command line's --help and the window's tooltip
    group: Group
    unit: str = ""
    option: str | None = None  # command-line option
    request_key: str | None = None  # QuoteRequest (or InteractionEstimate) field, and its JSON key
    workbook_name: str | None = None  # the workbook's defined name for its input cell
    low: int = 0
    high: Number | None = MAX_FIGURE
    per_year: bool = False  # one figure for every year, or one per contract year
    year_may_be_empty: bool = False  # a per-year figure left empty means "as the forecast requires"
    estimator: bool = False  # an input of the interaction estimate
    share: bool = False  # a percentage the request holds as a share of 1 (5 -> 0.05)
    year: int | None = None  # the contract year of a ramp's input ...
    of: str | None = None  # ... and the per-year input it gives that year's figure of
    default: Value = ""
    max_length: int | None = None  # text: the most characters it holds (see `checked_text`)
    multiline: bool = False  # text: may hold line breaks (an address, notes)

    @property
    def is_flag(self) -> bool:
        """True for an on/off input."""
        return self.kind is Kind.FLAG


# The longest customer and contact a quote shows: a company's full legal name, a contact's name with e-mail and phone
# fit many times over; past it the text is refused in the window, on the command line and in a quote file alike.
MAX_TEXT_LENGTH = 200


def _text(key: str, label: str, help: str, option: str) -> QuoteInput:
    return QuoteInput(key, Kind.TEXT, label, help, Group.CUSTOMER, option=option, request_key=key, high=None, max_length=MAX_TEXT_LENGTH)


def _party(key: str, label: str, help: str, max_length: int, group: Group = Group.CUSTOMER, multiline: bool = False) -> QuoteInput:
    """A text input printed on the quote (account, billing address, sales person, notes, terms), limited in length."""
    option = "--" + key.replace("_", "-")
    return QuoteInput(
        key, Kind.TEXT, label, help, group, option=option, request_key=key, high=None, max_length=max_length, multiline=multiline
    )


def _flag(key: str, label: str, help: str, group: Group, **more: Any) -> QuoteInput:
    return QuoteInput(key, Kind.FLAG, label, help, group, high=None, default=False, **more)


def _estimator(key: str, kind: Kind, label: str, help: str, **more: Any) -> QuoteInput:
    option = "--" + key.replace("_", "-")
    return QuoteInput(key, kind, label, f"estimator: {help}", Group.VOLUME, option=option, request_key=key, estimator=True, **more)


def _ramp_years() -> tuple[QuoteInput, ...]:
    rows = []
    for year in range(1, MAX_RAMP_YEARS + 1):
        interactions = f"interactions forecast for contract year {year}"
        credits = f"credits ordered for contract year {year}; empty: as its forecast requires"
        rows.append(
            QuoteInput(f"ramp_{year}", Kind.WHOLE, f"Interactions in year {year}", interactions, Group.VOLUME, year=year, of="interactions")
        )
        rows.append(
            QuoteInput(
                f"ramp_credits_{year}", Kind.WHOLE, f"Credits ordered in year {year}", credits, Group.VOLUME, year=year, of="credits"
            )
        )
    return tuple(rows)


INPUTS: tuple[QuoteInput, ...] = (
    _text("customer", "Customer", "the customer's company name, as the quote addresses it", "--customer"),
    _text("contact", "Contact", "the customer's contact: name, e-mail or phone", "--contact"),
    _party("account", "Account or Site ID", "the customer's account number or Site ID", 100),
    _party("billing_address", "Billing address", "where invoices go; lines separated by line breaks (or \\n)", 500, multiline=True),
    _party("sales_person", "Sales person", "who the customer deals with (default: your user name, or $CPIQUOTE_AUTHOR)", 200),
    QuoteInput(
        "interactions",
        Kind.WHOLE,
        "Interactions per year",
        "the customer's forecast: one figure for every year, or one per contract year (800000,1000000,1200000)",
        Group.VOLUME,
        option="--interactions",
        request_key="interactions_per_year",
        workbook_name="Interactions",
        per_year=True,
    ),
    QuoteInput(
        "credits",
        Kind.WHOLE,
        "Credits ordered per year",
        "credits the customer buys: one figure for every year, or one per contract year (a year left empty, or no "
        "figure at all, is sold as its forecast requires)",
        Group.VOLUME,
        option="--credits",
        request_key="ordered_credits_per_year",
        workbook_name="OrderedCredits",
        per_year=True,
        year_may_be_empty=True,
    ),
    _flag(
        "estimate",
        "Estimate from conversations",
        "work out the interactions from conversations, overnight runs and proactive campaigns",
        Group.VOLUME,
        request_key="estimate",
    ),
    _estimator("conversations", Kind.WHOLE, "Conversations per year", "conversations a year"),
    _estimator(
        "multi_day_share",
        Kind.PERCENT,
        "Running past midnight",
        "share of conversations running past midnight, in percent (5 or 5%)",
        unit="%",
        high=100,
        share=True,
    ),
    _estimator(
        "extra_days", Kind.DECIMAL, "Extra days", "average extra calendar days those conversations run", unit="days", high=Decimal(366)
    ),
    _estimator("proactive", Kind.WHOLE, "Proactive messages per year", "proactive outbound messages a year"),
    _estimator(
        "reply_rate",
        Kind.PERCENT,
        "Reply rate",
        "share of proactive messages that get a reply, in percent (25 or 25%)",
        unit="%",
        high=100,
        share=True,
    ),
    _flag("ramp", "Different volume each year", "give each contract year its own interactions and credits ordered", Group.VOLUME),
    *_ramp_years(),
    QuoteInput(
        "years",
        Kind.WHOLE,
        "Contract years",
        "contract length in years; longer terms earn a discount",
        Group.CONTRACT,
        unit="years",
        option="--years",
        request_key="years",
        workbook_name="Years",
        low=1,
        high=None,
        default="1",
    ),
    QuoteInput(
        "discount",
        Kind.PERCENT,
        "Discount",
        "discretionary discount in percent (5 or 5%); above the price book's approval level the quote needs approval",
        Group.CONTRACT,
        unit="%",
        option="--discount",
        request_key="discount_percent",
        workbook_name="DiscountPercent",
        high=100,
    ),
    _flag(
        "genai",
        "Generative AI",
        "Generative AI features on",
        Group.FEATURES,
        option="--genai",
        request_key="generative_ai",
        workbook_name="GenerativeAI",
    ),
    _flag(
        "intent_manager",
        "Intent Manager",
        "Intent Manager on",
        Group.FEATURES,
        option="--intent-manager",
        request_key="intent_manager",
        workbook_name="IntentManager",
    ),
    _flag(
        "performance_optimizer",
        "Performance Optimizer",
        "Performance Optimizer on",
        Group.FEATURES,
        option="--performance-optimizer",
        request_key="performance_optimizer",
        workbook_name="PerformanceOptimizer",
    ),
    _flag(
        "care_package",
        "Care Package",
        "add the Care Package (Tier 4 support), charged every contract year",
        Group.EXTRAS,
        option="--care-package",
        request_key="care_package",
        workbook_name="CarePackage",
    ),
    QuoteInput(
        "services_hours",
        Kind.DECIMAL,
        "Services hours",
        "professional-services hours, charged once on the first invoice",
        Group.EXTRAS,
        unit="hours",
        option="--services-hours",
        request_key="services_hours",
        workbook_name="ServicesHours",
        high=MAX_SERVICES_HOURS,
    ),
    QuoteInput(
        "sms_per_month",
        Kind.WHOLE,
        "SMS per month",
        "SMS sent through the partner gateway a month: invoiced monthly, apart from the contract value",
        Group.EXTRAS,
        option="--sms-per-month",
        request_key="sms_per_month",
        workbook_name="SmsPerMonth",
    ),
    QuoteInput(
        "whatsapp_mtm_per_month",
        Kind.WHOLE,
        "WhatsApp MTMs per month",
        "WhatsApp template messages (MTMs) a month: invoiced monthly, apart from the contract value",
        Group.EXTRAS,
        option="--whatsapp-mtm-per-month",
        request_key="whatsapp_mtm_per_month",
        workbook_name="WhatsAppPerMonth",
    ),
    _party("notes", "Notes", "free-text notes printed on the quote", MAX_NOTES, Group.NOTES, multiline=True),
    _party("terms", "Terms", "terms of this quote, printed above the signatures", MAX_NOTES, Group.NOTES, multiline=True),
)

BY_KEY = {entry.key: entry for entry in INPUTS}
KEYS = tuple(BY_KEY)
FLAG_KEYS = tuple(entry.key for entry in INPUTS if entry.is_flag)
TEXT_KEYS = tuple(entry.key for entry in INPUTS if not entry.is_flag)
ESTIMATOR = tuple(entry for entry in INPUTS if entry.estimator)
# Inputs that become one QuoteRequest field as they are (the volumes, the estimate and the years are worked out).
PLAIN = tuple(
    entry for entry in INPUTS if entry.request_key and not (entry.per_year or entry.estimator or entry.key in ("estimate", "years"))
)
REQUEST_INPUTS = tuple(entry for entry in INPUTS if entry.request_key and not entry.estimator)


def label(key: str) -> str:
    """What people call an input ("Interactions per year"); an engine field without a row is named from its key."""
    entry = BY_KEY.get(key)
    return entry.label if entry is not None else key.replace("_", " ").capitalize()


def in_sentence(text: str) -> str:
    """A label inside a sentence: "interactions per year", but "SMS per month" and "WhatsApp MTMs" keep their capitals."""
    first = text.split(" ", 1)[0]
    return text if any(letter.isupper() for letter in first[1:]) else text[:1].lower() + text[1:]


def undo_text(key: str, new_value: Value) -> str:
    """The undo menu's words for a change: "change to interactions per year", "Care Package on"."""
    if isinstance(new_value, bool):
        return f"{label(key)} {'on' if new_value else 'off'}"
    return f"change to {in_sentence(label(key))}"


def option_for(field: str) -> str:
    """The command-line option an input error is about: a ramp year's is its list's ("--interactions")."""
    entry = BY_KEY.get(field)
    if entry is not None and entry.of is not None:
        entry = BY_KEY[entry.of]
    if entry is not None and entry.option is not None:
        return entry.option
    return "--" + field.replace("_", "-")


def default_values() -> Values:
    """An empty quote: one contract year, nothing typed, nothing switched on."""
    return {entry.key: entry.default for entry in INPUTS}


# --- values as typed -> a QuoteRequest -------------------------------------------------------------


def _value(values: Mapping[str, Value], key: str) -> Value:
    return values.get(key, BY_KEY[key].default)


def _figure(entry: QuoteInput, text: str, pricebook: PriceBook | None = None) -> Number | None:
    """The number typed for `entry`, checked against its range; None when it is empty."""
    try:
        if entry.kind is Kind.PERCENT:
            percent = parse_percent(entry.key, text)
            return percent / 100 if percent is not None and entry.share else percent
        if entry.kind is Kind.DECIMAL:
            assert entry.high is not None
            return parse_decimal(entry.key, text, Decimal(entry.high), entry.unit)
        if entry.high is None:  # the contract years: as long as the price book allows
            assert pricebook is not None
            return parse_whole(entry.key, text, entry.low, pricebook.max_years, " (the price book's longest contract)")
        return parse_whole(entry.key, text, entry.low, int(entry.high))
    except InputError as error:
        if entry.year is None:
            raise
        raise InputError(error.field, error.reason, entry.year) from None  # "year 3 must be ..." on the command line


def checked_text(entry: QuoteInput, text: str) -> str:
    """A text input as the quote keeps it (see `formatting.document_text`): trimmed, its line breaks "\n" where it may
    have several lines; raises InputError naming the input when it is too long or holds what no document prints."""
    return document_text(entry.key, text, entry.max_length or MAX_TEXT_LENGTH, entry.multiline)


def _plain_value(entry: QuoteInput, value: Value) -> object:
    if entry.kind is Kind.TEXT:
        return checked_text(entry, str(value))
    if entry.is_flag:
        return bool(value)
    number = _figure(entry, str(value))
    return number if number is not None else (0 if entry.kind is Kind.WHOLE else Decimal(0))


def _contract_years(values: Mapping[str, Value], pricebook: PriceBook) -> int:
    years = _figure(BY_KEY["years"], str(_value(values, "years")), pricebook)
    if years is None:
        raise MissingInput("years", "enter the contract years")
    return int(years)


def estimate_from_values(values: Mapping[str, Value]) -> InteractionEstimate | None:
    """The estimator's inputs while "Estimate from conversations" is on (a ramp gives its own volumes instead)."""
    if not _value(values, "estimate") or _value(values, "ramp"):
        return None
    if not str(_value(values, "conversations")).strip():
        raise MissingInput("conversations", "enter the conversations per year")
    figures = {entry.request_key: _plain_value(entry, _value(values, entry.key)) for entry in ESTIMATOR}
    return pricing.InteractionEstimate(**figures)  # type: ignore[arg-type]


def _optional_whole(values: Mapping[str, Value], key: str) -> int | None:
    figure = _figure(BY_KEY[key], str(_value(values, key)))
    return None if figure is None else int(figure)


def _ramp(values: Mapping[str, Value], years: int) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
    """Each year's interactions and credits ordered, while "Different volume each year" is on."""
    check_ramp_years(years)  # the engine's limit, checked before the years' fields are read
    interactions = [_optional_whole(values, f"ramp_{year}") for year in range(1, years + 1)]
    credits = tuple(_optional_whole(values, f"ramp_credits_{year}") for year in range(1, years + 1))
    forecast = any(figure is not None for figure in interactions)
    for year in range(1, years + 1):
        if forecast and interactions[year - 1] is None:
            raise MissingInput(f"ramp_{year}", f"enter the interactions in year {year}")
        if not forecast and credits[year - 1] is None:
            raise MissingInput(f"ramp_{year}", f"enter the interactions or the credits ordered in year {year}")
    chosen = credits if any(figure is not None for figure in credits) else ()
    return tuple(n for n in interactions if n is not None), chosen


def _volumes(
    values: Mapping[str, Value], years: int, estimate: InteractionEstimate | None
) -> tuple[tuple[int, ...], tuple[int | None, ...]]:
    """Interactions and credits ordered: one figure for every year, or one per year while the ramp is on."""
    if _value(values, "ramp"):
        return _ramp(values, years)
    credits = _optional_whole(values, "credits")
    interactions = estimate.interactions if estimate is not None else _optional_whole(values, "interactions")
    if interactions is None and credits is None:
        raise MissingInput("interactions", "enter the interactions per year or the credits ordered per year")
    return (() if interactions is None else (interactions,)), (() if credits is None else (credits,))


def request_from_values(values: Mapping[str, Value], pricebook: PriceBook) -> QuoteRequest:
    """The QuoteRequest that values as typed describe; raises InputError naming the input that cannot be used.

    An empty required input raises MissingInput: the quote is not complete yet. Contract years are checked against
    the price book first, so that a ramp's years are never read past the longest contract.
    """
    years = _contract_years(values, pricebook)
    estimate = estimate_from_values(values)
    interactions, credits = _volumes(values, years, estimate)
    plain = {entry.request_key: _plain_value(entry, _value(values, entry.key)) for entry in PLAIN}
    return pricing.QuoteRequest(
        interactions_per_year=interactions,
        ordered_credits_per_year=credits,
        years=years,
        estimate=estimate,
        **plain,  # type: ignore[arg-type]
    )


# --- a QuoteRequest -> values as the window shows them -----------------------------------------------


def _value_text(entry: QuoteInput, value: object) -> Value:
    if entry.is_flag:
        return bool(value)
    if value is None:
        return ""
    if entry.kind is Kind.TEXT:
        return str(value)
    if entry.kind is Kind.WHOLE:
        assert isinstance(value, int)
        return whole_text(value)
    assert isinstance(value, Decimal)
    return decimal_text(value * 100 if entry.share else value)


def values_from_request(request: QuoteRequest) -> Values:
    """The values, in canonical text ("1,200,000"), that give back `request`: a quote document built from a request.

    A ramp whose credits are one figure for every year comes back with that figure in every year.
    """
    values = default_values()
    values.update({entry.key: _value_text(entry, getattr(request, str(entry.request_key))) for entry in PLAIN})
    values["years"] = whole_text(request.years)
    if request.estimate is not None:
        values["estimate"] = True
        values.update({entry.key: _value_text(entry, getattr(request.estimate, str(entry.request_key))) for entry in ESTIMATOR})
    if request.is_ramp:
        if request.years > MAX_RAMP_YEARS:
            raise InputError("years", RAMP_TOO_LONG)
        values["ramp"] = True
        for year in range(1, request.years + 1):
            values[f"ramp_{year}"] = _value_text(BY_KEY[f"ramp_{year}"], request.interactions_in_year(year))
            values[f"ramp_credits_{year}"] = _value_text(BY_KEY[f"ramp_credits_{year}"], request.ordered_credits_in_year(year))
    else:
        if request.estimate is None:
            values["interactions"] = _value_text(BY_KEY["interactions"], request.interactions_in_year(1))
        values["credits"] = _value_text(BY_KEY["credits"], request.ordered_credits_in_year(1))
    return values


# --- JSON: the request as plain data ----------------------------------------------------------------


def _json_value(entry: QuoteInput, value: Any) -> Any:
    if entry.per_year:
        return list(value) or None
    if entry.kind in (Kind.DECIMAL, Kind.PERCENT):
        return str(value)
    return value


def request_to_dict(request: QuoteRequest) -> dict[str, Any]:
    """A request as JSON-ready data: numbers with decimals as strings, a volume not given as null.

    `request_from_dict` gives back an equal request.
    """
    data: dict[str, Any] = {}
    for entry in REQUEST_INPUTS:
        key = str(entry.request_key)
        if entry.key == "estimate":
            estimate = request.estimate
            data[key] = (
                None if estimate is None else {e.request_key: _json_value(e, getattr(estimate, str(e.request_key))) for e in ESTIMATOR}
            )
        else:
            data[key] = _json_value(entry, getattr(request, key))
    return data


def with_newer_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """A stored request with every key added since it was stored, at its default: a revision saved before the notes
    existed reads as one without notes, in today's JSON schema."""
    return {**request_to_dict(pricing.QuoteRequest()), **data}


def _whole_from_json(field: str, raw: Any, may_be_null: bool = False) -> int | None:
    if raw is None and may_be_null:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InputError(field, "must be a whole number" + (" or null" if may_be_null else ""))
    return raw


def _from_json(entry: QuoteInput, field: str, raw: Any) -> Any:
    """The request value stored as `raw`, its type checked: the file may have been written by anything."""
    if entry.per_year:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise InputError(field, "must be a list of yearly figures, or null")
        return tuple(_whole_from_json(f"{field}[{index}]", n, entry.year_may_be_empty) for index, n in enumerate(raw))
    if entry.kind is Kind.WHOLE:
        return _whole_from_json(field, raw)
    if entry.is_flag and not isinstance(raw, bool):
        raise InputError(field, "must be true or false")
    if entry.kind is Kind.TEXT:
        if not isinstance(raw, str):
            raise InputError(field, "must be text")
        return checked_text(entry, raw)
    if entry.kind in (Kind.DECIMAL, Kind.PERCENT):
        return _decimal_from_json(field, raw)
    return raw


def _decimal_from_json(field: str, raw: Any) -> Decimal:
    reason = 'must be a number written as text, such as "12.5"'
    if not isinstance(raw, str):
        raise InputError(field, reason)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise InputError(field, reason) from None
    if not value.is_finite():
        raise InputError(field, reason)
    return value


def _fields_from_json(data: Any, entries: tuple[QuoteInput, ...], prefix: str, kind: type) -> dict[str, Any]:
    """The fields of `kind` (QuoteRequest or InteractionEstimate) stored in `data`; a missing one takes its default."""
    if not isinstance(data, Mapping):
        raise InputError(prefix.rstrip(".") or "request", "must be an object")
    known = {str(entry.request_key): entry for entry in entries}
    for key in data:
        if key not in known:
            raise InputError(f"{prefix}{key}", f"unknown key; the known keys are {', '.join(known)}")
    for field in dataclasses.fields(kind):
        if field.name in known and field.name not in data and field.default is dataclasses.MISSING:
            raise InputError(f"{prefix}{field.name}", "missing; this key is required")
    return {key: _from_json(known[key], f"{prefix}{key}", raw) for key, raw in data.items() if key != "estimate"}


def _estimate_from_json(raw: Any) -> InteractionEstimate | None:
    if raw is None:
        return None
    figures = _fields_from_json(raw, ESTIMATOR, "estimate.", pricing.InteractionEstimate)
    try:
        return pricing.InteractionEstimate(**figures)
    except InputError as error:
        raise InputError(f"estimate.{error.field}", error.reason) from None


def request_from_dict(data: Mapping[str, Any]) -> QuoteRequest:
    """The request `request_to_dict` stored, exactly; raises InputError naming the key when `data` is not one."""
    fields = _fields_from_json(data, REQUEST_INPUTS, "", pricing.QuoteRequest)
    estimate = _estimate_from_json(data.get("estimate"))
    return pricing.QuoteRequest(estimate=estimate, **fields)


# --- the command line -------------------------------------------------------------------------------


def _metavar(entry: QuoteInput) -> str:
    if entry.per_year:
        return "N[,N...]"
    if entry.kind is Kind.WHOLE:
        return "N"
    if entry.kind is Kind.PERCENT:
        return "PCT"
    return entry.unit.upper() or ("TEXT" if entry.kind is Kind.TEXT else "NUMBER")


def _help(entry: QuoteInput) -> str:
    return entry.help.replace("%", "%%")  # argparse formats help with %


def add_quote_options(parser: argparse.ArgumentParser) -> None:
    """The quote inputs as command-line options, in groups, each stored under its key as typed (None when left out)."""
    groups: dict[Group, Any] = {}
    for entry in INPUTS:
        if entry.option is None:
            continue
        group = groups.get(entry.group) or groups.setdefault(entry.group, parser.add_argument_group(entry.group.value.lower()))
        if entry.is_flag:
            group.add_argument(entry.option, dest=entry.key, action="store_true", help=_help(entry))
        else:
            group.add_argument(entry.option, dest=entry.key, metavar=_metavar(entry), help=_help(entry))


def _yearly_figures(options: argparse.Namespace) -> dict[str, tuple[str, ...]]:
    """The per-year options given, each split into its figures."""
    return {
        entry.key: split_per_year(entry.key, given)
        for entry in INPUTS
        if entry.per_year and (given := getattr(options, entry.key, None)) is not None
    }


def _check_yearly_count(key: str, count: int, years_text: Value) -> None:
    if count > MAX_RAMP_YEARS:
        raise InputError(key, f"gives {count} yearly figures; {RAMP_TOO_LONG}")
    try:
        years = parse_whole("years", str(years_text), 1)
    except InputError:
        return  # the contract years are named when the request is built
    if years is not None and count != years:
        raise InputError(key, f"gives {count} yearly figures for a {years}-year contract; give one figure, or exactly {years}")


def _spread(values: Values, yearly: dict[str, tuple[str, ...]]) -> None:
    """Put the per-year figures in the window's places: the one-figure fields, or the ramp's years."""
    count = max((len(figures) for figures in yearly.values()), default=1)
    if count == 1:
        values.update({key: figures[0] for key, figures in yearly.items()})
        return
    for key, figures in yearly.items():
        if len(figures) > 1:
            _check_yearly_count(key, len(figures), values["years"])
    if values["estimate"]:
        raise InputError("credits", "give one figure for every year with the estimator's inputs, or the interactions of each year instead")
    values["ramp"] = True
    for key, figures in yearly.items():
        prefix = "ramp_" if key == "interactions" else "ramp_credits_"
        for year in range(1, count + 1):
            values[f"{prefix}{year}"] = figures[0] if len(figures) == 1 else figures[year - 1]


def values_from_options(options: argparse.Namespace) -> Values:
    """The values that command-line options (from `add_quote_options`) give, as the window would hold them."""
    values = default_values()
    for entry in INPUTS:
        given = getattr(options, entry.key, None)
        if entry.option is not None and not entry.per_year and given not in (None, False):
            values[entry.key] = given.replace("\\n", "\n") if entry.multiline else given  # a shell line is one line
    values["estimate"] = any(getattr(options, entry.key, None) is not None for entry in ESTIMATOR)
    _spread(values, _yearly_figures(options))
    return values
