"""One grammar for the numbers people type, on the command line and in the window.

Whole numbers, decimals and percentages, with grouping separators ("," " " no-break spaces "_") accepted only
between groups of three digits, so "1,200,000" is a million and two hundred thousand while "12,5" and "95,00" are
refused instead of being read as 125 or 9500. "." is the decimal point. A whole number may be written in thousands or
millions the way sales people write them: "250k", "1.2m", "1.5K", "2M" (250,000, 1,200,000, 1,500 and 2,000,000); a
shorthand that does not come to a whole number ("1.2345k") is refused, never rounded. Digits are ASCII 0-9 only (a regular
expression's \\d would also take Arabic-Indic and full-width digits). Negative numbers are refused. A refusal is an
InputError naming the field, with the same reason in both front ends.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import NoReturn

from cpiquote.pricing.errors import InputError
from cpiquote.pricing.limits import MAX_FIGURE

_GROUPED = re.compile(r"[0-9]{1,3}(?:([, _\u00a0\u202f])[0-9]{3})(?:\1[0-9]{3})*")  # one kind of separator per number
_DIGITS = re.compile(r"[0-9]+")
_FRACTION = re.compile(r"[0-9]*")
GROUP_SEPARATORS = (",", " ", "_", "\u00a0", "\u202f")  # the kinds of grouping separator the grammar reads
_SEPARATOR = re.compile(r"[, _\u00a0\u202f]")
_DECIMAL_COMMA = re.compile(r"([0-9]+)[, \u00a0\u202f]([0-9]{1,2}|[0-9]{4,})")  # "12,5": a decimal comma, likely

GROUPING = "commas, spaces or underscores go only between groups of three digits, as in 1,200,000"
NOT_WHOLE = "must be a whole number of 0 or more, such as 120000, 120,000 or 120k"
NOT_NUMBER = "must be a number of 0 or more, such as 12.5 or 1,250.5"
NOT_PERCENT = "must be a percentage from 0 to 100, such as 5 or 12.5"
OTHER_DIGITS = "write its digits as 0-9: digits of other scripts (such as ١٢٣ or １２３) are not read"
NEGATIVE = "must be 0 or more: leave out the minus sign"
WHOLE_GROUPING = f"must be a whole number without decimals, such as 9500 or 9,500: {GROUPING}"
SPLIT_FIGURE = (
    "reads as one figure split by a comma: write each year's figure without commas (800000,1000000), "
    "or one figure for every year with its groups of three (1,200,000)"
)
MAX_DIGITS = len(str(MAX_FIGURE)) + 1  # longer texts are refused before they are turned into numbers
SHORTHAND = {"k": 3, "m": 6}  # thousands and millions, either case: the powers of ten they stand for


def is_grouped(text: str) -> bool:
    """True when `text` is one whole number with its digits in groups of three ("1,200,000", "1 200 000")."""
    return _GROUPED.fullmatch(text.strip()) is not None


def _integral_digits(field: str, text: str, refusal: str) -> str:
    """The digits of a number's whole part, its grouping separators taken out; `refusal` when it is not one."""
    if _GROUPED.fullmatch(text):
        return _SEPARATOR.sub("", text)
    if not _DIGITS.fullmatch(text):
        _refuse(field, text, refusal)
    return text


def _refuse(field: str, text: str, refusal: str) -> NoReturn:
    """Refuse `text` with `refusal`; digits of another script (١٢٣, full-width １２３) are named, as they look right."""
    if any(char.isdigit() and not char.isascii() for char in text):
        raise InputError(field, f"{refusal}; {OTHER_DIGITS}")
    raise InputError(field, refusal)


def _refuse_sign(field: str, text: str) -> None:
    if text.startswith("-") or text.startswith("\u2212"):
        raise InputError(field, NEGATIVE)


def _grouping_refusal(text: str) -> str | None:
    """What to say about a text whose separators are not between groups of three ("12,5"), or None."""
    match = _DECIMAL_COMMA.fullmatch(text)
    if match is None:
        return None
    return f"must be written with decimals after a point, as in {match[1]}.{match[2]}: {GROUPING}"


def parse_whole(field: str, text: str, low: int = 0, high: int = MAX_FIGURE, note: str = "") -> int | None:
    """A whole number as typed ("1,200,000", "1 200 000", "1200000"); None when `text` is empty.

    A number outside `low`..`high` is refused with "must be a whole number from `low` to `high`" and `note`.
    """
    stripped = text.strip()
    if not stripped:
        return None
    out_of_range = f"must be a whole number from {low:,} to {high:,}{note}"
    if (low, high) != (0, MAX_FIGURE) and stripped.startswith(("-", "\u2212")):
        raise InputError(field, out_of_range)  # "-3" contract years: say what the field takes, not just "no minus"
    _refuse_sign(field, stripped)
    places = SHORTHAND.get(stripped[-1].lower())
    value = _whole(field, stripped, out_of_range) if places is None else _shorthand(field, stripped, places, out_of_range)
    if not low <= value <= high:
        raise InputError(field, out_of_range)
    return value


