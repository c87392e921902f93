"""The `cpiquote` command: argument parsing and printing only; the work is in services."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cpiquote import __version__, pricing, services
from cpiquote.pricing import InputError, PriceBook, PriceBookError

if TYPE_CHECKING:
    from cpiquote.pricing import Quotation, QuoteRequest
    from cpiquote.pricing.renewal import RenewalAnalysis, Subscription

# `cpiquote` with no command opens the window, so what only `quote` needs (json, the quotation types, document
# details) is imported where it is used: the desktop app starts without it.

EXIT_BAD_INPUT = 2
OUTPUT_SUFFIXES = (".pdf", ".xlsx", ".cpiquote")


class BadInput(Exception):
    """A command-line mistake, reported on one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake on one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        raise BadInput(f"{self.prog}: {message} (see {self.prog} --help)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2026-11-27") from None


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
    return request_from_values(values_from_options(args), pricebook)


def _open_pricebook(path: str | Path | None) -> PriceBook:
    try:
        return services.open_pricebook(path)
    except PriceBookError as error:
        more = f" (and {len(error.problems) - 1} more; run `cpiquote pricebook check FILE` to see all)" if len(error.problems) > 1 else ""
        raise BadInput(f"cpiquote: price book {error.problems[0]}{more}") from None


def run_quote(args: argparse.Namespace) -> int:
    """Price the quote the options describe and print it (and write it to a file with -o)."""
    pricebook_path = Path(args.pricebook) if args.pricebook else services.default_pricebook_path()
    pricebook = _open_pricebook(pricebook_path)
    quotation = services.price(pricebook, request_from_args(args, pricebook))
    if args.output:
        written = _write(quotation, args, pricebook_path)
        if not args.json:
            print(written)
    if args.json:
        print(_json(quotation))
    elif not args.output:
        from cpiquote.documents.text import render_text

        print(render_text(quotation), end="")
    return 0


