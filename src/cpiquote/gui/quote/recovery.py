"""Autosave of the open quote to a recovery file, and its offer at the next start after a crash.

A few seconds after each change (and when the window starts closing) the quote's unsaved state is written, atomically,
to a file of its own in the user data folder: not to the library, whose revisions a person makes on purpose. A clean
close removes it. The window holds a lock (QLockFile) beside its file while it runs: a file whose lock can be taken
at the next start belongs to a window that is gone without closing, and is offered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QLockFile, QObject, QTimer

from cpiquote import services
from cpiquote.gui.common import dialogs
from cpiquote.pricing import InputError, parse_pricebook
from cpiquote.quote.document import QuoteDocument

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QStatusBar, QWidget

    from cpiquote.gui.library.saving import LibraryLink

FORMAT = "cpiquote-recovery"
SUFFIX = ".recovery.json"
DELAY_MS = 3000  # after the last change: typing is not interrupted by writes
# The quote library (and SQLAlchemy under it, some 400 ms to import) loads only for a quote that came from it: this
# module starts with every window, and a quote never saved to the library needs none of it.


def folder() -> Path:
    """Where recovery files are kept: the user data folder's "recovery"."""
    import platformdirs

    return platformdirs.user_data_path("CPI Quote", appauthor=False) / "recovery"


@dataclass(frozen=True)
class Recovered:
    """A quote whose changes were not saved, as its recovery file holds it."""

    path: Path
    document: QuoteDocument
    link: LibraryLink | None
    written_at: str

    @property
    def name(self) -> str:
        """The quote as a person knows it, and when it was last autosaved."""
        what = self.link.title if self.link is not None else self.document.customer.strip() or "Untitled quote"
        return f"{what} (autosaved {self.written_at})"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path.with_suffix(".lock")))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long a window stays open
    return lock


