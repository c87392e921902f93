"""The pricing domain: price book, engine, estimator. Standard library only; imports nothing of the project.

The price book and the errors load with the package; the engine, the quotation types, the estimator and the
serializer load on first use of one of their names, so a program that only reads a price book (the desktop
window before the first price) does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from cpiquote.pricing.errors import InputError, PriceBookError
from cpiquote.pricing.pricebook import Band, PriceBook, TierMode, load_pricebook, parse_pricebook

if TYPE_CHECKING:
    from cpiquote.pricing.engine import CurvePoint, credits_per_interaction, interactions_covered, price_curve, price_quote
    from cpiquote.pricing.estimator import InteractionEstimate
    from cpiquote.pricing.quotation import Invoice, Notice, NoticeKind, PriceBreak, Quotation, QuoteRequest, YearQuote

_LAZY = {
    "engine": ("CurvePoint", "credits_per_interaction", "interactions_covered", "price_curve", "price_quote"),
    "estimator": ("InteractionEstimate",),
    "quotation": ("Invoice", "Notice", "NoticeKind", "PriceBreak", "Quotation", "QuoteRequest", "YearQuote"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "Band",
    "CurvePoint",
    "InputError",
    "InteractionEstimate",
    "Invoice",
    "Notice",
    "NoticeKind",
    "PriceBook",
    "PriceBookError",
    "PriceBreak",
    "Quotation",
    "QuoteRequest",
    "TierMode",
    "YearQuote",
    "credits_per_interaction",
    "interactions_covered",
    "load_pricebook",
    "parse_pricebook",
    "price_curve",
    "price_quote",
]


def __getattr__(name: str) -> object:
    """A lazily loaded name of the package: its module is imported on first use and the name kept here."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, the lazily loaded ones included."""
    return sorted(set(globals()) | set(__all__))