def _write(quotation: Quotation, args: argparse.Namespace, pricebook_path: Path) -> str:
    """Write the quote to -o FILE (a PDF, a workbook or a quote file); what was written, in a line."""
    target = Path(args.output)
    if target.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError("output", f"cannot write {target.suffix or 'a file without an extension'}; name the file .pdf, .xlsx or .cpiquote")
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
            print(f"cpiquote: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    cur = pb.currency
    print(f"{pb.source}: OK")
    print(f"{pb.name}, version {pb.version}, {cur}, effective {pb.effective_from.isoformat()}, quotes valid {pb.quote_validity_days} days")
    print(f"SHA-256 {pb.sha256}")
    minimum, increment = fmt.count(pb.minimum_annual_credits), fmt.count(pb.increment)
    print(f"Minimum order {minimum} credits a year, in blocks of {increment}; up to {pb.max_years} years")
    print(f"Bands ({pb.tier_mode} mode):")
    for band in pb.bands:
        print(f"  from credit {fmt.count(band.from_credit):>11}  {fmt.price(band.price, cur)}")
    terms = ", ".join(f"{year} yr {fmt.percent(pct)}" for year, pct in enumerate(pb.term_discount_percent, start=1))
    print(f"Term discounts: {terms}")
    print(
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
    print(render_text(services.price(_open_pricebook(None), request)), end="")
    return 0


# --- cpiquote renew: an account manager's way through a contract year (usage-and-renewals.md sections 2 to 4) ------------


def _add_renew_options(renew: argparse.ArgumentParser) -> None:
    renew.description = (
        "Forecast the contract year of a running subscription from the credits used so far, and compare what paying overage, "
        "a top-up and an early renewal cost to the end of that year; then price the next term's renewal quote, sized from "
        "the forecast year plus --growth. Numbers may group their digits in threes (200,000); dates are YYYY-MM-DD."
    )
    subscription = renew.add_argument_group("subscription")
    subscription.add_argument("--subscription-credits", required=True, metavar="S", help="credits a year the customer subscribes to")
    subscription.add_argument("--contract-start", required=True, metavar="DATE", help="the contract's first day")
    subscription.add_argument("--contract-years", required=True, metavar="Y", help="the contract's length in years")
    subscription.add_argument("--price-per-credit", metavar="P", help="the subscription's price per credit (default: the price book's)")
    subscription.add_argument("--overage-price", metavar="O", help="the overage price per credit (default: the price book's for P)")
    subscription.add_argument("--genai", action="store_true", help="Generative AI is on")
    subscription.add_argument("--intent-manager", action="store_true", help="Intent Manager is on")
    subscription.add_argument("--performance-optimizer", action="store_true", help="Performance Optimizer is on")
    subscription.add_argument("--discount", metavar="PCT", help="the subscription's discretionary discount in percent (default 0)")
    usage = renew.add_argument_group("usage")
    usage.add_argument("--used-credits", metavar="U", help="credits used from the contract year's first day through --as-of")
    usage.add_argument("--as-of", metavar="DATE", help="the last day counted in --used-credits")
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
    """A date typed YYYY-MM-DD; one that is not in the calendar (2028-02-30) is refused naming its month's length."""
    import calendar
    import re

    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        parts = re.fullmatch(r"([0-9]{4})-([0-9]{2})-[0-9]{2}", text.strip())
        if parts and 1 <= int(parts[2]) <= 12:
            year, month = int(parts[1]), int(parts[2])
            month_name = f"{calendar.month_name[month]} {year}"
            raise InputError(
                field, f"{text.strip()} is not a day of the calendar: {month_name} has {calendar.monthrange(year, month)[1]} days"
            ) from None
        raise InputError(field, f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2027-03-15") from None


def _subscription(args: argparse.Namespace, pricebook: PriceBook) -> Subscription:
    """The running subscription the options describe; P and O from the price book unless given."""
    from cpiquote.pricing.limits import MAX_FIGURE
    from cpiquote.pricing.renewal import subscription_from_pricebook
    from cpiquote.quote import numbers

    price_limit = Decimal(10_000)  # far above any price per credit, as the price book's own limit
    credits = numbers.parse_whole("subscription_credits", args.subscription_credits, 1, MAX_FIGURE)
    years = numbers.parse_whole("contract_years", args.contract_years, 1, pricebook.max_years, " (the price book's longest contract)")
    if credits is None or years is None:
        raise BadInput("cpiquote renew: give --subscription-credits and --contract-years as whole numbers")
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


def _used_credits(args: argparse.Namespace) -> tuple[int, dt.date]:
    """The credits used this contract year and the day they were counted to."""
    from cpiquote.quote import numbers

    used = numbers.parse_whole("used_credits", args.used_credits or "")
    if used is None or args.as_of is None:
        raise BadInput("cpiquote renew: give --used-credits U and --as-of DATE (the credits used this contract year through that day)")
    return used, _renew_date("as_of", args.as_of)


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


def run_renew(args: argparse.Namespace) -> int:
    """Forecast the subscription's contract year, compare its options, price the renewal quote and print (or write) them."""
    from cpiquote.pricing import renewal
    from cpiquote.quote import numbers

    pricebook = _open_pricebook(Path(args.pricebook) if args.pricebook else services.default_pricebook_path())
    subscription = _subscription(args, pricebook)
    used, as_of = _used_credits(args)
    growth = numbers.parse_percent("growth", args.growth or "") or Decimal(0)
    analysis = renewal.analyse(pricebook, subscription, used, as_of)
    request = renewal.renewal_request(pricebook, subscription, analysis.forecast.credits, growth, customer=(args.customer or "").strip())
    quotation = services.price(pricebook, request)
    written = _write_renewal(analysis, quotation, args.output) if args.output else None
    if args.json:
        import json

        from cpiquote.documents.json import renewal_to_dict

        print(json.dumps(renewal_to_dict(analysis, quotation), indent=2, ensure_ascii=False))
    else:
        print(_renewal_text(analysis, quotation, growth), end="")
        if written:
            print(written)
    return 0


def _dispatch(argv: Sequence[str] | None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; bad input prints one line on stderr and returns 2, never a traceback."""
    try:
        return _dispatch(argv)
    except BrokenPipeError:  # the reader stopped early (cpiquote ... | head): nothing more to say, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except BadInput as error:
        print(error, file=sys.stderr)
    except InputError as error:
        from cpiquote.quote.inputs import option_for

        print(f"cpiquote: {option_for(error.field)}: {error.detail}", file=sys.stderr)
    except (InvalidOperation, OverflowError) as error:
        print(f"cpiquote: a number is out of range ({error}); use smaller figures", file=sys.stderr)
    return EXIT_BAD_INPUT
