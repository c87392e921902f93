"""The `cpiquote` command: argument parsing and printing only; the work is in services."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from cpiquote import __version__, pricing, services
from cpiquote.pricing import InputError, PriceBook, PriceBookError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from cpiquote.pricing import Quotation, QuoteRequest
    from cpiquote.pricing.renewal import RenewalAnalysis, Subscription
    from cpiquote.store import QuoteSummary, Status, Store, StoredRevision
    from cpiquote.usage import UsageCount

# `cpiquote` with no command opens the window, so what only `quote` needs (json, the quotation types, document
# details) is imported where it is used: the desktop app starts without it.

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped with Ctrl-C
OUTPUT_SUFFIXES = (".pdf", ".xlsx", ".cpiquote")


class BadInput(Exception):
    """A command-line mistake, reported on one line with exit status 2."""


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a device that takes nothing): one line on stderr, exit 2."""


def _out(text: object = "", end: str = "\n") -> None:
    """Print on standard output, as every command does: control characters visibly escaped (see `_terminal`)."""
    try:
        print(_terminal(str(text)), end=end)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(error.strerror or str(error)) from None


def _err(text: object) -> None:
    """Print one line on standard error, escaped as `_out` escapes."""
    print(_terminal(str(text)), file=sys.stderr)


def _terminal(text: str) -> str:
    """Text for the terminal: an escape sequence in a customer's name or a price book's version is shown, not obeyed."""
    from cpiquote.formatting import terminal_safe

    return terminal_safe(text, json=text.startswith(("{", "[")))


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake on one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        raise BadInput(f"{self.prog}: {message} (see {self.prog} --help)")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Print --help and --version as argparse does, but report a write that fails (a full disk) instead of
        dropping it: argparse ignores it, and the command would end with status 0 and nothing written."""
        if not message:
            return
        try:
            (file or sys.stderr).write(message)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error.strerror or str(error)) from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2026-11-27") from None


def _whole(text: str) -> int:
    """A count or a revision number given as an option (--limit, --revision, R1, R2)."""
    if not text.strip().isascii() or not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; write it with the digits 0-9, such as 3")
    return int(text)


def _add_quote_options(quote: argparse.ArgumentParser) -> None:
    from cpiquote.documents.info import PAPER_SIZES
    from cpiquote.quote.inputs import add_quote_options

    quote.description = (
        "Price a quote and print it. Say how much the customer uses (--interactions, or the estimator's --conversations "
        "and its options), what they buy (--credits), or both. Numbers may group their digits in threes (1,200,000), and "
        "whole numbers may be written in thousands or millions (250k, 1.2m); "
        "a per-year list separates years with commas (800000,1000000,1200000)."
    )
    add_quote_options(quote)
    output = quote.add_argument_group("output")
    output.add_argument("--pricebook", metavar="FILE", help="price book file (default: $CPIQUOTE_PRICEBOOK, else the shipped sample)")
    output.add_argument("--json", action="store_true", help="print one JSON object instead of the text summary")
    output.add_argument(
        "-o", "--output", metavar="FILE", help="write the quote as a PDF, an Excel workbook or a CPI Quote file (.pdf, .xlsx, .cpiquote)"
    )
    output.add_argument("--quote-number", metavar="TEXT", help="quote number on the document (default: a marked draft number)")
    output.add_argument("--quote-date", type=_date, metavar="YYYY-MM-DD", help="quote date (default: today)")
    output.add_argument("--paper", choices=PAPER_SIZES, help="paper size (default: letter for USD price books, a4 otherwise)")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, for parsing and for --help."""
    parser = _Parser(prog="cpiquote", description="Quote Live Assist for Dynamics 365 on cost per interaction.")
    parser.add_argument("--version", action="version", version=f"cpiquote {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    quote = commands.add_parser("quote", help="price a quote and print it")
    _add_quote_options(quote)
    _add_save_options(quote)
    pricebook = commands.add_parser("pricebook", help="work with price books")
    pricebook_commands = pricebook.add_subparsers(dest="pricebook_command", metavar="ACTION", required=True, parser_class=_Parser)
    check = pricebook_commands.add_parser("check", help="validate a price book and print its summary")
    check.add_argument("file", metavar="FILE")
    commands.add_parser("sample", help="price and print the sample quote")
    gui = commands.add_parser("gui", help="open the desktop app (the default when no command is given)")
    gui.add_argument("quote", nargs="?", default="", metavar="QUOTE", help="a .cpiquote file to open in it")
    commands.add_parser("self-test", help="check that this installation works: window, pricing, PDF and Excel")
    renew = commands.add_parser("renew", help="forecast a subscription's contract year and compare overage, top-up and early renewal")
    _add_renew_options(renew)
    _add_library_commands(commands)
    _add_usage_parser(commands)
    _add_proposal_parser(commands)
    return parser


def _check_volume_options(args: argparse.Namespace) -> None:
    """The command line's own rules: say how much, and either the interactions or the estimator's inputs."""
    from cpiquote.quote.inputs import ESTIMATOR

    estimator_given = any(getattr(args, entry.key) is not None for entry in ESTIMATOR)
    if args.interactions is not None and estimator_given:
        raise BadInput("cpiquote quote: give either --interactions or the estimator's inputs (--conversations ...), not both")
    if args.interactions is None and args.credits is None and not estimator_given:
        raise BadInput(
            "cpiquote quote: say how many interactions or credits: --interactions N, --credits N, "
            "or --conversations N with the estimator's options"
        )


def request_from_args(args: argparse.Namespace, pricebook: PriceBook) -> QuoteRequest:
    """The quote request the options describe, read as the window reads what is typed in it."""
    from cpiquote.quote.inputs import request_from_values, values_from_options

    _check_volume_options(args)
    values = values_from_options(args)
    values["sales_person"] = values["sales_person"] or services.current_author()  # who runs the command sells, unless told
    return request_from_values(values, pricebook)


def _open_pricebook(path: str | Path | None) -> PriceBook:
    try:
        return services.open_pricebook(path)
    except PriceBookError as error:
        more = f" (and {len(error.problems) - 1} more; run `cpiquote pricebook check FILE` to see all)" if len(error.problems) > 1 else ""
        raise BadInput(f"cpiquote: price book {error.problems[0]}{more}") from None


def run_quote(args: argparse.Namespace) -> int:
    """Price the quote the options describe and print it (and write it to a file with -o)."""
    if args.output == "":
        raise BadInput("cpiquote quote: -o/--output: give a file name ending in .pdf, .xlsx or .cpiquote, or leave -o out")
    _check_quote_number(args.quote_number)
    pricebook_path = Path(args.pricebook) if args.pricebook else services.default_pricebook_path()
    pricebook = _open_pricebook(pricebook_path)
    quotation = services.price(pricebook, request_from_args(args, pricebook))
    saved = _save(quotation, args, pricebook_path) if args.save else None
    if args.output is not None:
        written = _write(quotation, args, pricebook_path)
        if not args.json:
            _out(written)
    if args.json:
        _out(_json(quotation) if saved is None else _json_with(quotation, saved))
    elif args.output is None:
        from cpiquote.documents.text import render_text

        _out(render_text(quotation), end="")
    if saved is not None and not args.json:
        _out(f"Saved {saved.number} revision {saved.revision} ({saved.status.label})")
    return 0


def _check_quote_number(number: str | None) -> None:
    """Refuse a quote number no document can show, whatever is written (a quote file holds none): one rule for it."""
    from cpiquote.documents.info import MAX_QUOTE_NUMBER_LENGTH
    from cpiquote.formatting import document_text

    document_text("quote_number", number or "", MAX_QUOTE_NUMBER_LENGTH)


def _write(quotation: Quotation, args: argparse.Namespace, pricebook_path: Path) -> str:
    """Write the quote to -o FILE (a PDF, a workbook or a quote file); what was written, in a line."""
    target = Path(args.output)
    if target.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError("output", f"cannot write {target.suffix or 'a file without an extension'}; name the file .pdf, .xlsx or .cpiquote")
    if _same_file(target, pricebook_path):
        raise BadInput(f"cpiquote: -o {target} is the price book the quote is priced with; write the quote to another file")
    total = _money(quotation.total_contract_value, quotation.pricebook.currency)
    try:
        if target.suffix.lower() == ".cpiquote":
            from cpiquote.quote.document import QuoteDocument

            document = QuoteDocument.of_request(quotation.request, quotation.pricebook, pricebook_path.resolve())
            return f"Wrote {services.save_quote(document, target)} (total contract value {total})"
        from cpiquote.documents.info import document_info

        info = document_info(quotation, args.quote_number, args.quote_date, args.paper)
        return f"Wrote {services.export(quotation, target, info)} ({info.quote_number}, total contract value {total})"
    except services.ExportError as error:
        raise BadInput(f"cpiquote: {error}") from None


def _same_file(first: Path, second: Path) -> bool:
    """True when both paths name one existing file (a link or another spelling of it included)."""
    try:
        return first.exists() and second.exists() and first.samefile(second)
    except OSError:
        return False


def _json(quotation: Quotation) -> str:
    """Every figure of the quotation and the request it priced, as one JSON object."""
    import json

    from cpiquote.documents.json import quotation_to_dict

    return json.dumps(quotation_to_dict(quotation), indent=2, ensure_ascii=False)


def _money(amount: Decimal, currency: str) -> str:
    from cpiquote.formatting import money

    return money(amount, currency)


def run_pricebook_check(args: argparse.Namespace) -> int:
    """Check a price book: its summary on stdout, or every problem on stderr."""
    from cpiquote import formatting as fmt

    try:
        pb = services.open_pricebook(args.file)
    except PriceBookError as error:
        for problem in error.problems:
            _err(f"cpiquote: {problem}")
        return EXIT_BAD_INPUT
    cur = pb.currency
    _out(f"{pb.source}: OK")
    _out(f"{pb.name}, version {pb.version}, {cur}, effective {pb.effective_from.isoformat()}, quotes valid {pb.quote_validity_days} days")
    _out(f"SHA-256 {pb.sha256}")
    minimum, increment = fmt.count(pb.minimum_annual_credits), fmt.count(pb.increment)
    _out(f"Minimum order {minimum} credits a year, in blocks of {increment}; up to {pb.max_years} years")
    _out(f"Bands ({pb.tier_mode} mode):")
    for band in pb.bands:
        _out(f"  from credit {fmt.count(band.from_credit):>11}  {fmt.price(band.price, cur)}")
    terms = ", ".join(f"{year} yr {fmt.percent(pct)}" for year, pct in enumerate(pb.term_discount_percent, start=1))
    _out(f"Term discounts: {terms}")
    _out(
        f"Overage x{fmt.number(pb.overage_multiplier)}; discount approval above {fmt.percent(pb.discount_approval_above_percent)}, "
        f"maximum {fmt.percent(pb.discount_maximum_percent)}"
    )
    return 0


def run_sample() -> int:
    """Price the shipped sample quote (1,200,000 interactions, 3 years, Generative AI and Intent Manager) and print it."""
    from cpiquote.documents.text import render_text

    request = pricing.QuoteRequest(
        (1_200_000,),
        years=3,
        generative_ai=True,
        intent_manager=True,
        care_package=True,
        services_hours=Decimal(40),
        customer="Sample customer",
    )
    _out(render_text(services.price(_open_pricebook(None), request)), end="")
    return 0


# --- cpiquote renew: an account manager's way through a contract year (usage-and-renewals.md sections 2 to 4) ------------


def _add_renew_options(renew: argparse.ArgumentParser) -> None:
    renew.description = (
        "Forecast the contract year of a running subscription from the credits used so far, and compare what paying overage, "
        "a top-up and an early renewal cost to the end of that year; then price the next term's renewal quote, sized from "
        "the forecast year plus --growth. Numbers may group their digits in threes (200,000); dates are YYYY-MM-DD."
    )
    subscription = renew.add_argument_group("subscription")
    subscription.add_argument("--subscription-credits", metavar="S", help="credits a year the customer subscribes to")
    subscription.add_argument("--contract-start", required=True, metavar="DATE", help="the contract's first day")
    subscription.add_argument("--contract-years", metavar="Y", help="the contract's length in years")
    subscription.add_argument(
        "--from-quote",
        metavar="NUMBER",
        help="instead of S, Y, P, O, the features and the discount: those of this accepted quote in the quote library",
    )
    _database_option(subscription)  # type: ignore[arg-type]
    subscription.add_argument("--price-per-credit", metavar="P", help="the subscription's price per credit (default: the price book's)")
    subscription.add_argument("--overage-price", metavar="O", help="the overage price per credit (default: the price book's for P)")
    subscription.add_argument("--genai", action="store_true", help="Generative AI is on")
    subscription.add_argument("--intent-manager", action="store_true", help="Intent Manager is on")
    subscription.add_argument("--performance-optimizer", action="store_true", help="Performance Optimizer is on")
    subscription.add_argument("--discount", metavar="PCT", help="the subscription's discretionary discount in percent (default 0)")
    usage = renew.add_argument_group("usage")
    usage.add_argument("--used-credits", metavar="U", help="credits used from the contract year's first day through --as-of")
    usage.add_argument("--as-of", metavar="DATE", help="the last day counted (with --usage: default, the usage's last day)")
    usage.add_argument(
        "--usage",
        metavar="FILE",
        help="instead of --used-credits: a conversation log (CSV or Parquet, counted by the calendar-day rule) or a monthly "
        "usage file (month,interactions or month,credits; whole months are counted)",
    )
    usage.add_argument("--timezone", metavar="ZONE", help="with a log: the site's IANA time zone, such as Europe/Berlin")
    usage.add_argument("--recorded-in", metavar="ZONE", help="with a log whose timestamps have no offset: the zone they were written in")
    output = renew.add_argument_group("output")
    output.add_argument("--growth", metavar="PCT", help="expected growth for the renewal quote, in percent (default 0)")
    output.add_argument("--customer", metavar="NAME", help="the customer's name on the renewal quote")
    output.add_argument("--pricebook", metavar="FILE", help="price book file (default: $CPIQUOTE_PRICEBOOK, else the shipped sample)")
    output.add_argument("--json", action="store_true", help="print one JSON object instead of the text")
    output.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the analysis with the recommended option's top-up order or early renewal quote, then the renewal quote "
        "(the next term), as a PDF or Excel workbook (.pdf, .xlsx)",
    )


