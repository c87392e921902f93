"""An account manager's figures (usage-and-renewals.md sections 2 to 4), by hand against the sample price book.

The sample (resources/pricebooks/sample.toml): bands 1 at 0.95, 100,000 at 0.85, 250,000 at 0.75; term discounts
1 year 0%, 3 years 8%; overage x1.30; minimum order 50,000 in blocks of 1,000; top-up at least 10,000 in blocks of
1,000; early renewal's unused credit "prorated".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpiquote.pricing import InputError, PriceBook
from cpiquote.pricing.renewal import (
    ContractYear,
    Recommendation,
    Subscription,
    analyse,
    contract_year,
    forecast,
    renewal_request,
    subscription_from_pricebook,
)

D = dt.date


@pytest.fixture(scope="module")
def forfeit(sample_pricebook: PriceBook) -> PriceBook:
    """The sample with the current year's unused fee forfeited on early renewal."""
    return replace(sample_pricebook, early_renewal_unused_credit="forfeit")


@pytest.fixture(scope="module")
def one_year(sample_pricebook: PriceBook) -> Subscription:
    """200,000 credits for 2026 (365 days): P = 0.85 (band 100,000, no term discount), O = round4(0.85 x 1.3) = 1.1050,
    fee 170,000.00."""
    return subscription_from_pricebook(sample_pricebook, D(2026, 1, 1), 1, 200_000)


# --- subscriptions ---------------------------------------------------------------------------------------------------


def test_p_and_o_default_to_the_engines_figures_for_the_subscription(sample_pricebook: PriceBook) -> None:
    # 3 years (8%) and 5% discount: P = round4(0.85 x 0.92 x 0.95) = round4(0.74290) = 0.7429; O = round4(0.7429 x 1.3) = 0.9658
    s = subscription_from_pricebook(sample_pricebook, D(2026, 1, 1), 3, 200_000, discount_percent=Decimal(5))
    assert (s.price_per_credit, s.overage_price, s.annual_fee) == (Decimal("0.7429"), Decimal("0.9658"), Decimal("148580.00"))


def test_a_price_given_alone_keeps_its_overage_price_in_step(sample_pricebook: PriceBook) -> None:
    s = subscription_from_pricebook(sample_pricebook, D(2026, 1, 1), 1, 200_500, price_per_credit=Decimal("0.80"))
    assert s.overage_price == Decimal("1.0400")  # 0.80 x 1.3; 200,500 credits need no price book block when P is given
    both = subscription_from_pricebook(
        sample_pricebook, D(2026, 1, 1), 1, 200_000, price_per_credit=Decimal("0.80"), overage_price=Decimal("1.5")
    )
    assert (both.price_per_credit, both.overage_price) == (Decimal("0.80"), Decimal("1.5"))


@pytest.mark.parametrize(
    ("years", "credits", "price", "field", "reason"),
    [
        (6, 200_000, None, "contract_years", "must be a whole number from 1 to 5"),
        (1, 200_500, None, "subscription_credits", "not a whole number of blocks of 1,000; order 200,000 or 201,000; or give"),
        (1, 0, None, "subscription_credits", "must be a whole number from 1"),
        (1, 200_000, Decimal(0), "price_per_credit", "must be a price per credit greater than 0"),
    ],
)
def test_a_subscription_that_cannot_be_worked_with_is_refused_naming_the_figure(
    sample_pricebook: PriceBook, years: int, credits: int, price: Decimal | None, field: str, reason: str
) -> None:
    with pytest.raises(InputError) as caught:
        subscription_from_pricebook(sample_pricebook, D(2026, 1, 1), years, credits, price_per_credit=price)
    assert caught.value.field == field and reason in caught.value.reason


# --- contract years --------------------------------------------------------------------------------------------------