def _whole(field: str, text: str, out_of_range: str) -> int:
    """A whole number written in full ("1,200,000"): its digits, grouped in threes or not."""
    if _SEPARATOR.search(text) and not _GROUPED.fullmatch(text):
        _refuse(field, text, WHOLE_GROUPING)
    digits = _integral_digits(field, text, NOT_WHOLE)
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise InputError(field, out_of_range)
    return int(digits)


def _shorthand(field: str, text: str, places: int, out_of_range: str) -> int:
    """A whole number in thousands or millions ("250k", "1.2m"); refused when it does not come to a whole number."""
    written = text[:-1].rstrip(" ")
    try:
        figure = parse_decimal(field, written, Decimal(MAX_FIGURE)) if written else None
    except InputError as error:
        if error.reason.startswith("must be a number from"):  # more digits than any figure has
            raise InputError(field, out_of_range) from None
        if not error.reason.startswith("must be a number"):
            raise
        raise InputError(field, NOT_WHOLE + (f"; {OTHER_DIGITS}" if OTHER_DIGITS in error.reason else "")) from None
    if figure is None:
        raise InputError(field, NOT_WHOLE)
    sign, digits, exponent = figure.as_tuple()
    value = Decimal((sign, digits, int(exponent) + places))  # exact: a multiplication would round past 28 digits
    if value != value.to_integral_value():
        below = int(value)
        raise InputError(field, f"must be a whole number: {text} is {value:,f}; write {whole_text(below)} or {whole_text(below + 1)}")
    return int(value)


def parse_decimal(field: str, text: str, high: Decimal, unit: str = "") -> Decimal | None:
    """A number of 0 or more with an optional decimal point ("12.5", "1,250.5", ".5"); None when `text` is empty.

    A number above `high` is refused with "must be a number of `unit` from 0 to `high`".
    """
    stripped = text.strip()
    if not stripped:
        return None
    _refuse_sign(field, stripped)
    whole, point, fraction = stripped.partition(".")
    if not _FRACTION.fullmatch(fraction) or not (whole or fraction):
        _refuse(field, stripped, NOT_NUMBER)
    if _SEPARATOR.search(whole) and not _GROUPED.fullmatch(whole):
        suggestion = None if point else _grouping_refusal(whole)  # "12,5" is 12.5 written with a comma; "1,2.5" is nothing
        _refuse(field, whole, suggestion or f"{NOT_NUMBER}: {GROUPING}")
    digits = _integral_digits(field, whole, NOT_NUMBER) if whole else "0"
    out_of_range = f"must be a number{f' of {unit}' if unit else ''} from 0 to {high:,}"
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise InputError(field, out_of_range)
    value = Decimal(f"{digits}.{fraction}") if fraction else Decimal(digits)
    if value > high:
        raise InputError(field, out_of_range)
    return value


def parse_percent(field: str, text: str) -> Decimal | None:
    """A percentage from 0 to 100, typed as 5, 12.5 or 12.5%, returned as typed (12.5); None when `text` is empty."""
    stripped = text.strip()
    if stripped.endswith("%"):
        stripped = stripped[:-1].rstrip()
        if not stripped:
            raise InputError(field, NOT_PERCENT)
    try:
        value = parse_decimal(field, stripped, Decimal(100))
    except InputError as error:
        if error.reason.startswith("must be a number"):
            raise InputError(field, NOT_PERCENT) from None
        raise
    return value


def split_per_year(field: str, text: str) -> tuple[str, ...]:
    """The figures of a per-year list ("800000,1000000,1200000"), each as typed; an empty one stays empty.

    A text that reads as one number with its digits grouped ("1,200,000") is one figure. A part that can only be a
    piece of a grouped number ("000", "05") is refused: the list would otherwise be read in a way nobody meant.
    """
    stripped = text.strip()
    if "," not in stripped or is_grouped(stripped):
        return (stripped,)
    parts = tuple(part.strip() for part in stripped.split(","))
    for year, part in enumerate(parts, start=1):
        if len(part) > 1 and part.startswith("0") and _DIGITS.fullmatch(part):
            raise InputError(field, SPLIT_FIGURE, year)
    return parts


def whole_text(value: int, separator: str = ",") -> str:
    """A whole number as the window shows it and both front ends read it back: 1,200,000 (or 1 200 000 with `separator`,
    one of GROUP_SEPARATORS)."""
    return f"{value:,}".replace(",", separator)


def decimal_text(value: Decimal) -> str:
    """A decimal as people write it, without trailing zeros or an exponent: 1,250.5, 12, 0.125."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def parse_date(field: str, text: str) -> dt.date | None:
    """A date typed YYYY-MM-DD (both front ends); None when empty. One not in the calendar (2028-02-30) is refused
    naming its month's length."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return dt.date.fromisoformat(stripped)
    except ValueError:
        parts = re.fullmatch(r"([0-9]{4})-([0-9]{2})-[0-9]{2}", stripped)
        if parts and 1 <= int(parts[2]) <= 12:
            import calendar  # here, not at the top: only a refused date needs it (about 3 ms of start-up; see gui.app)

            year, month = int(parts[1]), int(parts[2])
            days = f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
            raise InputError(field, f"{stripped} is not a day of the calendar: {days}") from None
        raise InputError(field, f"{stripped!r} is not a date; write it as YYYY-MM-DD, for example 2027-03-15") from None
