"""What the window's commands do: new, open and save a quote (in the quote library, or to a file), a new revision, a
duplicate, a re-price with the current price book, open a price book, export a document, apply a price break, show
About.

The functions take the window as a `Workspace`: what they need of it, named here, so this module never imports the
window's (which imports this one).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QStandardPaths, QUrl

from cpiquote import __version__, formatting, services
from cpiquote.gui.common import dialogs
from cpiquote.gui.common.theme import set_text_tone
from cpiquote.pricing import InputError, PriceBook, PriceBookError
from cpiquote.quote.document import SUFFIX, QuoteDocument, QuoteFileError

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

    from cpiquote.documents.info import DocumentInfo
    from cpiquote.gui.library.saving import LibraryLink
    from cpiquote.gui.quote.scenarios import Scenario
    from cpiquote.pricing import Quotation


class Workspace(Protocol):
    """What the commands need of the window."""

    settings: QSettings
    document: QuoteDocument
    scenarios: list[Scenario]
    pricebook_label: QLabel
    library_link: LibraryLink | None  # the stored revision the quote was opened from or saved as

    @property
    def widget(self) -> QWidget: ...  # the parent of the dialogs

    @property
    def pricebook(self) -> PriceBook: ...

    @property
    def exported(self) -> Scenario: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def show_document(self, document: QuoteDocument, link: LibraryLink | None = None) -> None: ...


PRICEBOOK_KEY = "pricebook/path"
PRICEBOOK_FOLDER_KEY = "pricebook/folder"
EXPORT_FOLDER_KEY = "export/folder"
QUOTE_FOLDER_KEY = "quote/folder"
QUOTE_FILTER = f"CPI quotes (*{SUFFIX});;All files (*)"
FORMATS = {".pdf": ("Export PDF", "PDF documents (*.pdf)"), ".xlsx": ("Export Excel workbook", "Excel workbooks (*.xlsx)")}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


# --- the quote file ---------------------------------------------------------------------


def settle_changes(window: Workspace, action: str) -> bool:
    """Before `action` ("closing", "opening another quote"...) drops the open quote: True when nothing unsaved is lost,
    because there was nothing, the person saved it, or chose to discard it; False when they cancelled (or saving failed)."""
    if not window.document.is_modified():
        return True
    answer = dialogs.ask_save_changes(window.widget, quote_name(window.document, window.library_link), action)
    if answer == dialogs.SAVE:
        return save_quote(window)
    return answer == dialogs.DISCARD


def quote_name(document: QuoteDocument, link: LibraryLink | None = None) -> str:
    """What the person calls the open quote: its number and revision in the library, else its file's name, else its
    customer's, else "Untitled quote"."""
    if link is not None:
        return link.title
    if document.path is not None:
        return document.path.name
    return document.customer.strip() or "Untitled quote"


def new_quote(window: Workspace) -> None:
    """File > New quote: an empty quote, priced with the price book in use, once the open one is settled."""
    if settle_changes(window, "starting a new quote"):
        document = services.new_quote()
        document.use_pricebook(window.pricebook, _pricebook_path(window))
        document.mark_saved()
        window.show_document(document, None)
        window.statusBar().showMessage("New quote.", 4000)


def _pricebook_path(window: Workspace) -> str:
    info = window.document.pricebook_info
    return info.path if info is not None else ""


def open_quote(window: Workspace, path: str = "") -> bool:
    """File > Open quote (or a file named on the command line): show the quote saved at `path`, chosen in a dialog when
    not given; a file that cannot be opened is explained and the open quote stays as it is."""
    if not settle_changes(window, "opening another quote"):
        return False
    if not path:
        folder = str(window.settings.value(QUOTE_FOLDER_KEY, "", type=str)) or _documents_folder()
        path = dialogs.ask_open_path(window.widget, "Open quote", folder, QUOTE_FILTER)
        if not path:
            return False
    try:
        document = services.open_quote(path)
    except QuoteFileError as error:
        dialogs.show_error(window.widget, "Quote not opened", f"{error}.\n\nThe quote on screen is unchanged.")
        return False
    note = _price_opened(window, document)
    window.settings.setValue(QUOTE_FOLDER_KEY, str(Path(path).resolve().parent))
    window.show_document(document, None)  # a file: not (or no longer) the library's revision
    window.statusBar().showMessage(note or f"Opened {Path(path).name}.", 8000)
    return True


