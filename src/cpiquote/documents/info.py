"""What a document says about itself besides the prices: number, dates, paper."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cpiquote.formatting import document_text
from cpiquote.pricing import InputError
from cpiquote.pricing.quotation import NoticeKind

if TYPE_CHECKING:
    from cpiquote.pricing import Quotation

DRAFT_PREFIX = "DRAFT-"
MAX_QUOTE_NUMBER_LENGTH = 40  # a reference to quote back, on every page's header: a few words at most
MAX_PRICEBOOK_TEXT_LENGTH = 200  # a price book's name or version, printed in every document's footer
PAPER_SIZES = ("letter", "a4")
# Notices a customer may read: the minimum order, and an order below the forecast (its overage is invoiced to them).
# Approval, price-break advice and the sense checks (services, pass-through, a falling ramp) are for the sales person only.
CUSTOMER_NOTICE_KINDS = frozenset({NoticeKind.MINIMUM_APPLIED, NoticeKind.UNDER_ORDERED})


@dataclass(frozen=True)
class DocumentInfo:
    """The quote number, dates and paper of a PDF or workbook."""

    quote_number: str
    quote_date: dt.date
    valid_until: dt.date
    paper: str  # "letter" or "a4"
    approved: bool = False  # its discount was approved in the quote library (by someone allowed to)

    @property
    def is_draft(self) -> bool:
        """True for a quote without a real number yet."""
        return self.quote_number.startswith(DRAFT_PREFIX)


def subject_to_approval(quotation: Quotation, info: DocumentInfo) -> bool:
    """True when the quote's discount is above the price book's approval level and nobody has approved it: its
    documents say so wherever the customer reads them, so it cannot pass for an offer."""
    return not info.approved and any(notice.kind is NoticeKind.APPROVAL_REQUIRED for notice in quotation.warnings)


def default_paper(currency: str) -> str:
    """Letter for US-dollar price books, A4 elsewhere."""
    return "letter" if currency == "USD" else "a4"


def document_info(
    quotation: Quotation,
    quote_number: str | None = None,
    quote_date: dt.date | None = None,
    paper: str | None = None,
    approved: bool = False,
) -> DocumentInfo:
    """Document details with the defaults: a draft number, today, validity from the price book."""
    day = quote_date or dt.date.today()
    try:
        valid_until = day + dt.timedelta(days=quotation.pricebook.quote_validity_days)
    except OverflowError:
        raise InputError("quote_date", f"{day.isoformat()} is too far ahead: the quote would be valid past the year 9999") from None
    given = document_text("quote_number", quote_number or "", MAX_QUOTE_NUMBER_LENGTH)
    number = given or f"{DRAFT_PREFIX}{day:%Y%m%d}-{quotation.pricebook.short_hash[:6].upper()}"
    return DocumentInfo(
        quote_number=number,
        quote_date=day,
        valid_until=valid_until,
        paper=paper or default_paper(quotation.pricebook.currency),
        approved=approved,
    )


def check_document_text(quotation: Quotation, info: DocumentInfo) -> None:
    """Refuse (InputError naming the field) a customer, contact, quote number or price book name no document can hold.

    The one check before any document writer: text read from the window, the command line or a quote file has passed
    it already, and a request built any other way cannot reach a PDF or a workbook without it.
    """
    from cpiquote.quote.inputs import INPUTS, Kind, checked_text

    request = quotation.request
    for entry in INPUTS:
        if entry.kind is Kind.TEXT and entry.request_key is not None:
            checked_text(entry, getattr(request, entry.request_key))
    document_text("quote_number", info.quote_number, MAX_QUOTE_NUMBER_LENGTH)
    for what, text in (("name", quotation.pricebook.name), ("version", quotation.pricebook.version)):
        try:
            document_text("pricebook", text, MAX_PRICEBOOK_TEXT_LENGTH)
        except InputError as error:  # a shared file: every seller's documents would break on it, so say whose fix it is
            reason = error.reason.split("; ")[0]
            raise InputError("pricebook", f"the price book's {what} {reason}; ask whoever keeps it for a corrected one") from None