def _renew_date(field: str, text: str) -> dt.date:
    """A date typed YYYY-MM-DD, by the grammar the window reads too (2028-02-30 is refused naming its month's length)."""
    from cpiquote.quote import numbers

    day = numbers.parse_date(field, text)
    if day is None:
        raise InputError(field, "give a date, written YYYY-MM-DD")
    return day


def _subscription(args: argparse.Namespace, pricebook: PriceBook) -> Subscription:
    """The running subscription the options describe; P and O from the price book unless given."""
    from cpiquote.pricing.limits import MAX_FIGURE
    from cpiquote.pricing.renewal import subscription_from_pricebook
    from cpiquote.quote import numbers

    if args.from_quote:
        return _subscription_from_library(args)
    price_limit = Decimal(10_000)  # far above any price per credit, as the price book's own limit
    credits = numbers.parse_whole("subscription_credits", args.subscription_credits or "", 1, MAX_FIGURE)
    years = numbers.parse_whole("contract_years", args.contract_years or "", 1, pricebook.max_years, " (the price book's longest contract)")
    if credits is None or years is None:
        raise BadInput("cpiquote renew: give --subscription-credits and --contract-years, or --from-quote NUMBER")
    return subscription_from_pricebook(
        pricebook,
        _renew_date("contract_start", args.contract_start),
        years,
        credits,
        generative_ai=args.genai,
        intent_manager=args.intent_manager,
        performance_optimizer=args.performance_optimizer,
        discount_percent=numbers.parse_percent("discount", args.discount or "") or Decimal(0),
        price_per_credit=numbers.parse_decimal("price_per_credit", args.price_per_credit or "", price_limit),
        overage_price=numbers.parse_decimal("overage_price", args.overage_price or "", price_limit),
    )


