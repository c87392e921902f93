"""What the quote library hands back: statuses, references, summaries and stored revisions (frozen dataclasses)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cpiquote.pricing import PriceBook
    from cpiquote.quote.document import QuoteDocument


class Status(Enum):
    """Where a quote (its latest revision) stands."""

    DRAFT = "draft"
    APPROVAL_REQUIRED = "approval_required"  # its discount is above the price book's threshold: approve before sending
    APPROVED = "approved"
    SENT = "sent"  # frozen: changing it makes a new draft revision
    ACCEPTED = "accepted"
    LOST = "lost"
    EXPIRED = "expired"  # sent, and past its valid-until date: never stored, read from SENT and the date

    @property
    def label(self) -> str:
        """The status as people read it: "approval required"."""
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, text: str) -> Status:
        """The status named by `text` ("approval required", "approval_required", "Sent"); raises ValueError listing them."""
        wanted = text.strip().lower().replace(" ", "_").replace("-", "_")
        for status in cls:
            if status.value == wanted:
                return status
        raise ValueError(f"{text!r} is not a status; use one of {', '.join(status.value for status in cls)}")


def effective_status(stored: str, valid_until: dt.date, today: dt.date) -> Status:
    """The status a person sees: a sent quote past its valid-until date reads as expired."""
    status = Status(stored)
    return Status.EXPIRED if status is Status.SENT and valid_until < today else status


@dataclass(frozen=True)
class RevisionRef:
    """A revision of a numbered quote: Q-2026-00042, revision 2."""

    number: str
    revision: int

    @property
    def title(self) -> str:
        """The number and revision as title bars and documents show them: "Q-2026-00042 r2"."""
        return f"{self.number} r{self.revision}"


@dataclass(frozen=True)
class Approval:
    """Who approved a revision's discount, and when."""

    approved_by: str
    approved_at: dt.datetime


@dataclass(frozen=True)
class Customer:
    """A customer of the quote library: name and account number or Site ID (together, its key), the latest billing
    address a quote gave, and every contact its quotes named."""

    name: str
    account: str
    billing_address: str
    contacts: tuple[str, ...]


@dataclass(frozen=True)
class QuoteSummary:
    """One row of the quote library: a quote and its latest revision's status and figures."""

    number: str
    customer: str
    status: Status
    revision: int
    currency: str
    total_contract_value: Decimal
    valid_until: dt.date
    author: str
    created_at: dt.datetime
    updated_at: dt.datetime
    account: str = ""  # its customer's account number or Site ID


@dataclass(frozen=True)
class StoredRevision:
    """A revision exactly as saved: its inputs (the .cpiquote document), its price book's text and every figure."""

    number: str
    revision: int
    status: Status
    customer: str
    author: str
    created_at: dt.datetime
    quote_date: dt.date
    valid_until: dt.date
    sent_at: dt.datetime | None
    approval_required: bool
    approval: Approval | None
    document_json: str  # the .cpiquote file's text
    quotation_json: str  # documents.json.quotation_to_dict, as stored
    pricebook_source: str
    pricebook_content: str  # the price book's TOML text; its UTF-8 bytes hash to pricebook_sha256
    pricebook_sha256: str
    latest_revision: int

    @property
    def figures(self) -> dict[str, Any]:
        """Every stored figure, in the JSON schema of `cpiquote quote --json` (as this version of the app writes it)."""
        from cpiquote.quote.inputs import with_newer_keys

        figures: dict[str, Any] = json.loads(self.quotation_json)
        if isinstance(figures.get("request"), dict):  # stored before the account, notes...: read as without them
            figures["request"] = with_newer_keys(figures["request"])
        return figures

    @property
    def ref(self) -> RevisionRef:
        """This revision's number and revision."""
        return RevisionRef(self.number, self.revision)

    def document(self) -> QuoteDocument:
        """The quote's inputs, as a document the window or the command line can reopen."""
        from cpiquote.quote.document import QuoteDocument

        return QuoteDocument.from_bytes(self.document_json.encode(), f"{self.number} revision {self.revision}")

    def pricebook(self) -> PriceBook:
        """The price book the revision was priced with, from its stored text (not today's file)."""
        from cpiquote.pricing import parse_pricebook

        return parse_pricebook(self.pricebook_content.encode(), self.pricebook_source)