def test_a_mid_month_start_keeps_its_day_and_a_year_holding_29_february_has_366_days(one_year: Subscription) -> None:
    s = replace(one_year, start=D(2027, 3, 15), years=3)
    assert contract_year(s, D(2028, 3, 14)) == ContractYear(1, D(2027, 3, 15), D(2028, 3, 14))
    assert contract_year(s, D(2028, 3, 14)).days == 366  # 2028-02-29 is in it
    assert contract_year(s, D(2028, 3, 15)) == ContractYear(2, D(2028, 3, 15), D(2029, 3, 14))
    assert contract_year(s, D(2028, 3, 15)).days == 365
    assert contract_year(s, D(2030, 3, 14)).number == 3


def test_a_29_february_start_has_its_anniversary_on_28_february_in_other_years(one_year: Subscription) -> None:
    s = replace(one_year, start=D(2028, 2, 29), years=5)
    years = [contract_year(s, day) for day in (D(2028, 2, 29), D(2029, 2, 28), D(2030, 2, 28), D(2031, 2, 28), D(2032, 2, 29))]
    assert [(y.number, y.first_day, y.last_day, y.days) for y in years] == [
        (1, D(2028, 2, 29), D(2029, 2, 27), 365),
        (2, D(2029, 2, 28), D(2030, 2, 27), 365),
        (3, D(2030, 2, 28), D(2031, 2, 27), 365),
        (4, D(2031, 2, 28), D(2032, 2, 28), 366),  # holds 2032-02-29: the anniversary is the 29th again
        (5, D(2032, 2, 29), D(2033, 2, 27), 365),
    ]
    assert contract_year(s, D(2029, 2, 27)).number == 1


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        (D(2027, 3, 14), "2027-03-14 is before the contract starts: give a day from 2027-03-15 to 2028-03-14"),
        (D(2028, 3, 15), "2028-03-15 is after the contract ends: give a day from 2027-03-15 to 2028-03-14"),
    ],
)
def test_a_day_outside_the_contract_is_refused(one_year: Subscription, as_of: dt.date, said: str) -> None:
    with pytest.raises(InputError) as caught:
        contract_year(replace(one_year, start=D(2027, 3, 15)), as_of)
    assert (caught.value.field, caught.value.reason) == ("as_of", said)


def test_a_29_february_contract_ends_the_day_before_its_28_february_anniversary(one_year: Subscription) -> None:
    s = replace(one_year, start=D(2028, 2, 29), years=1)
    assert contract_year(s, D(2029, 2, 27)).last_day == D(2029, 2, 27)
    with pytest.raises(InputError, match="2029-02-28 is after the contract ends"):
        contract_year(s, D(2029, 2, 28))


# --- the forecast ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "used", "as_of", "elapsed", "remaining", "expected"),
    [
        # 2028 is a leap year: 60,000 in 60 days (to 29 Feb) x 366 / 60 = 366,000 exactly
        (D(2028, 1, 1), 60_000, D(2028, 2, 29), 60, 306, 366_000),
        # the same 60 days in 2026 end on 1 March: x 365 / 60 = 365,000
        (D(2026, 1, 1), 60_000, D(2026, 3, 1), 60, 305, 365_000),
        # mid-month, over 29 Feb 2028: 15 Mar to 1 Oct 2027 is 17+30+31+30+31+31+30+1 = 201 days of 366;
        # 120,000 x 366 / 201 = 218,507.46 -> 218,508
        (D(2027, 3, 15), 120_000, D(2027, 10, 1), 201, 165, 218_508),
        # a 29 Feb start's fourth year (2031-02-28 to 2032-02-28, 366 days): 1,000 a day for 31 days -> 366,000
        (D(2028, 2, 29), 31_000, D(2031, 3, 30), 31, 335, 366_000),
        (D(2026, 1, 1), 1, D(2026, 1, 1), 1, 364, 365),  # the first day: U x days
        (D(2026, 1, 1), 123_457, D(2026, 12, 31), 365, 0, 123_457),  # the last day: U
        (D(2026, 1, 1), 0, D(2026, 6, 30), 181, 184, 0),
    ],
)
def test_the_linear_forecast_is_ceil_of_u_plus_u_over_elapsed_times_remaining(
    one_year: Subscription, start: dt.date, used: int, as_of: dt.date, elapsed: int, remaining: int, expected: int
) -> None:
    fc = forecast(replace(one_year, start=start, years=5), used, as_of)
    assert (fc.used_credits, fc.elapsed_days, fc.remaining_days, fc.credits) == (used, elapsed, remaining, expected)
    assert fc.recent_credits is None


