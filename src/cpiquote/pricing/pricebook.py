"""The price book: the sales-operations file every figure is priced from, read and checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from cpiquote.pricing.currencies import ISO_4217_CODES
from cpiquote.pricing.errors import PriceBookError
from cpiquote.pricing.files import UnreadableFile, read_small_file
from cpiquote.pricing.limits import (
    MAX_BANDS,
    MAX_FIGURE,
    MAX_KEY_SHOWN,
    MAX_PLACES,
    PRICEBOOK_NUMBERS,
    TEXT_LENGTHS,
    NumberLimit,
    text_problem,
)


class TierMode(StrEnum):
    """How a year's credits are priced across the bands (pricing rule 5)."""

    VOLUME = "volume"  # every credit at the band that holds the year's last credit
    GRADUATED = "graduated"  # each credit at the band that holds it


MAX_FILE_BYTES = 1_000_000  # a price book is a few kilobytes of text: anything larger is the wrong file
UNUSED_CREDIT_RULES = ("prorated", "forfeit")


@dataclass(frozen=True)
class Band:
    """A price band: credits numbered `from_credit` and up (to the next band) cost `price` each."""

    from_credit: int
    price: Decimal


@dataclass(frozen=True)
class CreditRates:
    """Credits one interaction consumes, by feature."""

    base: Decimal
    generative_ai: Decimal
    intent_manager: Decimal
    performance_optimizer: Decimal


@dataclass(frozen=True)
class PriceBook:
    """Every number a quote is priced with, plus where it came from (file name and SHA-256)."""

    name: str
    version: str
    currency: str
    effective_from: dt.date
    quote_validity_days: int
    credits: CreditRates
    minimum_annual_credits: int
    increment: int
    max_years: int
    tier_mode: TierMode
    bands: tuple[Band, ...]
    term_discount_percent: tuple[Decimal, ...]  # index 0 is a 1-year contract
    overage_multiplier: Decimal
    discount_approval_above_percent: Decimal
    discount_maximum_percent: Decimal
    care_percent_of_subscription: Decimal
    care_minimum_annual_fee: Decimal
    services_hourly_rate: Decimal
    handling_fee_percent: Decimal
    sms_rate: Decimal
    whatsapp_mtm_rate: Decimal
    top_up_minimum_credits: int
    top_up_increment: int
    early_renewal_unused_credit: str
    source: str
    sha256: str
    illustrative: bool = False  # [pricebook] illustrative = true: sample prices, not a price list; documents say so

    def term_discount_for(self, years: int) -> Decimal:
        """The term discount percent of a contract of `years` years."""
        return self.term_discount_percent[years - 1]

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of the SHA-256, enough to tell price books apart on paper."""
        return self.sha256[:12]


# --- reading -------------------------------------------------------------------------------

Check = Callable[[Any], "tuple[Any, str | None]"]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


class _Unreadable:
    """A number written with an exponent too large for any Decimal (1e99999999999999999999): refused with its key."""


def _read_float(literal: str) -> Decimal | _Unreadable:
    """A TOML float as an exact Decimal; one no Decimal can hold is kept as a marker so its key can be named."""
    try:
        return Decimal(literal)
    except InvalidOperation:
        return _Unreadable()


# The checks below are made into a key's check with functools.partial rather than closures: the schema is built at
# import, and a check that is a plain function is the one that runs (and the one a mutation test changes).


def _text(key: str) -> Check:
    """Text shown in documents and on the terminal: checked by the one text check, limits.text_problem."""
    return partial(_check_text, TEXT_LENGTHS[key])


def _check_text(max_length: int, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, "must be a non-empty text in quotes"
    reason = text_problem(value, max_length)  # before stripping, which would drop a trailing U+0085
    return (None, reason) if reason else (value.strip(), None)


def _currency(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str) or value not in ISO_4217_CODES:
        shown = repr(value) if isinstance(value, str) and value.isprintable() and len(value) <= 10 else "the value"
        return None, f'{shown} is not an ISO 4217 currency code such as "USD" or "EUR"'
    return value, None


def _date(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value, None
    return None, "must be a date such as 2026-01-01 (no quotes, no time)"


def _whole(kind: str) -> Check:
    """A whole number within the limits of `kind` (limits.PRICEBOOK_NUMBERS)."""
    return partial(_check_whole, PRICEBOOK_NUMBERS[kind])


def _check_whole(limit: NumberLimit, value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, int) or isinstance(value, bool):
        return None, "must be a whole number"
    return (None, reason) if (reason := _range_problem(Decimal(value), limit)) else (value, None)


def _number(kind: str) -> Check:
    """A number within the range and decimal places of `kind` (limits.PRICEBOOK_NUMBERS), as an exact Decimal."""
    return partial(_check_number, PRICEBOOK_NUMBERS[kind])


def _check_number(limit: NumberLimit, value: Any) -> tuple[Any, str | None]:
    if isinstance(value, _Unreadable):
        return None, f"is far outside the range of a price book; {_range_text(limit)}"
    if not _is_number(value):
        return None, "must be a number"
    number = Decimal(value)
    if not number.is_finite():
        return None, "must be a finite number"
    if reason := _range_problem(number, limit):
        return None, reason
    if _decimal_places(number) > limit.places:
        return None, f"must have at most {limit.places} decimal places{PLACES_WHY.get(limit.places, '')}"
    return number, None


def _range_problem(number: Decimal, limit: NumberLimit) -> str | None:
    """Why `number` is outside `limit`'s range (never quoting the number: it may have thousands of digits), or None."""
    if (number <= limit.low) if limit.above_low else (number < limit.low):
        return f"must be {'greater than' if limit.above_low else 'at least'} {limit.low}"
    if number > limit.high:
        return f"must be at most {int(limit.high):_}"
    return None


