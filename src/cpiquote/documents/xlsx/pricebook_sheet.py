"""The workbook's "Price book" sheet: bands, term discounts and rates the live formulas read, each under a defined name."""

from __future__ import annotations

from decimal import Decimal

from cpiquote.documents.xlsx.cells import (
    COUNT_FORMAT,
    PERCENT_FORMAT,
    RATE_FORMAT,
    Book,
    Sheet,
    define,
    header_row,
    money_format,
    price_format,
    put_formula,
    put_label,
    put_text,
    put_value,
    rate_format,
)
from cpiquote.pricing import PriceBook, Quotation, TierMode
from cpiquote.pricing.engine import Tariff, sized_credits

PRICEBOOK_SHEET = "Price book"
BAND_ROW = 6  # first band; the header is the row above
NO_ORDER_IN_BAND = "no order falls in this band"
TIER_WORDING = {
    TierMode.VOLUME: "Volume tiers: every credit of a year is priced at the band that holds the year's last credit.",
    TierMode.GRADUATED: "Graduated tiers: each credit is priced at the band that holds it; the price per credit is the average.",
}


def write_pricebook_sheet(wb: Book, quotation: Quotation, title: str = PRICEBOOK_SHEET) -> Sheet:
    """Add the price book sheet and name its figures (BandFrom, BandNetPrice, TermDiscounts, CreditsBase, ...)."""
    ws, pricebook = wb.add_sheet(title), quotation.pricebook
    tariff = Tariff(pricebook, quotation.request.years, quotation.request.discount_percent)  # this quote's net prices
    put_label(ws, "A1", "Price book", bold=True, size=14)
    put_text(ws, "A2", f"{pricebook.name}, version {pricebook.version}, {pricebook.currency}, SHA-256 {pricebook.short_hash}")
    put_label(ws, "A3", TIER_WORDING[pricebook.tier_mode], italic=True)
    last_band = _write_bands(wb, ws, tariff)
    _write_term_discounts(wb, ws, pricebook, last_band + 3)
    _write_rates(wb, ws, pricebook)
    if pricebook.tier_mode == TierMode.VOLUME:
        _write_price_breaks(wb, ws, tariff)
    for column, width in {"A": 16, "B": 16, "C": 16, "D": 22, "E": 24, "F": 24, "G": 4, "H": 48, "I": 16}.items():
        ws.width(column, width)
    ws.freeze = "A5"
    return ws


def _write_bands(wb: Book, ws: Sheet, tariff: Tariff) -> int:
    """Write the bands with this quote's net price of each; return the last band's row."""
    header_row(ws, BAND_ROW - 1, 1, ["From credit", "To credit", "List price per credit", "Net price per credit (this quote)"])
    ws.heights[BAND_ROW - 1] = 30
    currency = tariff.pricebook.currency
    bands = tariff.bands
    for index, band in enumerate(bands):
        row = BAND_ROW + index
        put_value(ws, f"A{row}", band.from_credit, COUNT_FORMAT)
        if index + 1 < len(bands):
            put_value(ws, f"B{row}", bands[index + 1].from_credit - 1, COUNT_FORMAT)
        else:
            put_label(ws, f"B{row}", "and up", right=True)
        put_value(ws, f"C{row}", band.price, price_format(currency))
        net = f"ROUND(C{row}*(1-TermDiscountPercent/100)*(1-DiscountPercent/100),4)"
        put_formula(ws, f"D{row}", net, price_format(currency), value=tariff.net_prices[index])
    last = BAND_ROW + len(bands) - 1
    define(wb, "BandFrom", ws, f"A{BAND_ROW}:A{last}")
    define(wb, "BandListPrice", ws, f"C{BAND_ROW}:C{last}")
    define(wb, "BandNetPrice", ws, f"D{BAND_ROW}:D{last}")
    put_label(ws, f"A{last + 1}", "Net price = ROUND(list price × (1 − term %) × (1 − discount %), 4)", italic=True)
    return last


def _write_term_discounts(wb: Book, ws: Sheet, pricebook: PriceBook, top: int) -> None:
    """Write the term discount of each contract length, named TermDiscounts."""
    header_row(ws, top, 1, ["Contract years", "Term discount"])
    for years, percent in enumerate(pricebook.term_discount_percent, start=1):
        put_value(ws, f"A{top + years}", years, COUNT_FORMAT)
        put_value(ws, f"B{top + years}", percent, PERCENT_FORMAT)
    define(wb, "TermDiscounts", ws, f"B{top + 1}:B{top + len(pricebook.term_discount_percent)}")


