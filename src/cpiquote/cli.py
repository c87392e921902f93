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
    from cpiquote.usage import UsageCount

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
        "and its options), what they buy (--credits), or both. Numbers may group their digits in threes (1,200,000); "
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
    _add_usage_parser(commands)
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
    print(_usage_json(usage, args.by) if args.json else _usage_text(usage, args), end="" if not args.json else "\n")
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
    if args.command == "usage":
        return run_usage_count(args)
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
