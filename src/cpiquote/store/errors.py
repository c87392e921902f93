"""The quote library's one error: a message a person can act on, naming the database (never its password)."""

from __future__ import annotations


class StoreError(Exception):
    """The quote library cannot do what was asked; the message names the database, quote or revision and what to do.

    The open quote is never lost by one: it can still be saved to a `.cpiquote` file or exported.
    """