def _range_text(limit: NumberLimit) -> str:
    if limit.above_low:
        return f"it must be greater than {limit.low} and at most {int(limit.high):_}"
    return f"it must be from {limit.low} to {int(limit.high):_}"


def _decimal_places(number: Decimal) -> int:
    """The decimals `number` is written with, trailing zeros aside (0.95000 has two), counted exactly at any size."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # only finite numbers are counted
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(-(exponent + trailing_zeros), 0)


def _boolean(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, bool):
        return None, "must be true or false (no quotes)"
    return value, None


def _choice(*options: str) -> Check:
    return partial(_check_choice, options)


def _check_choice(options: tuple[str, ...], value: Any) -> tuple[Any, str | None]:
    if value not in options:
        return None, "must be one of " + ", ".join(f'"{o}"' for o in options)
    return value, None


PLACES_WHY = {2: " (an amount invoiced as it is, in cents)"}

# Each number's range and decimal places are in limits.PRICEBOOK_NUMBERS. Prices and rates carry as many decimals as
# the price list has (finance lists carry 5 or 6): the engine rounds what it works out from them (rule 4: the net
# price per credit to 4; services: hours x rate to cents). A fee invoiced as it is (the Care Package minimum) is an
# amount of money, so it is in cents.
CREDIT_RATE = _number("credit rate")
PRICE = _number("price")
PER_MESSAGE = _number("price per message")
PERCENT = _number("percent")
CREDITS = _whole("credits")  # credits a year, the engine's largest figure
MAX_YEARS = int(PRICEBOOK_NUMBERS["contract years"].high)

_SCHEMA: dict[str, dict[str, Check]] = {
    "pricebook": {
        "name": _text("pricebook.name"),
        "version": _text("pricebook.version"),
        "currency": _currency,
        "effective_from": _date,
        "quote_validity_days": _whole("validity days"),
    },
    "credits": {
        "base": CREDIT_RATE,
        "generative_ai": CREDIT_RATE,
        "intent_manager": _number("added credit rate"),
        "performance_optimizer": _number("added credit rate"),
    },
    "order": {"minimum_annual_credits": CREDITS, "increment": CREDITS, "max_years": _whole("contract years")},
    "tiers": {"mode": _choice(*TierMode)},  # bands are checked on their own
    # overage is a higher price per credit than the subscription's: a multiplier of at least 1
    "overage": {"multiplier": _number("overage multiplier")},
    "discount": {"approval_above_percent": PERCENT, "maximum_percent": PERCENT},
    "care_package": {"percent_of_subscription": PERCENT, "minimum_annual_fee": _number("amount")},
    "professional_services": {"hourly_rate": _number("hourly rate")},
    "pass_through": {"handling_fee_percent": PERCENT, "sms_rate": PER_MESSAGE, "whatsapp_mtm_rate": PER_MESSAGE},
    "top_up": {"minimum_credits": CREDITS, "increment": CREDITS},
    "early_renewal": {"unused_credit": _choice(*UNUSED_CREDIT_RULES)},
}
_TABLES = (*_SCHEMA, "term_discount_percent")
# Keys a price book may leave out, with the value it then has.
_OPTIONAL: dict[str, dict[str, tuple[Check, Any]]] = {"pricebook": {"illustrative": (_boolean, False)}}


class _Reader:
    """Walks the parsed TOML, converting values and collecting every problem found."""

    def __init__(self, source: str, data: Mapping[str, Any]) -> None:
        self.source = source
        self.data = data
        self.problems: list[str] = []
        self.values: dict[str, Any] = {}

    def problem(self, path: str, reason: str) -> None:
        """One line naming the file and key; a key holding line breaks or other control characters shows them escaped.

        A key longer than MAX_KEY_SHOWN is cut short, so a hostile file cannot flood the terminal with one message.
        """
        cut = path if len(path) <= MAX_KEY_SHOWN else path[: MAX_KEY_SHOWN - 3] + "..."
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in cut)
        self.problems.append(f"{self.source}: {shown}: {reason}")

    def table(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name)
        if value is None:
            self.problem(name, f"missing; add a [{name}] table")
            return {}
        if not isinstance(value, dict):
            self.problem(name, "must be a table")
            return {}
        return value

    def read_tables(self) -> None:
        known = ", ".join(_TABLES)
        for key, value in self.data.items():
            if key in _TABLES:
                continue
            if isinstance(value, dict):
                self.problem(key, f"unknown table; check the spelling (known: {known})")
            else:
                self.problem(key, f"unknown key outside any table; put it under its table, such as [pricebook] (known: {known})")
        for name, checks in _SCHEMA.items():
            table = self.table(name)
            optional = _OPTIONAL.get(name, {})
            self.read_keys(name, table, checks, extra=("bands",) if name == "tiers" else tuple(optional))
            self.read_optional_keys(name, table, optional)

    def read_optional_keys(self, prefix: str, table: Mapping[str, Any], optional: Mapping[str, tuple[Check, Any]]) -> None:
        """Keys a price book may leave out: checked when present, else their default."""
        for key, (check, default) in optional.items():
            value, reason = check(table[key]) if key in table else (default, None)
            if reason:
                self.problem(f"{prefix}.{key}", reason)
            else:
                self.values[f"{prefix}.{key}"] = value

    def read_keys(self, prefix: str, table: Mapping[str, Any], checks: Mapping[str, Check], extra: tuple[str, ...] = ()) -> None:
        for key in table:
            if key not in checks and key not in extra:
                self.problem(f"{prefix}.{key}", "unknown key; check the spelling (known: " + ", ".join([*checks, *extra]) + ")")
        for key, check in checks.items():
            if key not in table:
                self.problem(f"{prefix}.{key}", "missing; this key is required")
                continue
            value, reason = check(table[key])
            if reason:
                self.problem(f"{prefix}.{key}", reason)
            else:
                self.values[f"{prefix}.{key}"] = value

    def read_bands(self) -> tuple[Band, ...]:
        bands_value = self.table("tiers").get("bands") if isinstance(self.data.get("tiers"), dict) else None
        if bands_value is None:
            if isinstance(self.data.get("tiers"), dict):
                self.problem("tiers.bands", "missing; list at least one band such as { from = 1, price = 0.95 }")
            return ()
        if not isinstance(bands_value, list) or not bands_value:
            self.problem("tiers.bands", "must be a list of at least one band such as { from = 1, price = 0.95 }")
            return ()
        if len(bands_value) > MAX_BANDS:
            self.problem("tiers.bands", f"has {len(bands_value):,} bands; a price book has at most {MAX_BANDS:,}")
            return ()
        bands: list[Band] = []
        previous_start: int | None = None  # of the last band whose start could be read, its price right or not
        for index, raw in enumerate(bands_value):
            band, start = self.read_band(index, raw, previous_start)
            previous_start = start if start is not None else previous_start
            if band is not None:
                bands.append(band)
        return tuple(bands)

    def read_band(self, index: int, raw: Any, previous_start: int | None) -> tuple[Band | None, int | None]:
        """Band `index` (None if any of it is wrong) and its start (None if that is wrong), every problem reported."""
        path = f"tiers.bands[{index}]"
        if not isinstance(raw, dict):
            self.problem(path, "must be a band such as { from = 1, price = 0.95 }")
            return None, None
        before = len(self.problems)
        self.read_keys(path, raw, {"from": CREDITS, "price": PRICE})
        start, price = self.values.pop(f"{path}.from", None), self.values.pop(f"{path}.price", None)
        if start is not None and index == 0 and start != 1:
            self.problem(f"{path}.from", "the first band must start at credit 1")
        if start is not None and previous_start is not None and start <= previous_start:
            self.problem(f"{path}.from", f"must be greater than {previous_start}")
        return (Band(start, price) if len(self.problems) == before else None), start

    def read_term_discounts(self) -> tuple[Decimal, ...]:
        table = self.table("term_discount_percent")
        max_years = self.values.get("order.max_years")
        discounts: list[Decimal] = []
        for key in table:
            if not _is_year(key, max_years):
                limit = f"1 to {max_years}" if max_years else "1 to order.max_years"
                self.problem(f"term_discount_percent.{key}", f"unknown key; years run from {limit}")
        for year in range(1, (max_years or 0) + 1):
            path = f"term_discount_percent.{year}"
            if str(year) not in table:
                self.problem(path, f"missing; every contract length from 1 to {max_years} years needs a discount")
                continue
            value, reason = PERCENT(table[str(year)])
            if reason:
                self.problem(path, reason)
            else:
                discounts.append(value)
        return tuple(discounts)

    def check_relations(self) -> None:
        v = self.values
        for minimum_key, step_key in (("order.minimum_annual_credits", "order.increment"), ("top_up.minimum_credits", "top_up.increment")):
            if minimum_key in v and step_key in v and v[minimum_key] % v[step_key]:
                self.problem(minimum_key, f"must be a multiple of {step_key} ({v[step_key]})")
        approval, maximum = v.get("discount.approval_above_percent"), v.get("discount.maximum_percent")
        if approval is not None and maximum is not None and approval > maximum:
            self.problem("discount.approval_above_percent", f"must not exceed discount.maximum_percent ({maximum})")


def parse_pricebook(content: bytes, source: str) -> PriceBook:
    """A checked price book from a TOML file's bytes; `source` names the file in every message."""
    data = _parse_toml(content, source)
    reader = _Reader(source, data)
    reader.read_tables()
    bands = reader.read_bands()
    term_discounts = reader.read_term_discounts()
    reader.check_relations()
    if reader.problems:
        raise PriceBookError(source, reader.problems)
    return _build(reader.values, bands, term_discounts, source, hashlib.sha256(content).hexdigest())


