"""The use cases both front ends call: load a price book, price a quote, export it, save and open a quote."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from cpiquote import pricing
from cpiquote.pricing import InputError, PriceBook, load_pricebook
from cpiquote.pricing.files import UnreadableFile, read_small_file
from cpiquote.resources import sample_pricebook_path

if TYPE_CHECKING:  # the engine and the documents load when first used, not when a window opens
    from cpiquote.documents.info import DocumentInfo
    from cpiquote.pricing import Quotation, QuoteRequest
    from cpiquote.pricing.renewal import RenewalAnalysis
    from cpiquote.quote.document import QuoteDocument

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
    """The bytes of the document for a file ending in `suffix` (.pdf or .xlsx)."""
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
    return write_atomically(target, content)


def _export_target(path: str | Path) -> Path:
    """The file a document goes to; refused before any work when its extension or folder will not do."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise InputError("output", f"cannot write {suffix or 'a file without an extension'}; name the file .pdf or .xlsx")
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist; choose an existing folder")
    return target


def export_renewal(analysis: RenewalAnalysis, renewal_quotation: Quotation, path: str | Path, info: DocumentInfo | None = None) -> Path:
    """Write the renewal analysis with its recommended option and the renewal quote as PDF or XLSX, atomically.

    `info` is the renewal quote's (a draft number and today when None).
    """
    target = _export_target(path)
    from cpiquote.documents.info import document_info

    info = info or document_info(renewal_quotation)
    if target.suffix.lower() == ".pdf":
        from cpiquote.documents.pdf.renewal import render_renewal_pdf

        return write_atomically(target, render_renewal_pdf(analysis, renewal_quotation, info))
    from cpiquote.documents.xlsx.renewal import render_renewal_xlsx

    return write_atomically(target, render_renewal_xlsx(analysis, renewal_quotation, info))


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
    folder = target.parent
    temporary: Path | None = None
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
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        reason = _why(error) if temporary is not None or error.errno in _KNOWN else _folder_refuses(folder, error)
        raise ExportError(f"{target}: cannot be written: {reason}") from None
    return target


MAX_QUOTE_FILE_BYTES = 10_000_000  # a quote is a few kilobytes of JSON: anything larger is the wrong file


def save_quote(document: QuoteDocument, path: str | Path) -> Path:
    """Save the quote as a `.cpiquote` file, atomically, and remember it as saved there; raises ExportError."""
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise ExportError(f"{target}: the folder {target.parent} does not exist; choose an existing folder")
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
