"""The pricing engine: a price book and a quote request in, a complete immutable Quotation out."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from threading import Lock

from cpiquote.pricing.errors import InputError
from cpiquote.pricing.limits import MAX_FIGURE, MAX_SERVICES_HOURS, check_ramp_years
from cpiquote.pricing.money import HUNDRED, ceil_int, ceil_to_multiple, percent_factor, round2, round2_down, round4
from cpiquote.pricing.pricebook import PriceBook, TierMode
from cpiquote.pricing.quotation import (
    BandLine,
    Invoice,
    Notice,
    NoticeKind,
    PassThrough,
    PriceBreak,
    Quotation,
    QuoteRequest,
    YearQuote,
)

ZERO = Decimal(0)
NO_MONEY = Decimal("0.00")  # an amount that is not charged, written with its cents like every other amount


def credits_per_interaction(pricebook: PriceBook, generative_ai: bool, intent_manager: bool, performance_optimizer: bool) -> Decimal:
    """Credits one interaction consumes with these features on (pricing rule 1)."""
    rates = pricebook.credits
    cpi = rates.generative_ai if generative_ai else rates.base
    if intent_manager:
        cpi += rates.intent_manager
    if performance_optimizer:
        cpi += rates.performance_optimizer
    return cpi


TARIFFS_KEPT = 64  # tariffs kept by Tariff.of: a few price books, contract lengths and discounts at a time
_TARIFFS: dict[tuple[int, int, Decimal], tuple[PriceBook, Tariff]] = {}
_TARIFFS_LOCK = Lock()


def interactions_covered(annual_credits: int, credits_per_interaction: Decimal) -> int:
    """The most interactions `annual_credits` cover: floor(credits / credits per interaction), the inverse of rule 2."""
    # In whole numbers, so the floor is exact at any size: cpi = numerator / denominator.
    numerator, denominator = credits_per_interaction.as_integer_ratio()
    return annual_credits * denominator // numerator


class Tariff:
    """Net prices per credit of every band for one contract length and discount (pricing rule 4).

    Built once per quote in time linear in the band count; each fee is then found by a binary search, so a price book
    of many bands, a price curve of many points and a price break over every higher band stay fast.
    """

    def __init__(self, pricebook: PriceBook, years: int, discount_percent: Decimal) -> None:
        factor = percent_factor(pricebook.term_discount_for(years)) * percent_factor(discount_percent)
        self.pricebook = pricebook
        self.bands = pricebook.bands
        self.starts = [band.from_credit for band in pricebook.bands]
        self.net_prices = [round4(band.price * factor) for band in pricebook.bands]
        # graduated mode: the fee of every full band below band k, summed line by line as rule 5 sums them
        self.full_bands_below = [ZERO]
        for k, (start, following) in enumerate(pairwise(self.starts)):
            self.full_bands_below.append(self.full_bands_below[-1] + round2((following - start) * self.net_prices[k]))

    @classmethod
    def of(cls, pricebook: PriceBook, years: int, discount_percent: Decimal) -> Tariff:
        """The tariff for this price book, contract length and discount: built on first use and kept, as a price book
        never changes once loaded and a person typing figures prices the same terms again and again."""
        key = (id(pricebook), years, discount_percent)
        with _TARIFFS_LOCK:
            kept = _TARIFFS.get(key)
        if kept is not None and kept[0] is pricebook:  # held here, so its id cannot be another price book's
            return kept[1]
        tariff = cls(pricebook, years, discount_percent)
        with _TARIFFS_LOCK:
            if len(_TARIFFS) >= TARIFFS_KEPT:
                del _TARIFFS[next(iter(_TARIFFS))]  # the oldest
            _TARIFFS[key] = (pricebook, tariff)
        return tariff

    def band_index(self, credit_number: int) -> int:
        """Index of the band that contains credit number `credit_number`."""
        return max(bisect_right(self.starts, credit_number) - 1, 0)

    def lines(self, annual_credits: int) -> tuple[BandLine, ...]:
        """The year's fee lines: one in volume mode, one per band used in graduated mode."""
        if self.pricebook.tier_mode == TierMode.VOLUME:
            k = self.band_index(annual_credits)
            return (self._line(k, annual_credits),)
        lines = []
        for k, start in enumerate(self.starts):
            if start > annual_credits:
                break
            end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else annual_credits
            lines.append(self._line(k, min(end, annual_credits) - start + 1))
        return tuple(lines)

    def _line(self, k: int, credits: int) -> BandLine:
        net = self.net_prices[k]
        return BandLine(self.starts[k], credits, self.bands[k].price, net, round2(credits * net))

    def volume_fee(self, annual_credits: int) -> Decimal:
        """Volume-mode fee for `annual_credits`: every credit at the band of the last one."""
        return round2(annual_credits * self.net_prices[self.band_index(annual_credits)])

    def fee_and_price(self, annual_credits: int) -> tuple[Decimal, Decimal]:
        """The year's fee and price per credit for `annual_credits`, as `lines` would sum them, without making the lines."""
        k = self.band_index(annual_credits)
        if self.pricebook.tier_mode == TierMode.VOLUME:
            return self.volume_fee(annual_credits), self.net_prices[k]
        fee = self.full_bands_below[k] + round2((annual_credits - self.starts[k] + 1) * self.net_prices[k])
        return fee, self.net_prices[0] if k == 0 else round4(fee / annual_credits)

    def price_break(self, annual_credits: int, annual_subscription: Decimal) -> PriceBreak | None:
        """The cheapest higher band's orderable threshold, when it costs less than the current fee."""
        if self.pricebook.tier_mode != TierMode.VOLUME:
            return None
        increment = self.pricebook.increment
        best: tuple[Decimal, int] | None = None
        band = self.band_index(annual_credits)  # of each threshold in turn: they rise, so the band is found walking up
        for start in self.starts[band + 1 :]:
            threshold = ceil_to_multiple(start, increment)
            while band + 1 < len(self.starts) and self.starts[band + 1] <= threshold:
                band += 1
            offer = (round2(threshold * self.net_prices[band]), threshold)
            if best is None or offer < best:
                best = offer
        if best is None or best[0] >= annual_subscription:
            return None
        fee, credits = best
        return PriceBreak(credits, fee, annual_subscription - fee)


