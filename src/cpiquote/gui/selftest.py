"""`cpiquote self-test`: proves an installation works (window, pricing, PDF, workbook, shipped files), one line per check.

CI, IT and support run it; it runs the same from a checkout, an installed package and the frozen app.
It never touches the user's settings (the window gets a temporary INI file) and never prints a
traceback: a check that raises is reported as a FAIL line carrying the exception's text.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # imported where used: a check that cannot import reports a FAIL line instead of stopping the self-test
    from openpyxl.workbook import Workbook
    from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QWidget

    from cpiquote.gui.main_window import MainWindow
    from cpiquote.pricing import Quotation, QuoteRequest

SAMPLE_CUSTOMER = "Self-test customer"
SAMPLE_INTERACTIONS = 1_200_000
SAMPLE_YEARS = 3
SAMPLE_SERVICES_HOURS = 40
SAMPLE_CONTRACT_VALUE = "$3,414,392.00"  # the shipped sample price book's answer, as the README and `cpiquote sample` show it
PRICING_TIMEOUT_SECONDS = 10.0
PRICEBOOK_VARIABLE = "CPIQUOTE_PRICEBOOK"
_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")
W = TypeVar("W", bound="QWidget")


class CheckSkipped(Exception):
    """A check that does not apply to this version or installation; reported as `skip`, not a failure."""


class CheckFailed(Exception):
    """A check whose result is wrong; the message says what was expected and what was found."""


@dataclass
class SelfTestSession:
    """What the checks share: the temporary folder, the window and the quotation it priced."""

    folder: Path
    app: QCoreApplication | None = None  # held here: a QApplication that nothing references is destroyed under its windows
    window: MainWindow | None = None
    quotation: Quotation | None = None
    configured_pricebook: str = ""
    message_handler: Callable[[QtMsgType, QMessageLogContext, str], None] | None = None  # held here: Qt keeps no reference of its own
    previous_message_handler: Callable[[QtMsgType, QMessageLogContext, str], object] | None = None

    def require_quotation(self) -> Quotation:
        """The quotation the window priced, or a failure saying the earlier check did not produce one."""
        if self.quotation is None:
            raise CheckFailed("no priced quote to export (the window check did not price one)")
        return self.quotation

    def close(self) -> None:
        """Close the window, if one opened, and let Qt delete it."""
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            _process_events()
            self.window = None

    def quiet_known_qt_noise(self) -> None:
        """Drop the offscreen platform's harmless "does not support propagateSizeHints()" lines; pass on the rest."""
        from PySide6.QtCore import qInstallMessageHandler

        def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
            if "propagateSizeHints" in message:
                return
            if self.previous_message_handler is not None:
                self.previous_message_handler(mode, context, message)
            else:
                print(message, file=sys.stderr, flush=True)

        self.message_handler = handler
        self.previous_message_handler = qInstallMessageHandler(handler)

    def restore_qt_messages(self) -> None:
        """Give Qt's messages back to whoever handled them before the self-test."""
        if self.message_handler is not None:
            from PySide6.QtCore import qInstallMessageHandler

            qInstallMessageHandler(self.previous_message_handler)


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def _sample_request() -> QuoteRequest:
    """The sample quote: 1,200,000 interactions, 3 years, Generative AI, Intent Manager, Care Package, 40 services hours."""
    from cpiquote.pricing import QuoteRequest

    return QuoteRequest(
        (SAMPLE_INTERACTIONS,),
        years=SAMPLE_YEARS,
        generative_ai=True,
        intent_manager=True,
        care_package=True,
        services_hours=Decimal(SAMPLE_SERVICES_HOURS),
        customer=SAMPLE_CUSTOMER,
    )


def check_pricebook(session: SelfTestSession) -> str:
    """The shipped sample price book loads and passes its own checks."""
    from cpiquote import services
    from cpiquote.resources import sample_pricebook_path

    pricebook = services.open_pricebook(sample_pricebook_path())
    return f"{pricebook.name}, version {pricebook.version} ({sample_pricebook_path()})"


