"""The open quote as a document, without Qt: its customer, its scenarios and their inputs, the price book it is
priced with, and the `.cpiquote` file it is saved as.

The window edits a QuoteDocument and redraws when it says something changed (`subscribe`); undo steps change it;
the command line builds one from a request; the quote library stores its bytes. A `.cpiquote` file is versioned JSON:

    {"format": "cpiquote", "format_version": 2, "customer": ..., "contact": ..., "account": ..., "billing_address": ...,
     "sales_person": ..., "notes": ..., "terms": ..., "pricebook": {path, name, version, sha256} or null,
     "exported_scenario": "Scenario A", "scenarios": [{"name": ..., "values": {...}, "request": ...}]}

Format 1 had only the customer and the contact of the quote-level inputs; it is still read, the others empty.

Each scenario's `values` are its inputs as typed (the table in `inputs`), and `request` its canonical QuoteRequest
(`inputs.request_to_dict`), null when it cannot be priced, so that the quote library can read it without a window.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpiquote import pricing
from cpiquote.pricing.errors import InputError
from cpiquote.quote import inputs
from cpiquote.quote.inputs import Value, Values

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook, QuoteRequest

FORMAT = "cpiquote"
FORMAT_VERSION = 2
SUFFIX = ".cpiquote"
MAX_SCENARIOS = 4
LETTERS = "ABCD"
# Inputs of the quote as a whole, with the format version that brought them; every other input is a scenario's.
QUOTE_KEYS_SINCE = {"customer": 1, "contact": 1, "account": 2, "billing_address": 2, "sales_person": 2, "notes": 2, "terms": 2}
QUOTE_KEYS = tuple(QUOTE_KEYS_SINCE)
SCENARIO_KEYS = tuple(key for key in inputs.KEYS if key not in QUOTE_KEYS)
NOT_A_QUOTE = "is not a CPI Quote file; open a .cpiquote file saved by CPI Quote"
DAMAGED = "the file is damaged or was changed outside CPI Quote; open a copy saved by CPI Quote"


class QuoteFileError(InputError):
    """A file that cannot be opened as a quote: `field` names the file, `reason` what is wrong and what to do."""


class ChangeKind(Enum):
    """What changed in a document."""

    VALUE = "value"  # an input: of scenario `scenario`, or of the whole quote (customer, notes...) when it is None
    SCENARIOS = "scenarios"  # a scenario added, duplicated or removed
    EXPORTED = "exported"  # another scenario is the one exported
    PRICEBOOK = "pricebook"  # priced with another price book
    SAVED = "saved"  # saved (or reverted to what was saved): nothing left to lose


@dataclass(frozen=True)
class Change:
    """One change, as told to the document's subscribers."""

    kind: ChangeKind
    scenario: int | None = None
    key: str | None = None


@dataclass(frozen=True)
class PriceBookInfo:
    """The price book a quote is priced with: where it was read from, and what it was (name, version, SHA-256)."""

    path: str
    name: str
    version: str
    sha256: str

    @classmethod
    def of(cls, pricebook: PriceBook, path: str | Path) -> PriceBookInfo:
        """The record of `pricebook`, read from `path`."""
        return cls(str(path), pricebook.name, pricebook.version, pricebook.sha256)


@dataclass
class _Scenario:
    name: str
    values: Values  # the scenario's inputs (SCENARIO_KEYS), as typed
    stored_request: dict[str, Any] | None = None  # its request as read from a file, until one of its inputs changes


def _empty_values() -> Values:
    defaults = inputs.default_values()
    return {key: defaults[key] for key in SCENARIO_KEYS}


