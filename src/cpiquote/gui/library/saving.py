"""The open quote and the quote library: File > Save as a numbered draft, a new revision, a duplicate, a re-price
with the current price book; a stored revision opened in the window; exports that carry the stored number and date.

Every function here takes the window as an `Editor` (what it needs of it), so the library never imports the window.
A store error is shown where the person looks, and the open quote stays as it was, still saveable to a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cpiquote import formatting, services
from cpiquote.gui.common import dialogs
from cpiquote.gui.library.database import open_library
from cpiquote.pricing import InputError
from cpiquote.pricing.files import UnreadableFile, read_small_file
from cpiquote.store import RevisionRef, Status, StoreError

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QStatusBar, QWidget

    from cpiquote.documents.info import DocumentInfo
    from cpiquote.gui.quote.scenarios import Scenario
    from cpiquote.pricing import PriceBook, Quotation
    from cpiquote.quote.document import QuoteDocument
    from cpiquote.store import FigureChange, Store, StoredRevision

T = TypeVar("T")
KEPT = "Nothing was lost: the quote is still open. File > Save to file… keeps it as a .cpiquote file."
MAX_PRICEBOOK_BYTES = 10_000_000


@dataclass(frozen=True)
class LibraryLink:
    """The stored revision the open quote was opened from or last saved as."""

    number: str
    revision: int
    status: Status
    quote_date: dt.date
    approved: bool
    pricebook_sha256: str
    pricebook_content: bytes  # the price book's text as stored, so a revision opened from the library saves again
    document_json: str  # the inputs as stored: an export carries the number only while the quote on screen holds them

    @property
    def title(self) -> str:
        """The number and revision as the title bar and the documents show them: "Q-2026-00043 r2"."""
        return RevisionRef(self.number, self.revision).title


def link_of(stored: StoredRevision) -> LibraryLink:
    """The link of a stored revision."""
    content = stored.pricebook_content.encode()
    approved = stored.approval is not None
    return LibraryLink(
        stored.number, stored.revision, stored.status, stored.quote_date, approved, stored.pricebook_sha256, content, stored.document_json
    )


def _inputs(data: dict[str, Any]) -> dict[str, Any]:
    """A quote's data without where its price book was read from (a revision opened from the library names only its
    file), so that the same inputs with the same price book compare equal."""
    pricebook = data.get("pricebook")
    return {**data, "pricebook": {**pricebook, "path": ""} if isinstance(pricebook, dict) else pricebook}


def holds_stored_inputs(document: QuoteDocument, link: LibraryLink) -> bool:
    """True when `document` holds exactly the inputs of the revision `link` names (and its price book)."""
    return _inputs(document.to_data()) == _inputs(json.loads(link.document_json))


class Editor(Protocol):
    """What the library's commands need of the window."""

    settings: QSettings
    document: QuoteDocument
    library_link: LibraryLink | None

    @property
    def widget(self) -> QWidget: ...

    @property
    def exported(self) -> Scenario: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def show_document(self, document: QuoteDocument, link: LibraryLink | None = None) -> None: ...


def attempt(window: Editor, title: str, action: Callable[[], T]) -> T | None:
    """`action()`, or None after a store or input error was shown in a dialog titled `title` (the quote stays open)."""
    try:
        return action()
    except (StoreError, InputError) as error:
        dialogs.show_error(window.widget, title, f"{error}.\n\n{KEPT}")
        return None


def pricebook_content(document: QuoteDocument, link: LibraryLink | None) -> bytes:
    """The text of the price book the quote is priced with: as stored, or its file's (refused when it changed since)."""
    book, info = document.pricebook, document.pricebook_info
    if book is None or info is None:
        raise StoreError("the quote has no price book; open one with File > Open price book")
    if link is not None and link.pricebook_sha256 == book.sha256:
        return link.pricebook_content
    try:
        content = read_small_file(Path(info.path), MAX_PRICEBOOK_BYTES, "price book", "open the price book again")
    except UnreadableFile as error:
        raise StoreError(f"{info.path}: {error.reason}") from None
    if hashlib.sha256(content).hexdigest() != book.sha256:
        raise StoreError(f"{info.path} changed since the quote was priced; open the price book again with File > Open price book")
    return content


