"""The use cases both front ends call: load a price book, price a quote, export it, save and open a quote, store it in
the quote library, and read usage for a renewal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cpiquote import pricing
from cpiquote.pricing import InputError, PriceBook, load_pricebook
from cpiquote.pricing.files import UnreadableFile, read_small_file
from cpiquote.resources import sample_pricebook_path

if TYPE_CHECKING:  # the engine and the documents load when first used, not when a window opens
    from cpiquote.documents.info import DocumentInfo
    from cpiquote.pricing import Quotation, QuoteRequest
    from cpiquote.pricing.renewal import RenewalAnalysis, Subscription
    from cpiquote.quote.document import QuoteDocument
    from cpiquote.store import RevisionRef, Store, StoredRevision

PRICEBOOK_ENVIRONMENT_VARIABLE = "CPIQUOTE_PRICEBOOK"


def default_pricebook_path() -> Path:
    """The price book used when none is chosen: $CPIQUOTE_PRICEBOOK when set, else the shipped sample."""
    chosen = os.environ.get(PRICEBOOK_ENVIRONMENT_VARIABLE, "").strip()
    return Path(chosen) if chosen else sample_pricebook_path()


def open_pricebook(path: str | Path | None = None) -> PriceBook:
    """Load and check a price book (the default one when `path` is None); raises PriceBookError."""
    return load_pricebook(default_pricebook_path() if path is None else path)


def price(pricebook: PriceBook, request: QuoteRequest) -> Quotation:
    """Price a quote; raises InputError naming the field when the request cannot be priced.

    An estimate too large to price names the conversations, what the person gave, not the interactions worked out.
    """
    try:
        return pricing.price_quote(pricebook, request)
    except InputError as error:
        if error.field == "interactions" and request.estimate is not None:
            raise InputError("conversations", f"the estimated interactions per year {error.reason}") from None
        raise


EXPORT_FORMATS = {".pdf": "PDF", ".xlsx": "Excel workbook"}


class ExportError(Exception):
    """A document could not be written; the message says where and what to do. Nothing partial is left."""


def render_document(quotation: Quotation, info: DocumentInfo, suffix: str) -> bytes:
    """The bytes of the document for a file ending in `suffix` (.pdf or .xlsx); its text checked first (InputError)."""
    from cpiquote.documents.info import check_document_text

    check_document_text(quotation, info)
    if suffix == ".pdf":
        from cpiquote.documents.pdf.document import render_pdf

        return render_pdf(quotation, info)
    if suffix == ".xlsx":
        from cpiquote.documents.xlsx.workbook import render_xlsx

        return render_xlsx(quotation, info)
    raise InputError("output", f"cannot write {suffix or 'a file without an extension'}; name the file .pdf or .xlsx")


def export(quotation: Quotation, path: str | Path, info: DocumentInfo | None = None) -> Path:
    """Write the quote as PDF or XLSX (by extension) atomically: a temporary file beside it, then a rename."""
    target = _export_target(path)
    from cpiquote.documents.info import document_info

    content = render_document(quotation, info or document_info(quotation), target.suffix.lower())
    return write_atomically(target, _whole_document(target, content))


def _export_target(path: str | Path) -> Path:
    """The file a document goes to; refused before any work when its extension or folder will not do."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise InputError("output", f"cannot write {suffix or 'a file without an extension'}; name the file .pdf or .xlsx")
    check_target(target)
    return target


MAX_PATH_BYTES = 4096  # Linux's PATH_MAX; macOS takes 1,024, and Windows says so itself
MAX_NAME_BYTES = 255  # a file or folder name, on every common file system


