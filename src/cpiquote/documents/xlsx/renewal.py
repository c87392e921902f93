"""The renewal workbook: an "Analysis" sheet that works the forecast and the options out in live formulas, then the
renewal quote's own Quote and Price book sheets (usage-and-renewals.md sections 2 to 4).

The Analysis sheet's yellow cells are the subscription and the usage; the forecast, overage, top-up and early
renewal's cost this year are formulas over them and the Price book sheet, so a reader can try other usage. The early
renewal's new contract (credits, price, annual fee) is the quoting tool's quote, written as values and labelled so.
Tests recalculate the sheet with LibreOffice and compare every figure with the engine's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cpiquote import wording
from cpiquote.documents.info import DocumentInfo
from cpiquote.documents.xlsx.cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    FLAG_FORMAT,
    ILLUSTRATIVE_COLOUR,
    PERCENT_FORMAT,
    Book,
    Figure,
    Sheet,
    clean_text,
    define,
    money_format,
    price_format,
    put_formula,
    put_input,
    put_label,
    put_text,
    put_value,
)
from cpiquote.documents.xlsx.workbook import finish_sheet, mark_illustrative, pricebook_footer, quote_workbook
from cpiquote.documents.xlsx.writer import save_book
from cpiquote.pricing import Quotation
from cpiquote.pricing.renewal import RenewalAnalysis, Subscription

ANALYSIS_SHEET = "Analysis"
RECOMMENDATION_WORDS = {"none": "None needed", "overage": "Pay overage", "top_up": "Top-up", "early_renewal": "Renew early"}


@dataclass(frozen=True)
class Line:
    """One row of the Analysis sheet: its label, the defined name of its figure, the figure and how it is written.

    `how` is "input" (yellow, unlocked), "value" (a figure from the quoting tool) or "formula" (live, `expression`
    without the `=`); a formula's `figure` is what it computes, as the engine's analysis has it.
    """

    label: str
    name: str
    how: str
    figure: Figure
    number_format: str | None
    note: str = ""
    expression: str = ""


def render_renewal_xlsx(analysis: RenewalAnalysis, renewal_quotation: Quotation, info: DocumentInfo) -> bytes:
    """The workbook's bytes: the Analysis sheet first, then the renewal quote's Quote and Price book sheets."""
    wb = quote_workbook(renewal_quotation, info)
    ws = wb.add_sheet(ANALYSIS_SHEET, 0)  # the first sheet, the one a reader opens on
    AnalysisSheet(wb, ws, analysis, renewal_quotation, info).write()
    finish_sheet(ws, info, "1:4", pricebook_footer(renewal_quotation))
    if renewal_quotation.pricebook.illustrative:  # as the Quote and Price book sheets after it say on every page
        mark_illustrative(ws)
    ws.freeze = "A5"
    customer = clean_text(renewal_quotation.request.customer.strip())
    wb.properties["title"] = f"Renewal analysis {clean_text(info.quote_number)}"
    wb.properties["subject"] = f"Renewal analysis for {customer}" if customer else "Renewal analysis"
    return save_book(wb)


class AnalysisSheet:
    """Writes the Analysis sheet top to bottom: header, subscription and usage, forecast, options, recommendation."""

    def __init__(self, wb: Book, ws: Sheet, analysis: RenewalAnalysis, renewal: Quotation, info: DocumentInfo) -> None:
        self.wb, self.ws, self.analysis, self.renewal, self.info, self.company = wb, ws, analysis, renewal, info, wb.company
        currency = renewal.pricebook.currency
        self.money, self.price = money_format(currency), price_format(currency)
        self.row = 6

    def write(self) -> None:
        """Every section, in the order a reader meets them, then the analysis in words."""
        self.write_header()
        self.block("Subscription and usage (yellow cells are inputs)", self.inputs())
        self.block("Forecast for the contract year", self.forecast_lines())
        self.block("Overage", self.overage_lines())
        self.block("Top-up: a one-off purchase of credits that expire at the end of the contract year", self.top_up_lines())
        self.block("Early renewal", self.early_renewal_lines())
        words = RECOMMENDATION_WORDS[self.analysis.recommendation.value]
        self.block("Recommendation", [_live("Cheapest way through the contract year", "Recommendation", _recommendation(), words, None)])
        self.write_words()
        for column, width in {"A": 58, "B": 20, "C": 70}.items():
            self.ws.width(column, width)

    def write_header(self) -> None:
        """Company, title, customer, date and the renewal quote's number, and how to read the sheet."""
        ws, info = self.ws, self.info
        put_text(ws, "A1", self.company, bold=True, size=16, colour="1F3A5F")
        put_label(ws, "C1", "RENEWAL ANALYSIS", bold=True, size=14, colour="1F3A5F", right=True)
        if self.renewal.pricebook.illustrative:  # the sample's prices: not an offer, whatever the figures say
            put_label(ws, "C2", wording.ILLUSTRATIVE_NOTE, bold=True, colour=ILLUSTRATIVE_COLOUR, right=True)
        put_label(ws, "A2", "Customer", bold=True)
        put_text(ws, "B2", self.renewal.request.customer, bold=True)
        put_label(ws, "A3", "Date", bold=True)
        put_value(ws, "B3", info.quote_date, DATE_FORMAT).restyle(horizontal="left")
        put_label(ws, "A4", "Renewal quote (the Quote sheet)", bold=True)
        put_text(ws, "B4", info.quote_number)
        put_label(
            ws,
            "A5",
            "Change the yellow cells and the forecast, overage, top-up and early renewal's cost recalculate by the renewal rules. "
            "The early renewal's new contract is the quoting tool's quote for the usage as written.",
            italic=True,
        )

    def block(self, title: str, lines: Sequence[Line]) -> None:
        """A titled group of lines: label in A, figure in B under its defined name, note in C."""
        self.row += 1
        put_label(self.ws, f"A{self.row}", title, bold=True, size=12)
        for line in lines:
            self.row += 1
            self.write_line(line)
        self.row += 1

    def write_line(self, line: Line) -> None:
        """A line in the current row, its figure named for formulas and tests."""
        ref = f"B{self.row}"
        put_label(self.ws, f"A{self.row}", line.label)
        if line.how == "input":
            cell = put_input(self.ws, ref, line.figure, line.number_format or "General")
        elif line.how == "value":
            cell = put_value(self.ws, ref, line.figure, line.number_format)
        else:
            cell = put_formula(self.ws, ref, line.expression, line.number_format, value=line.figure)
        if line.number_format == DATE_FORMAT or line.number_format is None:  # dates and words line up with the figures
            cell.restyle(horizontal="right")
        if line.name == "Recommendation":
            cell.restyle(bold=True)
        if line.note:
            put_label(self.ws, f"C{self.row}", line.note, italic=True, colour="595959").restyle(indent=1)
        define(self.wb, line.name, self.ws, ref)

    # --- the lines -------------------------------------------------------------------------------------------------

    def inputs(self) -> list[Line]:
        """The subscription and the usage so far: the figures every other line works from."""
        sub, fc = self.analysis.subscription, self.analysis.forecast
        as_of = fc.year.first_day + dt.timedelta(days=fc.elapsed_days - 1)
        return [
            Line("Subscription credits a year (S)", "SubscriptionCredits", "input", sub.annual_credits, COUNT_FORMAT),
            Line("Price per credit (P)", "SubscriptionPricePerCredit", "input", sub.price_per_credit, self.price),
            Line("Overage price per credit (O)", "SubscriptionOveragePrice", "input", sub.overage_price, self.price),
            Line("Contract length, years", "SubscriptionYears", "input", sub.years, FLAG_FORMAT, "sets the term discount of a top-up"),
            Line(
                "Discretionary discount, % (enter 5 for 5%)", "SubscriptionDiscountPercent", "input", sub.discount_percent, PERCENT_FORMAT
            ),
            Line(f"Contract year {fc.year.number}: first day", "YearFirstDay", "value", fc.year.first_day, DATE_FORMAT, _contract(sub)),
            Line(f"Contract year {fc.year.number}: last day", "YearLastDay", "value", fc.year.last_day, DATE_FORMAT),
            Line("Credits used from the first day through the day below (U)", "UsedCredits", "input", fc.used_credits, COUNT_FORMAT),
            Line("Usage counted through", "UsageThrough", "input", as_of, DATE_FORMAT),
        ]

    def forecast_lines(self) -> list[Line]:
        """The annual fee, the days, the linear forecast F against S, and the day the credits run out."""
        a, fc, count = self.analysis, self.analysis.forecast, COUNT_FORMAT
        # ceil(U x days / elapsed) in whole numbers: QUOTIENT is exact where a division in floating point may not be
        forecast = "QUOTIENT(UsedCredits*YearDays+ElapsedDays-1,ElapsedDays)"
        day_number = "QUOTIENT(SubscriptionCredits*ElapsedDays+UsedCredits-1,UsedCredits)"  # the day the S-th credit is used
        run_out = f'IF(ForecastCredits>SubscriptionCredits,YearFirstDay+{day_number}-1,"not this year")'
        fee = a.subscription.annual_fee
        return [
            _live("Annual fee (S × P)", "AnnualFee", "ROUND(SubscriptionCredits*SubscriptionPricePerCredit,2)", fee, self.money),
            _live("Days in the contract year", "YearDays", "YearLastDay-YearFirstDay+1", fc.year.days, COUNT_FORMAT),
            _live("Days so far (through the usage date)", "ElapsedDays", "UsageThrough-YearFirstDay+1", fc.elapsed_days, COUNT_FORMAT),
            _live("Days left after it", "RemainingDays", "YearLastDay-UsageThrough", fc.remaining_days, COUNT_FORMAT),
            _live("Forecast credits for the year (F)", "ForecastCredits", forecast, fc.credits, count, "ceil(U × days / days so far)"),
            _live("Credits over the subscription", "ExcessCredits", "MAX(0,ForecastCredits-SubscriptionCredits)", a.excess_credits, count),
            _live(
                "Credits forecast unused",
                "UnusedCredits",
                "MAX(0,SubscriptionCredits-ForecastCredits)",
                a.unused_credits,
                COUNT_FORMAT,
                "unused credits do not roll over",
            ),
            _live("Subscribed credits run out on", "RunOutDay", run_out, run_out_day(a), DATE_FORMAT, "at the rate so far"),
        ]

    def overage_lines(self) -> list[Line]:
        """The excess at the overage price."""
        overage = self.analysis.overage
        return [
            _live("Overage credits", "OverageCredits", "ExcessCredits", overage.credits, COUNT_FORMAT),
            _live("Overage cost this year", "OverageCost", "ROUND(OverageCredits*SubscriptionOveragePrice,2)", overage.cost, self.money),
        ]

    def top_up_lines(self) -> list[Line]:
        """T in whole blocks, at least the minimum, at the net price of the band holding credit S + T."""
        pb, year_end, top_up = self.renewal.pricebook, self.analysis.forecast.year.last_day, self.analysis.top_up
        credits = "IF(ExcessCredits=0,0,MAX(TopUpMinimumCredits,CEILING(ExcessCredits,TopUpIncrement)))"
        net = "(1-INDEX(TermDiscounts,SubscriptionYears)/100)*(1-SubscriptionDiscountPercent/100)"
        price = f'IF(TopUpCredits=0,"",ROUND(INDEX(BandListPrice,MATCH(SubscriptionCredits+TopUpCredits,BandFrom,1))*{net},4))'
        expiry = f"the credits expire at the end of the contract year ({year_end:%d %B %Y}); they do not roll over"
        return [
            Line("Top-up minimum, credits (price book)", "TopUpMinimumCredits", "value", pb.top_up_minimum_credits, COUNT_FORMAT),
            Line("Top-ups are sold in blocks of (price book)", "TopUpIncrement", "value", pb.top_up_increment, COUNT_FORMAT),
            _live("Top-up credits (T)", "TopUpCredits", credits, top_up.credits if top_up else 0, COUNT_FORMAT, "0: no top-up needed"),
            _live(
                "Top-up price per credit",
                "TopUpPricePerCredit",
                price,
                top_up.price_per_credit if top_up else "",
                self.price,
                "net price of the band holding credit S + T",
            ),
            _live(
                "Top-up cost, one-off",
                "TopUpCost",
                'IF(TopUpCredits=0,"",ROUND(TopUpCredits*TopUpPricePerCredit,2))',
                top_up.cost if top_up else "",
                self.money,
                expiry,
            ),
        ]

    def early_renewal_lines(self) -> list[Line]:
        """The new contract as the quoting tool priced it (values), and its cost over the rest of this year (formulas)."""
        e, pb = self.analysis.early_renewal, self.renewal.pricebook
        quoted = "the quoting tool's quote of the new contract (a value)"
        prorated = "prorated" if pb.early_renewal_unused_credit == "prorated" else "forfeit"
        credit = 'IF(EarlyRenewalUnusedCredit="prorated",ROUND(AnnualFee*RemainingDays/YearDays,2),0)'
        return [
            _live("New contract starts", "EarlyRenewalStart", "UsageThrough+1", e.start, DATE_FORMAT, "the day after the usage date"),
            Line("New contract, credits a year", "EarlyRenewalCredits", "value", e.annual_credits, COUNT_FORMAT, quoted),
            Line("New contract, price per credit", "EarlyRenewalPricePerCredit", "value", e.price_per_credit, self.price, quoted),
            Line("New contract, annual subscription", "EarlyRenewalAnnualSubscription", "value", e.annual_subscription, self.money, quoted),
            Line(
                "The current fee's unused part (price book)",
                "EarlyRenewalUnusedCredit",
                "value",
                prorated,
                None,
                '"prorated": credited; "forfeit": not',
            ),
            _live(
                "New fee for the days left",
                "EarlyRenewalCharge",
                "ROUND(EarlyRenewalAnnualSubscription*RemainingDays/365,2)",
                e.cost_this_year + e.credit_for_unused,  # the engine's charge, before the credit it takes off
                self.money,
                "annual subscription × days left / 365",
            ),
            _live(
                "Less: the current fee's unused part",
                "EarlyRenewalCreditForUnused",
                credit,
                e.credit_for_unused,
                self.money,
                "annual fee × days left / days in the year",
            ),
            _live(
                "Early renewal cost this year",
                "EarlyRenewalCostThisYear",
                "ROUND(EarlyRenewalCharge-EarlyRenewalCreditForUnused,2)",
                e.cost_this_year,
                self.money,
                "below 0: a net credit",
            ),
        ]

    def write_words(self) -> None:
        """The analysis and the renewal quote in the words every front end uses, as written (they do not recalculate)."""
        self.row += 1
        put_label(self.ws, f"A{self.row}", "The analysis as written (it does not change when the inputs are edited)", bold=True, size=12)
        texts = [
            wording.forecast_text(self.analysis),
            *wording.renewal_texts(self.analysis),
            wording.renewal_quote_text(self.analysis, self.renewal),
        ]
        for text in texts:
            self.row += 1
            put_text(self.ws, f"A{self.row}", text)