def check_configured_pricebook(session: SelfTestSession) -> str:
    """The price book named by CPIQUOTE_PRICEBOOK loads, when IT set one."""
    if not session.configured_pricebook:
        raise CheckSkipped(f"{PRICEBOOK_VARIABLE} is not set; the app uses the shipped sample or the price book chosen in File > Open")
    from cpiquote import services

    pricebook = services.open_pricebook(session.configured_pricebook)
    return f"{pricebook.name}, version {pricebook.version} ({session.configured_pricebook})"


def check_shipped_files(session: SelfTestSession) -> str:
    """The fonts the PDF embeds and the app icon are where the app looks for them."""
    from cpiquote.resources import resource_path

    fonts = sorted(resource_path("fonts").glob("*.ttf"))
    if not fonts:
        raise CheckFailed(f"no TrueType fonts in {resource_path('fonts')}; reinstall the app")
    for font in fonts:
        if font.read_bytes()[:4] not in _TRUETYPE_MAGIC:
            raise CheckFailed(f"{font} is not a TrueType font; reinstall the app")
    icon = resource_path("icons", "app", "cpiquote.svg")
    if not icon.is_file():
        raise CheckFailed(f"the app icon {icon} is missing; reinstall the app")
    return f"{len(fonts)} fonts and the app icon in {resource_path()}"


def check_window_opens(session: SelfTestSession) -> str:
    """The application and its main window start, with settings in a temporary INI file."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cpiquote.gui.app import create_application
    from cpiquote.gui.main_window import MainWindow

    session.app = QApplication.instance() or create_application([sys.argv[0] if sys.argv else "cpiquote"])
    session.quiet_known_qt_noise()
    settings = QSettings(str(session.folder / "settings.ini"), QSettings.Format.IniFormat)
    session.window = MainWindow(settings=settings)
    session.window.show()
    _process_events()
    title = session.window.windowTitle().replace("[*]", "") or "main window"  # [*] marks where Qt shows "modified"
    return f"{title} on the {QApplication.platformName()} display"


def check_window_icon(session: SelfTestSession) -> str:
    """The window has the app's icon (proves Qt's SVG support shipped)."""
    window = _require_window(session)
    pixmap = window.windowIcon().pixmap(32, 32)
    if pixmap.isNull():
        raise CheckFailed("the window has no icon; Qt's SVG support or resources/icons/app/cpiquote.svg is missing")
    return f"{pixmap.width()}x{pixmap.height()} pixels"


def _require_window(session: SelfTestSession) -> MainWindow:
    if session.window is None:
        raise CheckFailed("the main window did not open")
    return session.window


def _widget(window: QWidget, name: str, kind: type[W]) -> W:
    """The window's widget of `kind` with this object name, or a failure naming it."""
    widget = window.findChild(kind, name)
    if widget is None:
        raise CheckFailed(f"the window has no widget named {name!r}")
    return widget


def _enter(widget: QWidget, value: object) -> None:
    """Set a field as a person would: type into a line edit, step a spin box, click a check box."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit

    if isinstance(widget, QLineEdit):
        widget.selectAll()
        widget.insert(str(value))  # insert(), unlike setText(), emits textEdited as typing does
        widget.editingFinished.emit()
    elif isinstance(widget, QAbstractButton):
        if widget.isChecked() != bool(value):
            widget.click()
    elif isinstance(widget, QAbstractSpinBox):
        widget.setValue(value)  # type: ignore[attr-defined]  # QSpinBox and QDoubleSpinBox both have it
    else:
        raise CheckFailed(f"{widget.objectName()} is a {type(widget).__name__}, which the self-test cannot fill in")


def _fill_sample_quote(window: QWidget) -> None:
    """Enter the sample quote into the window's inputs."""
    from PySide6.QtWidgets import QWidget

    entries: tuple[tuple[str, object], ...] = (
        ("customerInput", SAMPLE_CUSTOMER),
        ("interactionsInput", SAMPLE_INTERACTIONS),
        ("yearsInput", SAMPLE_YEARS),
        ("genaiCheck", True),
        ("intentManagerCheck", True),
        ("performanceOptimizerCheck", False),
        ("discountInput", 0),
        ("carePackageCheck", True),
        ("servicesHoursInput", SAMPLE_SERVICES_HOURS),
    )
    for name, value in entries:
        _enter(_widget(window, name, QWidget), value)
        _process_events()