def _days(first: dt.date, count: int, credits: int) -> list[tuple[dt.date, int]]:
    return [(first + dt.timedelta(days=i), credits) for i in range(count)]


def test_the_recent_forecast_takes_the_last_90_days_rate(one_year: Subscription) -> None:
    # 91 days at 500 (1 Jan to 1 Apr), then 90 days at 1,500 (2 Apr to 30 Jun): U = 45,500 + 135,000 = 180,500
    daily = _days(D(2026, 1, 1), 91, 500) + _days(D(2026, 4, 2), 90, 1_500)
    fc = forecast(one_year, 180_500, D(2026, 6, 30), daily)
    assert fc.credits == 363_992  # 180,500 x 365 / 181 = 363,991.7
    assert fc.recent_credits == 456_500  # 180,500 + 1,500 x 184 days left


def test_the_recent_window_starts_no_earlier_than_the_usage_given_and_missing_days_used_nothing(one_year: Subscription) -> None:
    # usage given from 1 June only: a 30-day window; 15 days at 2,000 and 15 days without an entry -> 1,000 a day
    daily = [(day, credits) for day, credits in _days(D(2026, 6, 1), 30, 2_000) if day.day % 2 == 1]
    fc = forecast(one_year, 180_500, D(2026, 6, 30), daily)
    assert fc.recent_credits == 180_500 + 1_000 * 184
    later = forecast(one_year, 180_500, D(2026, 6, 30), [*daily, (D(2026, 7, 1), 99_999)])  # after as_of: not counted
    assert later.recent_credits == fc.recent_credits


def test_negative_usage_is_refused(one_year: Subscription) -> None:
    with pytest.raises(InputError) as caught:
        forecast(one_year, -1, D(2026, 6, 30))
    assert caught.value.field == "used_credits"
    with pytest.raises(InputError, match="2026-06-02 has -5 credits"):
        forecast(one_year, 10, D(2026, 6, 30), [(D(2026, 6, 2), -5)])


# --- the options -----------------------------------------------------------------------------------------------------


def test_a_three_year_contract_over_29_february_worked_by_hand(sample_pricebook: PriceBook) -> None:
    # 200,000 credits with Generative AI from 2027-03-15 for 3 years: P = round4(0.85 x 0.92) = 0.7820,
    # O = round4(0.7820 x 1.3) = 1.0166, fee 156,400.00. 120,000 used to 2027-10-01: F = 218,508 (above), excess 18,508.
    s = subscription_from_pricebook(sample_pricebook, D(2027, 3, 15), 3, 200_000, generative_ai=True)
    a = analyse(sample_pricebook, s, 120_000, D(2027, 10, 1))
    assert (a.excess_credits, a.unused_credits) == (18_508, 0)
    # overage: 18,508 x 1.0166 = 18,815.2328 -> 18,815.23
    assert (a.overage.credits, a.overage.price_per_credit, a.overage.cost) == (18_508, Decimal("1.0166"), Decimal("18815.23"))
    # top-up: 19,000 (blocks of 1,000); credit 219,000 is in band 100,000: 0.7820; 19,000 x 0.7820 = 14,858.00
    assert a.top_up is not None
    assert (a.top_up.credits, a.top_up.price_per_credit, a.top_up.cost) == (19_000, Decimal("0.7820"), Decimal("14858.00"))
    # early renewal from 2027-10-02: ceil(120,000 x 365 / 201) = 217,911 -> 218,000 at 0.7820 = 170,476.00 a year;
    # 170,476.00 x 165 / 365 = 77,064.49; less 156,400.00 x 165 / 366 = 70,508.20 (prorated): 6,556.29
    e = a.early_renewal
    assert (e.start, e.annual_credits, e.price_per_credit, e.annual_subscription) == (
        D(2027, 10, 2),
        218_000,
        Decimal("0.7820"),
        Decimal("170476.00"),
    )
    assert (e.credit_for_unused, e.cost_this_year) == (Decimal("70508.20"), Decimal("6556.29"))
    assert (e.quotation.request.years, e.quotation.request.generative_ai) == (3, True)
    assert a.recommendation is Recommendation.EARLY_RENEWAL