def _price_opened(window: Workspace, document: QuoteDocument) -> str:
    """Give an opened quote a price book: the one it was saved with when that can still be read unchanged, else the one
    in use, and say so (its figures may then differ from those the customer was sent). Returns that note, or ""."""
    info = document.pricebook_info
    if info is None or info.sha256 == window.pricebook.sha256:
        document.use_pricebook(window.pricebook, info.path if info is not None else _pricebook_path(window))
        document.mark_saved()  # the same price book, wherever it was read from: nothing changed
        return ""
    try:
        saved_with = services.open_pricebook(info.path)
    except InputError:
        saved_with = None
    if saved_with is not None and saved_with.sha256 == info.sha256:
        document.use_pricebook(saved_with, info.path)
        document.mark_saved()
        return f"Opened {quote_name(document)}, priced with its own price book {saved_with.name} (version {saved_with.version})."
    document.use_pricebook(window.pricebook, _pricebook_path(window))  # the quote changed: it is marked modified
    note = (
        f"{quote_name(document)} was priced with {info.name} (version {info.version}), which is no longer at "
        f"{info.path} as it was. It is priced with {window.pricebook.name} (version {window.pricebook.version}) now; "
        "its figures may differ from those sent to the customer. Open the original price book with File > Open price book."
    )
    dialogs.show_error(window.widget, "Quote priced with another price book", note)
    return f"Priced with {window.pricebook.name}: the price book it was saved with cannot be found."


def save_quote(window: Workspace) -> bool:
    """File > Save: in the quote library as a draft (a new number the first time); True when saved. A store error is
    shown and the quote stays open, to be saved to a file instead."""
    from cpiquote.gui.library import saving  # the library, and SQLAlchemy, load when first used: see gui.app

    return saving.save(window)


def save_quote_as(window: Workspace) -> bool:
    """File > Save to file: a .cpiquote file chosen in a dialog (its own file, or named after the customer at first);
    True when saved."""
    document = window.document
    if document.path is not None:
        suggestion = document.path
    else:
        folder = str(window.settings.value(QUOTE_FOLDER_KEY, "", type=str)) or _documents_folder()
        suggestion = Path(folder) / file_name(document.customer, SUFFIX)
    chosen = dialogs.ask_save_path(window.widget, "Save quote to file", str(suggestion), QUOTE_FILTER)
    if not chosen:
        return False
    path = Path(chosen if chosen.lower().endswith(SUFFIX) else chosen + SUFFIX)
    return _save(window, path)


def _save(window: Workspace, path: Path) -> bool:
    try:
        written = services.save_quote(window.document, path)
    except services.ExportError as error:
        dialogs.show_error(window.widget, "Quote not saved", f"{error}\n\nNothing was lost: the quote is still open.")
        return False
    window.settings.setValue(QUOTE_FOLDER_KEY, str(written.parent))
    window.statusBar().showMessage(f"Saved {written}", 8000)
    return True


def _documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


# --- the quote library -------------------------------------------------------------------


def new_revision(window: Workspace) -> bool:
    """Quote > New revision: the open quote stored as the next revision of its number."""
    from cpiquote.gui.library import saving

    return saving.save_new_revision(window)


def duplicate_quote(window: Workspace) -> bool:
    """Quote > Duplicate as new quote: the open quote stored under a new number."""
    from cpiquote.gui.library import saving

    return saving.save_duplicate(window)


def reprice_quote(window: Workspace) -> bool:
    """Quote > Re-price with the current price book: the stored quote's latest revision priced with the price book in
    the preferences, its changes shown; a new revision, opened, when the person agrees."""
    link = window.library_link
    if link is None:
        message = "Only a quote in the quote library is re-priced: save it with File > Save first."
        dialogs.show_error(window.widget, "Not in the quote library", message)
        return False
    return settle_changes(window, "re-pricing it") and reprice_in_library(window, link.number)


def current_pricebook(window: Workspace) -> tuple[PriceBook, Path]:
    """The price book new quotes are priced with: the one chosen last (File > Open price book), else the default."""
    book, path, _problems = initial_pricebook(window.settings)
    return book, path