Write = Callable[["Store", "QuoteDocument", "Quotation", bytes], "RevisionRef"]


def _store_open_quote(window: Editor, write: Write, title: str) -> LibraryLink | None:
    """Store the open quote (its exported scenario's figures) with `write`; the new link, or None after a dialog."""
    scenario = window.exported
    quotation = scenario.quotation
    if quotation is None:
        dialogs.show_error(window.widget, title, f"{scenario.name} cannot be priced: {scenario.problem}.\n\n{KEPT}")
        return None

    def store() -> LibraryLink:
        content = pricebook_content(window.document, window.library_link)
        with open_library(window.widget, window.settings) as library:
            ref = write(library, window.document, quotation, content)
            return link_of(library.get(ref.number, ref.revision))

    link = attempt(window, title, store)
    if link is not None:
        window.library_link = link
        window.document.mark_saved()  # the title now shows the number
    return link


def save(window: Editor) -> bool:
    """File > Save: the open quote as a draft in the library: a new number the first time, then the same quote's draft
    (a new revision when the one stored was sent or approved: those never change)."""
    before = window.library_link
    author = services.current_author()

    def write(store: Store, document: QuoteDocument, quotation: Quotation, content: bytes) -> RevisionRef:
        if before is None:
            return store.save_new(document, quotation, author, content)
        return store.save_draft(before.number, document, quotation, author, content)

    link = _store_open_quote(window, write, "Quote not saved")
    if link is None:
        return False
    frozen = before is not None and before.number == link.number and before.revision != link.revision
    note = f" ({before.title} was sent or approved and never changes, so this is a new revision)" if frozen and before else ""
    window.statusBar().showMessage(f"Saved {link.title} ({link.status.label}) in the quote library{note}.", 8000)
    return True


def save_new_revision(window: Editor) -> bool:
    """Quote > New revision: the open quote as the next revision of its number (a new number if it has none)."""
    before = window.library_link
    if before is None:
        return save(window)
    author = services.current_author()
    link = _store_open_quote(
        window,
        lambda store, document, quotation, content: store.revise(before.number, document, quotation, author, content),
        "Revision not saved",
    )
    if link is not None:
        window.statusBar().showMessage(f"Saved {link.title}, a new revision of {link.number}.", 8000)
    return link is not None


def save_duplicate(window: Editor) -> bool:
    """Quote > Duplicate as new quote: the open quote stored under a new number, which the window then shows."""
    author = services.current_author()
    before = window.library_link
    link = _store_open_quote(
        window, lambda store, document, quotation, content: store.save_new(document, quotation, author, content), "Quote not duplicated"
    )
    if link is not None:
        was = f" (a copy of {before.number})" if before is not None else ""
        window.statusBar().showMessage(f"Saved as a new quote {link.title}{was}.", 8000)
    return link is not None


# --- stored revisions --------------------------------------------------------------------------------------------


def open_stored(window: Editor, store: Store, number: str, revision: int | None = None) -> bool:
    """Show a stored revision (the latest by default) in the window, priced with the price book it was stored with."""

    def read() -> tuple[QuoteDocument, LibraryLink]:
        stored = store.get(number, revision)
        document = stored.document()
        document.use_pricebook(stored.pricebook(), stored.pricebook_source)
        document.mark_saved()
        return document, link_of(stored)

    opened = attempt(window, "Quote not opened", read)
    if opened is None:
        return False
    window.show_document(*opened)
    link = opened[1]
    window.statusBar().showMessage(f"Opened {link.title} ({link.status.label}).", 8000)
    return True


def duplicate_stored(store: Store, number: str) -> RevisionRef:
    """A new quote (a new number) with the inputs and figures of `number`'s latest revision."""
    stored = store.get(number)
    quotation = services.stored_quotation(stored)
    return store.save_new(stored.document(), quotation, services.current_author(), stored.pricebook_content.encode())