def _subscription_from_library(args: argparse.Namespace) -> Subscription:
    """The subscription an accepted quote in the library describes; typed subscription figures would contradict it."""
    from cpiquote import store

    typed = [option for option in ("subscription_credits", "contract_years", "price_per_credit", "overage_price", "discount")
             if getattr(args, option)]  # fmt: skip
    if typed or args.genai or args.intent_manager or args.performance_optimizer:
        raise BadInput(
            "cpiquote renew: --from-quote takes the subscription from the quote; leave out the subscription's figures and features"
        )
    try:
        with store.open_store(args.database) as library:
            return services.subscription_from_library(library, args.from_quote, _renew_date("contract_start", args.contract_start))
    except store.StoreError as error:
        raise BadInput(f"cpiquote: {error}") from None


def _used_credits(
    args: argparse.Namespace, subscription: Subscription, pricebook: PriceBook
) -> tuple[int, dt.date, tuple[tuple[dt.date, int], ...]]:
    """The credits used this contract year, the day they were counted to, and the daily credits (from a log)."""
    from cpiquote.quote import numbers

    if args.usage:
        if args.used_credits:
            raise BadInput("cpiquote renew: give --used-credits or --usage, not both")
        as_of = _renew_date("as_of", args.as_of) if args.as_of else None
        return services.usage_for_renewal(args.usage, args.timezone, subscription, pricebook, as_of, args.recorded_in)
    used = numbers.parse_whole("used_credits", args.used_credits or "")
    if used is None or args.as_of is None:
        raise BadInput(
            "cpiquote renew: give --used-credits U and --as-of DATE (the credits used this contract year through that day), or --usage FILE"
        )
    return used, _renew_date("as_of", args.as_of), ()