def reprice_in_library(window: Workspace, number: str) -> bool:
    """Re-price quote `number` with the current price book, show the changes and, when agreed, store and open the new
    revision; False when nothing was stored (cancelled, or a store error shown)."""
    from cpiquote.gui.library import saving
    from cpiquote.gui.library.database import open_library

    def reprice() -> bool:
        book, path = current_pricebook(window)
        with open_library(window.widget, window.settings) as store:
            ref = saving.confirm_and_store(window, store, saving.reprice_stored(store, number, book, path))
            return ref is not None and saving.open_stored(window, store, ref.number, ref.revision)

    return bool(saving.attempt(window, "Quote not re-priced", reprice))


# --- price book ---------------------------------------------------------------------------


def initial_pricebook(settings: QSettings) -> tuple[PriceBook, Path, list[str]]:
    """The price book chosen last time, or the default one when there is none or it cannot be used, and its path.

    Also returns why the remembered one could not be used ([] when it could): the window says so once it shows,
    since quoting from another price book than the person expects must not go unnoticed.
    """
    remembered = str(settings.value(PRICEBOOK_KEY, "", type=str))
    problems: list[str] = []
    if remembered:
        try:
            return services.open_pricebook(remembered), Path(remembered), []
        except PriceBookError as error:
            problems = list(error.problems)
    return services.open_pricebook(), services.default_pricebook_path(), problems


def explain_dropped_pricebook(window: Workspace, problems: list[str]) -> None:
    """Tell the person that the price book chosen last time could not be used, why, and which one is in use instead."""
    remembered = str(window.settings.value(PRICEBOOK_KEY, "", type=str))  # still the one chosen: nothing replaced it
    book = window.pricebook
    window.statusBar().showMessage(f"{Path(remembered).name} could not be used; quoting with {book.name}.")
    text = (
        f"The price book used last time, {Path(remembered).name}, cannot be used. CPI Quote is quoting with "
        f"{book.name} (version {book.version}) instead; choose another with File > Open price book."
    )
    dialogs.show_error(window.widget, "Price book not opened", text, problems)


def show_pricebook(window: Workspace) -> None:
    """Name, version and short hash of the active price book in the status bar, first saying so if its prices are illustrative."""
    book = window.pricebook
    window.pricebook_label.setText(
        ("ILLUSTRATIVE PRICES, not a price list · " if book.illustrative else "")
        + f"Price book: {book.name} · version {book.version} · {book.short_hash}"
    )
    window.pricebook_label.setToolTip(f"{book.source}\nSHA-256 {book.sha256}\n{book.currency}, effective from {book.effective_from}")
    set_text_tone(window.pricebook_label, "warning" if book.illustrative else None)


def open_pricebook(window: Workspace) -> None:
    """File > Open price book: choose a file and use it if it is valid."""
    folder = str(window.settings.value(PRICEBOOK_FOLDER_KEY, "", type=str))
    path = dialogs.ask_open_path(window.widget, "Open price book", folder, "Price books (*.toml);;All files (*)")
    if path:
        window.settings.setValue(PRICEBOOK_FOLDER_KEY, str(Path(path).resolve().parent))  # where to look next time, even if refused
        load_pricebook(window, path)


def load_pricebook(window: Workspace, path: str) -> bool:
    """Use the price book at `path`; when it is invalid, list every problem and keep the one in use."""
    try:
        book = services.open_pricebook(path)
    except InputError as error:
        problems = list(getattr(error, "problems", ())) or [str(error)]
        active = f"{window.pricebook.name} (version {window.pricebook.version})"
        message = f"{Path(path).name} cannot be used. The price book {active} stays active."
        dialogs.show_error(window.widget, "Price book not opened", message, problems)
        return False
    window.settings.setValue(PRICEBOOK_KEY, str(Path(path).resolve()))
    window.settings.setValue(PRICEBOOK_FOLDER_KEY, str(Path(path).resolve().parent))
    window.document.use_pricebook(book, Path(path).resolve())  # the window re-prices every scenario when told
    window.statusBar().showMessage(f"Now pricing with {book.name}, version {book.version}.", 8000)
    return True


# --- export -------------------------------------------------------------------------------


MAX_NAME_BYTES = 255  # the longest file name Windows, macOS and Linux file systems all take