def _is_year(key: str, max_years: int | None) -> bool:
    """Whether `key` names a contract length: "1" to max_years, written plainly ("02" and "\u00b2" are not)."""
    # the length first: Python refuses int() of a key of thousands of digits
    if not (len(key) <= len(str(MAX_YEARS)) and key.isascii() and key.isdigit() and str(int(key)) == key):
        return False
    return max_years is None or 1 <= int(key) <= max_years


def _parse_toml(content: bytes, source: str) -> dict[str, Any]:
    """The TOML of a price book's bytes; anything tomllib cannot read becomes a PriceBookError naming file and line."""
    try:
        text = content.decode("utf-8-sig")  # Notepad and Excel save a BOM first
    except UnicodeDecodeError:
        raise PriceBookError(source, [f"{source}: the file is not UTF-8 text; save it as UTF-8"]) from None
    try:
        return tomllib.loads(text, parse_float=_read_float)
    except tomllib.TOMLDecodeError as error:
        raise PriceBookError(source, [f"{source}: not valid TOML ({error}); fix the syntax at that line"]) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise PriceBookError(source, [f"{source}: arrays or tables nested far too deeply for a price book; {NESTING}"]) from None
    except ValueError:  # int() refuses a number of more than 4,300 digits (sys.get_int_max_str_digits)
        raise PriceBookError(source, [f"{source}: {_where_too_long(text)}a number far too long for a price book; {TOO_LONG}"]) from None


