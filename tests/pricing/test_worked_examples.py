"""The worked examples of pricing-rules.md section 3, to the cent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from cpiquote.pricing import InputError, Notice, NoticeKind, PriceBook, QuoteRequest, price_quote


def test_three_year_genai_intent_manager(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((1_200_000,), years=3, generative_ai=True, intent_manager=True))
    assert q.credits_per_interaction == D("1.7")
    for year in q.years:
        assert year.annual_credits == 2_040_000
        assert year.band_from == 1_000_000
        assert year.list_price_per_credit == D("0.55")
        assert year.price_per_credit == D("0.5060")
        assert year.annual_subscription == D("1032240.00")
        assert year.overage_price_per_credit == D("0.6578")
        assert year.price_break is None
    assert q.total_contract_value == D("3096720.00")
    assert q.warnings == ()


def test_all_three_features(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((58_000,), generative_ai=True, intent_manager=True, performance_optimizer=True))
    y = q.first_year
    assert q.credits_per_interaction == D("1.75")
    assert (y.required_credits, y.annual_credits) == (101_500, 102_000)
    assert y.price_per_credit == D("0.85")
    assert y.annual_subscription == D("86700.00")


def test_minimum_order_raises_credits_with_a_warning(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((30_000,)))
    y = q.first_year
    assert (y.required_credits, y.annual_credits, y.minimum_applied) == (30_000, 50_000, True)
    assert y.annual_subscription == D("47500.00")
    assert q.warnings == (Notice(NoticeKind.MINIMUM_APPLIED, 1, {"required_credits": D(30_000), "minimum_credits": D(50_000)}),)


def test_price_break_advice(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000,)))
    y = q.first_year
    assert y.annual_subscription == D("90250.00")
    assert y.price_break is not None
    assert (y.price_break.annual_credits, y.price_break.annual_subscription, y.price_break.saving) == (100_000, D("85000.00"), D("5250.00"))
    advice = {"annual_credits": D(100_000), "annual_subscription": D("85000.00"), "current_annual_subscription": D("90250.00")}
    assert q.warnings == (Notice(NoticeKind.PRICE_BREAK, 1, {**advice, "saving": D("5250.00")}),)


def test_care_package_and_services_invoices(sample_pricebook: PriceBook) -> None:
    request = QuoteRequest((1_200_000,), years=3, generative_ai=True, intent_manager=True, care_package=True, services_hours=D(40))
    q = price_quote(sample_pricebook, request)
    assert [i.amount for i in q.invoices] == [D("1143464.00"), D("1135464.00"), D("1135464.00")]
    assert [i.due for i in q.invoices] == ["on acceptance", "start of year 2", "start of year 3"]
    assert q.invoices[0].care_package == D("103224.00")
    assert q.services == D("8000.00")
    assert q.total_contract_value == D("3414392.00")


@pytest.mark.parametrize(
    ("years", "net"),
    [(1, "0.5500"), (2, "0.5280"), (3, "0.5060"), (4, "0.4950"), (5, "0.4840")],
)
def test_term_discount_by_contract_length(sample_pricebook: PriceBook, years: int, net: str) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((1_200_000,), years=years, generative_ai=True, intent_manager=True))
    assert q.first_year.price_per_credit == D(net)


def test_discretionary_discount_and_approval(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((1_200_000,), years=3, discount_percent=D("12.5")))
    # 0.55 x 0.92 x 0.875 = 0.44275 -> 0.4428 (half up)
    assert q.first_year.price_per_credit == D("0.4428")
    assert q.approval_required
    assert q.warnings == (Notice(NoticeKind.APPROVAL_REQUIRED, None, {"discount_percent": D("12.5"), "approval_above_percent": D(10)}),)


def test_care_package_minimum_fee(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((30_000,), care_package=True))
    assert q.first_year.care_package == D("5000")  # 10% of 47,500 is below the 5,000 minimum


def test_pass_through_estimate(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((100_000,), sms_per_month=10_000, whatsapp_mtm_per_month=2_000))
    # (10,000 x 0.0083 + 2,000 x 0.025) x 1.15 = (83 + 50) x 1.15 = 152.95
    assert q.pass_through.monthly_estimate == D("152.95")
    assert q.pass_through.annual_estimate == D("1835.40")
    assert q.total_contract_value == q.first_year.annual_subscription  # never in the contract value


def test_ramp_prices_each_year(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000, 240_000, 600_000), years=3))
    assert [y.annual_credits for y in q.years] == [95_000, 240_000, 600_000]
    assert [y.band_from for y in q.years] == [1, 100_000, 500_000]
    assert [i.amount for i in q.invoices] == [y.annual_subscription for y in q.years]
    assert [n.year for n in q.warnings if n.kind is NoticeKind.PRICE_BREAK] == [1, 2]


def test_whole_numbers_are_accepted_where_decimals_are_expected_and_floats_refused(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((1_000,), services_hours=40, discount_percent=5))  # type: ignore[arg-type]
    assert q.services == D("8000.00")
    assert q.discount_percent == D(5)
    with pytest.raises(InputError, match="services_hours: must be a Decimal or a whole number, not float"):
        QuoteRequest((1_000,), services_hours=40.5)  # type: ignore[arg-type]


# --- quotes sized in credits (pricing rule 3 with ordered credits) ------------------------------------


def test_credits_alone_have_no_interactions_and_no_required_credits(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest(years=2, generative_ai=True, ordered_credits_per_year=(250_000,)))
    for year in q.years:
        assert (year.interactions, year.required_credits, year.ordered_credits) == (None, None, 250_000)
        assert (year.annual_credits, year.band_from) == (250_000, 250_000)
        assert year.price_per_credit == D("0.7200")
        assert year.annual_subscription == D("180000.00")
    assert q.total_contract_value == D("360000.00")
    assert q.warnings == ()


def test_ordered_credits_reach_the_next_band_and_cover_the_forecast(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000,), ordered_credits_per_year=(100_000,)))
    y = q.first_year
    assert (y.required_credits, y.annual_credits, y.price_per_credit, y.annual_subscription) == (95_000, 100_000, D("0.85"), D("85000.00"))
    assert y.price_break is None
    assert q.warnings == ()


def test_more_credits_ordered_than_the_forecast_needs(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((1_200_000,), ordered_credits_per_year=(1_500_000,)))
    y = q.first_year
    assert (y.required_credits, y.annual_credits, y.shortfall_credits) == (1_200_000, 1_500_000, 0)
    assert y.annual_subscription == D("825000.00")


def test_fewer_credits_ordered_than_the_forecast_needs_warns_of_overage(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((60_000,), generative_ai=True, ordered_credits_per_year=(50_000,)))
    y = q.first_year
    assert (y.required_credits, y.annual_credits, y.shortfall_credits) == (90_000, 50_000, 40_000)
    assert y.overage_price_per_credit == D("1.2350")
    assert y.expected_overage == D("49400.00")
    assert y.annual_subscription == D("47500.00")
    assert not y.minimum_applied
    overage = {"overage_price_per_credit": D("1.2350"), "expected_overage": D("49400.00")}
    assert q.warnings == (Notice(NoticeKind.UNDER_ORDERED, 1, {"shortfall_credits": D(40_000), "ordered_credits": D(50_000), **overage}),)


def test_a_ramp_of_ordered_credits_prices_each_year(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest(years=2, ordered_credits_per_year=(100_000, 250_000)))
    assert [y.annual_credits for y in q.years] == [100_000, 250_000]
    assert [y.price_per_credit for y in q.years] == [D("0.8160"), D("0.7200")]


@pytest.mark.parametrize(
    ("ordered", "message"),
    [
        ((49_000,), "49,000 is below the minimum order of 50,000 credits a year"),
        ((250_500,), "250,500 is not a whole number of blocks of 1,000; order 250,000 or 251,000"),
        ((100_000, 100_000, 100_000), "gives 3 yearly figures for a 2-year contract"),
    ],
)
def test_ordered_credits_that_cannot_be_sold_are_refused_naming_the_figures(
    sample_pricebook: PriceBook, ordered: tuple[int, ...], message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        price_quote(sample_pricebook, QuoteRequest(years=2, ordered_credits_per_year=ordered))
    assert caught.value.field == "credits"


def test_a_quote_needs_interactions_or_credits(sample_pricebook: PriceBook) -> None:
    with pytest.raises(InputError, match="interactions per year, the credits ordered per year, or both"):
        price_quote(sample_pricebook, QuoteRequest(years=1))


def test_a_ramp_year_without_ordered_credits_is_sold_as_its_forecast_requires(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000, 95_000), years=2, ordered_credits_per_year=(None, 100_000)))
    assert [(y.ordered_credits, y.annual_credits) for y in q.years] == [(None, 95_000), (100_000, 100_000)]
    assert q.years[0].price_break is not None
    assert q.years[1].price_break is None


def test_a_year_with_neither_interactions_nor_credits_is_refused(sample_pricebook: PriceBook) -> None:
    with pytest.raises(InputError, match="year 1 has neither interactions nor credits ordered") as caught:
        price_quote(sample_pricebook, QuoteRequest(years=2, ordered_credits_per_year=(None, 100_000)))
    assert caught.value.field == "interactions"


def test_a_ramp_notes_each_years_figures(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((30_000, 60_000), years=2, generative_ai=True, ordered_credits_per_year=(None, 50_000)))
    assert [(n.kind, n.year) for n in q.warnings] == [(NoticeKind.MINIMUM_APPLIED, 1), (NoticeKind.UNDER_ORDERED, 2)]
    assert q.warnings[0].figures == {"required_credits": D(45_000), "minimum_credits": D(50_000)}
    assert q.warnings[1].figures["shortfall_credits"] == D(40_000)


def test_a_notices_figures_cannot_be_changed(sample_pricebook: PriceBook) -> None:
    notice = price_quote(sample_pricebook, QuoteRequest((30_000,))).warnings[0]
    with pytest.raises(TypeError):
        notice.figures["minimum_credits"] = D(1)  # type: ignore[index]
    assert hash(notice) == hash(Notice(NoticeKind.MINIMUM_APPLIED, 1, dict(notice.figures)))


@pytest.fixture
def twelve_year_pricebook(sample_pricebook: PriceBook) -> PriceBook:
    """The sample price book with contracts of up to 12 years (12% term discount past five)."""
    from dataclasses import replace

    return replace(sample_pricebook, max_years=12, term_discount_percent=(*sample_pricebook.term_discount_percent, *[D(12)] * 7))


@pytest.mark.parametrize("figures", ["interactions_per_year", "ordered_credits_per_year"])
def test_a_different_volume_each_year_is_offered_up_to_ten_years(twelve_year_pricebook: PriceBook, figures: str) -> None:
    with pytest.raises(InputError, match=r"^years: a different volume each year is offered up to 10 years; give one figure for every year"):
        price_quote(twelve_year_pricebook, QuoteRequest(years=11, **{figures: (100_000,) * 11}))
    assert len(price_quote(twelve_year_pricebook, QuoteRequest(years=11, **{figures: (100_000,)})).years) == 11
    assert len(price_quote(twelve_year_pricebook, QuoteRequest(years=10, **{figures: (100_000,) * 10})).years) == 10
