"""The `cpiquote` command: argument parsing and printing only; the work is in services."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, NoReturn

from cpiquote import __version__, pricing, services
from cpiquote.pricing import InputError, PriceBook, PriceBookError

if TYPE_CHECKING:
    from cpiquote.pricing import InteractionEstimate, QuoteRequest

# `cpiquote` with no command opens the window, so what only `quote` needs (json, the quotation types, document
# details) is imported where it is used: the desktop app starts without it.

EXIT_BAD_INPUT = 2
_WHOLE = re.compile(r"\d+")
_DECIMAL = re.compile(r"\d+(\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")
ESTIMATOR_OPTIONS = ("conversations", "multi_day_share", "extra_days", "proactive", "reply_rate")


class BadInput(Exception):
    """A command-line mistake, reported on one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake on one line instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        raise BadInput(f"{self.prog}: {message} (see {self.prog} --help)")


def _whole(text: str) -> int:
    cleaned = text.strip().replace("_", "")
    if not _WHOLE.fullmatch(cleaned):
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more (write 120000, not 120k or -5)")
    return int(cleaned)


def _decimal(text: str) -> Decimal:
    if not _DECIMAL.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of 0 or more (write 12.5, not 12,5 or -3)")
    return Decimal(text.strip())


def _share(text: str) -> Decimal:
    """A share written as 0.05 or 5%."""
    stripped = text.strip()
    if stripped.endswith("%"):
        return _decimal(stripped[:-1]) / 100
    return _decimal(stripped)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2026-11-27") from None


def _ramp(text: str) -> tuple[int, ...]:
    if _GROUPED.fullmatch(text.strip()):  # "1,200,000": one figure with thousands separators, or three years?
        raise argparse.ArgumentTypeError(
            f"{text!r} reads both as one number and as one figure per year: write one figure without commas (1200000 or "
            "1_200_000), or one per year in full (800000,1000000,1200000)"
        )
    parts = text.split(",")
    try:
        return tuple(_whole(part) for part in parts)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of interactions per year: give one whole number (1200000) or one per year (800000,1000000,1200000)"
        ) from None


