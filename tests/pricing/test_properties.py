"""Invariants that hold for every quote, checked over many generated inputs (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cpiquote.pricing import PriceBook, QuoteRequest, credits_per_interaction, interactions_covered, price_quote
from cpiquote.pricing.money import ceil_int

interactions = st.integers(min_value=0, max_value=8_000_000)
years = st.integers(min_value=1, max_value=5)
flags = st.booleans()
discounts = st.decimals(min_value=0, max_value=30, places=2)

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")


@st.composite
def requests(draw: st.DrawFn) -> QuoteRequest:
    n_years = draw(years)
    ramp = draw(st.booleans())
    volumes = tuple(draw(interactions) for _ in range(n_years)) if ramp else (draw(interactions),)
    return QuoteRequest(
        volumes,
        n_years,
        draw(flags),
        draw(flags),
        draw(flags),
        draw(discounts),
        draw(flags),
        draw(st.decimals(min_value=0, max_value=5_000, places=1)),
        draw(st.integers(0, 10**7)),
        draw(st.integers(0, 10**7)),
    )


def _both(sample: PriceBook, graduated: PriceBook) -> list[PriceBook]:
    return [sample, graduated]


@settings(max_examples=200, deadline=None)
@given(request=requests())
def test_contract_value_is_the_sum_of_invoices(sample_pricebook: PriceBook, graduated_pricebook: PriceBook, request: QuoteRequest) -> None:
    for pricebook in _both(sample_pricebook, graduated_pricebook):
        q = price_quote(pricebook, request)
        assert q.total_contract_value == sum(i.amount for i in q.invoices)
        assert q.total_contract_value == q.subscription_total + q.care_package_total + q.services
        assert len(q.invoices) == request.years


@settings(max_examples=200, deadline=None)
@given(request=requests())
def test_credits_cover_usage_minimum_and_increment(
    sample_pricebook: PriceBook, graduated_pricebook: PriceBook, request: QuoteRequest
) -> None:
    for pricebook in _both(sample_pricebook, graduated_pricebook):
        q = price_quote(pricebook, request)
        for y in q.years:
            assert y.required_credits >= y.interactions * q.credits_per_interaction
            assert y.annual_credits >= y.required_credits
            assert y.annual_credits >= pricebook.minimum_annual_credits
            assert y.annual_credits % pricebook.increment == 0
            assert y.annual_subscription == sum(line.amount for line in y.lines)


@settings(max_examples=100, deadline=None)
@given(a=st.integers(1, 6_000), b=st.integers(1, 6_000), y=years, d=discounts)
def test_volume_price_never_rises_and_graduated_fee_never_falls(
    sample_pricebook: PriceBook, graduated_pricebook: PriceBook, a: int, b: int, y: int, d: Decimal
) -> None:
    low, high = sorted((a * 1_000, b * 1_000))
    volume = [price_quote(sample_pricebook, QuoteRequest((n,), y, discount_percent=d)).first_year for n in (low, high)]
    assert volume[1].price_per_credit <= volume[0].price_per_credit
    graduated = [price_quote(graduated_pricebook, QuoteRequest((n,), y, discount_percent=d)).first_year for n in (low, high)]
    assert graduated[1].annual_subscription >= graduated[0].annual_subscription


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 6_000_000), d=discounts, y=years)
def test_price_break_buys_more_credits_for_less(sample_pricebook: PriceBook, n: int, d: Decimal, y: int) -> None:
    year = price_quote(sample_pricebook, QuoteRequest((n,), y, discount_percent=d)).first_year
    if year.price_break is not None:
        advice = year.price_break
        assert advice.annual_credits > year.annual_credits
        assert advice.annual_subscription < year.annual_subscription
        assert advice.saving == year.annual_subscription - advice.annual_subscription
        ordered = price_quote(sample_pricebook, QuoteRequest((advice.annual_credits,), y, discount_percent=d)).first_year
        assert ordered.annual_subscription == advice.annual_subscription


@settings(max_examples=100, deadline=None)
@given(n=interactions, d=discounts, flags3=st.tuples(flags, flags, flags))
def test_longer_contract_never_raises_price_per_credit(
    sample_pricebook: PriceBook, graduated_pricebook: PriceBook, n: int, d: Decimal, flags3: tuple[bool, bool, bool]
) -> None:
    for pricebook in _both(sample_pricebook, graduated_pricebook):
        prices = [
            price_quote(pricebook, QuoteRequest((n,), y, *flags3, discount_percent=d)).first_year.price_per_credit for y in range(1, 6)
        ]
        assert prices == sorted(prices, reverse=True)


@settings(max_examples=100, deadline=None)
@given(request=requests())
def test_overage_exceeds_subscription_price(sample_pricebook: PriceBook, request: QuoteRequest) -> None:
    assert sample_pricebook.overage_multiplier > 1
    for y in price_quote(sample_pricebook, request).years:
        assert y.overage_price_per_credit > y.price_per_credit


@given(n=st.integers(0, 10**12), cpi=st.sampled_from(["1", "1.2", "1.25", "1.5", "1.7", "1.75"]))
def test_required_credits_round_up_exactly(n: int, cpi: str) -> None:
    exact = n * Decimal(cpi)
    assert ceil_int(exact) >= exact > ceil_int(exact) - 1


@settings(max_examples=300, deadline=None)
@given(credits=st.integers(0, 10**12 - 1), features=st.tuples(flags, flags, flags))  # one more interaction still a figure
@example(credits=10**12 - 1, features=(True, True, False))  # cpi 1.7: a quotient that never ends, near the largest figure
@example(credits=102_000, features=(True, True, True))  # cpi 1.75: 58,285 interactions need 101,999 credits
def test_interactions_covered_is_the_most_the_credits_cover(
    sample_pricebook: PriceBook, credits: int, features: tuple[bool, bool, bool]
) -> None:
    cpi = credits_per_interaction(sample_pricebook, *features)
    covered = interactions_covered(credits, cpi)
    request = QuoteRequest(
        (covered, covered + 1), years=2, generative_ai=features[0], intent_manager=features[1], performance_optimizer=features[2]
    )
    fits, one_more = (y.required_credits for y in price_quote(sample_pricebook, request).years)
    assert fits is not None and one_more is not None
    assert fits <= credits < one_more


def test_interactions_covered_by_the_worked_examples() -> None:
    assert interactions_covered(102_000, Decimal("1.75")) == 58_285  # 58,000 interactions needed 101,500: 285 more fit
    assert interactions_covered(2_040_000, Decimal("1.7")) == 1_200_000  # exactly the forecast
    assert interactions_covered(250_000, Decimal("1.5")) == 166_666


@settings(max_examples=200, deadline=None)
@given(sms=st.integers(0, 5_000), whatsapp=st.integers(0, 5_000), sms_rate=st.sampled_from(["0.005", "0.0083", "0.0125"]))
@example(sms=1, whatsapp=1, sms_rate="0.005")  # each provider line 0.005, the month 0.0115: a fee of -0.01 once
def test_the_pass_through_lines_add_up_and_the_handling_fee_is_never_negative(
    sample_pricebook: PriceBook, sms: int, whatsapp: int, sms_rate: str
) -> None:
    from dataclasses import replace

    book = replace(sample_pricebook, sms_rate=Decimal(sms_rate), whatsapp_mtm_rate=Decimal("0.005"))
    p = price_quote(book, QuoteRequest((100_000,), sms_per_month=sms, whatsapp_mtm_per_month=whatsapp)).pass_through
    assert p.handling_fee_per_month >= 0
    assert p.sms_per_month + p.whatsapp_per_month + p.handling_fee_per_month == p.monthly_estimate


@settings(max_examples=200, deadline=None)
@given(request=requests(), blocks=st.lists(st.one_of(st.none(), st.integers(50, 6_000)), min_size=1, max_size=5))
def test_ordered_credits_are_sold_as_ordered_and_the_shortfall_priced_as_overage(
    sample_pricebook: PriceBook, request: QuoteRequest, blocks: list[int | None]
) -> None:
    ordered = tuple(None if b is None else b * 1_000 for b in blocks[: request.years])
    ordered = ordered if len(ordered) == request.years else ordered[:1]
    q = price_quote(sample_pricebook, replace(request, ordered_credits_per_year=ordered))
    for y in q.years:
        wanted = ordered[0] if len(ordered) == 1 else ordered[y.year - 1]
        assert y.ordered_credits == wanted
        if wanted is not None:
            assert y.annual_credits == wanted and not y.minimum_applied
        assert y.required_credits is not None
        assert y.shortfall_credits == max(y.required_credits - y.annual_credits, 0)
        assert y.expected_overage == (y.shortfall_credits * y.overage_price_per_credit).quantize(Decimal("0.01"), ROUND_HALF_UP)