def check_target(target: Path) -> None:
    """Refuse, before any work, a file path the system cannot take: too long, in a folder that is missing, not a
    folder, or behind a symbolic link that leads back to itself. Raises ExportError naming the path and what to do."""
    length = len(os.fsencode(target))
    if length > MAX_PATH_BYTES:
        raise ExportError(
            f"the path is too long; choose a shorter one (a path may be at most {MAX_PATH_BYTES:,} bytes, this one is {length:,})"
        )
    for part in target.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise ExportError(
                f"{part[:40]}...: the file name is too long; choose a shorter name (a file or folder name may be at most "
                f"{MAX_NAME_BYTES} bytes, this one is {len(os.fsencode(part)):,})"
            )
    try:
        folder = os.stat(target.parent)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ExportError(f"{target}: cannot be written: {_KNOWN[errno.ELOOP]}") from None
        raise ExportError(f"{target}: the folder {target.parent} does not exist; choose an existing folder") from None
    if not stat.S_ISDIR(folder.st_mode):
        raise ExportError(f"{target}: {target.parent} is not a folder; choose an existing folder")


def export_renewal(analysis: RenewalAnalysis, renewal_quotation: Quotation, path: str | Path, info: DocumentInfo | None = None) -> Path:
    """Write the renewal analysis with its recommended option and the renewal quote as PDF or XLSX, atomically.

    `info` is the renewal quote's (a draft number and today when None).
    """
    target = _export_target(path)
    from cpiquote.documents.info import check_document_text, document_info

    info = info or document_info(renewal_quotation)
    check_document_text(renewal_quotation, info)
    if target.suffix.lower() == ".pdf":
        from cpiquote.documents.pdf.renewal import render_renewal_pdf

        return write_atomically(target, _whole_document(target, render_renewal_pdf(analysis, renewal_quotation, info)))
    from cpiquote.documents.xlsx.renewal import render_renewal_xlsx

    return write_atomically(target, _whole_document(target, render_renewal_xlsx(analysis, renewal_quotation, info)))


def _whole_document(target: Path, content: bytes) -> bytes:
    """`content` once it is known to be a whole PDF or workbook: a broken one never takes the place of a good file."""
    if target.suffix.lower() == ".pdf":
        whole = content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    else:
        whole = _whole_zip(content)
    if not whole:
        raise ExportError(f"{target}: not written: the document came out incomplete, so the file there is kept; please report this")
    return content


def _whole_zip(content: bytes) -> bool:
    """True when `content` is a zip (a workbook) whose every part reads back with its checksum."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def _file_mode(target: Path) -> int:
    """The permissions the written file should have: those of the file it replaces, else what the umask allows a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_KNOWN = {
    errno.ENAMETOOLONG: "the file name is too long; choose a shorter name",
    errno.EACCES: "no permission to write there; choose another folder",
    errno.EPERM: "no permission to write there; choose another folder",
    errno.EROFS: "the folder is read-only; choose another folder",
    errno.ENOSPC: "the disk is full; free some space or choose another disk",
    errno.EDQUOT: "the disk quota is used up; free some space or choose another disk",
    errno.EBUSY: "the file is in use (open in another program?); close it and try again",
    errno.ELOOP: "a symbolic link on the way leads back to itself (a symlink loop); fix the link or choose another folder",
    errno.EISDIR: "it is a folder; give a file name inside it, such as quote.pdf",
}


def _why(error: OSError) -> str:
    """What to do about an error writing a document, in a person's words."""
    return _KNOWN.get(error.errno or 0, f"{error.strerror or error}; choose another folder or name")


def _folder_refuses(folder: Path, error: OSError) -> str:
    """Why a folder that exists took no new file (/proc, a mount that is gone), naming the folder and what to do."""
    return f"the folder {folder} does not take new files ({error.strerror or error}); choose another folder, such as Documents"


def write_atomically(target: Path, content: bytes) -> Path:
    """Write `content` to `target` so that a reader sees the old file or the whole new one, never a part.

    A read-only file is not replaced: a rename would get past its protection (it needs only the folder's permission).
    """
    check_target(target)
    folder = target.parent
    temporary: Path | None = None
    renamed = False
    try:
        if target.exists() and not target.stat().st_mode & stat.S_IWUSR:
            raise ExportError(f"{target}: the file is read-only; choose another name, or make it writable first")
        # a short temporary name: one built from the target's name would pass 255 bytes before the target does
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".cpiquote-", suffix=".part", delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _file_mode(target))  # the temporary file is private (0600); the document must not be
        os.replace(temporary, target)
        renamed = True
    except OSError as error:
        reason = _why(error) if temporary is not None or error.errno in _KNOWN else _folder_refuses(folder, error)
        raise ExportError(f"{target}: cannot be written: {reason}") from None
    finally:  # an error or Ctrl-C (KeyboardInterrupt) before the rename: the folder is left as it was
        if temporary is not None and not renamed:
            temporary.unlink(missing_ok=True)
    return target