NESTING = "bands are one list of { from = ..., price = ... } tables; nothing nests deeper"
TOO_LONG = f"whole numbers are at most {MAX_FIGURE:_} and others carry at most {MAX_PLACES} decimal places"
# A number literal of more than 4,000 digits (decimal, hex, octal or binary) on one line, after "=", "[", "{" or ",".
_TOO_LONG_NUMBER = re.compile(r"(?:^|[=\[{,])[ \t]*[+-]?(?:0[xob])?[0-9a-fA-F_]{4000,}", re.MULTILINE)
_KEY = re.compile(r"\s*([^=\s][^=]*?)\s*=")


def _where_too_long(text: str) -> str:
    """ "line 12 (key base): ", where a number too long to read is, as far as a look at the text can tell."""
    found = _TOO_LONG_NUMBER.search(text)
    if found is None:
        return ""
    line_start = text.rfind("\n", 0, found.start()) + 1
    line = text.count("\n", 0, found.start()) + 1
    key = _KEY.match(text, line_start, found.start() + 1)
    if key is None or len(key.group(1)) > MAX_KEY_SHOWN or not key.group(1).isprintable():
        return f"line {line}: "
    return f"line {line} (key {key.group(1)}): "


def _build(v: Mapping[str, Any], bands: tuple[Band, ...], term_discounts: tuple[Decimal, ...], source: str, sha256: str) -> PriceBook:
    return PriceBook(
        name=v["pricebook.name"],
        version=v["pricebook.version"],
        currency=v["pricebook.currency"],
        effective_from=v["pricebook.effective_from"],
        quote_validity_days=v["pricebook.quote_validity_days"],
        credits=CreditRates(v["credits.base"], v["credits.generative_ai"], v["credits.intent_manager"], v["credits.performance_optimizer"]),
        minimum_annual_credits=v["order.minimum_annual_credits"],
        increment=v["order.increment"],
        max_years=v["order.max_years"],
        tier_mode=TierMode(v["tiers.mode"]),
        bands=bands,
        term_discount_percent=term_discounts,
        overage_multiplier=v["overage.multiplier"],
        discount_approval_above_percent=v["discount.approval_above_percent"],
        discount_maximum_percent=v["discount.maximum_percent"],
        care_percent_of_subscription=v["care_package.percent_of_subscription"],
        care_minimum_annual_fee=v["care_package.minimum_annual_fee"],
        services_hourly_rate=v["professional_services.hourly_rate"],
        handling_fee_percent=v["pass_through.handling_fee_percent"],
        sms_rate=v["pass_through.sms_rate"],
        whatsapp_mtm_rate=v["pass_through.whatsapp_mtm_rate"],
        top_up_minimum_credits=v["top_up.minimum_credits"],
        top_up_increment=v["top_up.increment"],
        early_renewal_unused_credit=v["early_renewal.unused_credit"],
        source=source,
        sha256=sha256,
        illustrative=v["pricebook.illustrative"],
    )


def load_pricebook(path: str | Path) -> PriceBook:
    """Read and check the price book file at `path`; every problem is named in a PriceBookError.

    The file is read as `files.read_small_file` reads: a regular file of at most MAX_FILE_BYTES, never a pipe or a device.
    """
    file = Path(path)
    try:
        content = read_small_file(file, MAX_FILE_BYTES, "price book", "give the path of a .toml price book file")
    except UnreadableFile as error:
        raise PriceBookError(file.name, [f"{file}: {error.reason}"]) from None
    return parse_pricebook(content, file.name)
