"""What a quote asks for and everything it costs: immutable, the one object every front end reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from cpiquote.pricing.errors import InputError
from cpiquote.pricing.estimator import InteractionEstimate
from cpiquote.pricing.pricebook import PriceBook


@dataclass(frozen=True)
class QuoteRequest:
    """A sales person's inputs: the customer's forecast (interactions) and/or what they buy (credits ordered).

    Each is one figure for every year, or one per year (a ramp); empty when not given. A year's ordered credits may
    be None: that year is sold as its forecast requires. Every year has interactions or ordered credits.
    """

    interactions_per_year: tuple[int, ...] = ()
    years: int = 1
    generative_ai: bool = False
    intent_manager: bool = False
    performance_optimizer: bool = False
    discount_percent: Decimal = Decimal(0)
    care_package: bool = False
    services_hours: Decimal = Decimal(0)
    sms_per_month: int = 0
    whatsapp_mtm_per_month: int = 0
    estimate: InteractionEstimate | None = None
    customer: str = ""
    contact: str = ""
    ordered_credits_per_year: tuple[int | None, ...] = ()
    # Who the quote is for and what it says besides the figures: printed, never priced.
    account: str = ""  # the customer's account number or Site ID
    billing_address: str = ""  # lines separated by "\n"
    sales_person: str = ""
    notes: str = ""
    terms: str = ""

    def __post_init__(self) -> None:
        # Whole numbers are welcome where a Decimal is expected; floats never touch money.
        for name in ("discount_percent", "services_hours"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise InputError(name, f"must be a Decimal or a whole number, not {type(value).__name__}")
            if not isinstance(value, Decimal):
                object.__setattr__(self, name, Decimal(value))

    def interactions_in_year(self, year: int) -> int | None:
        """Interactions forecast for contract year `year` (1-based); None when the quote is sized in credits alone."""
        return _in_year(self.interactions_per_year, year)

    def ordered_credits_in_year(self, year: int) -> int | None:
        """Credits ordered for contract year `year` (1-based); None when they follow from the forecast."""
        return _in_year(self.ordered_credits_per_year, year)

    @property
    def is_ramp(self) -> bool:
        """True when the contract years have figures of their own (interactions or credits ordered)."""
        return len(self.interactions_per_year) > 1 or len(self.ordered_credits_per_year) > 1


def _in_year(figures: tuple[int | None, ...], year: int) -> int | None:
    if not figures:
        return None
    return figures[0] if len(figures) == 1 else figures[year - 1]


@dataclass(frozen=True)
class BandLine:
    """Credits priced at one band (volume mode has one line a year, graduated one per band used)."""

    band_from: int
    credits: int
    list_price_per_credit: Decimal
    net_price_per_credit: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PriceBreak:
    """Advice to order more: `annual_credits` would cost `annual_subscription`, saving `saving`."""

    annual_credits: int
    annual_subscription: Decimal
    saving: Decimal


@dataclass(frozen=True)
class YearQuote:
    """Every figure of one contract year."""

    year: int
    interactions: int | None  # None: sized in credits alone
    required_credits: int | None  # what the forecast needs; None without one
    ordered_credits: int | None  # what the sales person ordered; None: as required
    annual_credits: int
    minimum_applied: bool
    band_from: int
    list_price_per_credit: Decimal
    price_per_credit: Decimal
    annual_subscription: Decimal
    care_package: Decimal
    overage_price_per_credit: Decimal
    price_break: PriceBreak | None
    lines: tuple[BandLine, ...]
    shortfall_credits: int = 0  # credits the forecast needs beyond those ordered
    expected_overage: Decimal = Decimal("0.00")  # what they would cost a year as overage


@dataclass(frozen=True)
class Invoice:
    """One invoice of the schedule, with what it is made of."""

    number: int
    due: str
    subscription: Decimal
    care_package: Decimal
    services: Decimal

    @property
    def amount(self) -> Decimal:
        """The invoice total."""
        return self.subscription + self.care_package + self.services


@dataclass(frozen=True)
class PassThrough:
    """Estimated SMS and WhatsApp fees, invoiced monthly in arrears; never in the contract value."""

    sms_per_month: Decimal
    whatsapp_per_month: Decimal
    handling_fee_per_month: Decimal
    monthly_estimate: Decimal
    annual_estimate: Decimal


class NoticeKind(StrEnum):
    """What a notice is about, so a front end can act on it and word it."""

    MINIMUM_APPLIED = "minimum_applied"  # the minimum order raised the year's credits (rule 3)
    UNDER_ORDERED = "under_ordered"  # fewer credits ordered than the forecast needs (rule 3)
    APPROVAL_REQUIRED = "approval_required"  # the discretionary discount needs approval
    PRICE_BREAK = "price_break"  # ordering more would cost less (volume mode)
    # Sense checks: figures far outside what quotes normally carry, most often a slip of the keyboard. Guidance only.
    SERVICES_ABOVE_SUBSCRIPTION = "services_above_subscription"  # services cost more than the whole subscription
    PASS_THROUGH_ABOVE_CONTRACT = "pass_through_above_contract"  # messaging estimate above the contract value
    RAMP_FALLS_BY_MORE_THAN_HALF = "ramp_falls_by_more_than_half"  # a year's credits under half the year before's


@dataclass(frozen=True)
class Notice:
    """One piece of guidance as data: its kind, the contract year it is about and its figures (worded in cpiquote.wording).

    `year` is the contract year of a year's figures (year 1 when every year has the same ones), None for the whole
    quote. The figures by kind; those named ..._credits are whole numbers of credits, the others amounts, prices
    per credit or percentages, as the engine rounded them:

    - MINIMUM_APPLIED: required_credits (what the forecast needs), minimum_credits (the minimum order a year).
    - UNDER_ORDERED: shortfall_credits (needed beyond those ordered), ordered_credits, overage_price_per_credit,
      expected_overage (the shortfall at the overage price, a year).
    - APPROVAL_REQUIRED: discount_percent, approval_above_percent (the largest discount given without approval).
    - PRICE_BREAK: annual_credits (the advised order), annual_subscription (its fee a year),
      current_annual_subscription (the fee as quoted), saving (a year).
    - SERVICES_ABOVE_SUBSCRIPTION: services_hours, services (their fee), subscription_total (every year's subscription).
    - PASS_THROUGH_ABOVE_CONTRACT: pass_through_total (the estimate over the contract's years), annual_estimate,
      total_contract_value.
    - RAMP_FALLS_BY_MORE_THAN_HALF: previous_credits (the year before's annual credits), annual_credits (this year's).
    """

    kind: NoticeKind
    year: int | None
    figures: Mapping[str, Decimal]

    def __post_init__(self) -> None:
        # A read-only copy: the quotation is immutable, its notices' figures included.
        object.__setattr__(self, "figures", MappingProxyType(dict(self.figures)))

    def __hash__(self) -> int:
        return hash((self.kind, self.year, tuple(sorted(self.figures.items()))))


@dataclass(frozen=True)
class Quotation:
    """A priced quote: the request, the price book it was priced with, and every figure."""

    request: QuoteRequest
    pricebook: PriceBook
    credits_per_interaction: Decimal
    term_discount_percent: Decimal
    discount_percent: Decimal
    approval_required: bool
    years: tuple[YearQuote, ...]
    services: Decimal
    invoices: tuple[Invoice, ...]
    total_contract_value: Decimal
    pass_through: PassThrough
    warnings: tuple[Notice, ...] = field(default=())

    @property
    def first_year(self) -> YearQuote:
        """Year 1, whose figures stand for the quote where one figure is shown."""
        return self.years[0]

    @property
    def price_break_year(self) -> YearQuote | None:
        """The first contract year with a price break advised (year 1's, or a ramp's later one), or None."""
        return next((year for year in self.years if year.price_break is not None), None)

    @property
    def care_package_total(self) -> Decimal:
        """Care Package fees over the whole contract."""
        return sum((y.care_package for y in self.years), Decimal(0))

    @property
    def subscription_total(self) -> Decimal:
        """Subscription fees over the whole contract."""
        return sum((y.annual_subscription for y in self.years), Decimal(0))
