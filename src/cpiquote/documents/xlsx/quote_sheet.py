"""The workbook's "Quote" sheet: the quote's content with highlighted inputs and live formulas (pricing-rules.md section 2)."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import Literal

from xlsxwriter.utility import xl_col_to_name

from cpiquote import formatting as fmt
from cpiquote.documents.info import CUSTOMER_NOTICE_KINDS, DocumentInfo, subject_to_approval
from cpiquote.documents.xlsx.cells import (
    COUNT_FORMAT,
    DATE_FORMAT,
    FLAG_FORMAT,
    HOURS_FORMAT,
    ILLUSTRATIVE_COLOUR,
    PERCENT_FORMAT,
    RATE_FORMAT,
    Book,
    Figure,
    Sheet,
    Validation,
    define,
    header_row,
    money_format,
    price_format,
    put_formula,
    put_input,
    put_label,
    put_text,
    put_value,
    quoted,
    total_style,
)
from cpiquote.documents.xlsx.pricebook_sheet import BAND_ROW, PRICEBOOK_SHEET, credit_rate_decimals
from cpiquote.documents.xlsx.year_table import Col, year_formulas, year_titles, year_values
from cpiquote.pricing import Quotation, TierMode, YearQuote
from cpiquote.pricing.engine import Tariff
from cpiquote.pricing.limits import MAX_FIGURE
from cpiquote.quote.inputs import INPUTS, Kind, QuoteInput
from cpiquote.wording import ILLUSTRATIVE_NOTE, SUBJECT_TO_APPROVAL, customer_text

QUOTE_SHEET = "Quote"
INPUT_TOP = 10  # first input row; the summary sits beside the inputs
YEAR_HEADER = 25  # the per-year table's header row
ORDERED_LABEL = "Credits ordered a year (empty: as required)"
VOLUME_NAMES = ("Interactions", "OrderedCredits")  # inputs of one figure, or of one per year in the year table
OTHER_INPUTS = tuple(entry for entry in INPUTS if entry.workbook_name and entry.workbook_name not in VOLUME_NAMES)
WIDTHS = {"A": 34, "B": 17, "C": 14, "D": 14, "E": 14, "F": 13, "G": 13, "H": 15, "I": 17, "J": 14, "K": 14, "L": 13, "M": 15, "N": 30}


class QuoteSheet:
    """Writes the Quote sheet top to bottom; `row` is the next free row below the per-year table."""

    def __init__(
        self,
        wb: Book,
        quotation: Quotation,
        info: DocumentInfo,
        company_lines: str,
        titles: tuple[str, str] = (QUOTE_SHEET, PRICEBOOK_SHEET),
    ) -> None:
        """`titles`: this sheet's, and that of the price book sheet its formulas read."""
        self.wb, self.quotation, self.info = wb, quotation, info
        self.company, self.company_lines = wb.company, company_lines
        self.ws = wb.add_sheet(titles[0])
        self.pricebook_title = titles[1]
        pricebook = quotation.pricebook
        self.max_years = pricebook.max_years
        self.graduated = pricebook.tier_mode == TierMode.GRADUATED
        self.money, self.price = money_format(pricebook.currency), price_format(pricebook.currency)
        self.first_year_row = YEAR_HEADER + 1
        self.row = self.first_year_row + self.max_years + 2  # a spacer row, which may hold the estimate
        self.validations: dict[tuple[str, str, str], Validation] = {}
        self.net_prices = Tariff(pricebook, quotation.request.years, quotation.request.discount_percent).net_prices

    def year_row(self, year: int) -> int:
        """Row of contract year `year` in the per-year table."""
        return self.first_year_row + year - 1

    def years_range(self, column: str) -> str:
        """The per-year table's cells of `column`, year 1 to the longest contract."""
        return f"{column}{self.first_year_row}:{column}{self.year_row(self.max_years)}"

    def contract_year(self, year: int) -> YearQuote | None:
        """The engine's figures of contract year `year`; None for a year beyond the contract (its row shows nothing)."""
        years = self.quotation.years
        return years[year - 1] if year <= len(years) else None

    def write(self) -> Sheet:
        """Write every section, in the order a reader meets them."""
        self.write_header()
        self.write_inputs()
        self.write_summary()
        self.write_years()
        if self.graduated:
            self.write_band_lines()
        self.write_care_and_services()
        self.write_invoices()
        self.write_pass_through()
        self.write_terms()
        for column, width in WIDTHS.items():
            self.ws.width(column, width)
        return self.ws

    # --- header, inputs, summary ------------------------------------------------------------------

    def write_header(self) -> None:
        """Company, quote number, dates, customer, contact and price book, then how to use the sheet."""
        ws, info, request, pricebook = self.ws, self.info, self.quotation.request, self.quotation.pricebook
        put_text(ws, "A1", self.company, bold=True, size=16, colour="1F3A5F")
        put_label(ws, f"{Col.NOTE}1", "QUOTATION", bold=True, size=14, colour="1F3A5F", right=True)
        if pricebook.illustrative:  # the sample's prices: a customer must not take them for an offer
            put_label(ws, f"{Col.NOTE}2", ILLUSTRATIVE_NOTE, bold=True, colour=ILLUSTRATIVE_COLOUR, right=True)
        if subject_to_approval(self.quotation, info):  # a discount nobody allowed yet: not an offer either
            put_label(ws, f"{Col.NOTE}3", SUBJECT_TO_APPROVAL, bold=True, colour=ILLUSTRATIVE_COLOUR, right=True)
        put_text(ws, "A2", self.company_lines, size=9, colour="595959")
        dates = (("Quote number", None), ("Quote date", info.quote_date), ("Valid until", info.valid_until))
        for row, (label, value) in enumerate(dates, 3):
            put_label(ws, f"A{row}", label, bold=True)
            put_value(ws, f"B{row}", value, DATE_FORMAT).restyle(horizontal="left")
        put_text(ws, "B3", info.quote_number, bold=True)
        pairs = (
            ("Customer", request.customer),
            ("Contact", request.contact),
            ("Price book", f"{pricebook.name}, version {pricebook.version} ({pricebook.short_hash})"),
        )
        for row, (label, text) in enumerate(pairs, 3):
            put_label(ws, f"D{row}", label, bold=True)
            put_text(ws, f"E{row}", text, bold=row == 3)
        put_label(
            ws,
            "A7",
            "Yellow cells are inputs: change them and every figure recalculates as the quoting tool would price it. "
            "The sheet is protected, without a password, so that formulas are not overwritten by accident.",
            italic=True,
        )

    def write_inputs(self) -> None:
        """The yellow input cells, each under a defined name and checked by data validation."""
        ws, request = self.ws, self.quotation.request
        put_label(ws, f"A{INPUT_TOP - 1}", "Inputs", bold=True, size=12)
        if request.is_ramp:
            put_label(ws, f"A{INPUT_TOP}", "Interactions per year")
            put_label(ws, f"B{INPUT_TOP}", "by year, in the table below", italic=True)
            put_label(ws, f"A{INPUT_TOP + 1}", ORDERED_LABEL)
            put_label(ws, f"B{INPUT_TOP + 1}", "by year, in the table below", italic=True)
        else:
            interactions, ordered = request.interactions_in_year(1), request.ordered_credits_in_year(1)
            count_rule = self.whole_number(0, MAX_FIGURE)
            self.input(INPUT_TOP, "Interactions per year (every year)", "Interactions", interactions, COUNT_FORMAT, count_rule)
            rule = self.ordered_credits_rule(f"B{INPUT_TOP + 1}")
            self.input(INPUT_TOP + 1, ORDERED_LABEL, "OrderedCredits", ordered, COUNT_FORMAT, rule)
        for offset, entry in enumerate(OTHER_INPUTS, 2):
            self.table_input(INPUT_TOP + offset, entry)

    def table_input(self, row: int, entry: QuoteInput) -> None:
        """Input `entry` of the table of quote inputs: its label, its defined name, the request's value, and a check
        of its range (contract years and discount: the price book's)."""
        pricebook, value = self.quotation.pricebook, getattr(self.quotation.request, str(entry.request_key))
        assert entry.workbook_name is not None and isinstance(value, (bool, int, Decimal))
        if entry.is_flag:
            label, number_format, rule = f"{entry.label} (1 = on, 0 = off)", FLAG_FORMAT, self.flag()
        elif entry.key == "years":
            label, number_format = f"{entry.label} (1 to {pricebook.max_years})", FLAG_FORMAT
            rule = self.whole_number(1, pricebook.max_years)
        elif entry.kind is Kind.PERCENT:
            label, number_format = f"{entry.label}, % (enter 5 for 5%)", PERCENT_FORMAT
            rule = self.decimal_number(Decimal(0), pricebook.discount_maximum_percent)
        elif entry.kind is Kind.DECIMAL:
            label, number_format, rule = entry.label, HOURS_FORMAT, self.decimal_number(Decimal(0), Decimal(entry.high or 0))
        else:
            label, number_format, rule = entry.label, COUNT_FORMAT, self.whole_number(entry.low, int(entry.high or 0))
        self.input(row, label, entry.workbook_name, int(value) if isinstance(value, bool) else value, number_format, rule)

    def input(self, row: int, label: str, name: str, value: Figure, number_format: str, validation: Validation) -> None:
        """One labelled input in column B, named `name`."""
        put_label(self.ws, f"A{row}", label)
        put_input(self.ws, f"B{row}", value, number_format)
        self.ws.validate(validation, f"B{row}")
        define(self.wb, name, self.ws, f"B{row}")

    def validation(self, kind: Literal["integer", "decimal"], low: object, high: object, what: str) -> Validation:
        """A data validation that refuses values outside `low`..`high` and says what is allowed (one per rule, shared by cells)."""
        key = (kind, str(low), str(high))
        rule = self.validations.get(key)
        if rule is None:
            rule = self.validations[key] = Validation(kind, str(low), str(high), title="Not a valid input", message=what)
        return rule

    def whole_number(self, low: int, high: int) -> Validation:
        """Validation of a whole number from `low` to `high`."""
        return self.validation("integer", low, high, f"Enter a whole number from {low:,} to {high:,}.")

    def decimal_number(self, low: Decimal, high: Decimal) -> Validation:
        """Validation of a number from `low` to `high`."""
        return self.validation("decimal", low, high, f"Enter a number from {low} to {high}.")

    def ordered_credits_rule(self, first_cell: str) -> Validation:
        """Validation of credits ordered from `first_cell` on (rule 3): whole blocks of the increment, at least the minimum.

        Empty is allowed: the year is sold as its forecast requires. The formula is relative to `first_cell`, so one
        rule serves a column of years.
        """
        pricebook, cell = self.quotation.pricebook, first_cell
        whole_blocks = f"INT({cell}/CreditIncrement)*CreditIncrement={cell}"
        return Validation(
            "custom",
            formula=f"AND(ISNUMBER({cell}),{cell}>=MinimumAnnualCredits,{cell}<={MAX_FIGURE},{whole_blocks})",
            allow_blank=True,
            title="Not a valid order",
            message=(
                f"Order whole blocks of {pricebook.increment:,} credits, at least {pricebook.minimum_annual_credits:,} a year; "
                "leave it empty to order as the forecast requires."
            ),
        )

    def flag(self) -> Validation:
        """Validation of a feature switch: 1 for on, 0 for off."""
        return self.validation("integer", 0, 1, "Enter 1 for on or 0 for off.")

    def write_summary(self) -> None:
        """Year-1 figures and totals beside the inputs: credits per interaction, price, fees, contract value."""
        ws, y1, q = self.ws, self.first_year_row, self.quotation
        first, term = q.first_year, q.term_discount_percent
        put_label(ws, f"D{INPUT_TOP - 1}", "Summary", bold=True, size=12)
        digits = credit_rate_decimals(self.quotation.pricebook)
        cpi = (
            "ROUND(IF(GenerativeAI=1,CreditsGenerativeAI,CreditsBase)+IF(IntentManager=1,CreditsIntentManager,0)"
            f"+IF(PerformanceOptimizer=1,CreditsPerformanceOptimizer,0),{digits})"
        )
        rows: list[tuple[str, str, str, str | None, Figure]] = [
            ("Credits per interaction", cpi, RATE_FORMAT, "CreditsPerInteraction", q.credits_per_interaction),
            ("Term discount for the contract length", "INDEX(TermDiscounts,Years)", PERCENT_FORMAT, "TermDiscountPercent", term),
            ("Annual credits, year 1", f"{Col.ANNUAL}{y1}", COUNT_FORMAT, None, first.annual_credits),
            ("Price per credit, year 1", f"{Col.PRICE}{y1}", self.price, None, first.price_per_credit),
            ("Annual subscription, year 1", f"{Col.SUBSCRIPTION}{y1}", self.money, None, first.annual_subscription),
            ("Overage price per credit, year 1", f"{Col.OVERAGE_PRICE}{y1}", self.price, None, first.overage_price_per_credit),
            ("Care Package, whole contract", f"SUM({self.years_range(Col.CARE)})", self.money, None, q.care_package_total),
            ("Professional services", "ServicesFee", self.money, None, q.services),
            ("Total contract value", "TotalContractValue", self.money, None, q.total_contract_value),
        ]
        for offset, (label, expression, number_format, name, value) in enumerate(rows):
            put_label(ws, f"D{INPUT_TOP + offset}", label, bold=offset == len(rows) - 1)
            put_formula(ws, f"H{INPUT_TOP + offset}", expression, number_format, value=value, bold=offset == len(rows) - 1)
            if name:
                define(self.wb, name, ws, f"H{INPUT_TOP + offset}")
        approval = (
            'IF(DiscountPercent>DiscountApprovalAbovePercent,"Approval required: the discretionary discount is above "'
            '&DiscountApprovalAbovePercent&"%.","")'
        )
        put_formula(ws, f"D{INPUT_TOP + len(rows)}", approval, value=self.approval_text()).restyle(bold=True, colour="C00000")
        year_1_names = {
            "RequiredCredits": Col.REQUIRED,
            "AnnualCredits": Col.ANNUAL,
            "PricePerCredit": Col.PRICE,
            "AnnualSubscription": Col.SUBSCRIPTION,
            "OveragePricePerCredit": Col.OVERAGE_PRICE,
            "ShortfallCredits": Col.SHORTFALL,
            "ExpectedOverage": Col.OVERAGE,
        }
        for name, column in year_1_names.items():
            define(self.wb, name, ws, f"{column}{y1}")
        if not self.graduated:
            self.write_price_break(INPUT_TOP + len(rows) + 1)

    def approval_text(self) -> str:
        """What the approval formula shows for the quote as written: the discount above the level, or nothing."""
        request, pricebook = self.quotation.request, self.quotation.pricebook
        if request.discount_percent <= pricebook.discount_approval_above_percent:
            return ""
        return f"Approval required: the discretionary discount is above {_general(pricebook.discount_approval_above_percent)}%."

    def write_price_break(self, top: int) -> None:
        """Volume mode: the cheapest larger order of a higher band, when it costs less than year 1's subscription."""
        ws, y1 = self.ws, self.first_year_row
        annual, subscription = f"{Col.ANNUAL}{y1}", f"{Col.SUBSCRIPTION}{y1}"
        band = f"MATCH({annual},BandFrom,1)"
        higher = f"INDEX(BreakFee,{band}+1):INDEX(BreakFee,ROWS(BandFrom))"
        fee = f'IF({band}>=ROWS(BandFrom),"",IF(MIN({higher})<{subscription},MIN({higher}),""))'
        rows = [
            (
                f'IF(H{top + 1}="","Price break, year 1: none (no larger order costs less)","Price break, year 1: order instead")',
                f'IF(H{top + 1}="","",INDEX(BreakCredits,{band}+MATCH(H{top + 1},{higher},0)))',
                COUNT_FORMAT,
                "PriceBreakCredits",
            ),
            (f'IF(H{top + 1}="","","Annual subscription of that order")', fee, self.money, "PriceBreakSubscription"),
            (f'IF(H{top + 1}="","","Saving per year")', f'IF(H{top + 1}="","",{subscription}-H{top + 1})', self.money, "PriceBreakSaving"),
        ]
        advice = self.quotation.first_year.price_break
        labels = (
            ("Price break, year 1: order instead", "Annual subscription of that order", "Saving per year")
            if advice
            else ("Price break, year 1: none (no larger order costs less)", "", "")
        )
        figures = (advice.annual_credits, advice.annual_subscription, advice.saving) if advice else ("", "", "")
        for offset, (label, expression, number_format, name) in enumerate(rows):
            put_formula(ws, f"D{top + offset}", label, value=labels[offset])
            put_formula(ws, f"H{top + offset}", expression, number_format, value=figures[offset])
            define(self.wb, name, ws, f"H{top + offset}")

    # --- per-year table ---------------------------------------------------------------------------

    def write_years(self) -> None:
        """One row per possible contract year; years beyond `Years` evaluate to empty text and add nothing."""
        ws = self.ws
        put_label(ws, f"A{YEAR_HEADER - 1}", "Subscription by contract year", bold=True, size=12)
        header_row(ws, YEAR_HEADER, 1, list(year_titles(self.graduated)))
        ws.heights[YEAR_HEADER] = 30
        for year in range(1, self.max_years + 1):
            self.write_year(year)
        names = {
            "InteractionsByYear": Col.INTERACTIONS,
            "RequiredCreditsByYear": Col.REQUIRED,
            "OrderedCreditsByYear": Col.ORDERED,
            "AnnualCreditsByYear": Col.ANNUAL,
            "PricePerCreditByYear": Col.PRICE,
            "AnnualSubscriptionByYear": Col.SUBSCRIPTION,
            "CarePackageByYear": Col.CARE,
            "OveragePricePerCreditByYear": Col.OVERAGE_PRICE,
            "ShortfallCreditsByYear": Col.SHORTFALL,
            "ExpectedOverageByYear": Col.OVERAGE,
        }
        for name, column in names.items():
            define(self.wb, name, ws, self.years_range(column))
        if self.quotation.request.estimate is not None:
            estimate = "Interactions estimated from " + _estimate_text(self.quotation)
            put_text(ws, f"A{self.year_row(self.max_years) + 1}", estimate).restyle(italic=True)
        if self.quotation.request.is_ramp:
            define(self.wb, "Interactions", ws, f"{Col.INTERACTIONS}{self.first_year_row}")
            define(self.wb, "OrderedCredits", ws, f"{Col.ORDERED}{self.first_year_row}")
            ws.validate(self.ordered_credits_rule(f"{Col.ORDERED}{self.first_year_row}"), self.years_range(Col.ORDERED))

    def write_year(self, year: int) -> None:
        """The formulas of one contract year (pricing rules 1 to 7); a ramp's interactions and credits ordered are inputs."""
        ws, r, request, quoted_year = self.ws, self.year_row(year), self.quotation.request, self.contract_year(year)
        live = f"{year}>Years"
        put_formula(ws, f"{Col.YEAR}{r}", f'IF({live},"","Year {year}")', value=f"Year {year}" if quoted_year else "")
        self.write_year_volume(year)
        fee = self.graduated_fee(year) if self.graduated else None
        formulas = year_formulas(r, credit_rate_decimals(self.quotation.pricebook), fee, self.price, self.money)
        values = year_values(quoted_year)
        for column, (expression, number_format) in formulas.items():
            put_formula(ws, f"{column}{r}", f'IF({live},"",{expression})', number_format, value=values[column])
        if request.is_ramp:  # a ramp's later inputs stay visible, so say when they count
            note = f'IF({live},"Counts when Years is {year} or more",{formulas[Col.NOTE][0]})'
            put_formula(ws, f"{Col.NOTE}{r}", note, value=values[Col.NOTE] if quoted_year else f"Counts when Years is {year} or more")
        ws.cell(f"{Col.NOTE}{r}").restyle(indent=1)

    def write_year_volume(self, year: int) -> None:
        """A year's interactions and credits ordered: a ramp's own inputs, else the inputs above (empty stays empty, not 0)."""
        ws, r, request = self.ws, self.year_row(year), self.quotation.request
        if request.is_ramp:  # the years after the contract repeat its last year's figures, ready for a longer one
            last = min(year, request.years)
            put_input(ws, f"{Col.INTERACTIONS}{r}", request.interactions_in_year(last), COUNT_FORMAT)
            ws.validate(self.whole_number(0, MAX_FIGURE), f"{Col.INTERACTIONS}{r}")
            put_input(ws, f"{Col.ORDERED}{r}", request.ordered_credits_in_year(last), COUNT_FORMAT)
            return
        within = year <= request.years
        volumes = [
            (Col.INTERACTIONS, "Interactions", request.interactions_in_year(1)),
            (Col.ORDERED, "OrderedCredits", request.ordered_credits_in_year(1)),
        ]
        for column, name, figure in volumes:
            value = figure if within and figure is not None else ""
            put_formula(ws, f"{column}{r}", f'IF({year}>Years,"",IF({name}="","",{name}))', COUNT_FORMAT, value=value)

    # --- graduated band lines ---------------------------------------------------------------------

    def band_rows(self) -> tuple[int, int]:
        """First and last row of the graduated band lines (a header and a title sit above them)."""
        first = self.first_year_row + self.max_years + 4
        return first, first + len(self.quotation.pricebook.bands) - 1

    def graduated_fee(self, year: int) -> str:
        """Graduated mode: the year's subscription is the sum of its band lines, each rounded to cents."""
        first, last = self.band_rows()
        amount = xl_col_to_name(1 + 2 * year)
        return f"SUM({amount}{first}:{amount}{last})"

    def write_band_lines(self) -> None:
        """Graduated mode: credits and amount of every band for every year, as the engine's band lines."""
        ws, bands, (first, last) = self.ws, self.quotation.pricebook.bands, self.band_rows()
        put_label(ws, f"A{first - 2}", "Graduated pricing: credits and fees by band", bold=True, size=12)
        titles: list[str | tuple[str, str]] = ["Band (credits)", "Net price per credit"]
        for year in range(1, self.max_years + 1):
            shown = self.contract_year(year) is not None
            for what in ("credits", "amount"):
                titles.append((f'IF({year}>Years,"","Year {year} {what}")', f"Year {year} {what}" if shown else ""))
        header_row(ws, first - 1, 1, titles)
        ws.heights[first - 1] = 30
        for index, band in enumerate(bands):
            row, book_row = first + index, BAND_ROW + index
            upper = f"{bands[index + 1].from_credit - 1:,}" if index + 1 < len(bands) else "and up"
            put_label(ws, f"A{row}", f"{band.from_credit:,} – {upper}" if index + 1 < len(bands) else f"{band.from_credit:,} and up")
            put_formula(ws, f"B{row}", f"{quoted(self.pricebook_title)}!$D${book_row}", self.price, value=self.net_prices[index])
            for year in range(1, self.max_years + 1):
                self.write_band_cells(row, book_row, year, index)
        self.row = last + 2

    def write_band_cells(self, row: int, book_row: int, year: int, index: int) -> None:
        """Credits of year `year` that fall in band `index`, and their amount ROUND(credits x net price, 2)."""
        credits_column, amount_column = xl_col_to_name(2 * year), xl_col_to_name(1 + 2 * year)
        annual = f"${Col.ANNUAL}${self.year_row(year)}"
        book = quoted(self.pricebook_title)
        last_band = index + 1 == len(self.quotation.pricebook.bands)
        ceiling = f"{annual}+1" if last_band else f"MIN({annual}+1,{book}!$A${book_row + 1})"
        live = f"{year}>Years"
        credits, amount = self.band_line(year, index)
        put_formula(self.ws, f"{credits_column}{row}", f'IF({live},"",MAX(0,{ceiling}-{book}!$A${book_row}))', COUNT_FORMAT, value=credits)
        put_formula(self.ws, f"{amount_column}{row}", f'IF({live},"",ROUND({credits_column}{row}*$B{row},2))', self.money, value=amount)

    def band_line(self, year: int, index: int) -> tuple[Figure, Figure]:
        """The engine's credits and amount of band `index` in contract year `year`: 0 in a band the year does not
        reach, nothing beyond the contract."""
        quoted_year = self.contract_year(year)
        if quoted_year is None:
            return "", ""
        band_from = self.quotation.pricebook.bands[index].from_credit
        line = next((line for line in quoted_year.lines if line.band_from == band_from), None)
        return (line.credits, line.amount) if line else (0, Decimal("0.00"))

    # --- care, services, invoices, pass-through, terms ----------------------------------------------

    def section(self, title: str) -> int:
        """Start a section with a title; return its first content row."""
        put_label(self.ws, f"A{self.row}", title, bold=True, size=12)
        self.row += 1
        return self.row

    def write_care_and_services(self) -> None:
        """The Care Package and the professional services, with the price book's terms in words."""
        ws, pricebook, row = self.ws, self.quotation.pricebook, self.section("Care Package and professional services")
        cur = pricebook.currency
        put_label(ws, f"A{row}", "Care Package (Tier 4 support)")
        care = "Included" if self.quotation.request.care_package else "Not included"
        put_formula(ws, f"B{row}", 'IF(CarePackage=1,"Included","Not included")', value=care)
        put_label(
            ws,
            f"C{row}",
            f"{fmt.percent(pricebook.care_percent_of_subscription)} of each year's subscription, at least "
            f"{fmt.money(pricebook.care_minimum_annual_fee, cur)} a year",
        )
        put_formula(ws, f"H{row}", f"SUM({self.years_range(Col.CARE)})", self.money, value=self.quotation.care_package_total)
        put_label(ws, f"A{row + 1}", "Professional services")
        hours = self.quotation.request.services_hours
        put_formula(ws, f"B{row + 1}", "ServicesHours", HOURS_FORMAT + ' "hours"', value=hours).restyle(horizontal="left")
        put_label(ws, f"C{row + 1}", f"at {fmt.rate(pricebook.services_hourly_rate, cur)} an hour, invoiced once with the first invoice")
        put_formula(ws, f"H{row + 1}", "ROUND(ServicesHours*ServicesHourlyRate,2)", self.money, value=self.quotation.services)
        define(self.wb, "ServicesFee", ws, f"H{row + 1}")
        self.row = row + 3

    def write_invoices(self) -> None:
        """One invoice per contract year (the first on acceptance, with the services) and the contract value."""
        ws, top = self.ws, self.section("Invoice schedule")
        header_row(ws, top, 1, ["Invoice", "Due", "Subscription", "Care Package", "Professional services", "Amount"])
        ws.heights[top] = 30
        invoices = self.quotation.invoices
        for year in range(1, self.max_years + 1):
            r, source, live = top + year, self.year_row(year), f"{year}>Years"
            due = "On acceptance" if year == 1 else f"Start of year {year}"
            services = "ServicesFee" if year == 1 else "0"
            invoice = invoices[year - 1] if year <= len(invoices) else None
            put_formula(ws, f"A{r}", f'IF({live},"","Invoice {year}")', value=f"Invoice {year}" if invoice else "")
            put_formula(ws, f"B{r}", f'IF({live},"","{due}")', value=due if invoice else "").restyle(horizontal="right")
            parts = (("C", f"{Col.SUBSCRIPTION}{source}"), ("D", f"{Col.CARE}{source}"), ("E", services), ("F", f"C{r}+D{r}+E{r}"))
            figures: tuple[Figure, ...] = (
                (invoice.subscription, invoice.care_package, invoice.services, invoice.amount) if invoice else ("",) * 4
            )
            for (column, expression), figure in zip(parts, figures, strict=True):
                put_formula(ws, f"{column}{r}", f'IF({live},"",{expression})', self.money, value=figure)
        last = top + self.max_years
        define(self.wb, "InvoiceAmounts", ws, f"F{top + 1}:F{last}")
        total_style(put_label(ws, f"A{last + 1}", "Total contract value"))
        for column in "BCDE":
            total_style(ws.cell(f"{column}{last + 1}"))
        total_style(put_formula(ws, f"F{last + 1}", f"SUM(F{top + 1}:F{last})", self.money, value=self.quotation.total_contract_value))
        define(self.wb, "TotalContractValue", ws, f"F{last + 1}")
        self.row = last + 3

    def write_pass_through(self) -> None:
        """The SMS and WhatsApp estimate: apart from the contract value, invoiced monthly in arrears with the handling fee."""
        ws, pricebook, estimate = self.ws, self.quotation.pricebook, self.quotation.pass_through
        top = self.section("Pass-through estimate (SMS and WhatsApp): an estimate, not part of the contract value")
        put_label(
            ws,
            f"A{top}",
            f"Provider fees at the list rates plus a {fmt.percent(pricebook.handling_fee_percent)} handling fee, "
            "invoiced monthly in arrears for the messages actually sent.",
            italic=True,
        )
        monthly = "ROUND((SmsPerMonth*SmsRate+WhatsAppPerMonth*WhatsAppRate)*(1+HandlingFeePercent/100),2)"
        rows = [
            ("SMS provider fees per month", "ROUNDDOWN(SmsPerMonth*SmsRate,2)", None, estimate.sms_per_month),  # the fee takes the rest
            ("WhatsApp provider fees per month", "ROUNDDOWN(WhatsAppPerMonth*WhatsAppRate,2)", None, estimate.whatsapp_per_month),
            (
                f"Handling fee per month ({fmt.percent(pricebook.handling_fee_percent)})",
                f"H{top + 4}-H{top + 1}-H{top + 2}",
                None,
                estimate.handling_fee_per_month,
            ),
            ("Estimated pass-through per month", monthly, "PassThroughMonthly", estimate.monthly_estimate),
            ("Estimated pass-through per year", f"H{top + 4}*12", "PassThroughAnnual", estimate.annual_estimate),
        ]
        for offset, (label, expression, name, value) in enumerate(rows, 1):
            put_label(ws, f"A{top + offset}", label, bold=name is not None)
            put_formula(ws, f"H{top + offset}", expression, self.money, value=value, bold=name is not None)
            if name:
                define(self.wb, name, ws, f"H{top + offset}")
        self.row = top + len(rows) + 2

    def write_terms(self) -> None:
        """The usage terms that apply, then the notes as quoted."""
        ws, pricebook = self.ws, self.quotation.pricebook
        self.ws.row_breaks.append(self.row - 1)  # terms and notes print on a page of their own
        self.write_parties()
        top = self.section("Usage terms")
        terms = [
            "An interaction is one conversation with one customer on one calendar day, in the time zone of the site; "
            "a conversation that runs past midnight counts again on each further day.",
            "Credits per interaction depend on the features chosen (see the summary); annual credits are sold in blocks of "
            f"{fmt.count(pricebook.increment)}, at least {fmt.count(pricebook.minimum_annual_credits)} a year.",
            "Proactive (outbound) messages count as interactions only when the customer replies.",
            "Unused credits do not roll over into the next contract year.",
            f"Credits used beyond a year's annual credits are invoiced at the overage price per credit "
            f"(the year's price per credit × {fmt.number(pricebook.overage_multiplier)}).",
        ]
        for offset, line in enumerate(terms):
            put_label(ws, f"A{top + offset}", "• " + line)
        self.row = top + len(terms) + 1
        self.write_notes()

    def write_parties(self) -> None:
        """The customer's account, billing address and the sales person, then the quote's own notes and terms, as typed."""
        request = self.quotation.request
        details = [
            ("Account or Site ID", [request.account]),
            ("Billing address", request.billing_address.split("\n")),
            ("Sales person", [request.sales_person]),
        ]
        shown = [(label, lines) for label, lines in details if any(line.strip() for line in lines)]
        if shown:
            row = self.section("Customer and sales person")
            for label, lines in shown:
                put_label(self.ws, f"A{row}", label, bold=True)
                for line in lines:
                    put_text(self.ws, f"B{row}", line)
                    row += 1
            self.row = row + 1
        for title, text in (("Notes", request.notes), ("Terms", request.terms)):
            if text.strip():
                row = self.section(title)
                for line in typed_lines(text):
                    put_text(self.ws, f"A{row}", line)
                    row += 1
                self.row = row + 1

    def write_notes(self) -> None:
        """The customer's notes on the quote as written (internal approval notes stay out); the live notes above follow edits."""
        notes = [notice for notice in self.quotation.warnings if notice.kind in CUSTOMER_NOTICE_KINDS]
        if not notes:
            return
        top = self.section("Notes on the quote as issued (they do not change when the inputs are edited)")
        for offset, notice in enumerate(notes):
            put_text(self.ws, f"A{top + offset}", "• " + customer_text(notice, self.quotation))
        self.row = top + len(notes) + 1


def _general(number: Decimal) -> str:
    """`number` as a spreadsheet joins it into text (General format): 10, 12.5."""
    return f"{number.normalize():f}"


def _estimate_text(quotation: Quotation) -> str:
    """The estimator's inputs in words, as quoted."""
    e = quotation.request.estimate
    assert e is not None
    return (
        f"{fmt.count(e.conversations)} conversations a year, {fmt.percent(e.multi_day_share * 100)} running past midnight by "
        f"{fmt.number(e.extra_days)} extra days, {fmt.count(e.proactive)} proactive messages at "
        f"{fmt.percent(e.reply_rate * 100)} replies (as quoted)."
    )


PRINTED_LINE = 110  # characters of notes or terms on one row: about the printed page's width


def typed_lines(text: str) -> list[str]:
    """Notes or terms as rows of a sheet: each typed line, and a long one wrapped at word breaks to fit the page."""
    rows: list[str] = []
    for line in text.split("\n"):
        rows += textwrap.wrap(line, PRINTED_LINE, break_long_words=True, break_on_hyphens=False) or [""]
    return rows
