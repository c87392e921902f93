"""The largest figures a quote and a price book accept: defined once here, enforced by the engine and the price-book check."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from cpiquote.pricing.errors import InputError

# Far above any real quote; they keep a typo from overflowing the arithmetic or the documents.
MAX_FIGURE = 10**12  # a count: interactions, credits ordered, conversations, proactive messages, messages per month, price-book credits
MAX_SERVICES_HOURS = Decimal(1_000_000)
MAX_RAMP_YEARS = 10  # per-year figures (a ramp) are offered up to this many contract years
RAMP_TOO_LONG = f"a different volume each year is offered up to {MAX_RAMP_YEARS} years"  # said wherever it is refused
MAX_EXTRA_DAYS = Decimal(366)  # the estimator's average extra calendar days of a conversation that runs past midnight


def check_ramp_years(years: int) -> None:
    """Refuse figures of their own for each year of a contract longer than MAX_RAMP_YEARS."""
    if years > MAX_RAMP_YEARS:
        raise InputError("years", f"{RAMP_TOO_LONG}; give one figure for every year for a longer contract")


# --- the price book ------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberLimit:
    """The values a price-book number may take: `low` (or above it) to `high`, with at most `places` decimal places.

    `places = 0` is a whole number, which must also be written as one (50_000, not 50000.0).
    """

    low: Decimal
    high: Decimal
    places: int
    above_low: bool = False


MAX_PLACES = 10  # prices carry as many decimals as the list has (finance lists carry 5 or 6); 1e-1000000 is a typo
MAX_PRICE = Decimal(10_000)  # a price per credit or per message
MAX_AMOUNT = Decimal(1_000_000_000)  # a fee or an hourly rate

# Every number a price book holds, checked once when it loads (pricebook._number, pricebook._whole). Far outside any
# real price list: each keeps a typo (1e30, 1e-1000000, a 5,000-digit number) out of the arithmetic and the documents.
# fmt: off
PRICEBOOK_NUMBERS: dict[str, NumberLimit] = {
    # kind                            low          high               places      above low  keys
    "credit rate":        NumberLimit(Decimal(0), Decimal(100),        MAX_PLACES, True),  # credits.base, .generative_ai
    "added credit rate":  NumberLimit(Decimal(0), Decimal(100),        MAX_PLACES),        # credits.intent_manager, .performance_optimizer
    "price":              NumberLimit(Decimal(0), MAX_PRICE,           MAX_PLACES, True),  # tiers.bands[n].price
    "price per message":  NumberLimit(Decimal(0), MAX_PRICE,           MAX_PLACES),        # pass_through.sms_rate, .whatsapp_mtm_rate
    "hourly rate":        NumberLimit(Decimal(0), MAX_AMOUNT,          MAX_PLACES),        # professional_services.hourly_rate
    "amount":             NumberLimit(Decimal(0), MAX_AMOUNT,          2),                 # care_package.minimum_annual_fee (in cents)
    "percent":            NumberLimit(Decimal(0), Decimal(100),        MAX_PLACES),        # discount.*, term_discount_percent.n, *_percent*
    "overage multiplier": NumberLimit(Decimal(1), Decimal(10),         MAX_PLACES),        # overage.multiplier (overage costs more)
    "credits":            NumberLimit(Decimal(1), Decimal(MAX_FIGURE), 0),                 # credit counts: order.*, top_up.*, bands[n].from
    "contract years":     NumberLimit(Decimal(1), Decimal(30),         0),                 # order.max_years
    "validity days":      NumberLimit(Decimal(1), Decimal(366),        0),                 # pricebook.quote_validity_days
}
# fmt: on
MAX_BANDS = 1_000  # tiers.bands: real price lists have a handful; thousands make every document and chart crawl
TEXT_LENGTHS = {"pricebook.name": 120, "pricebook.version": 40}  # characters: a title line and a version label
MAX_KEY_SHOWN = 60  # characters of a key quoted in a message: a hostile key must not flood the terminal

# Characters a document or a terminal cannot show as text: line and paragraph separators and the controls that
# reorder text (U+202A-U+202E, U+2066-U+2069) could disguise a name; the rest are refused by their category.
_REFUSED_FORMAT = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_problem(text: str, max_length: int) -> str | None:
    """Why `text` cannot be shown in a document or a terminal, or None: the one check of price-book text."""
    if len(text) > max_length:
        return f"is {len(text):,} characters long; shorten it to at most {max_length}"
    for position, character in enumerate(text, start=1):
        kind = _refused_kind(character)
        if kind:
            return f"holds {kind} (U+{ord(character):04X}) at character {position}; remove it"
    return None


def _refused_kind(character: str) -> str | None:
    """What kind of character that cannot be shown `character` is, or None when it can be."""
    code = ord(character)
    category = unicodedata.category(character)
    if category == "Cc":
        return "a control character"
    if category == "Cs":
        return "a surrogate"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a noncharacter"
    if character in _REFUSED_FORMAT:
        return "a line separator or a text-direction control"
    return None