MAX_QUOTE_FILE_BYTES = 10_000_000  # a quote is a few kilobytes of JSON: anything larger is the wrong file


def save_quote(document: QuoteDocument, path: str | Path) -> Path:
    """Save the quote as a `.cpiquote` file, atomically, and remember it as saved there; raises ExportError."""
    target = Path(path).expanduser()
    check_target(target)
    written = write_atomically(target, document.to_bytes())
    document.path = written
    document.mark_saved()
    return written


def open_quote(path: str | Path) -> QuoteDocument:
    """The quote saved in a `.cpiquote` file; raises QuoteFileError naming the file and what to do.

    Only a regular file is read, and only up to MAX_QUOTE_FILE_BYTES: a pipe, a device or a video chosen by mistake
    is refused at once instead of hanging the app or filling its memory.
    """
    from cpiquote.quote.document import QuoteDocument

    file = Path(path).expanduser()
    document = QuoteDocument.from_bytes(_read_quote_file(file), file.name)
    document.path = file
    return document


def _read_quote_file(file: Path) -> bytes:
    from cpiquote.quote.document import QuoteFileError

    try:
        return read_small_file(file, MAX_QUOTE_FILE_BYTES, "quote", "choose a .cpiquote file")
    except UnreadableFile as error:
        raise QuoteFileError(file.name, error.reason) from None


# --- the quote library (cpiquote.store) ------------------------------------------------------------------------------

AUTHOR_ENVIRONMENT_VARIABLE = "CPIQUOTE_AUTHOR"


def current_author() -> str:
    """Who is saving: $CPIQUOTE_AUTHOR when set, else the operating system's user name."""
    import getpass

    return os.environ.get(AUTHOR_ENVIRONMENT_VARIABLE, "").strip() or getpass.getuser()


def new_quote() -> QuoteDocument:
    """A new, empty quote whose sales person is whoever is using the app (`current_author`)."""
    from cpiquote.quote.document import QuoteDocument

    return QuoteDocument(sales_person=current_author())


def _pricebook_content(pricebook: PriceBook, path: str | Path) -> bytes:
    """The bytes of the price book file `pricebook` was read from; refuses a file that changed since."""
    from cpiquote.store import StoreError

    try:
        content = read_small_file(Path(path), 10_000_000, "price book", "give the path of a .toml price book file")
    except UnreadableFile as error:
        raise StoreError(f"{path}: {error.reason}") from None
    if hashlib.sha256(content).hexdigest() != pricebook.sha256:
        raise StoreError(f"{path} changed since the quote was priced; price the quote again")
    return content


def save_to_library(store: Store, quotation: Quotation, pricebook_path: str | Path, number: str | None = None) -> RevisionRef:
    """Store a priced quote as a new numbered draft, or (with `number`) as that quote's next revision."""
    from cpiquote.quote.document import QuoteDocument

    content = _pricebook_content(quotation.pricebook, pricebook_path)
    document = QuoteDocument.of_request(quotation.request, quotation.pricebook, Path(pricebook_path).resolve())
    if number is None:
        return store.save_new(document, quotation, current_author(), content)
    return store.revise(number, document, quotation, current_author(), content)


def revise_with_stored_pricebook(store: Store, number: str, request: QuoteRequest, stored: StoredRevision) -> RevisionRef:
    """Store `request`, priced with the price book `stored` was priced with, as the next revision of `number`."""
    from cpiquote.quote.document import QuoteDocument

    pricebook = stored.pricebook()
    quotation = price(pricebook, request)
    document = QuoteDocument.of_request(request, pricebook, stored.pricebook_source)
    return store.revise(number, document, quotation, current_author(), stored.pricebook_content.encode())