class Autosave(QObject):
    """The open quote's recovery file: written `DELAY_MS` after the last change, removed on a clean close."""

    def __init__(self, state: Callable[[], tuple[QuoteDocument, LibraryLink | None]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.path = folder() / f"unsaved-{uuid.uuid4().hex}{SUFFIX}"
        self.lock: QLockFile | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.write)

    def changed(self) -> None:
        """The quote changed: write it once the changes pause."""
        self.timer.start()

    def write(self) -> None:
        """Write the quote's unsaved state now (or remove the file when nothing is unsaved)."""
        self.timer.stop()
        document, link = self.state()
        if not document.is_modified():
            self.remove()
            return
        if self.lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.lock = _lock(self.path)
            self.lock.tryLock(0)
        with contextlib.suppress(services.ExportError):  # a safety net: a full disk must not interrupt typing with dialogs
            services.write_atomically(self.path, _content(document, link))

    def remove(self) -> None:
        """Nothing to recover: remove the file and its lock (a clean close, or the quote saved)."""
        self.timer.stop()
        self.path.unlink(missing_ok=True)
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


def _content(document: QuoteDocument, link: LibraryLink | None) -> bytes:
    """The recovery file: the quote's inputs, its price book's text, its library revision and its file."""
    info = document.pricebook_info
    data: dict[str, Any] = {
        "format": FORMAT,
        "written_at": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
        "quote": document.to_data(),
        "pricebook_text": _pricebook_text(document, link),
        "pricebook_path": info.path if info is not None else None,
        "file": str(document.path) if document.path is not None else None,
        "library": None if link is None else _link_data(link),
    }
    return json.dumps(data, ensure_ascii=False).encode()


def _pricebook_text(document: QuoteDocument, link: LibraryLink | None) -> str | None:
    """The text of the quote's price book, so that it is restored priced as it was even if the file changes: as the
    library stored it, else its file's while it is still the book the quote is priced with; None when neither is."""
    book = document.pricebook
    if book is None:
        return None
    if link is not None and link.pricebook_sha256 == book.sha256:
        content: bytes | None = link.pricebook_content
    else:
        content = services.recorded_pricebook_content(document)
    try:
        return None if content is None else content.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _link_data(link: LibraryLink) -> dict[str, Any]:
    return {
        "number": link.number,
        "revision": link.revision,
        "status": link.status.value,
        "quote_date": link.quote_date.isoformat(),
        "approved": link.approved,
        "pricebook_sha256": link.pricebook_sha256,
        "pricebook_content": link.pricebook_content.decode(),
        "document_json": link.document_json,
    }


# --- at the next start ----------------------------------------------------------------------------------------------


def leftovers() -> list[Recovered]:
    """The quotes of windows that ended without closing (a crash, a power cut), newest first; each file stays locked by
    this process until `discard`ed or `release`d. A file that cannot be read is skipped (and left as it is)."""
    found = []
    for path in sorted(folder().glob(f"unsaved-*{SUFFIX}"), key=lambda each: each.stat().st_mtime, reverse=True):
        lock = _lock(path)
        if not lock.tryLock(0):
            continue  # another window of CPI Quote is running with it
        recovered = _read(path)
        if recovered is None:
            lock.unlock()
            continue
        _held[path] = lock
        found.append(recovered)
    return found


_held: dict[Path, QLockFile] = {}  # the locks of leftover files being offered


def release(recovered: Recovered) -> None:
    """Leave a leftover file for a later start."""
    lock = _held.pop(recovered.path, None)
    if lock is not None:
        lock.unlock()


def discard(recovered: Recovered) -> None:
    """Remove a leftover file: restored into a window (which autosaves it anew), or declined."""
    recovered.path.unlink(missing_ok=True)
    release(recovered)


def _read(path: Path) -> Recovered | None:
    """The quote a recovery file holds, priced with the price book it had; None when the file cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        quote = {**data["quote"], "pricebook": None}  # read without a price book, then given it: unsaved, as it was
        document = QuoteDocument.from_bytes(json.dumps(quote).encode(), path.name)
        book_path = str(data.get("pricebook_path") or services.default_pricebook_path())
        text = data.get("pricebook_text")
        book = parse_pricebook(text.encode(), Path(book_path).name) if text else services.open_pricebook(book_path)
        document.use_pricebook(book, book_path)
        document.path = Path(data["file"]) if data.get("file") else None
        link = _link_of(data["library"]) if data.get("library") else None
    except (OSError, ValueError, KeyError, TypeError, InputError):
        return None
    return Recovered(path, document, link, str(data.get("written_at", "")))


def _link_of(data: dict[str, Any]) -> LibraryLink:
    from cpiquote.gui.library.saving import LibraryLink
    from cpiquote.store import Status

    return LibraryLink(
        str(data["number"]),
        int(data["revision"]),
        Status(data["status"]),
        dt.date.fromisoformat(data["quote_date"]),
        bool(data["approved"]),
        str(data["pricebook_sha256"]),
        str(data["pricebook_content"]).encode(),
        str(data["document_json"]),
    )


class Restoring(Protocol):
    """What offering a leftover quote needs of the window."""

    document: QuoteDocument

    @property
    def widget(self) -> QWidget: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def show_document(self, document: QuoteDocument, link: LibraryLink | None = None) -> None: ...


def offer_leftovers(window: Restoring, autosave: Autosave) -> None:
    """At the start: offer the quote a crashed window left unsaved (the newest, if several: one window shows one quote;
    the others are offered at the next start). Declined, it is removed; with nobody to answer, it is kept."""
    found = leftovers()
    if not found:
        return
    answer = None if window.document.is_modified() else dialogs.ask_restore_unsaved(window.widget, [each.name for each in found])
    for index, leftover in enumerate(found):
        if answer is None or (answer and index > 0):
            release(leftover)
            continue
        if answer:
            window.show_document(leftover.document, leftover.link)
            window.statusBar().showMessage(f"Restored {leftover.name}: save it to keep it.", 10000)
            autosave.write()  # the window's own recovery file holds it from now on
        discard(leftover)