def test_forfeit_gives_no_credit_for_the_current_years_unused_fee(forfeit: PriceBook, sample_pricebook: PriceBook) -> None:
    s = subscription_from_pricebook(sample_pricebook, D(2027, 3, 15), 3, 200_000, generative_ai=True)
    e = analyse(forfeit, s, 120_000, D(2027, 10, 1)).early_renewal
    assert (e.credit_for_unused, e.cost_this_year) == (Decimal("0.00"), Decimal("77064.49"))


@pytest.mark.parametrize(
    ("subscribed", "used", "excess", "top_up", "price", "cost"),
    [
        # 40,001 x 365 / 73 = 200,005: an excess of 5 buys the minimum top-up of 10,000 at 0.85
        (200_000, 40_001, 5, 10_000, "0.8500", "8500.00"),
        # 42,001 x 5 = 210,005: 10,005 rounds up to 11,000
        (200_000, 42_001, 10_005, 11_000, "0.8500", "9350.00"),
        # 240,000 + 10,000: credit 250,000 is the first of band 250,000 at 0.75
        (240_000, 49_000, 5_000, 10_000, "0.7500", "7500.00"),
    ],
)
def test_a_top_up_is_at_least_the_minimum_in_whole_blocks_at_the_band_of_credit_s_plus_t(
    sample_pricebook: PriceBook, subscribed: int, used: int, excess: int, top_up: int, price: str, cost: str
) -> None:
    s = subscription_from_pricebook(sample_pricebook, D(2026, 1, 1), 1, subscribed)
    a = analyse(sample_pricebook, s, used, D(2026, 3, 14))  # day 73 of 365: F = 5U exactly
    assert a.excess_credits == excess
    assert a.top_up is not None
    assert (a.top_up.credits, a.top_up.price_per_credit, a.top_up.cost) == (top_up, Decimal(price), Decimal(cost))


def test_a_top_up_carries_the_term_and_discretionary_discounts(sample_pricebook: PriceBook) -> None:
    s = subscription_from_pricebook(sample_pricebook, D(2026, 1, 1), 3, 200_000, discount_percent=Decimal(5))
    a = analyse(sample_pricebook, s, 40_123, D(2026, 3, 14))
    assert a.top_up is not None
    assert (a.top_up.price_per_credit, a.top_up.cost) == (Decimal("0.7429"), Decimal("7429.00"))  # round4(0.85 x 0.92 x 0.95)


def test_no_top_up_and_no_recommendation_when_the_forecast_is_within_the_subscription(
    sample_pricebook: PriceBook, one_year: Subscription
) -> None:
    at = analyse(sample_pricebook, one_year, 40_000, D(2026, 3, 14))  # F = 200,000 = S
    assert (at.forecast.credits, at.excess_credits, at.unused_credits, at.top_up, at.recommendation) == (
        200_000,
        0,
        0,
        None,
        Recommendation.NONE,
    )
    assert at.overage.cost == Decimal("0.00")
    below = analyse(sample_pricebook, one_year, 30_000, D(2026, 3, 14))  # F = 150,000: 50,000 forecast unused
    assert (below.unused_credits, below.recommendation) == (50_000, Recommendation.NONE)
    # a smaller renewal from 2026-03-15: 150,000 at 0.85 = 127,500.00; 127,500 x 292/365 = 102,000.00 less
    # 170,000 x 292/365 = 136,000.00: a net credit
    assert below.early_renewal.cost_this_year == Decimal("-34000.00")
    above = analyse(sample_pricebook, one_year, 40_001, D(2026, 3, 14))  # F = 200,005: one credit over is an option's worth
    assert above.recommendation is not Recommendation.NONE