def _live(label: str, name: str, expression: str, figure: Figure, number_format: str | None, note: str = "") -> Line:
    """A line whose figure is a live formula, written with what it computes for the analysis as written."""
    return Line(label, name, "formula", figure, number_format, note, expression)


def run_out_day(analysis: RenewalAnalysis) -> dt.date | str:
    """The day the subscribed credits run out at the rate so far (the day the S-th credit is used), or "not this year"."""
    fc, credits = analysis.forecast, analysis.subscription.annual_credits
    if fc.credits <= credits:
        return "not this year"
    day_number = -(-credits * fc.elapsed_days // fc.used_credits)
    return fc.year.first_day + dt.timedelta(days=day_number - 1)


def _contract(sub: Subscription) -> str:
    """The contract the year belongs to, in a note."""
    return f"contract from {sub.start:%d %B %Y} for {sub.years} year{'s' if sub.years > 1 else ''}"


def _recommendation() -> str:
    """The cheapest option this year, as the engine chooses: none within the subscription; ties to overage, then top-up."""
    words = RECOMMENDATION_WORDS
    top_up_beats_early = "AND(TopUpCredits>0,TopUpCost<=EarlyRenewalCostThisYear)"
    overage_cheapest = "AND(OverageCost<=EarlyRenewalCostThisYear,OR(TopUpCredits=0,OverageCost<=TopUpCost))"
    return (
        f'IF(ForecastCredits<=SubscriptionCredits,"{words["none"]}",IF({overage_cheapest},"{words["overage"]}",'
        f'IF({top_up_beats_early},"{words["top_up"]}","{words["early_renewal"]}")))'
    )