def _wait_for_label(window: QWidget, name: str, wanted: str) -> str:
    """The label's text once it shows `wanted`, or whatever it shows when the timeout passes."""
    from PySide6.QtWidgets import QLabel

    label = _widget(window, name, QLabel)
    deadline = time.monotonic() + PRICING_TIMEOUT_SECONDS
    while wanted not in label.text() and time.monotonic() < deadline:
        _process_events()
        time.sleep(0.01)
    return label.text()


def check_window_prices(session: SelfTestSession) -> str:
    """Typing the sample quote into the window shows the engine's contract value, $3,414,392.00."""
    from cpiquote import formatting, services

    window = _require_window(session)
    _fill_sample_quote(window)
    expected = services.price(services.open_pricebook(), _sample_request())
    expected_text = formatting.money(expected.total_contract_value, expected.pricebook.currency)
    shown = _wait_for_label(window, "contractValueLabel", expected_text)
    if expected_text not in shown or SAMPLE_CONTRACT_VALUE not in shown:
        raise CheckFailed(f"the contract value shows {shown!r}; the engine says {expected_text}, the sample's is {SAMPLE_CONTRACT_VALUE}")
    quotation = window.quotation
    if quotation is None or quotation.total_contract_value != expected.total_contract_value:
        held = getattr(quotation, "total_contract_value", None)
        raise CheckFailed(f"the window's quotation holds {held}, not the engine's {expected.total_contract_value}")
    session.quotation = quotation
    return shown.strip()


def _export(session: SelfTestSession, name: str) -> Path:
    """Write the window's quotation to `name` in the temporary folder through the app's export service."""
    from cpiquote import services

    return services.export(session.require_quotation(), session.folder / name)


def check_pdf(session: SelfTestSession) -> str:
    """The quote PDF is written and reads back as a PDF with pages."""
    path = _export(session, "self-test.pdf")
    content = path.read_bytes()
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-1024:]:
        raise CheckFailed(f"{path.name} is not a complete PDF (header {content[:8]!r})")
    pages = len(_PDF_PAGE.findall(content))
    if pages == 0:
        raise CheckFailed(f"{path.name} has no pages")
    return f"{pages} page{'s' if pages != 1 else ''}, {len(content) / 1024:.0f} KB"


def _cell_texts(workbook: Workbook) -> Iterator[str]:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            yield from (value for value in row if isinstance(value, str))


def check_workbook(session: SelfTestSession) -> str:
    """The quote workbook is written and reads back with its named cells and the customer's name."""
    from openpyxl import load_workbook

    path = _export(session, "self-test.xlsx")
    workbook = load_workbook(path)
    try:
        names = list(workbook.defined_names)
        if not names:
            raise CheckFailed(f"{path.name} has no defined names (the formulas refer to named cells)")
        if SAMPLE_CUSTOMER not in _cell_texts(workbook):
            raise CheckFailed(f"{path.name} does not name the customer {SAMPLE_CUSTOMER!r}")
        return f"{len(workbook.worksheets)} sheets, {len(names)} defined names, customer {SAMPLE_CUSTOMER!r}"
    finally:
        workbook.close()


def check_quote_library(session: SelfTestSession) -> str:
    """A quote library is created (its migrations run), the window's quote is saved in it as a numbered draft, and it
    reads back with the same contract value."""
    from cpiquote import services
    from cpiquote.store import open_store

    quotation = session.require_quotation()
    url = f"sqlite:///{(session.folder / 'self-test.sqlite3').as_posix()}"
    with open_store(url) as store:
        saved = services.save_to_library(store, quotation, services.default_pricebook_path())
        stored = services.stored_quotation(store.get(saved.number))
    if stored.total_contract_value != quotation.total_contract_value:
        raise CheckFailed(f"{saved.number} reads back at {stored.total_contract_value}, not {quotation.total_contract_value}")
    return f"{saved.number} revision {saved.revision} saved and read back"