def _renewal_text(analysis: RenewalAnalysis, renewal: Quotation, growth: Decimal) -> str:
    """The forecast, the three options (the recommended one marked *), the recommendation and the renewal quote."""
    from cpiquote import formatting as fmt
    from cpiquote import wording

    recommendation, *options = wording.renewal_texts(analysis)
    lines = [wording.forecast_text(analysis), "", "Options to the end of the contract year (* recommended):"]
    for kind, text in zip(("overage", "top_up", "early_renewal"), options, strict=True):
        lines.append(f"{'*' if analysis.recommendation.value == kind else ' '} {text}")
    sized = f"(Sized from the forecast year's {fmt.count(analysis.forecast.credits)} credits plus {fmt.percent(growth)} growth.)"
    lines += ["", recommendation, "", wording.renewal_quote_text(analysis, renewal), sized]
    return "\n".join(lines) + "\n"


def _write_renewal(analysis: RenewalAnalysis, renewal: Quotation, output: str) -> str:
    """Write the analysis, the recommended option's document and the renewal quote; what was written, in a line."""
    from cpiquote.documents.info import document_info

    info = document_info(renewal)
    total = _money(renewal.total_contract_value, renewal.pricebook.currency)
    option = {"top_up": " and the top-up order", "early_renewal": " and the early renewal quote"}.get(analysis.recommendation.value, "")
    try:
        written = services.export_renewal(analysis, renewal, Path(output), info)
        return f"Wrote {written} (renewal quote {info.quote_number}, total contract value {total}, after the analysis{option})"
    except services.ExportError as error:
        raise BadInput(f"cpiquote: {error}") from None


def _customer(text: str | None) -> str:
    """The renewal quote's customer, by the same rule as the quote's (--customer, in the window and in a quote file)."""
    from cpiquote.quote.inputs import BY_KEY, checked_text

    return checked_text(BY_KEY["customer"], text or "")


def run_renew(args: argparse.Namespace) -> int:
    """Forecast the subscription's contract year, compare its options, price the renewal quote and print (or write) them."""
    from cpiquote.pricing import renewal
    from cpiquote.quote import numbers

    pricebook = _open_pricebook(Path(args.pricebook) if args.pricebook else services.default_pricebook_path())
    subscription = _subscription(args, pricebook)
    used, as_of, daily = _used_credits(args, subscription, pricebook)
    growth = numbers.parse_percent("growth", args.growth or "") or Decimal(0)
    analysis = renewal.analyse(pricebook, subscription, used, as_of, daily)
    request = renewal.renewal_request(pricebook, subscription, analysis.forecast.credits, growth, customer=_customer(args.customer))
    quotation = services.price(pricebook, request)
    written = _write_renewal(analysis, quotation, args.output) if args.output else None
    if args.json:
        import json

        from cpiquote.documents.json import renewal_to_dict

        _out(json.dumps(renewal_to_dict(analysis, quotation), indent=2, ensure_ascii=False))
    else:
        _out(_renewal_text(analysis, quotation, growth), end="")
        if written:
            _out(written)
    return 0


# --- cpiquote quotes and cpiquote db: the quote library (cpiquote.store) ------------------------------------------------


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="the quote library: postgresql://user@host/dbname or a SQLite file (default: $CPIQUOTE_DATABASE_URL, "
        "else quotes.sqlite3 in your user data folder); a password comes from PGPASSWORD or ~/.pgpass",
    )


def _add_save_options(quote: argparse.ArgumentParser) -> None:
    library = quote.add_argument_group("quote library")
    library.add_argument("--save", action="store_true", help="store the quote in the quote library as a new numbered draft")
    _database_option(library)  # type: ignore[arg-type]


def _add_revise_options(revise: argparse.ArgumentParser) -> None:
    """The quote options, each None unless given (flags as --genai / --no-genai), so that what is not given is kept."""
    from cpiquote.quote.inputs import INPUTS

    for entry in INPUTS:
        if entry.option is None:
            continue
        help_text = entry.help.replace("%", "%%")
        if entry.is_flag:
            revise.add_argument(entry.option, dest=entry.key, action=argparse.BooleanOptionalAction, default=None, help=help_text)
        else:
            revise.add_argument(entry.option, dest=entry.key, metavar="VALUE", help=help_text)
    revise.add_argument(
        "--pricebook", metavar="FILE", help="price with this price book (default: the one the last revision was priced with)"
    )


