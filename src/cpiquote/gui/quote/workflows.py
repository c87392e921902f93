"""What the window's commands do: open a price book, export a document, apply a price break, show About."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from cpiquote import __version__, formatting
from cpiquote.gui.common import dialogs
from cpiquote.gui.quote.form import build_request
from cpiquote.pricing import InputError, PriceBook, PriceBookError

if TYPE_CHECKING:
    from cpiquote.gui.main_window import MainWindow
    from cpiquote.pricing import Quotation, QuoteRequest

PRICEBOOK_KEY = "pricebook/path"
PRICEBOOK_FOLDER_KEY = "pricebook/folder"
EXPORT_FOLDER_KEY = "export/folder"
FORMATS = {".pdf": ("Export PDF", "PDF documents (*.pdf)"), ".xlsx": ("Export Excel workbook", "Excel workbooks (*.xlsx)")}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


# --- price book ---------------------------------------------------------------------------


def price(pricebook: PriceBook, request: QuoteRequest) -> Quotation:
    """The priced quote (services, and with it the engine, load on the first price: the window starts without one)."""
    from cpiquote import services

    return services.price(pricebook, request)


def initial_pricebook(window: MainWindow) -> tuple[PriceBook, list[str]]:
    """The price book chosen last time, or the default one when there is none or it cannot be used.

    Also returns why the remembered one could not be used ([] when it could): the window says so once it shows,
    since quoting from another price book than the person expects must not go unnoticed.
    """
    from cpiquote import services

    remembered = str(window.settings.value(PRICEBOOK_KEY, "", type=str))
    if remembered:
        try:
            return services.open_pricebook(remembered), []
        except PriceBookError as error:
            return services.open_pricebook(), list(error.problems)
    return services.open_pricebook(), []


def explain_dropped_pricebook(window: MainWindow, problems: list[str]) -> None:
    """Tell the person that the price book chosen last time could not be used, why, and which one is in use instead."""
    remembered = str(window.settings.value(PRICEBOOK_KEY, "", type=str))  # still the one chosen: nothing replaced it
    book = window.pricebook
    window.statusBar().showMessage(f"{Path(remembered).name} could not be used; quoting with {book.name}.")
    text = (
        f"The price book used last time, {Path(remembered).name}, cannot be used. CPI Quote is quoting with "
        f"{book.name} (version {book.version}) instead; choose another with File > Open price book."
    )
    dialogs.show_error(window, "Price book not opened", text, problems)


def show_pricebook(window: MainWindow) -> None:
    """Name, version and short hash of the active price book in the status bar."""
    book = window.pricebook
    window.pricebook_label.setText(f"Price book: {book.name} · version {book.version} · {book.short_hash}")
    window.pricebook_label.setToolTip(f"{book.source}\nSHA-256 {book.sha256}\n{book.currency}, effective from {book.effective_from}")


def open_pricebook(window: MainWindow) -> None:
    """File > Open price book: choose a file and use it if it is valid."""
    folder = str(window.settings.value(PRICEBOOK_FOLDER_KEY, "", type=str))
    path = dialogs.ask_open_path(window, "Open price book", folder, "Price books (*.toml);;All files (*)")
    if path:
        window.settings.setValue(PRICEBOOK_FOLDER_KEY, str(Path(path).resolve().parent))  # where to look next time, even if refused
        load_pricebook(window, path)


def load_pricebook(window: MainWindow, path: str) -> bool:
    """Use the price book at `path`; when it is invalid, list every problem and keep the one in use."""
    from cpiquote import services

    try:
        book = services.open_pricebook(path)
    except InputError as error:
        problems = list(getattr(error, "problems", ())) or [str(error)]
        active = f"{window.pricebook.name} (version {window.pricebook.version})"
        message = f"{Path(path).name} cannot be used. The price book {active} stays active."
        dialogs.show_error(window, "Price book not opened", message, problems)
        return False
    window.settings.setValue(PRICEBOOK_KEY, str(Path(path).resolve()))
    window.settings.setValue(PRICEBOOK_FOLDER_KEY, str(Path(path).resolve().parent))
    window.pricebook = book
    window.show_pricebook_hints()
    reprice_all(window)
    show_pricebook(window)
    window.statusBar().showMessage(f"Now pricing with {book.name}, version {book.version}.", 8000)
    return True


def reprice_all(window: MainWindow) -> None:
    """Price every scenario again (after the price book changed): those not on show from their stored inputs."""
    for index, scenario in enumerate(window.scenarios):
        if index != window.current_index:
            try:
                scenario.quotation = price(window.pricebook, build_request(scenario.state, window.pricebook))
                scenario.problem = ""
            except InputError as error:
                scenario.quotation, scenario.problem = None, error.reason
    window.reprice()


# --- export -------------------------------------------------------------------------------


MAX_NAME_BYTES = 255  # the longest file name Windows, macOS and Linux file systems all take


def suggested_name(quotation: Quotation, suffix: str) -> str:
    """A file name a person recognises: "Contoso - CPI quote 2026-11-27.pdf".

    The customer's name loses what no file system takes (slashes, colons, ...), leading dots (a hidden file on macOS
    and Linux) and doubled spaces, and is shortened so the whole name fits in 255 bytes.
    """
    end = f" - CPI quote {dt.date.today():%Y-%m-%d}{suffix}"
    customer = " ".join(_UNSAFE.sub(" ", quotation.request.customer).split()).lstrip(". ")
    room = MAX_NAME_BYTES - len(end.encode())
    while len(customer.encode()) > room:
        customer = customer[:-1].rstrip()
    return f"{customer}{end}" if customer else end.removeprefix(" - ")


def export(window: MainWindow, suffix: str) -> Path | None:
    """Export the marked scenario as PDF or Excel through a save dialog; errors in a dialog, nothing lost."""
    scenario = window.exported
    if scenario.quotation is None:
        dialogs.show_error(window, "Nothing to export yet", f"{scenario.name} cannot be priced: {scenario.problem}.")
        return None
    caption, file_filter = FORMATS[suffix]
    if len(window.scenarios) > 1:
        caption = f"{caption}: {scenario.name}"
    from PySide6.QtCore import QStandardPaths  # imported here for start-up time

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = str(window.settings.value(EXPORT_FOLDER_KEY, "", type=str)) or documents
    chosen = dialogs.ask_save_path(window, caption, str(Path(folder) / suggested_name(scenario.quotation, suffix)), file_filter)
    if not chosen:
        return None
    path = Path(chosen if chosen.lower().endswith(suffix) else chosen + suffix)
    written = _write(window, scenario.quotation, path)
    if written is not None:  # a folder that could not be written to is not suggested again
        window.settings.setValue(EXPORT_FOLDER_KEY, str(written.parent))
    return written


def _write(window: MainWindow, quotation: Quotation, path: Path) -> Path | None:
    from cpiquote import services

    try:
        written = services.export(quotation, path)
    except (services.ExportError, InputError) as error:
        dialogs.show_error(window, "Export failed", f"{error}\n\nNothing was lost: your quote is unchanged.")
        return None
    window.mark_saved()
    window.statusBar().showMessage(f"Exported {written}", 8000)
    if dialogs.ask_open_file(window, str(written)):
        from PySide6.QtCore import QUrl

        if not dialogs.open_url(QUrl.fromLocalFile(str(written))):
            kind = "PDF files" if written.suffix.lower() == ".pdf" else "Excel workbooks"
            dialogs.show_error(
                window,
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


def show_about(window: MainWindow) -> None:
    """Help > About."""
    dialogs.show_about(window, "About CPI Quote", about_text(window.pricebook))