def _rates(pricebook: PriceBook) -> list[tuple[str, str, Decimal | int, str]]:
    """Every single-figure rule of the price book: label, defined name, value, number format."""
    money, price, credits = money_format(pricebook.currency), price_format(pricebook.currency), pricebook.credits
    return [
        ("Credits per interaction: base", "CreditsBase", credits.base, RATE_FORMAT),
        ("Credits per interaction: Generative AI (replaces base)", "CreditsGenerativeAI", credits.generative_ai, RATE_FORMAT),
        ("Credits per interaction: Intent Manager (added)", "CreditsIntentManager", credits.intent_manager, RATE_FORMAT),
        (
            "Credits per interaction: Performance Optimizer (added)",
            "CreditsPerformanceOptimizer",
            credits.performance_optimizer,
            RATE_FORMAT,
        ),
        ("Minimum order, credits per contract year", "MinimumAnnualCredits", pricebook.minimum_annual_credits, COUNT_FORMAT),
        ("Credits are sold in blocks of", "CreditIncrement", pricebook.increment, COUNT_FORMAT),
        ("Longest contract, years", "MaxYears", pricebook.max_years, COUNT_FORMAT),
        ("Overage price = price per credit ×", "OverageMultiplier", pricebook.overage_multiplier, RATE_FORMAT),
        (
            "Discretionary discount needs approval above",
            "DiscountApprovalAbovePercent",
            pricebook.discount_approval_above_percent,
            PERCENT_FORMAT,
        ),
        ("Discretionary discount maximum", "DiscountMaximumPercent", pricebook.discount_maximum_percent, PERCENT_FORMAT),
        ("Care Package, percent of the annual subscription", "CarePercent", pricebook.care_percent_of_subscription, PERCENT_FORMAT),
        ("Care Package, minimum annual fee", "CareMinimumFee", pricebook.care_minimum_annual_fee, money),
        ("Professional services, hourly rate", "ServicesHourlyRate", pricebook.services_hourly_rate, rate_format(pricebook.currency)),
        ("Pass-through handling fee", "HandlingFeePercent", pricebook.handling_fee_percent, PERCENT_FORMAT),
        ("SMS provider rate per message", "SmsRate", pricebook.sms_rate, price),
        ("WhatsApp rate per template message (MTM)", "WhatsAppRate", pricebook.whatsapp_mtm_rate, price),
    ]


def _write_rates(wb: Book, ws: Sheet, pricebook: PriceBook) -> None:
    """Write the single-figure rules beside the bands, each under its defined name."""
    header_row(ws, BAND_ROW - 1, 8, ["Rule", "Value"])
    for offset, (label, name, value, number_format) in enumerate(_rates(pricebook)):
        row = BAND_ROW + offset
        put_label(ws, f"H{row}", label)
        put_value(ws, f"I{row}", value, number_format)
        define(wb, name, ws, f"I{row}")


def _write_price_breaks(wb: Book, ws: Sheet, tariff: Tariff) -> None:
    """Volume mode: the smallest order a customer can place in each band and its fee, named BreakCredits and BreakFee."""
    header_row(ws, BAND_ROW - 1, 5, ["Smallest order in the band", "Annual subscription of that order"])
    last = BAND_ROW + len(tariff.bands) - 1
    for index, row in enumerate(range(BAND_ROW, last + 1)):
        order = smallest_order(tariff.pricebook, index)
        put_formula(ws, f"E{row}", smallest_order_formula(row, is_last=row == last), COUNT_FORMAT, value=order)
        fee = f"ROUND(E{row}*INDEX(BandNetPrice,MATCH(E{row},BandFrom,1)),2)"
        order_fee = tariff.volume_fee(order) if isinstance(order, int) else ""
        put_formula(ws, f"F{row}", f'IF(ISNUMBER(E{row}),{fee},"")', money_format(tariff.pricebook.currency), value=order_fee)
    put_label(ws, f"E{last + 1}", "At least the minimum order, in whole blocks", italic=True)
    define(wb, "BreakCredits", ws, f"E{BAND_ROW}:E{last}")
    define(wb, "BreakFee", ws, f"F{BAND_ROW}:F{last}")


def smallest_order_formula(row: int, *, is_last: bool) -> str:
    """The band's smallest orderable credits: at least the minimum order, in whole blocks, or a note when none falls in it.

    A band below the minimum order, or narrower than a block, holds no order a customer can place. MIN and MATCH
    over BreakFee skip its empty fee, and the next band's row offers the same order, so price breaks are unchanged.
    """
    smallest = f"MAX(MinimumAnnualCredits,CEILING(A{row},CreditIncrement))"
    if is_last:
        return smallest
    return f'IF({smallest}>B{row},"{NO_ORDER_IN_BAND}",{smallest})'


def smallest_order(pricebook: PriceBook, index: int) -> int | str:
    """The smallest order a customer can place in band `index` (rule 3), or NO_ORDER_IN_BAND, as the formula has it."""
    bands = pricebook.bands
    smallest = sized_credits(pricebook, bands[index].from_credit)
    if index + 1 < len(bands) and smallest > bands[index + 1].from_credit - 1:
        return NO_ORDER_IN_BAND
    return smallest


def credit_rate_decimals(pricebook: PriceBook) -> int:
    """Decimal places of the credits-per-interaction rates: interactions x rate is exact at this many places."""
    credits = pricebook.credits
    rates = (credits.base, credits.generative_ai, credits.intent_manager, credits.performance_optimizer)
    return max(max(0, -int(rate.normalize().as_tuple().exponent)) for rate in rates)
