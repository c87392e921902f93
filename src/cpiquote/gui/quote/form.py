"""What the quote form holds, as plain values, and how it becomes a QuoteRequest (no Qt here).

The form's state is a flat mapping of field keys to the text a person typed (or a flag for a
toggle). Keeping it plain makes scenarios, undo and tests simple: a scenario is a copy of the
state, an undo step is one key's old and new value.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from cpiquote import pricing
from cpiquote.pricing import InputError
from cpiquote.pricing.engine import check_ramp_years
from cpiquote.pricing.limits import MAX_RAMP_YEARS

if TYPE_CHECKING:
    from cpiquote.pricing import InteractionEstimate, PriceBook, QuoteRequest

FormValue = str | bool
FormState = dict[str, FormValue]

TEXT_KEYS = (
    "customer",
    "contact",
    "interactions",
    "credits",
    "years",
    "discount",
    "services_hours",
    "sms_per_month",
    "whatsapp_mtm_per_month",
    "conversations",
    "multi_day_share",
    "extra_days",
    "proactive",
    "reply_rate",
    *(f"ramp_{year}" for year in range(1, MAX_RAMP_YEARS + 1)),
    *(f"ramp_credits_{year}" for year in range(1, MAX_RAMP_YEARS + 1)),
)
FLAG_KEYS = ("genai", "intent_manager", "performance_optimizer", "care_package", "estimate", "ramp")

FIELD_NAMES = {
    "interactions": "Interactions per year",
    "credits": "Credits ordered",
    "years": "Contract years",
    "discount": "Discount",
    "services_hours": "Services hours",
    "sms_per_month": "SMS per month",
    "whatsapp_mtm_per_month": "WhatsApp MTMs per month",
    "conversations": "Conversations per year",
    "multi_day_share": "Running past midnight",
    "extra_days": "Extra days",
    "proactive": "Proactive messages per year",
    "reply_rate": "Reply rate",
    **{f"ramp_{year}": f"Interactions in year {year}" for year in range(1, MAX_RAMP_YEARS + 1)},
    **{f"ramp_credits_{year}": f"Credits ordered in year {year}" for year in range(1, MAX_RAMP_YEARS + 1)},
}


class MissingInput(InputError):
    """A required field is still empty: nothing is wrong yet, the quote is just not complete."""


def field_name(field: str) -> str:
    """The on-screen name of a form or engine field."""
    return FIELD_NAMES.get(field, field.replace("_", " ").capitalize())


def locate(error: InputError, state: FormState) -> tuple[str, str]:
    """The form field an error is about, and what to say there: the engine's "interactions" is a ramp year's field
    while the ramp is ticked (services already names the conversations for an estimate)."""
    if error.field == "interactions" and state["ramp"]:
        return f"ramp_{error.year or 1}", error.reason
    if error.field == "credits" and state["ramp"]:
        return f"ramp_credits_{error.year or 1}", error.reason
    return error.field, error.reason


_SEPARATORS = re.compile(r"[,_\s\u00a0\u202f]")
_GROUPED = re.compile(r"\d{1,3}(?:[, \u00a0\u202f]\d{3})+")  # 1,200,000 or 1 200 000: separators between groups of three
_WHOLE = re.compile(r"\d+")
_DECIMAL = re.compile(r"\d+(\.\d*)?|\.\d+")
GROUPING = "commas or spaces go between groups of three digits"


def _ungrouped(text: str) -> str | None:
    """`text` without thousands separators, or None when a separator stands anywhere but between groups of three
    digits: "12,5" is not read as 125, nor "95,00" as 9500."""
    whole, point, fraction = text.strip().partition(".")
    if _GROUPED.fullmatch(whole):
        whole = _SEPARATORS.sub("", whole)
    elif _SEPARATORS.search(whole):
        return None
    return whole + point + fraction


def default_state() -> FormState:
    """An empty quote: one year, nothing switched on."""
    state: FormState = dict.fromkeys(TEXT_KEYS, "")
    state.update(dict.fromkeys(FLAG_KEYS, False))
    state["years"] = "1"
    return state


def whole(field: str, text: str, label: str, required: bool = False) -> int:
    """A whole number typed with or without thousands separators ("1,200,000"); empty is 0 unless required."""
    cleaned = _ungrouped(text)
    if cleaned == "":
        if required:
            raise MissingInput(field, f"enter the {label}")
        return 0
    if cleaned is None or not _WHOLE.fullmatch(cleaned):
        raise InputError(field, f"{label} must be a whole number of 0 or more, such as 120,000 ({GROUPING})")
    return int(cleaned)


def decimal(field: str, text: str, label: str) -> Decimal:
    """A number of 0 or more such as 12.5; empty is 0."""
    cleaned = _ungrouped(text)
    if cleaned == "":
        return Decimal(0)
    if cleaned is None or not _DECIMAL.fullmatch(cleaned):
        raise InputError(field, f"{label} must be a number of 0 or more, such as 12.5 (decimals after a point; {GROUPING})")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError(field, f"{label} must be a number such as 12.5") from None


def share(field: str, text: str, label: str) -> Decimal:
    """A percentage typed as 5 or 12.5, returned as a share of 1 (0.05, 0.125)."""
    value = decimal(field, text, label)
    if value > 100:
        raise InputError(field, f"{label} must be a percentage from 0 to 100")
    return value / 100


def estimate_from(state: FormState) -> InteractionEstimate | None:
    """The estimator's inputs when "Estimate from conversations" is on (and no ramp is used)."""
    if not state["estimate"] or state["ramp"]:
        return None
    return pricing.InteractionEstimate(
        conversations=whole("conversations", str(state["conversations"]), "conversations per year", required=True),
        multi_day_share=share("multi_day_share", str(state["multi_day_share"]), "share running past midnight"),
        extra_days=decimal("extra_days", str(state["extra_days"]), "extra days"),
        proactive=whole("proactive", str(state["proactive"]), "proactive messages per year"),
        reply_rate=share("reply_rate", str(state["reply_rate"]), "reply rate"),
    )