def check_window_closes(session: SelfTestSession) -> str:
    """The main window closes cleanly."""
    if session.window is None:
        raise CheckSkipped("no window was opened")
    session.close()
    return "closed"


CHECKS: tuple[tuple[str, Callable[[SelfTestSession], str]], ...] = (
    ("shipped price book loads", check_pricebook),
    ("configured price book loads", check_configured_pricebook),
    ("shipped fonts and icon are found", check_shipped_files),
    ("main window opens", check_window_opens),
    ("window has the app icon", check_window_icon),
    ("window prices the sample quote", check_window_prices),
    ("PDF is written and read back", check_pdf),
    ("workbook is written and read back", check_workbook),
    ("quote library saves and reads back a quote", check_quote_library),
    ("main window closes", check_window_closes),
)


def _reason(error: BaseException) -> str:
    """An exception as one line for a person: a failed check's own words, else the exception's type and text."""
    text = " ".join(str(error).split())
    if isinstance(error, CheckFailed):
        return text
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def run_check(name: str, check: Callable[[SelfTestSession], str], session: SelfTestSession) -> bool:
    """Run one check and print its line; False only when it failed."""
    try:
        detail = check(session)
    except CheckSkipped as skipped:
        print(f"skip {name}: {skipped}", flush=True)
        return True
    except Exception as error:  # a self-test reports every failure as a line, never a traceback
        print(f"FAIL {name}: {_reason(error)}", flush=True)
        return False
    print(f"ok   {name}: {detail}", flush=True)
    return True


def use_offscreen_without_display() -> None:
    """Let Qt start on a machine without a screen it can reach (CI, SSH, a stale DISPLAY under sudo or cron): the
    offscreen platform, unless one is chosen. Qt itself would abort the whole self-test on an unreachable display."""
    on_x11_or_wayland = sys.platform not in ("win32", "darwin")
    if on_x11_or_wayland and not (_wayland_reachable() or _x11_reachable()):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _wayland_reachable() -> bool:
    name = os.environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name) if name.startswith("/") else Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return path.is_socket()


def _x11_reachable() -> bool:
    """True when DISPLAY names an X server that answers: a local socket (":0") or a TCP one ("localhost:10.0")."""
    display = os.environ.get("DISPLAY", "")
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isascii() or not number.isdigit():
        return False
    if host in ("", "unix"):
        socket_path = f"/tmp/.X11-unix/X{number}"
        return Path(socket_path).is_socket() or _connects(socket.AF_UNIX, "\0" + socket_path)  # or Linux's abstract one
    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=1):
            return True
    except OSError:
        return False


def _connects(family: int, address: str) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(1)
            probe.connect(address)
        return True
    except OSError:
        return False


@contextmanager
def _shipped_pricebook_only(session: SelfTestSession) -> Iterator[None]:
    """Price with the shipped sample, whose answer is known, while remembering the price book IT configured."""
    session.configured_pricebook = os.environ.pop(PRICEBOOK_VARIABLE, "").strip()
    try:
        yield
    finally:
        if session.configured_pricebook:
            os.environ[PRICEBOOK_VARIABLE] = session.configured_pricebook


def run_self_test() -> int:
    """Run every check, print one line each and a summary; 0 when none failed, 1 otherwise."""
    use_offscreen_without_display()
    with tempfile.TemporaryDirectory(prefix="cpiquote-self-test-", ignore_cleanup_errors=True) as folder:
        session = SelfTestSession(Path(folder))
        with _shipped_pricebook_only(session):
            passed = [run_check(name, check, session) for name, check in CHECKS]
        session.restore_qt_messages()
    failed = passed.count(False)
    print(f"self-test {'passed' if not failed else 'FAILED'}: {len(passed) - failed} of {len(passed)} checks passed or skipped", flush=True)
    return 0 if not failed else 1