def _add_library_commands(commands: Any) -> None:
    quotes = commands.add_parser("quotes", help="the quote library: list, show, approve, revise, compare, export and import saved quotes")
    actions = quotes.add_subparsers(dest="quotes_command", metavar="ACTION", required=True, parser_class=_Parser)
    listing = actions.add_parser("list", help="list saved quotes, the last changed first")
    listing.add_argument(
        "--customer", metavar="TEXT", help="only quotes whose customer's name or account number (Site ID) contains TEXT (any letter case)"
    )
    listing.add_argument("--status", metavar="STATUS", help="only quotes in STATUS: " + ", ".join(_status_names()))
    listing.add_argument("--limit", type=_whole, default=100, metavar="N", help="list at most N quotes (default 100)")
    show = actions.add_parser("show", help="show a saved quote's stored figures")
    status = actions.add_parser("status", help="mark a quote's latest revision sent, accepted or lost")
    approve = actions.add_parser("approve", help="approve a revision's discount (on PostgreSQL: members of cpiquote_approvers)")
    revise = actions.add_parser("revise", help="store a new revision; options not given keep the last revision's values")
    _add_revise_options(revise)
    diff = actions.add_parser("diff", help="compare two revisions figure by figure")
    export = actions.add_parser("export", help="write a stored revision as a PDF, an Excel workbook or a CPI Quote file")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (.pdf, .xlsx or .cpiquote)")
    export.add_argument("--paper", choices=("letter", "a4"), help="paper size (default: letter for USD price books, a4 otherwise)")
    imported = actions.add_parser("import", help="store a .cpiquote file as a new numbered draft")
    imported.add_argument("file", metavar="FILE.cpiquote")
    imported.add_argument("--pricebook", metavar="FILE", help="price with this price book when the file's own is not found unchanged")
    for action in (show, status, approve, revise, diff, export):
        action.add_argument("number", metavar="NUMBER", help="the quote number, Q-2026-00042")
    status.add_argument("status", metavar="STATUS", help="sent, accepted or lost")
    diff.add_argument("first", type=_whole, metavar="R1", help="the revision before")
    diff.add_argument("second", type=_whole, metavar="R2", help="the revision after")
    for action in (show, approve, export):
        action.add_argument("--revision", type=_whole, metavar="N", help="that revision (default: the latest)")
    for action in (listing, show, diff):
        action.add_argument("--json", action="store_true", help="print JSON instead of text")
    for action in (listing, show, status, approve, revise, diff, export, imported):
        _database_option(action)
    db = commands.add_parser("db", help="administer the quote library's database")
    db_actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True, parser_class=_Parser)
    upgrade = db_actions.add_parser("upgrade", help="create the quote library's tables or migrate them to this version")
    _database_option(upgrade)


def _status_names() -> list[str]:
    return ["draft", "approval_required", "approved", "sent", "accepted", "lost", "expired"]


def run_library(args: argparse.Namespace) -> int:
    """`cpiquote quotes ACTION` and `cpiquote db upgrade`: a store error is one line and exit 2."""
    from cpiquote import store

    try:
        if args.command == "db":
            before, after = store.upgrade_database(args.database)
            _out(f"The quote library is at schema version {after}" + ("" if before == after else f" (was {before or 'empty'})"))
            return 0
        with store.open_store(args.database) as library:
            return _LIBRARY_ACTIONS[args.quotes_command](library, args)
    except store.StoreError as error:
        raise BadInput(f"cpiquote: {error}") from None


def _save(quotation: Quotation, args: argparse.Namespace, pricebook_path: Path) -> StoredRevision:
    """`quote --save`: store the quote as a new numbered draft; documents written with -o carry its number."""
    from cpiquote import store

    try:
        with store.open_store(args.database) as library:
            ref = services.save_to_library(library, quotation, pricebook_path)
            saved = library.get(ref.number, ref.revision)
    except store.StoreError as error:
        raise BadInput(f"cpiquote: {error}") from None
    args.quote_number = args.quote_number or saved.number
    return saved


def _json_with(quotation: Quotation, saved: StoredRevision) -> str:
    import json

    from cpiquote.documents.json import quotation_to_dict

    head = {"quote_number": saved.number, "revision": saved.revision, "status": saved.status.value}
    return json.dumps({**head, **quotation_to_dict(quotation)}, indent=2, ensure_ascii=False)


def _status(text: str) -> Status:
    from cpiquote.store import Status

    try:
        return Status.parse(text)
    except ValueError as error:
        raise BadInput(f"cpiquote quotes: {error}") from None


def _list(library: Store, args: argparse.Namespace) -> int:
    import json

    status = _status(args.status) if args.status else None
    rows = library.list_quotes(customer=args.customer, status=status, limit=max(args.limit, 0))
    if args.json:
        _out(json.dumps([_summary_dict(row) for row in rows], indent=2, ensure_ascii=False))
        return 0
    total = library.count_quotes(customer=args.customer, status=status)
    for row in rows:
        value = _money(row.total_contract_value, row.currency)
        valid = f"valid until {row.valid_until}"
        account = f" ({row.account})" if row.account else ""
        _out(f"{row.number}  r{row.revision:<2}  {row.status.label:<17}  {value:>16}  {valid}  {row.author}  {row.customer}{account}")
    _out(f"{len(rows)} of {total} quotes" if total != len(rows) else f"{total} quote{'' if total == 1 else 's'}")
    return 0


def _summary_dict(row: QuoteSummary) -> dict[str, Any]:
    return {
        "quote_number": row.number,
        "revision": row.revision,
        "status": row.status.value,
        "customer": row.customer,
        "account": row.account,
        "currency": row.currency,
        "total_contract_value": str(row.total_contract_value),
        "valid_until": row.valid_until.isoformat(),
        "author": row.author,
        "created_at": row.created_at.isoformat(),
        "updated_at": row.updated_at.isoformat(),
    }