def revise_stored(store: Store, number: str) -> RevisionRef:
    """A new draft revision of `number`, a copy of its latest, to change and send again."""
    stored = store.get(number)
    quotation = services.stored_quotation(stored)
    return store.revise(number, stored.document(), quotation, services.current_author(), stored.pricebook_content.encode())


@dataclass(frozen=True)
class Repricing:
    """A stored revision priced again with another price book: what would be stored, and every figure's change."""

    stored: StoredRevision
    document: QuoteDocument
    quotation: Quotation
    content: bytes
    changes: list[FigureChange]


def reprice_stored(store: Store, number: str, pricebook: PriceBook, path: Path) -> Repricing:
    """`number`'s latest revision priced with `pricebook` (read from `path`), and its changes; nothing is stored yet."""
    from cpiquote.documents.json import quotation_to_dict
    from cpiquote.store.diff import compare

    stored = store.get(number)
    document = stored.document()
    document.use_pricebook(pricebook, path)
    quotation = services.price(pricebook, document.request(document.exported))
    content = pricebook_content(document, None)
    return Repricing(stored, document, quotation, content, compare(stored.figures, quotation_to_dict(quotation)))


def change_rows(changes: list[FigureChange], currency: str) -> list[tuple[str, str, str, str]]:
    """The changes as a person reads them: figure (and year), before, after, change."""

    def shown(value: Decimal | None, label: str) -> str:
        if value is None:
            return "—"
        if "%" in label:
            return formatting.percent(value)
        if label.startswith("Credits"):
            return formatting.count(int(value))
        return formatting.price(value, currency) if "per credit" in label else formatting.money(value, currency)

    rows = []
    for change in changes:
        label = f"{change.label}, year {change.year}" if change.year is not None else change.label
        delta = change.change
        sign = "+" if delta is not None and delta > 0 else ""
        rows.append(
            (
                label,
                shown(change.before, change.label),
                shown(change.after, change.label),
                sign + shown(delta, change.label) if delta else "no change",
            )
        )
    return rows


def confirm_and_store(window: Editor, store: Store, repricing: Repricing) -> RevisionRef | None:
    """Show the re-priced figures beside the stored ones; store them as a new revision when the person agrees."""
    stored, book = repricing.stored, repricing.quotation.pricebook
    text = (
        f"{stored.number} revision {stored.revision} ({stored.status.label}) priced with {book.name} (version {book.version}). "
        f"The revision as stored does not change; a new draft revision {stored.latest_revision + 1} holds the new figures."
    )
    rows = change_rows(repricing.changes, book.currency)
    if not dialogs.ask_confirm_changes(window.widget, "Re-price with the current price book", text, rows, "Create revision"):
        return None
    author = services.current_author()
    return store.revise(stored.number, repricing.document, repricing.quotation, author, repricing.content)


def export_info(window: Editor, quotation: Quotation) -> DocumentInfo | None:
    """What an export of `quotation` says of itself: the stored number, revision and date when the quote on screen is
    that revision unchanged; None (a draft) otherwise, since a numbered offer must hold exactly the stored figures."""
    from cpiquote.documents.info import document_info

    link = window.library_link
    if link is None or not holds_stored_inputs(window.document, link):
        return None
    link = _as_stored_now(window, link)
    return document_info(quotation, link.title, link.quote_date, approved=link.approved)


def _as_stored_now(window: Editor, link: LibraryLink) -> LibraryLink:
    """`link` as the library holds it now, which the window keeps from then on: someone may have approved the
    revision since it was opened (in the library's dialog, or on another computer sharing the database). As the window
    knew it when the library cannot be reached, or no longer holds that revision with these inputs."""
    try:
        with open_library(window.widget, window.settings) as library:
            current = link_of(library.get(link.number, link.revision))
    except StoreError:
        return link
    if not holds_stored_inputs(window.document, current):  # another library, or another quote under that number
        return link
    window.library_link = current
    return current