def contract_years(state: FormState, pricebook: PriceBook) -> int:
    """The contract length, checked against the price book."""
    years = whole("years", str(state["years"]), "contract years", required=True)
    if not 1 <= years <= pricebook.max_years:
        raise InputError("years", f"must be from 1 to {pricebook.max_years} years (the price book's longest contract)")
    return years


def interactions_from(state: FormState, years: int, estimate: InteractionEstimate | None) -> tuple[int, ...]:
    """One interactions figure for every year, or one per year when the ramp is on; none when only credits are ordered."""
    if estimate is not None:
        return (estimate.interactions,)
    if state["ramp"]:  # the ramp's fields hold the volume whenever it is ticked, a one-year contract included
        check_ramp_years(years)  # the form has fields for that many years only
        keys = [f"ramp_{y}" for y in range(1, years + 1)]
        if all(not str(state[key]).strip() for key in keys) and any(ordered_credits_from(state, years)):
            return ()
        return tuple(whole(key, str(state[key]), f"interactions in year {y}", required=True) for y, key in enumerate(keys, start=1))
    if not str(state["interactions"]).strip() and str(state["credits"]).strip():
        return ()
    return (whole("interactions", str(state["interactions"]), "interactions per year", required=True),)


def ordered_credits_from(state: FormState, years: int) -> tuple[int | None, ...]:
    """Credits ordered: one figure for every year, or one per year of a ramp (None: as the forecast requires)."""
    if state["ramp"]:
        figures = tuple(_optional_whole(f"ramp_credits_{y}", state, f"credits ordered in year {y}") for y in range(1, years + 1))
        return figures if any(figure is not None for figure in figures) else ()
    figure = _optional_whole("credits", state, "credits ordered")
    return () if figure is None else (figure,)


def _optional_whole(key: str, state: FormState, label: str) -> int | None:
    text = str(state[key])
    return whole(key, text, label) if text.strip() else None


def build_request(state: FormState, pricebook: PriceBook) -> QuoteRequest:
    """The QuoteRequest the form describes; raises InputError naming the field that cannot be used."""
    years = contract_years(state, pricebook)
    estimate = estimate_from(state)
    interactions = interactions_from(state, years, estimate)  # before naming QuoteRequest: an empty form loads no engine types
    return pricing.QuoteRequest(
        interactions_per_year=interactions,
        ordered_credits_per_year=ordered_credits_from(state, years),
        years=years,
        generative_ai=bool(state["genai"]),
        intent_manager=bool(state["intent_manager"]),
        performance_optimizer=bool(state["performance_optimizer"]),
        discount_percent=decimal("discount", str(state["discount"]), "discount"),
        care_package=bool(state["care_package"]),
        services_hours=decimal("services_hours", str(state["services_hours"]), "services hours"),
        sms_per_month=whole("sms_per_month", str(state["sms_per_month"]), "SMS messages per month"),
        whatsapp_mtm_per_month=whole("whatsapp_mtm_per_month", str(state["whatsapp_mtm_per_month"]), "WhatsApp MTMs per month"),
        estimate=estimate,
        customer=str(state["customer"]).strip(),
        contact=str(state["contact"]).strip(),
    )