def _validate(pricebook: PriceBook, request: QuoteRequest) -> None:
    _validate_years(pricebook, request.years)
    if request.is_ramp:
        check_ramp_years(request.years)
    _validate_volumes(pricebook, request)
    _validate_discount(pricebook, request.discount_percent)
    if not (request.services_hours.is_finite() and 0 <= request.services_hours <= MAX_SERVICES_HOURS):
        raise InputError("services_hours", f"must be a number of hours from 0 to {MAX_SERVICES_HOURS:,}")
    for name in ("sms_per_month", "whatsapp_mtm_per_month"):
        if not 0 <= getattr(request, name) <= MAX_FIGURE:
            raise InputError(name, f"must be a whole number from 0 to {MAX_FIGURE:,}")


def _validate_years(pricebook: PriceBook, years: int) -> None:
    if not 1 <= years <= pricebook.max_years:
        raise InputError("years", f"must be a whole number from 1 to {pricebook.max_years} (the price book's longest contract)")


def _validate_volumes(pricebook: PriceBook, request: QuoteRequest) -> None:
    """Interactions and credits ordered: shaped for the contract, within the limits, every year with one or both."""
    _validate_yearly("interactions", request.interactions_per_year, request.years)
    _validate_yearly("credits", request.ordered_credits_per_year, request.years)
    ordered = request.ordered_credits_per_year
    for year, value in enumerate(ordered, start=1):
        if value is not None:
            _validate_ordered(pricebook, value, year if len(ordered) > 1 else None)
    for year in range(1, request.years + 1):
        if request.interactions_in_year(year) is None and request.ordered_credits_in_year(year) is None:
            if len(ordered) > 1:
                raise InputError("interactions", "has neither interactions nor credits ordered; give one or both", year)
            raise InputError("interactions", "give the interactions per year, the credits ordered per year, or both")