def stored_quotation(stored: StoredRevision) -> Quotation:
    """The revision's quotation, re-priced with its own stored price book and checked against every stored figure.

    The documents read a Quotation object; this gives one whose figures are exactly those stored. Should an engine
    of another version price them differently, the revision is refused rather than shown with other figures.
    """
    from cpiquote.documents.json import quotation_to_dict
    from cpiquote.quote.inputs import request_from_dict
    from cpiquote.store import StoreError

    figures = stored.figures
    quotation = price(stored.pricebook(), request_from_dict(figures["request"]))
    if _without_wording(quotation_to_dict(quotation)) != _without_wording(figures):
        raise StoreError(
            f"{stored.number} revision {stored.revision} was priced by another version of CPI Quote and its figures "
            "cannot be reproduced here; `cpiquote quotes show` still shows them as stored"
        )
    return quotation


def _without_wording(figures: dict[str, object]) -> dict[str, object]:
    """The figures without the sentences about them, which a new version of the app may word differently."""
    kept = {key: value for key, value in figures.items() if key not in ("warnings", "notices")}
    notices = figures.get("notices")
    kept["notices"] = [{k: v for k, v in notice.items() if k != "message"} for notice in notices] if isinstance(notices, list) else notices
    return kept


def import_to_library(store: Store, path: str | Path, pricebook_path: str | Path | None = None) -> RevisionRef:
    """Store a `.cpiquote` file's exported scenario as a new numbered draft.

    It is priced with the price book the file records when that file is still there unchanged, else with
    `pricebook_path` (or the default price book).
    """
    document = open_quote(path)
    pricebook, chosen = _pricebook_for(document, pricebook_path)
    quotation = price(pricebook, document.request(document.exported))
    return store.save_new(document, quotation, current_author(), _pricebook_content(pricebook, chosen))


def _pricebook_for(document: QuoteDocument, pricebook_path: str | Path | None) -> tuple[PriceBook, Path]:
    """Price `document` with the price book it records when that file is still there unchanged, else with
    `pricebook_path` (or the default price book); returns that book and its file."""
    chosen = _recorded_pricebook(document) or Path(pricebook_path or default_pricebook_path())
    pricebook = open_pricebook(chosen)
    document.use_pricebook(pricebook, chosen.resolve())
    return pricebook, chosen


def _recorded_pricebook(document: QuoteDocument) -> Path | None:
    """The price book file a quote file records, when it is still there with the same SHA-256."""
    info = document.pricebook_info
    return None if info is None or recorded_pricebook_content(document) is None else Path(info.path)


def recorded_pricebook_content(document: QuoteDocument) -> bytes | None:
    """The text of the price book file the quote records, while that file is still there with the same SHA-256;
    None when there is none, it cannot be read, or it changed since."""
    info = document.pricebook_info
    if info is None:
        return None
    try:
        content = read_small_file(Path(info.path), 10_000_000, "price book", "")
    except UnreadableFile:
        return None
    return content if hashlib.sha256(content).hexdigest() == info.sha256 else None


# --- usage for a renewal (usage-and-renewals.md sections 1 and 2) ------------------------------------------------------


def usage_for_renewal(
    path: str | Path, timezone: str | None, subscription: Subscription, pricebook: PriceBook, as_of: dt.date | None = None,
    recorded_in: str | None = None,
) -> tuple[int, dt.date, tuple[tuple[dt.date, int], ...]]:  # fmt: skip
    """The credits used this contract year through `as_of` (default: the usage's last day), that day, and the daily
    credits for the 90-day forecast, from a conversation log counted in `timezone` or a monthly usage file.

    A log's credits are ceil(interactions x credits per interaction) over the days from the contract year's first day
    through `as_of`. A monthly file counts whole months: from the month the contract year starts in through the month
    of `as_of` (a month's usage cannot be split by day).
    """
    from cpiquote.pricing.engine import credits_per_interaction
    from cpiquote.pricing.renewal import contract_year
    from cpiquote.usage import Features, UsageError, daily_credits, read_usage
    from cpiquote.usage.model import credits_through, last_day

    features = Features(subscription.generative_ai, subscription.intent_manager, subscription.performance_optimizer)
    usage = read_usage(path, timezone, recorded_in=recorded_in, by_day=True, pricebook=pricebook, features=features)
    as_of = as_of or last_day(usage)
    if as_of is None:
        raise UsageError(Path(path).name, "holds no usage; give a conversation log or a monthly usage file with at least one month")
    first = contract_year(subscription, as_of).first_day
    rate = credits_per_interaction(pricebook, *dataclasses.astuple(features))
    daily = tuple((day, credits) for day, credits in daily_credits(usage) if first <= day <= as_of)
    return credits_through(usage, rate, first, as_of), as_of, daily


