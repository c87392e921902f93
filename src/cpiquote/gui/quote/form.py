"""What the window says about the form's inputs (no Qt here).

The inputs themselves, their names, their grammar and how they become a QuoteRequest are declared once in
`cpiquote.quote.inputs`; the form shows them and this module words an input that cannot be used, beside its field
and in the guidance.
"""

from __future__ import annotations

from collections.abc import Mapping

from cpiquote.pricing import InputError
from cpiquote.quote import inputs
from cpiquote.quote.inputs import Value


def field_name(field: str) -> str:
    """The on-screen name of a form or engine field: "Interactions per year"."""
    return inputs.label(field)


def locate(error: InputError, values: Mapping[str, Value]) -> tuple[str, str]:
    """The form field an error is about, and what to say there: the engine's "interactions" (or "credits") of a year
    is that year's own field while "Different volume each year" is ticked."""
    if values.get("ramp") and error.field in ("interactions", "credits"):
        prefix = "ramp_" if error.field == "interactions" else "ramp_credits_"
        return f"{prefix}{error.year or 1}", error.reason
    return error.field, error.reason


def problem_sentence(field: str, reason: str, missing: bool) -> str:
    """The guidance line for a problem, as a sentence: "Enter the contract years.", "Discount: must be ...".

    A reason that already names its field ("the estimated interactions per year must be ...") is not prefixed with the
    field's name again.
    """
    sentence = reason[:1].upper() + reason[1:]
    if not missing and not reason.lower().startswith(field_name(field).lower()):
        sentence = f"{field_name(field)}: {reason}"
    return sentence if sentence.endswith(".") else sentence + "."