# --- the recommendation at its break-even points ---------------------------------------------------------------------
# Day 73 of 2026 (14 March) makes F = 5U exactly, with 292 of 365 days left.


def test_overage_against_early_renewal(sample_pricebook: PriceBook, one_year: Subscription) -> None:
    # Early renewal of 201,000 (F in 200,001..201,000) costs round2(201,000 x 0.85 x 292/365) = 136,680.00 less the
    # 136,000.00 credit: 680.00. Overage 1.105 x excess passes 680.00 between excess 615 (679.58) and 620 (685.10).
    below = analyse(sample_pricebook, one_year, 40_123, D(2026, 3, 14))
    assert (below.overage.cost, below.early_renewal.cost_this_year, below.recommendation) == (
        Decimal("679.58"),
        Decimal("680.00"),
        Recommendation.OVERAGE,
    )
    above = analyse(sample_pricebook, one_year, 40_124, D(2026, 3, 14))
    assert (above.overage.cost, above.early_renewal.cost_this_year, above.recommendation) == (
        Decimal("685.10"),
        Decimal("680.00"),
        Recommendation.EARLY_RENEWAL,
    )


def test_a_tie_between_overage_and_early_renewal_goes_to_overage(sample_pricebook: PriceBook, one_year: Subscription) -> None:
    at_one = replace(one_year, overage_price=Decimal("1.0000"))  # excess 680 x 1.0000 = 680.00, early renewal's cost
    tie = analyse(sample_pricebook, at_one, 40_136, D(2026, 3, 14))
    assert (tie.overage.cost, tie.early_renewal.cost_this_year, tie.recommendation) == (
        Decimal("680.00"),
        Decimal("680.00"),
        Recommendation.OVERAGE,
    )
    assert analyse(sample_pricebook, at_one, 40_137, D(2026, 3, 14)).recommendation is Recommendation.EARLY_RENEWAL  # 685.00


def test_overage_against_top_up(forfeit: PriceBook, one_year: Subscription) -> None:
    # Forfeit makes early renewal cost about 80% of a year (141,440.00): out of the race. The minimum top-up costs
    # 10,000 x 0.85 = 8,500.00; overage 1.105 x excess passes it between 7,690 (8,497.45) and 7,695 (8,502.98).
    below = analyse(forfeit, one_year, 41_538, D(2026, 3, 14))
    assert below.top_up is not None
    assert (below.excess_credits, below.overage.cost, below.top_up.cost, below.recommendation) == (
        7_690,
        Decimal("8497.45"),
        Decimal("8500.00"),
        Recommendation.OVERAGE,
    )
    above = analyse(forfeit, one_year, 41_539, D(2026, 3, 14))
    assert (above.excess_credits, above.overage.cost, above.recommendation) == (7_695, Decimal("8502.98"), Recommendation.TOP_UP)
    assert above.early_renewal.cost_this_year == Decimal("141440.00")  # 208,000 x 0.85 x 292/365 = 141,440.00


def test_a_tie_between_overage_and_top_up_goes_to_overage(forfeit: PriceBook, one_year: Subscription) -> None:
    priced = replace(one_year, overage_price=Decimal("1.0625"))  # excess 8,000 x 1.0625 = 8,500.00, the minimum top-up
    tie = analyse(forfeit, priced, 41_600, D(2026, 3, 14))
    assert tie.top_up is not None
    assert (tie.overage.cost, tie.top_up.cost, tie.recommendation) == (Decimal("8500.00"), Decimal("8500.00"), Recommendation.OVERAGE)
    assert analyse(forfeit, priced, 41_601, D(2026, 3, 14)).recommendation is Recommendation.TOP_UP  # 8,005 x 1.0625 = 8,505.31


