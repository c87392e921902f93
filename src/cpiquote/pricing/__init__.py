"""The pricing domain: price book, engine, estimator. Standard library only; imports nothing of the project."""

from cpiquote.pricing.engine import CurvePoint, credits_per_interaction, price_curve, price_quote
from cpiquote.pricing.errors import InputError, PriceBookError
from cpiquote.pricing.estimator import InteractionEstimate
from cpiquote.pricing.pricebook import Band, PriceBook, load_pricebook, parse_pricebook
from cpiquote.pricing.quotation import Invoice, Notice, PriceBreak, Quotation, QuoteRequest, YearQuote
from cpiquote.pricing.serialize import quotation_to_dict, request_from_dict, request_to_dict

__all__ = [
    "Band",
    "CurvePoint",
    "InputError",
    "InteractionEstimate",
    "Invoice",
    "Notice",
    "PriceBook",
    "PriceBookError",
    "PriceBreak",
    "Quotation",
    "QuoteRequest",
    "YearQuote",
    "credits_per_interaction",
    "load_pricebook",
    "parse_pricebook",
    "price_curve",
    "price_quote",
    "quotation_to_dict",
    "request_from_dict",
    "request_to_dict",
]