def accepted_quotation(store: Store, number: str) -> Quotation:
    """Quote `number` as the customer accepted it (its latest revision's stored figures); an InputError naming
    from_quote when it is not accepted."""
    from cpiquote.store import Status

    stored = store.get(number.strip())
    if stored.status is not Status.ACCEPTED:
        raise InputError(
            "from_quote",
            f"{stored.number} is {stored.status.label}: a subscription comes from an accepted quote "
            f"(cpiquote quotes status {stored.number} accepted)",
        )
    return stored_quotation(stored)


def subscription_from_library(store: Store, number: str, start: dt.date) -> Subscription:
    """The running subscription of quote `number`, accepted by the customer: its first year's credits, price per credit
    and overage price, its length, features and discount, as stored (the figures the customer signed)."""
    from cpiquote.pricing.renewal import Subscription

    quotation = accepted_quotation(store, number)
    year, request = quotation.first_year, quotation.request
    return Subscription(
        start, request.years, year.annual_credits, year.price_per_credit, year.overage_price_per_credit,
        request.generative_ai, request.intent_manager, request.performance_optimizer, request.discount_percent,
    )  # fmt: skip


# --- proposals: several scenarios of one quote as options (documents/proposal.py) ---------------------------------------


def open_quote_to_price(path: str | Path, pricebook_path: str | Path | None = None) -> QuoteDocument:
    """A `.cpiquote` file ready to price: with the price book it records when that file is still there unchanged, else
    with `pricebook_path` (or the default price book)."""
    document = open_quote(path)
    _pricebook_for(document, pricebook_path)
    return document


def scenario_quotations(document: QuoteDocument, names: Sequence[str] = ()) -> list[Quotation]:
    """The quotations of the scenarios named `names` ("Scenario B" or just "B"), in that order; every scenario when
    none are named. Raises InputError naming the scenarios there are when a name is not one of them."""
    known = document.scenario_names
    indexes = list(range(len(known)))
    if names:
        by_name = {name.casefold(): i for i, name in enumerate(known)} | {name.split()[-1].casefold(): i for i, name in enumerate(known)}
        missing = [name for name in names if name.strip().casefold() not in by_name]
        if missing:
            raise InputError("scenario", f"{missing[0]!r} is not a scenario of this quote; it has {', '.join(known)}")
        indexes = [by_name[name.strip().casefold()] for name in names]
    pricebook = document.pricebook
    if pricebook is None:
        raise InputError("pricebook", "choose a price book before pricing the quote")
    return [price(pricebook, document.request(index)) for index in indexes]


def export_proposal(quotations: Sequence[Quotation], path: str | Path, info: DocumentInfo | None = None) -> Path:
    """Write `quotations` as one proposal, a PDF or workbook (by extension) with an option each, atomically."""
    target = _export_target(path)
    from cpiquote.documents.info import check_document_text, document_info
    from cpiquote.documents.proposal import proposal_options

    options = proposal_options(quotations)
    info = info or document_info(quotations[0])
    for quotation in quotations:
        check_document_text(quotation, info)
    if target.suffix.lower() == ".pdf":
        from cpiquote.documents.pdf.proposal import render_proposal_pdf

        return write_atomically(target, render_proposal_pdf(options, info))
    from cpiquote.documents.xlsx.proposal import render_proposal_xlsx

    return write_atomically(target, render_proposal_xlsx(options, info))