def _add_quote_options(quote: argparse.ArgumentParser) -> None:
    from cpiquote.documents.info import PAPER_SIZES

    volume = quote.add_argument_group("what the customer expects (give --interactions, or the estimator's inputs)")
    volume.add_argument(
        "--interactions", type=_ramp, metavar="N[,N...]", help="interactions per year: one figure, or one per contract year"
    )
    volume.add_argument("--conversations", type=_whole, metavar="N", help="estimator: conversations per year")
    volume.add_argument(
        "--multi-day-share", type=_share, default=Decimal(0), metavar="F", help="estimator: share running past midnight (0.05 or 5%%)"
    )
    volume.add_argument(
        "--extra-days", type=_decimal, default=Decimal(0), metavar="F", help="estimator: average extra calendar days they run"
    )
    volume.add_argument("--proactive", type=_whole, default=0, metavar="N", help="estimator: proactive outbound messages per year")
    volume.add_argument(
        "--reply-rate", type=_share, default=Decimal(0), metavar="F", help="estimator: share of proactive messages answered"
    )
    terms = quote.add_argument_group("contract")
    terms.add_argument("--years", type=_whole, default=1, metavar="Y", help="contract length in years (default 1)")
    terms.add_argument("--genai", action="store_true", help="Generative AI features on")
    terms.add_argument("--intent-manager", action="store_true", help="Intent Manager on")
    terms.add_argument("--performance-optimizer", action="store_true", help="Performance Optimizer on")
    terms.add_argument("--discount", type=_decimal, default=Decimal(0), metavar="PCT", help="discretionary discount in percent")
    terms.add_argument("--care-package", action="store_true", help="add the Care Package (Tier 4 support)")
    terms.add_argument("--services-hours", type=_decimal, default=Decimal(0), metavar="H", help="professional-services hours")
    terms.add_argument("--sms-per-month", type=_whole, default=0, metavar="N", help="SMS messages per month (pass-through estimate)")
    terms.add_argument("--whatsapp-mtm-per-month", type=_whole, default=0, metavar="N", help="WhatsApp template messages (MTMs) per month")
    output = quote.add_argument_group("output")
    output.add_argument("--customer", default="", metavar="NAME", help="customer name")
    output.add_argument("--contact", default="", metavar="NAME", help="customer contact")
    output.add_argument("--pricebook", metavar="FILE", help="price book file (default: $CPIQUOTE_PRICEBOOK, else the shipped sample)")
    output.add_argument("--json", action="store_true", help="print one JSON object instead of the text summary")
    output.add_argument("-o", "--output", metavar="FILE", help="write the quote as a PDF or Excel workbook, chosen by FILE's extension")
    output.add_argument("--quote-number", metavar="TEXT", help="quote number on the document (default: a marked draft number)")
    output.add_argument("--quote-date", type=_date, metavar="YYYY-MM-DD", help="quote date (default: today)")
    output.add_argument("--paper", choices=PAPER_SIZES, help="paper size (default: letter for USD price books, a4 otherwise)")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, for parsing and for --help."""
    parser = _Parser(prog="cpiquote", description="Quote Live Assist for Dynamics 365 on cost per interaction.")
    parser.add_argument("--version", action="version", version=f"cpiquote {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    quote = commands.add_parser("quote", help="price a quote and print it", description="Price a quote and print it.")
    _add_quote_options(quote)
    pricebook = commands.add_parser("pricebook", help="work with price books")
    pricebook_commands = pricebook.add_subparsers(dest="pricebook_command", metavar="ACTION", required=True, parser_class=_Parser)
    check = pricebook_commands.add_parser("check", help="validate a price book and print its summary")
    check.add_argument("file", metavar="FILE")
    commands.add_parser("sample", help="price and print the sample quote")
    commands.add_parser("gui", help="open the desktop app (the default when no command is given)")
    commands.add_parser("self-test", help="check that this installation works: window, pricing, PDF and Excel")
    return parser


def _estimate(args: argparse.Namespace) -> InteractionEstimate | None:
    estimator_given = args.conversations is not None or any(
        getattr(args, name) != 0 for name in ESTIMATOR_OPTIONS if name != "conversations"
    )
    if args.interactions is not None and estimator_given:
        raise BadInput("cpiquote quote: give either --interactions or the estimator's inputs (--conversations ...), not both")
    if args.interactions is not None:
        return None
    if args.conversations is None:
        raise BadInput("cpiquote quote: say how many interactions: --interactions N, or --conversations N with the estimator's options")
    return pricing.InteractionEstimate(args.conversations, args.multi_day_share, args.extra_days, args.proactive, args.reply_rate)


def request_from_args(args: argparse.Namespace) -> QuoteRequest:
    """The quote request the options describe."""
    estimate = _estimate(args)
    interactions = (estimate.interactions,) if estimate is not None else args.interactions
    return pricing.QuoteRequest(
        interactions_per_year=interactions,
        years=args.years,
        generative_ai=args.genai,
        intent_manager=args.intent_manager,
        performance_optimizer=args.performance_optimizer,
        discount_percent=args.discount,
        care_package=args.care_package,
        services_hours=args.services_hours,
        sms_per_month=args.sms_per_month,
        whatsapp_mtm_per_month=args.whatsapp_mtm_per_month,
        estimate=estimate,
        customer=args.customer,
        contact=args.contact,
    )


def _open_pricebook(path: str | None) -> PriceBook:
    try:
        return services.open_pricebook(path)
    except PriceBookError as error:
        more = f" (and {len(error.problems) - 1} more; run `cpiquote pricebook check FILE` to see all)" if len(error.problems) > 1 else ""
        raise BadInput(f"cpiquote: price book {error.problems[0]}{more}") from None


def run_quote(args: argparse.Namespace) -> int:
    """Price the quote the options describe and print it."""
    from cpiquote.documents.info import document_info

    pricebook = _open_pricebook(args.pricebook)
    quotation = services.price(pricebook, request_from_args(args))
    if args.output:
        info = document_info(quotation, args.quote_number, args.quote_date, args.paper)
        try:
            written = services.export(quotation, args.output, info)
        except services.ExportError as error:
            raise BadInput(f"cpiquote: {error}") from None
        if not args.json:
            print(
                f"Wrote {written} ({info.quote_number}, total contract value {_money(quotation.total_contract_value, pricebook.currency)})"
            )
    if args.json:
        import json

        from cpiquote.documents.json import quotation_to_dict

        print(json.dumps(quotation_to_dict(quotation), indent=2, ensure_ascii=False))
    elif not args.output:
        from cpiquote.documents.text import render_text

        print(render_text(quotation), end="")
    return 0


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
            print(problem, file=sys.stderr)
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


def _option_name(field: str) -> str:
    return "--" + field.replace("_", "-")


def _dispatch(argv: Sequence[str] | None) -> int:
    if not (sys.argv[1:] if argv is None else argv):
        return _open_window()  # how a person starts the app: no parser to build (a few ms of a start-up they watch)
    args = build_parser().parse_args(argv)
    if args.command == "quote":
        return run_quote(args)
    if args.command == "pricebook":
        return run_pricebook_check(args)
    if args.command == "sample":
        return run_sample()
    if args.command == "self-test":
        from cpiquote.gui.selftest import run_self_test

        return run_self_test()
    return _open_window()


def _open_window() -> int:
    import gc

    # Start-up allocates a few hundred thousand objects (Qt's bindings, the window) and frees almost none, so
    # cycle collection only costs time while the window is built; the app turns it back on once the window shows.
    gc.disable()
    from cpiquote.gui.app import main as gui_main

    return gui_main([sys.argv[0]])


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
        print(f"cpiquote: {_option_name(error.field)}: {error.detail}", file=sys.stderr)
    except (InvalidOperation, OverflowError) as error:
        print(f"cpiquote: a number is out of range ({error}); use smaller figures", file=sys.stderr)
    return EXIT_BAD_INPUT