def _validate_yearly(field: str, figures: tuple[int | None, ...], years: int) -> None:
    count = len(figures)
    if count not in (0, 1, years):
        raise InputError(field, f"gives {count} yearly figures for a {years}-year contract; give one figure, or exactly {years}")
    for year, value in enumerate(figures, start=1):
        if value is not None and not 0 <= value <= MAX_FIGURE:
            raise InputError(field, f"must be a whole number from 0 to {MAX_FIGURE:,}", year if count > 1 else None)


def _validate_ordered(pricebook: PriceBook, ordered: int, year: int | None) -> None:
    minimum, increment = pricebook.minimum_annual_credits, pricebook.increment
    if ordered % increment:
        below, above = ordered // increment * increment, ceil_to_multiple(ordered, increment)
        raise InputError("credits", f"{ordered:,} is not a whole number of blocks of {increment:,}; order {below:,} or {above:,}", year)
    if ordered < minimum:
        raise InputError("credits", f"{ordered:,} is below the minimum order of {minimum:,} credits a year", year)


def _validate_discount(pricebook: PriceBook, discount: Decimal) -> None:
    if not (discount.is_finite() and discount >= 0):
        raise InputError("discount", "must be a percentage of 0 or more")
    if discount > pricebook.discount_maximum_percent:
        raise InputError(
            "discount",
            f"{discount}% is above the maximum discretionary discount of {pricebook.discount_maximum_percent}%; "
            "lower it or ask sales operations",
        )


def sized_credits(pricebook: PriceBook, required: int) -> int:
    """The credits a year sold for `required` credits (pricing rule 3): whole blocks, at least the minimum order."""
    return max(pricebook.minimum_annual_credits, ceil_to_multiple(required, pricebook.increment))


def _annual_credits(pricebook: PriceBook, required: int | None, ordered: int | None) -> tuple[int, bool]:
    """The credits a year is sold (pricing rule 3), and whether the minimum order raised them."""
    if ordered is not None:
        return ordered, False
    assert required is not None  # validated: one of the two is given
    return sized_credits(pricebook, required), pricebook.minimum_annual_credits > ceil_to_multiple(required, pricebook.increment)


def overage_price_per_credit(pricebook: PriceBook, price_per_credit: Decimal) -> Decimal:
    """The overage price of a credit sold at `price_per_credit` (pricing rule 6)."""
    return round4(price_per_credit * pricebook.overage_multiplier)


def net_price_of_credit(pricebook: PriceBook, years: int, discount_percent: Decimal, credit_number: int) -> Decimal:
    """The net price per credit (rule 4) of the band that contains credit number `credit_number`, for this term and discount."""
    _validate_years(pricebook, years)
    _validate_discount(pricebook, discount_percent)
    tariff = Tariff.of(pricebook, years, discount_percent)
    return tariff.net_prices[tariff.band_index(credit_number)]


def _price_year(tariff: Tariff, year: int, volume: tuple[int | None, int | None], cpi: Decimal, care_package: bool) -> YearQuote:
    pricebook = tariff.pricebook
    interactions, ordered = volume
    required = None if interactions is None else ceil_int(interactions * cpi)
    annual_credits, minimum_applied = _annual_credits(pricebook, required, ordered)
    lines = tariff.lines(annual_credits)
    subscription = lines[0].amount if len(lines) == 1 else sum((line.amount for line in lines), ZERO)
    if pricebook.tier_mode == TierMode.VOLUME:
        price_per_credit = lines[0].net_price_per_credit
    else:
        price_per_credit = round4(subscription / annual_credits)
    top = lines[-1]
    overage_price = overage_price_per_credit(pricebook, price_per_credit)
    shortfall = max(required - annual_credits, 0) if required is not None else 0
    return YearQuote(
        year=year,
        interactions=interactions,
        required_credits=required,
        ordered_credits=ordered,
        annual_credits=annual_credits,
        minimum_applied=minimum_applied,
        band_from=top.band_from,
        list_price_per_credit=top.list_price_per_credit,
        price_per_credit=price_per_credit,
        annual_subscription=subscription,
        care_package=_care_package(pricebook, subscription) if care_package else NO_MONEY,
        overage_price_per_credit=overage_price,
        price_break=tariff.price_break(annual_credits, subscription),
        lines=lines,
        shortfall_credits=shortfall,
        expected_overage=round2(shortfall * overage_price),
    )