def test_top_up_against_early_renewal(forfeit: PriceBook, one_year: Subscription) -> None:
    # 6 December 2026: day 340, 25 days left; F = ceil(U x 365 / 340). With forfeit, early renewal costs
    # N x 0.85 x 25/365 and the top-up (N - 200,000) x 0.85 for the same N = F in blocks of 1,000: they cross
    # between N = 214,000 and 215,000.
    day = D(2026, 12, 6)
    below = analyse(forfeit, one_year, 199_342, day)  # 199,342 x 365 / 340 = 213,999.5 -> 214,000
    assert below.top_up is not None
    # top-up 14,000 x 0.85 = 11,900.00; early renewal round2(214,000 x 0.85 x 25 / 365) = 12,458.90
    assert (below.forecast.credits, below.top_up.cost, below.early_renewal.cost_this_year, below.recommendation) == (
        214_000,
        Decimal("11900.00"),
        Decimal("12458.90"),
        Recommendation.TOP_UP,
    )
    above = analyse(forfeit, one_year, 199_343, day)  # 214,000.56 -> 214,001
    assert above.top_up is not None
    # top-up 15,000 x 0.85 = 12,750.00; early renewal round2(215,000 x 0.85 x 25 / 365) = 12,517.12
    assert (above.forecast.credits, above.top_up.cost, above.early_renewal.cost_this_year, above.recommendation) == (
        214_001,
        Decimal("12750.00"),
        Decimal("12517.12"),
        Recommendation.EARLY_RENEWAL,
    )


@settings(max_examples=60, deadline=None)
@given(used=st.integers(0, 400_000), day=st.integers(0, 364), prorated=st.booleans())
def test_the_recommendation_is_the_cheapest_option_and_none_only_within_the_subscription(
    sample_pricebook: PriceBook, one_year: Subscription, used: int, day: int, prorated: bool
) -> None:
    book = sample_pricebook if prorated else replace(sample_pricebook, early_renewal_unused_credit="forfeit")
    a = analyse(book, one_year, used, D(2026, 1, 1) + dt.timedelta(days=day))
    assert a.forecast.credits >= used
    assert (a.recommendation is Recommendation.NONE) == (a.forecast.credits <= one_year.annual_credits)
    costs = {Recommendation.OVERAGE: a.overage.cost, Recommendation.EARLY_RENEWAL: a.early_renewal.cost_this_year}
    if a.top_up is not None:
        costs[Recommendation.TOP_UP] = a.top_up.cost
    if a.recommendation is not Recommendation.NONE:
        assert costs[a.recommendation] == min(costs.values())


# --- the renewal quote -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yearly", "growth", "expected"),
    [
        (218_508, Decimal(0), 219_000),  # in blocks of 1,000
        (218_508, Decimal(5), 230_000),  # 229,433.4 -> 229,434 -> 230,000
        (200_000, Decimal("12.5"), 225_000),  # exactly 225,000
        (30_000, Decimal(10), 50_000),  # 33,000 is raised to the minimum order
        (0, Decimal(0), 50_000),
    ],
)
def test_the_renewal_request_is_sized_from_the_year_plus_growth(
    sample_pricebook: PriceBook, yearly: int, growth: Decimal, expected: int
) -> None:
    s = subscription_from_pricebook(
        sample_pricebook, D(2026, 1, 1), 3, 200_000, intent_manager=True, performance_optimizer=True, discount_percent=Decimal(2)
    )
    request = renewal_request(sample_pricebook, s, yearly, growth, customer="Contoso")
    assert request.ordered_credits_per_year == (expected,)
    assert request.interactions_per_year == ()
    assert (request.years, request.generative_ai, request.intent_manager, request.performance_optimizer) == (3, False, True, True)
    assert (request.discount_percent, request.customer) == (Decimal(2), "Contoso")


def test_a_growth_that_is_not_a_percentage_is_refused(sample_pricebook: PriceBook, one_year: Subscription) -> None:
    with pytest.raises(InputError) as caught:
        renewal_request(sample_pricebook, one_year, 100_000, Decimal("-100"))
    assert caught.value.field == "growth"
    with pytest.raises(InputError):
        renewal_request(sample_pricebook, one_year, 100_000, Decimal("NaN"))