def _show(library: Store, args: argparse.Namespace) -> int:
    import json

    stored = library.get(args.number, args.revision)
    if args.json:
        head = {"quote_number": stored.number, "revision": stored.revision, "status": stored.status.value}
        _out(json.dumps({**head, **stored.figures}, indent=2, ensure_ascii=False))
        return 0
    from cpiquote.documents.text import render_text

    approval = (
        ""
        if stored.approval is None
        else f", approved by {stored.approval.approved_by} on {stored.approval.approved_at:%Y-%m-%d %H:%M} UTC"
    )
    _out(f"{stored.number} revision {stored.revision} of {stored.latest_revision}: {stored.status.label}{approval}")
    _out(f"Quote date {stored.quote_date}, valid until {stored.valid_until}; saved by {stored.author}")
    _out(render_text(services.stored_quotation(stored)), end="")
    return 0


def _set_status(library: Store, args: argparse.Namespace) -> int:
    status = library.set_status(args.number, _status(args.status))
    _out(f"{args.number.strip()} is now {status.label}")
    return 0


def _approve(library: Store, args: argparse.Namespace) -> int:
    approval = library.approve(args.number, services.current_author(), args.revision)
    which = f"revision {args.revision}" if args.revision else "the latest revision"
    _out(f"Approved {args.number.strip()} {which}: {approval.approved_by}, {approval.approved_at:%Y-%m-%d %H:%M} UTC")
    return 0


def _revise(library: Store, args: argparse.Namespace) -> int:
    from cpiquote.quote.inputs import request_from_values, values_from_options

    last = library.get(args.number)
    previous_request = services.stored_quotation(last).request
    merged = _merged_options(previous_request, args)
    _check_volume_options(merged)
    if args.pricebook:
        pricebook = _open_pricebook(args.pricebook)
        quotation = services.price(pricebook, request_from_values(values_from_options(merged), pricebook))
        ref = services.save_to_library(library, quotation, args.pricebook, number=last.number)
    else:
        request = request_from_values(values_from_options(merged), last.pricebook())
        ref = services.revise_with_stored_pricebook(library, last.number, request, last)
    saved = library.get(ref.number, ref.revision)
    before, after = last.figures["total_contract_value"], saved.figures["total_contract_value"]
    _out(f"Saved {ref.number} revision {ref.revision} ({saved.status.label}); total contract value {before} -> {after}")
    return 0


def _merged_options(previous: QuoteRequest, args: argparse.Namespace) -> argparse.Namespace:
    """The last revision's inputs as command-line options, with those given now in their place."""
    from cpiquote.quote.inputs import ESTIMATOR, INPUTS, values_from_request

    values = values_from_request(previous)
    merged: dict[str, Any] = {}
    for entry in INPUTS:
        if entry.option is None:
            continue
        if entry.per_year:
            figures = previous.interactions_per_year if entry.key == "interactions" else previous.ordered_credits_per_year
            merged[entry.key] = ",".join("" if n is None else str(n) for n in figures) or None
        elif entry.estimator and previous.estimate is None:
            merged[entry.key] = None
        else:
            merged[entry.key] = values[entry.key] if entry.is_flag or values[entry.key] != "" else None
    given = {key: value for key, value in vars(args).items() if key in merged and value is not None}
    if any(entry.key in given for entry in ESTIMATOR):
        merged["interactions"] = None
    if "interactions" in given:
        merged.update({entry.key: None for entry in ESTIMATOR})
    merged.update(given)
    return argparse.Namespace(**merged)