def _care_package(pricebook: PriceBook, subscription: Decimal) -> Decimal:
    # the minimum fee in cents like every amount ("5_000" in the price book is written 5000.00)
    return max(round2(pricebook.care_minimum_annual_fee), round2(subscription * pricebook.care_percent_of_subscription / HUNDRED))


def _price_years(tariff: Tariff, request: QuoteRequest, cpi: Decimal) -> tuple[YearQuote, ...]:
    by_volume: dict[tuple[int | None, int | None], YearQuote] = {}
    years = []
    for year in range(1, request.years + 1):
        volume = (request.interactions_in_year(year), request.ordered_credits_in_year(year))
        known = by_volume.get(volume)
        if known is None:
            known = by_volume[volume] = _price_year(tariff, year, volume, cpi, request.care_package)
        years.append(known if known.year == year else replace(known, year=year))
    return tuple(years)


def _invoices(years: tuple[YearQuote, ...], services: Decimal) -> tuple[Invoice, ...]:
    invoices = [Invoice(1, "on acceptance", years[0].annual_subscription, years[0].care_package, services)]
    for y in years[1:]:
        invoices.append(Invoice(y.year, f"start of year {y.year}", y.annual_subscription, y.care_package, NO_MONEY))
    return tuple(invoices)


def _pass_through(pricebook: PriceBook, request: QuoteRequest) -> PassThrough:
    sms = request.sms_per_month * pricebook.sms_rate
    whatsapp = request.whatsapp_mtm_per_month * pricebook.whatsapp_mtm_rate
    monthly = round2((sms + whatsapp) * (1 + pricebook.handling_fee_percent / HUNDRED))
    # The rules price the monthly total; its split is for reading. The provider lines are rounded down and the handling
    # fee is the rest, so the three add up to the total and the fee is never negative (half-cent rates could make it so).
    provider_sms, provider_whatsapp = round2_down(sms), round2_down(whatsapp)
    return PassThrough(provider_sms, provider_whatsapp, monthly - provider_sms - provider_whatsapp, monthly, monthly * 12)


def _minimum_notice(pricebook: PriceBook, y: YearQuote) -> Notice:
    assert y.required_credits is not None  # only a forecast's credits are raised to the minimum
    figures = {"required_credits": Decimal(y.required_credits), "minimum_credits": Decimal(pricebook.minimum_annual_credits)}
    return Notice(NoticeKind.MINIMUM_APPLIED, y.year, figures)


def _under_order_notice(y: YearQuote) -> Notice:
    figures = {
        "shortfall_credits": Decimal(y.shortfall_credits),
        "ordered_credits": Decimal(y.annual_credits),
        "overage_price_per_credit": y.overage_price_per_credit,
        "expected_overage": y.expected_overage,
    }
    return Notice(NoticeKind.UNDER_ORDERED, y.year, figures)


def _approval_notice(pricebook: PriceBook, request: QuoteRequest) -> Notice:
    figures = {"discount_percent": request.discount_percent, "approval_above_percent": pricebook.discount_approval_above_percent}
    return Notice(NoticeKind.APPROVAL_REQUIRED, None, figures)


def _price_break_notice(y: YearQuote, advice: PriceBreak) -> Notice:
    figures = {
        "annual_credits": Decimal(advice.annual_credits),
        "annual_subscription": advice.annual_subscription,
        "current_annual_subscription": y.annual_subscription,
        "saving": advice.saving,
    }
    return Notice(NoticeKind.PRICE_BREAK, y.year, figures)


def _notices(pricebook: PriceBook, request: QuoteRequest, years: tuple[YearQuote, ...]) -> tuple[Notice, ...]:
    """Guidance: minimum applied, under-ordered, approval required, price breaks (each year of a ramp; once otherwise)."""
    shown = years if request.is_ramp else years[:1]
    notices = [_minimum_notice(pricebook, y) for y in shown if y.minimum_applied]
    notices += [_under_order_notice(y) for y in shown if y.shortfall_credits]
    if request.discount_percent > pricebook.discount_approval_above_percent:
        notices.append(_approval_notice(pricebook, request))
    notices += [_price_break_notice(y, y.price_break) for y in shown if y.price_break is not None]
    return tuple(notices)