def file_name(customer: str, suffix: str) -> str:
    """A file name a person recognises: "Contoso - CPI quote 2026-11-27.pdf".

    The customer's name loses what no file system takes (slashes, colons, ...), leading dots (a hidden file on macOS
    and Linux) and doubled spaces, and is shortened so the whole name fits in 255 bytes.
    """
    end = f" - CPI quote {dt.date.today():%Y-%m-%d}{suffix}"
    customer = " ".join(_UNSAFE.sub(" ", customer).split()).lstrip(". ")
    room = MAX_NAME_BYTES - len(end.encode())
    while len(customer.encode()) > room:
        customer = customer[:-1].rstrip()
    return f"{customer}{end}" if customer else end.removeprefix(" - ")


def suggested_name(quotation: Quotation, suffix: str) -> str:
    """The file name offered for exporting `quotation`: its customer's, dated (see `file_name`)."""
    return file_name(quotation.request.customer, suffix)


def export(window: Workspace, suffix: str) -> Path | None:
    """Export the marked scenario as PDF or Excel through a save dialog; errors in a dialog, nothing lost."""
    scenario = window.exported
    if scenario.quotation is None:
        dialogs.show_error(window.widget, "Nothing to export yet", f"{scenario.name} cannot be priced: {scenario.problem}.")
        return None
    caption, file_filter = FORMATS[suffix]
    if len(window.scenarios) > 1:
        caption = f"{caption}: {scenario.name}"
    folder = str(window.settings.value(EXPORT_FOLDER_KEY, "", type=str)) or _documents_folder()
    chosen = dialogs.ask_save_path(window.widget, caption, str(Path(folder) / suggested_name(scenario.quotation, suffix)), file_filter)
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
    written = _write(window, scenario.quotation, path)
    if written is not None:  # a folder that could not be written to is not suggested again
        window.settings.setValue(EXPORT_FOLDER_KEY, str(written.parent))
    return written


def _export_info(window: Workspace, quotation: Quotation) -> DocumentInfo | None:
    """The stored number, revision and date of a quote in the library (None: a draft)."""
    if window.library_link is None:
        return None
    from cpiquote.gui.library import saving

    return saving.export_info(window, quotation)


def _write(window: Workspace, quotation: Quotation, path: Path) -> Path | None:
    try:
        written = services.export(quotation, path, _export_info(window, quotation))
    except (services.ExportError, InputError) as error:
        dialogs.show_error(window.widget, "Export failed", f"{error}\n\nNothing was lost: your quote is unchanged.")
        return None
    window.statusBar().showMessage(f"Exported {written}", 8000)
    if dialogs.ask_open_file(window.widget, str(written)) and not dialogs.open_url(QUrl.fromLocalFile(str(written))):
        kind = "PDF files" if written.suffix.lower() == ".pdf" else "Excel workbooks"
        dialogs.show_error(
            window.widget,
            "Cannot open the file",
            f"{written} is saved, but no application on this computer opens {kind}. Open it from its folder, or install a viewer.",
        )
    return written


# --- price break --------------------------------------------------------------------------


def price_break_change(quotation: Quotation | None, ramp: bool) -> tuple[str, str] | None:
    """The field and text that apply the first advised price break, or None when there is none: the credits ordered for
    that year are set to the advised figure, and the customer's forecast stays as they gave it.

    `ramp`: the form's ramp is ticked, so the year's own credits field takes it (a one-year ramp's too).
    """
    if quotation is None:
        return None
    year = quotation.price_break_year
    if year is None or year.price_break is None:  # (the second test only tells the type checker)
        return None
    key = f"ramp_credits_{year.year}" if ramp else "credits"
    return key, formatting.count(year.price_break.annual_credits)


# --- about --------------------------------------------------------------------------------


def about_text(pricebook: PriceBook) -> str:
    """The About box: what the app is, its version, and the price book it prices with."""
    return (
        f"<h3>CPI Quote {__version__}</h3>"
        "<p>Quotes Live Assist for Dynamics 365 on cost per interaction: credits, price bands, "
        "contract value, invoices, PDF and Excel.</p>"
        f"<p><b>Price book:</b> {_escape(pricebook.name)}<br>version {_escape(pricebook.version)}, "
        f"{pricebook.currency}, effective from {pricebook.effective_from}<br>SHA-256 {pricebook.short_hash}…</p>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_about(window: Workspace) -> None:
    """Help > About."""
    dialogs.show_about(window.widget, "About CPI Quote", about_text(window.pricebook))