def _diff(library: Store, args: argparse.Namespace) -> int:
    import json

    changes = library.diff(args.number, args.first, args.second)
    if args.json:
        rows = [
            {"figure": c.label, "year": c.year, "before": _text(c.before), "after": _text(c.after), "change": _text(c.change)}
            for c in changes
        ]
        _out(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    _out(f"{args.number.strip()}: revision {args.first} -> revision {args.second}")
    for change in changes:
        where = f"year {change.year}" if change.year else "quote"
        delta = change.change
        moved = "-" if delta is None else f"{'+' if delta > 0 else ''}{delta}"
        before, after = _text(change.before) or "-", _text(change.after) or "-"
        _out(f"  {change.label:<22} {where:<8} {before:>16} {after:>16} {moved:>16}")
    return 0


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _export(library: Store, args: argparse.Namespace) -> int:
    from cpiquote.store import Status

    stored = library.get(args.number, args.revision)
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise BadInput(
            f"cpiquote quotes export: cannot write {suffix or 'a file without an extension'}; name the file .pdf, .xlsx or .cpiquote"
        )
    try:
        if suffix == ".cpiquote":
            _out(f"Wrote {services.write_atomically(target, stored.document_json.encode())} ({stored.number} revision {stored.revision})")
            return 0
        if stored.status is Status.APPROVAL_REQUIRED:
            raise BadInput(
                f"cpiquote: {stored.number} revision {stored.revision} needs approval before it is exported as an offer; "
                f"run `cpiquote quotes approve {stored.number}` (an approver) first, or export it as .cpiquote"
            )
        from cpiquote.documents.info import document_info

        quotation = services.stored_quotation(stored)
        info = document_info(quotation, stored.ref.title, stored.quote_date, args.paper, approved=stored.approval is not None)
        written = services.export(quotation, target, info)
    except services.ExportError as error:
        raise BadInput(f"cpiquote: {error}") from None
    total = _money(quotation.total_contract_value, quotation.pricebook.currency)
    _out(f"Wrote {written} ({stored.number} revision {stored.revision}, valid until {info.valid_until}, total contract value {total})")
    return 0


def _import(library: Store, args: argparse.Namespace) -> int:
    from cpiquote.quote.document import QuoteFileError

    try:
        ref = services.import_to_library(library, args.file, args.pricebook)
    except QuoteFileError as error:
        raise BadInput(f"cpiquote: {args.file}: {error.reason}") from None
    saved = library.get(ref.number)
    _out(f"Saved {ref.number} revision {ref.revision} ({saved.status.label}) from {args.file}")
    return 0


_LIBRARY_ACTIONS: dict[str, Callable[[Store, argparse.Namespace], int]] = {
    "list": _list,
    "show": _show,
    "status": _set_status,
    "approve": _approve,
    "revise": _revise,
    "diff": _diff,
    "export": _export,
    "import": _import,
}


def _add_usage_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    """`cpiquote usage count LOG --timezone ZONE ...`: a conversation log counted as the contract counts it."""
    usage = commands.add_parser("usage", help="count interactions and credits in conversation logs")
    actions = usage.add_subparsers(dest="usage_command", metavar="ACTION", required=True, parser_class=_Parser)
    count = actions.add_parser("count", help="count a conversation log's interactions (and credits) per local day")
    count.description = (
        "Count a conversation log (CSV or Parquet; columns conversation_id, timestamp, author and optionally proactive): "
        "each conversation counts once on each calendar day of the site's time zone it has messages on; system rows never "
        "count; a proactive conversation counts from its first customer message. Give feature flags to count credits."
    )
    count.add_argument("log", metavar="LOG", help="the conversation log, a .csv or .parquet file")
    count.add_argument("--timezone", required=True, metavar="ZONE", help="the site's IANA time zone, such as Europe/Berlin")
    count.add_argument("--recorded-in", metavar="ZONE", help="the time zone of timestamps written without an offset")
    count.add_argument("--pricebook", metavar="FILE", help="price book for credits per interaction (default: as for quote)")
    count.add_argument("--genai", action="store_true", help="Generative AI is on (credits per interaction)")
    count.add_argument("--intent-manager", action="store_true", help="Intent Manager is on (credits per interaction)")
    count.add_argument("--performance-optimizer", action="store_true", help="Performance Optimizer is on (credits per interaction)")
    count.add_argument("--skip-invalid", action="store_true", help="leave out rows that cannot be read (and say how many)")
    count.add_argument("--by", choices=("day", "month"), default="month", help="list the count per month (default) or per day")
    count.add_argument("--json", action="store_true", help="print one JSON object instead of the text summary")


def run_usage_count(args: argparse.Namespace) -> int:
    """Count the log and print the count: text, or JSON with --json. Bad input is one line naming the line or value."""
    from cpiquote.usage import Features, UsageError, count_log

    flags = (args.genai, args.intent_manager, args.performance_optimizer)
    features = Features(*flags) if any(flags) else None
    pricebook = _open_pricebook(args.pricebook) if features or args.pricebook else None  # a price book given is checked
    try:
        usage = count_log(args.log, args.timezone, recorded_in=args.recorded_in, skip_invalid=args.skip_invalid,
                          by_day=args.by == "day", pricebook=pricebook, features=features)  # fmt: skip
    except UsageError as error:
        where = "--" + error.field.replace("_", "-") if error.field in ("timezone", "recorded_in") else error.field
        raise BadInput(f"cpiquote usage count: {where}: {error.detail}") from None
    _out(_usage_json(usage, args.by) if args.json else _usage_text(usage, args), end="" if not args.json else "\n")
    return 0


def _usage_json(usage: UsageCount, by: str) -> str:
    """The count as one JSON object: totals, rows read and skipped, per month (and per day with --by day)."""
    import json

    data: dict[str, object] = {
        key: getattr(usage, key)
        for key in ("interactions", "credits", "conversations", "multi_day_conversations", "proactive_without_reply")
    }
    data |= {"rows_read": usage.rows_read, "rows_skipped": usage.rows_skipped, "first_skipped": usage.first_skipped}
    data["by_month"] = [{"month": m.month, "interactions": m.interactions, "credits": m.credits} for m in usage.by_month]
    if by == "day":
        data["by_day"] = [{"day": d.day.isoformat(), "interactions": d.interactions, "credits": d.credits} for d in usage.by_day]
    return json.dumps(data, indent=2)


def _usage_text(usage: UsageCount, args: argparse.Namespace) -> str:
    """The count for a person: totals, then one line per month or day."""
    from cpiquote.formatting import count

    credits = "" if usage.credits is None else f"{count(usage.credits):>14} credits"
    lines = [
        f"{args.log}, counted by calendar day in {args.timezone}",
        f"{count(usage.interactions):>14} interactions{credits and ', ' + credits.strip()}",
        f"{count(usage.conversations):>14} conversations, {count(usage.multi_day_conversations)} of them on more than one day",
        f"{count(usage.proactive_without_reply):>14} proactive conversations never answered (not counted)",
        f"{count(usage.rows_read):>14} rows read, {count(usage.rows_skipped)} skipped",
    ]
    if usage.first_skipped:
        lines.append(f"{'':>14} first skipped: {usage.first_skipped}")
    periods = [(d.day.isoformat(), d.interactions, d.credits) for d in usage.by_day] if args.by == "day" else None
    periods = periods if periods is not None else [(m.month, m.interactions or 0, m.credits) for m in usage.by_month]
    lines.append("By day:" if args.by == "day" else "By month:")
    for period, interactions, period_credits in periods:
        tail = "" if period_credits is None else f"{count(period_credits):>14} credits"
        lines.append(f"  {period:<10} {count(interactions):>14} interactions{tail}")
    return "\n".join(lines) + "\n"


def _add_proposal_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    """`cpiquote proposal QUOTE.cpiquote -o FILE`: a quote's scenarios as the options of one proposal."""
    from cpiquote.documents.info import PAPER_SIZES

    proposal = commands.add_parser("proposal", help="write two to four scenarios of a .cpiquote file as one proposal (PDF or Excel)")
    proposal.description = (
        "Write the scenarios of a quote saved from the window (a .cpiquote file) as the options of one proposal: a PDF with "
        "an options summary first and each option's quotation after it, or a workbook with a sheet per option."
    )
    proposal.add_argument("quote", metavar="QUOTE", help="the .cpiquote file whose scenarios are the options")
    proposal.add_argument("-o", "--output", metavar="FILE", required=True, help="the proposal to write (.pdf or .xlsx)")
    proposal.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="NAME",
        help='a scenario to offer, in order ("Scenario B" or B); repeat for each; default: every scenario',
    )
    proposal.add_argument(
        "--pricebook",
        metavar="FILE",
        help="price book when the quote's own is gone or changed (default: $CPIQUOTE_PRICEBOOK, else the sample)",
    )
    proposal.add_argument("--quote-number", metavar="TEXT", help="proposal number on the documents (default: a marked draft number)")
    proposal.add_argument("--quote-date", type=_date, metavar="YYYY-MM-DD", help="proposal date (default: today)")
    proposal.add_argument("--paper", choices=PAPER_SIZES, help="paper size (default: letter for USD price books, a4 otherwise)")


