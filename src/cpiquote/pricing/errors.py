"""Errors a person can act on: each names the field, file or key and says what to do."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input from a person or a file; `field` names what is wrong, `reason` says why.

    `year` (from 1) says which contract year's figure is wrong when a field holds one figure per year.
    """

    def __init__(self, field: str, reason: str, year: int | None = None) -> None:
        self.field = field
        self.reason = reason
        self.year = year
        super().__init__(f"{field}: {self.detail}")

    @property
    def detail(self) -> str:
        """The reason, after the year it is about when there is one: "year 2 must be ..."."""
        return self.reason if self.year is None else f"year {self.year} {self.reason}"


class PriceBookError(InputError):
    """A price book that cannot be used; `problems` lists every problem found, one line each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = tuple(problems)
        joined = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
        super().__init__(source, joined)

    def __str__(self) -> str:
        return "; ".join(self.problems)