class QuoteDocument:
    """The open quote: its customer, contact, notes and terms, one to four scenarios of inputs, the exported one, the
    price book."""

    def __init__(self, sales_person: str = "") -> None:
        self._quote_values = dict.fromkeys(QUOTE_KEYS, "")  # the inputs of the quote as a whole, as typed
        self._quote_values["sales_person"] = sales_person
        self._scenarios = [_Scenario(f"Scenario {LETTERS[0]}", _empty_values())]
        self._exported = 0
        self._pricebook_info: PriceBookInfo | None = None
        self._pricebook: PriceBook | None = None
        self._subscribers: list[Callable[[Change], None]] = []
        self._saved = self._snapshot()
        self.path: Path | None = None  # the file it was last saved to or opened from; None for a new quote

    # --- reading -------------------------------------------------------------------------------------

    @property
    def customer(self) -> str:
        """The customer's name, as typed."""
        return self._quote_values["customer"]

    @property
    def contact(self) -> str:
        """The customer's contact, as typed."""
        return self._quote_values["contact"]

    @property
    def scenario_names(self) -> tuple[str, ...]:
        """The scenarios' names, in order: "Scenario A", "Scenario B"..."""
        return tuple(scenario.name for scenario in self._scenarios)

    @property
    def exported(self) -> int:
        """The index of the scenario that export writes."""
        return self._exported

    @property
    def pricebook_info(self) -> PriceBookInfo | None:
        """The price book the quote is priced with; None before one is chosen."""
        return self._pricebook_info

    @property
    def pricebook(self) -> PriceBook | None:
        """The loaded price book, once `use_pricebook` gave one (a document read from a file has only its record)."""
        return self._pricebook

    def value(self, scenario: int, key: str) -> Value:
        """What input `key` of scenario `scenario` holds (the customer, notes...: the quote's)."""
        if key in self._quote_values:
            return self._quote_values[key]
        return self._scenarios[scenario].values[key]

    def values(self, scenario: int) -> Values:
        """A copy of every input of scenario `scenario`, the quote's own (customer, notes...) included."""
        return {**self._quote_values, **self._scenarios[scenario].values}

    def request(self, scenario: int) -> QuoteRequest:
        """The QuoteRequest scenario `scenario` describes; raises InputError (MissingInput while incomplete)."""
        if self._pricebook is None:
            raise InputError("pricebook", "choose a price book to price the quote with")
        return inputs.request_from_values(self.values(scenario), self._pricebook)

    def request_dict(self, scenario: int) -> dict[str, Any] | None:
        """Scenario `scenario`'s request as JSON-ready data, None when it cannot be priced (or no price book is loaded
        and its inputs changed since its file was read)."""
        if self._pricebook is None:
            return self._scenarios[scenario].stored_request
        try:
            request = self.request(scenario)
            pricing.price_quote(self._pricebook, request)
        except (InputError, ArithmeticError):  # a quote the engine cannot price is still saved, without its request
            return None
        return inputs.request_to_dict(request)

    # --- changing ------------------------------------------------------------------------------------

    def set_value(self, scenario: int, key: str, value: Value) -> bool:
        """Set input `key` of scenario `scenario` (the customer, notes...: of the whole quote); True when it changed."""
        entry = inputs.BY_KEY[key]
        if isinstance(value, bool) != entry.is_flag or not isinstance(value, (str, bool)):
            raise TypeError(f"{key} holds {'True or False' if entry.is_flag else 'text'}, not {value!r}")
        if self.value(scenario, key) == value:
            return False
        if key in QUOTE_KEYS:
            self._quote_values[key] = str(value)
            for each in self._scenarios:
                each.stored_request = None
            self._notify(Change(ChangeKind.VALUE, None, key))
        else:
            self._scenarios[scenario].values[key] = value
            self._scenarios[scenario].stored_request = None
            self._notify(Change(ChangeKind.VALUE, scenario, key))
        return True

    def add_scenario(self) -> int:
        """A new, empty scenario for the same customer; returns its index."""
        return self._append(_empty_values())

    def duplicate_scenario(self, scenario: int) -> int:
        """A copy of scenario `scenario`, to vary one thing and compare; returns the copy's index."""
        original = self._scenarios[scenario]
        index = self._append(dict(original.values))
        self._scenarios[index].stored_request = original.stored_request
        return index

    def _append(self, values: Values) -> int:
        if len(self._scenarios) >= MAX_SCENARIOS:
            raise ValueError(f"a quote holds at most {MAX_SCENARIOS} scenarios")
        used = set(self.scenario_names)
        name = next(f"Scenario {letter}" for letter in LETTERS if f"Scenario {letter}" not in used)
        self._scenarios.append(_Scenario(name, values))
        self._notify(Change(ChangeKind.SCENARIOS, len(self._scenarios) - 1))
        return len(self._scenarios) - 1

    def remove_scenario(self, scenario: int) -> None:
        """Remove scenario `scenario` (the last one stays); the exported one stays the same scenario, or the first."""
        if len(self._scenarios) <= 1:
            raise ValueError("a quote keeps at least one scenario")
        del self._scenarios[scenario]
        if self._exported == scenario:
            self._exported = 0
        elif self._exported > scenario:
            self._exported -= 1
        self._notify(Change(ChangeKind.SCENARIOS, scenario))

    def set_exported(self, scenario: int) -> None:
        """Make scenario `scenario` the one that export writes."""
        if not 0 <= scenario < len(self._scenarios):
            raise IndexError(f"no scenario {scenario}")
        if scenario != self._exported:
            self._exported = scenario
            self._notify(Change(ChangeKind.EXPORTED, scenario))

    def use_pricebook(self, pricebook: PriceBook, path: str | Path) -> None:
        """Price the quote with `pricebook`, read from `path`."""
        self._pricebook = pricebook
        info = PriceBookInfo.of(pricebook, path)
        if info != self._pricebook_info:
            self._pricebook_info = info
            self._notify(Change(ChangeKind.PRICEBOOK))

    # --- observing -----------------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call `callback` with every change from now on; returns the function that stops it."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _notify(self, change: Change) -> None:
        for callback in tuple(self._subscribers):
            callback(change)

    # --- saving --------------------------------------------------------------------------------------

    def _snapshot(self) -> tuple[object, ...]:
        scenarios = tuple((s.name, tuple(sorted(s.values.items()))) for s in self._scenarios)
        return (tuple(self._quote_values.items()), scenarios, self._exported, self._pricebook_info)

    def is_modified(self) -> bool:
        """True when the quote differs from what was last saved (or opened): closing it would lose work."""
        return self._snapshot() != self._saved

    def mark_saved(self) -> None:
        """Remember the quote as it is now as saved."""
        self._saved = self._snapshot()
        self._notify(Change(ChangeKind.SAVED))

    def to_data(self) -> dict[str, Any]:
        """The quote as JSON-ready data, in the `.cpiquote` format."""
        info = self._pricebook_info
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            **self._quote_values,
            "pricebook": None if info is None else dataclasses.asdict(info),
            "exported_scenario": self._scenarios[self._exported].name,
            "scenarios": [
                {"name": scenario.name, "values": dict(scenario.values), "request": self.request_dict(index)}
                for index, scenario in enumerate(self._scenarios)
            ],
        }

    def to_bytes(self) -> bytes:
        """The `.cpiquote` file's bytes: UTF-8 JSON, indented for a person who opens it."""
        return (json.dumps(self.to_data(), indent=2, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes, source: str) -> QuoteDocument:
        """The quote a `.cpiquote` file's bytes hold, as saved; raises QuoteFileError naming `source` and the key."""
        document = cls()
        _Reader(source).fill(document, data)
        document._saved = document._snapshot()
        return document

    @classmethod
    def of_request(cls, request: QuoteRequest, pricebook: PriceBook, path: str | Path) -> QuoteDocument:
        """A one-scenario quote of `request`, priced with `pricebook` read from `path` (the command line's `-o x.cpiquote`)."""
        document = cls()
        document.use_pricebook(pricebook, path)
        for key, value in inputs.values_from_request(request).items():
            document.set_value(0, key, value)
        return document


class _Reader:
    """Reads a `.cpiquote` file's data into a document, refusing anything CPI Quote did not write."""

    def __init__(self, source: str) -> None:
        self.source = source

    def refuse(self, path: str, reason: str) -> QuoteFileError:
        return QuoteFileError(self.source, f"{path}: {reason} ({DAMAGED})")

    def fill(self, document: QuoteDocument, data: bytes) -> None:
        """Put what the file's `data` holds in a new `document`."""
        raw = self.json(data)
        version = self.version(raw.get("format_version"))
        quote_keys = tuple(key for key, since in QUOTE_KEYS_SINCE.items() if since <= version)
        self.keys(raw, ("format", "format_version", *quote_keys, "pricebook", "exported_scenario", "scenarios"), "")
        document._quote_values = {key: self.quote_text(raw[key], key) if key in quote_keys else "" for key in QUOTE_KEYS}
        document._pricebook_info = self.pricebook(raw["pricebook"])
        document._scenarios = self.scenarios(raw["scenarios"])
        names = [scenario.name for scenario in document._scenarios]
        exported = raw["exported_scenario"]
        if exported not in names:
            raise self.refuse("exported_scenario", f"must be the name of one of the scenarios ({', '.join(names)})")
        document._exported = names.index(exported)

    def json(self, data: bytes) -> dict[str, Any]:
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise QuoteFileError(self.source, NOT_A_QUOTE) from None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise QuoteFileError(self.source, NOT_A_QUOTE)
        return raw

    def version(self, version: object) -> int:
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise self.refuse("format_version", "must be a whole number of 1 or more")
        if version > FORMAT_VERSION:
            raise QuoteFileError(
                self.source,
                f"was saved by a newer CPI Quote (quote file format {version}; this CPI Quote reads format {FORMAT_VERSION} "
                "and older): update CPI Quote to open it",
            )
        return version

    def keys(self, raw: Mapping[str, Any], known: tuple[str, ...], prefix: str, required: bool = True) -> None:
        for key in raw:
            if key not in known:
                raise self.refuse(f"{prefix}{key}", "unknown key")
        missing = [key for key in known if key not in raw]
        if required and missing:
            raise self.refuse(f"{prefix}{missing[0]}", "missing")

    def text(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise self.refuse(path, "must be text")
        return value

    def quote_text(self, value: object, path: str) -> str:
        """An input of the whole quote (customer, billing address...): text a document can hold, as the window and
        the command line take it."""
        try:
            return inputs.checked_text(inputs.BY_KEY[path], self.text(value, path))
        except QuoteFileError:
            raise
        except InputError as error:
            raise self.refuse(path, error.reason) from None

    def mapping(self, value: object, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.refuse(path, "must be an object")
        return value

    def pricebook(self, raw: object) -> PriceBookInfo | None:
        if raw is None:
            return None
        fields = tuple(field.name for field in dataclasses.fields(PriceBookInfo))
        info = self.mapping(raw, "pricebook")
        self.keys(info, fields, "pricebook.")
        return PriceBookInfo(*(self.text(info[name], f"pricebook.{name}") for name in fields))

    def scenarios(self, raw: object) -> list[_Scenario]:
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SCENARIOS:
            raise self.refuse("scenarios", f"must be a list of 1 to {MAX_SCENARIOS} scenarios")
        scenarios = [self.scenario(item, f"scenarios[{index}]") for index, item in enumerate(raw)]
        names = [scenario.name for scenario in scenarios]
        if len(set(names)) < len(names) or "" in names:
            raise self.refuse("scenarios", "each scenario must have a name of its own")
        return scenarios

    def scenario(self, raw: object, path: str) -> _Scenario:
        scenario = self.mapping(raw, path)
        self.keys(scenario, ("name", "values", "request"), f"{path}.")
        return _Scenario(
            self.text(scenario["name"], f"{path}.name"),
            self.values(scenario["values"], f"{path}.values"),
            self.request(scenario["request"], f"{path}.request"),
        )

    def values(self, raw: object, path: str) -> Values:
        """A scenario's inputs; one a file leaves out (saved before the input existed) takes its default."""
        stored = self.mapping(raw, path)
        self.keys(stored, SCENARIO_KEYS, f"{path}.", required=False)
        values = _empty_values()
        for key, value in stored.items():
            flag = inputs.BY_KEY[key].is_flag
            if flag and not isinstance(value, bool):
                raise self.refuse(f"{path}.{key}", "must be true or false")
            values[key] = value if flag else self.text(value, f"{path}.{key}")
        return values

    def request(self, raw: object, path: str) -> dict[str, Any] | None:
        if raw is None:
            return None
        try:
            request = inputs.request_from_dict(self.mapping(raw, path))
        except QuoteFileError:
            raise
        except InputError as error:
            raise self.refuse(f"{path}.{error.field}", error.reason) from None
        return inputs.request_to_dict(request)