def run_proposal(args: argparse.Namespace) -> int:
    """Price the chosen scenarios of a quote file and write them as one proposal."""
    from cpiquote.documents.info import document_info
    from cpiquote.quote.document import QuoteFileError

    try:
        document = services.open_quote_to_price(args.quote, args.pricebook)
    except QuoteFileError as error:
        raise BadInput(f"cpiquote: {args.quote}: {error.reason}") from None
    quotations = services.scenario_quotations(document, args.scenario)
    info = document_info(quotations[0], args.quote_number, args.quote_date, args.paper)
    try:
        written = services.export_proposal(quotations, args.output, info)
    except services.ExportError as error:
        raise BadInput(f"cpiquote: {error}") from None
    values = ", ".join(_money(q.total_contract_value, q.pricebook.currency) for q in quotations)
    _out(f"Wrote {written} ({info.quote_number}, {len(quotations)} options; contract values {values})")
    return 0


def _check_utf8(given: Sequence[str]) -> None:
    """Refuse an argument that was not UTF-8 (a Latin-1 Müller from an old terminal), naming its option."""
    for index, argument in enumerate(given):
        bad = next((char for char in argument if 0xDC80 <= ord(char) <= 0xDCFF), None)
        if bad is None:
            continue
        option = argument.split("=", 1)[0] if argument.startswith("-") else (given[index - 1] if index else "")
        where = f"{option}: " if option.startswith("-") else f"argument {index + 1}: "
        byte = f"0x{ord(bad) - 0xDC00:02X}"
        raise BadInput(f"cpiquote: {_terminal(where)}the text is not UTF-8 (byte {byte}); set the terminal to UTF-8 and type it again")


def _dispatch(argv: Sequence[str] | None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    _check_utf8(given)
    if not given:
        return _open_window()  # how a person starts the app: no parser to build (a few ms of a start-up they watch)
    if len(given) == 1 and given[0].lower().endswith(".cpiquote"):
        return _open_window(given[0])  # a quote file opened from the desktop (double-clicked, or dropped on the app)
    args = build_parser().parse_args(argv)
    if args.command == "quote":
        return run_quote(args)
    if args.command == "pricebook":
        return run_pricebook_check(args)
    if args.command == "sample":
        return run_sample()
    if args.command == "renew":
        return run_renew(args)
    if args.command in ("quotes", "db"):
        return run_library(args)
    if args.command == "usage":
        return run_usage_count(args)
    if args.command == "proposal":
        return run_proposal(args)
    if args.command == "self-test":
        from cpiquote.gui.selftest import run_self_test

        return run_self_test()
    return _open_window(args.quote)


def _open_window(quote: str = "") -> int:
    import gc

    # Start-up allocates a few hundred thousand objects (Qt's bindings, the window) and frees almost none, so
    # cycle collection only costs time while the window is built; the app turns it back on once the window shows.
    gc.disable()
    from cpiquote.gui.app import main as gui_main

    return gui_main([sys.argv[0]], quote)


def _run(argv: Sequence[str] | None) -> int:
    """The command's exit status, once all it printed is out (a full disk is found out at the last write)."""
    try:
        code = _dispatch(argv)
    except SystemExit as stop:  # --help and --version: argparse printed, and stops
        code = stop.code if isinstance(stop.code, int) else 0
    _flush()
    return code


def _flush() -> None:
    """Write out what is still buffered for standard output, where a full disk is found out at the end."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputFailed(error.strerror or str(error)) from None


def _silence_stdout() -> None:
    """Send what is left for standard output nowhere, so that Python's own flush at exit says nothing either."""
    with contextlib.suppress(OSError, ValueError):  # no real descriptor (captured in tests): nothing is flushed there
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; bad input prints one line on stderr and returns 2, never a traceback."""
    try:
        return _run(argv)
    except BrokenPipeError:  # the reader stopped early (cpiquote ... | head): nothing more to say, and no traceback
        _silence_stdout()
        return 1
    except KeyboardInterrupt:  # Ctrl-C: what was being written is gone (write_atomically), the folder as it was
        return EXIT_INTERRUPTED
    except OutputFailed as error:
        _silence_stdout()
        _err(f"cpiquote: cannot write to standard output: {error}; send it to a file or a device with room")
    except BadInput as error:
        _err(error)
    except InputError as error:
        from cpiquote.quote.inputs import option_for

        _err(f"cpiquote: {option_for(error.field)}: {error.detail}")
    except (InvalidOperation, OverflowError) as error:
        _err(f"cpiquote: a number is out of range ({error}); use smaller figures")
    return EXIT_BAD_INPUT