def price_quote(pricebook: PriceBook, request: QuoteRequest) -> Quotation:
    """Price `request` with `pricebook` exactly as pricing-rules.md section 2 says."""
    _validate(pricebook, request)
    cpi = credits_per_interaction(pricebook, request.generative_ai, request.intent_manager, request.performance_optimizer)
    tariff = Tariff.of(pricebook, request.years, request.discount_percent)
    years = _price_years(tariff, request, cpi)
    services = round2(request.services_hours * pricebook.services_hourly_rate)
    invoices = _invoices(years, services)
    total = sum((invoice.amount for invoice in invoices), ZERO)
    pass_through = _pass_through(pricebook, request)
    checks = (_services_check(request, years, services), _pass_through_check(years, pass_through, total), *_ramp_falls(years))
    return Quotation(
        request=request,
        pricebook=pricebook,
        credits_per_interaction=cpi,
        term_discount_percent=pricebook.term_discount_for(request.years),
        discount_percent=request.discount_percent,
        approval_required=request.discount_percent > pricebook.discount_approval_above_percent,
        years=years,
        services=services,
        invoices=invoices,
        total_contract_value=total,
        pass_through=pass_through,
        # the guidance, then the sense checks: never a refusal where a figure is far outside what quotes carry
        # (often a slip: hours, a month's messages)
        warnings=_notices(pricebook, request, years) + tuple(notice for notice in checks if notice is not None),
    )


def _services_check(request: QuoteRequest, years: tuple[YearQuote, ...], services: Decimal) -> Notice | None:
    """Services cost more than every year's subscription together."""
    subscription_total = sum((y.annual_subscription for y in years), ZERO)
    if services <= subscription_total:
        return None
    figures = {"services_hours": request.services_hours, "services": services, "subscription_total": subscription_total}
    return Notice(NoticeKind.SERVICES_ABOVE_SUBSCRIPTION, None, figures)


def _pass_through_check(years: tuple[YearQuote, ...], pass_through: PassThrough, total_contract_value: Decimal) -> Notice | None:
    """The messaging estimate over the contract's years is above the contract value."""
    annual = pass_through.annual_estimate
    if annual * len(years) <= total_contract_value:
        return None
    figures = {"pass_through_total": annual * len(years), "annual_estimate": annual, "total_contract_value": total_contract_value}
    return Notice(NoticeKind.PASS_THROUGH_ABOVE_CONTRACT, None, figures)


def _ramp_falls(years: tuple[YearQuote, ...]) -> list[Notice]:
    """A notice for each year whose credits are under half the year before's (a ramp that falls is rare; a lost digit is not)."""
    return [
        Notice(
            NoticeKind.RAMP_FALLS_BY_MORE_THAN_HALF,
            y.year,
            {"previous_credits": Decimal(before.annual_credits), "annual_credits": Decimal(y.annual_credits)},
        )
        for before, y in pairwise(years)
        if y.annual_credits * 2 < before.annual_credits
    ]


@dataclass(frozen=True)
class CurvePoint:
    """Price per credit and annual fee at one annual volume (for charts)."""

    annual_credits: int
    price_per_credit: Decimal
    annual_subscription: Decimal


def price_curve(pricebook: PriceBook, years: int, discount_percent: Decimal, annual_credits: Iterable[int]) -> tuple[CurvePoint, ...]:
    """Price per credit and annual fee across annual volumes, as the engine would price each one.

    Each point takes a binary search over the bands, so a curve of thousands of points over a price book of a
    thousand bands is drawn at once (adding up each point's band lines would take the square of that).
    """
    _validate_years(pricebook, years)
    _validate_discount(pricebook, discount_percent)
    tariff = Tariff.of(pricebook, years, discount_percent)
    points = []
    for credits in annual_credits:
        if credits < 1:  # a chart's axis may run past MAX_FIGURE; no credits has no price per credit
            raise InputError("annual_credits", "must be a whole number of at least 1")
        fee, price = tariff.fee_and_price(credits)
        points.append(CurvePoint(credits, price, fee))
    return tuple(points)
