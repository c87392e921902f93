"""The engine's own guards and boundaries: each pinned at the boundary and one step either side (issue 15)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from cpiquote.pricing import Band, InputError, PriceBook, QuoteRequest, price_curve, price_quote
from cpiquote.pricing.limits import MAX_FIGURE, MAX_SERVICES_HOURS

CENT = Decimal("0.01")


@pytest.mark.parametrize(
    ("discount", "approval"),
    [(Decimal(0), False), (Decimal(10) - CENT, False), (Decimal(10), False), (Decimal(10) + CENT, True), (Decimal(30), True)],
)
def test_approval_is_required_only_above_the_threshold(sample_pricebook: PriceBook, discount: Decimal, approval: bool) -> None:
    quotation = price_quote(sample_pricebook, QuoteRequest((100_000,), discount_percent=discount))
    assert quotation.approval_required is approval
    assert any(n.kind.name == "APPROVAL_REQUIRED" for n in quotation.warnings) is approval


@pytest.mark.parametrize("discount", [Decimal(30) + CENT, Decimal(-1) * CENT, Decimal("NaN"), Decimal("Infinity")])
def test_the_engine_itself_refuses_a_discount_out_of_range(sample_pricebook: PriceBook, discount: Decimal) -> None:
    with pytest.raises(InputError) as caught:
        price_quote(sample_pricebook, QuoteRequest((100_000,), discount_percent=discount))
    assert caught.value.field == "discount"
    with pytest.raises(InputError):
        price_curve(sample_pricebook, 1, discount, [100_000])


def test_the_maximum_discount_itself_is_given(sample_pricebook: PriceBook) -> None:
    year = price_quote(sample_pricebook, QuoteRequest((100_000,), discount_percent=Decimal(30))).years[0]
    assert year.price_per_credit == Decimal("0.5950")  # round4(0.85 x 0.70)


@pytest.mark.parametrize(
    ("hours", "allowed"), [(Decimal(0), True), (-CENT, False), (MAX_SERVICES_HOURS, True), (MAX_SERVICES_HOURS + CENT, False)]
)
def test_the_engine_itself_bounds_services_hours(sample_pricebook: PriceBook, hours: Decimal, allowed: bool) -> None:
    request = QuoteRequest((100_000,), services_hours=hours)
    if allowed:
        assert price_quote(sample_pricebook, request).services == hours * 200
    else:
        with pytest.raises(InputError, match="services_hours: must be a number of hours from 0 to 1,000,000"):
            price_quote(sample_pricebook, request)


@pytest.mark.parametrize(("count", "allowed"), [(MAX_FIGURE, True), (MAX_FIGURE + 1, False), (-1, False)])
def test_messages_per_month_are_bounded(sample_pricebook: PriceBook, count: int, allowed: bool) -> None:
    request = QuoteRequest((100_000,), sms_per_month=count)
    if allowed:
        assert price_quote(sample_pricebook, request).pass_through.sms_per_month == count * Decimal("0.0083")
    else:
        with pytest.raises(InputError, match="sms_per_month: must be a whole number from 0 to 1,000,000,000,000"):
            price_quote(sample_pricebook, request)


def _even_break(sample: PriceBook) -> PriceBook:
    """Two bands where 90,000 credits at 1.00 cost exactly what 100,000 at 0.90 cost."""
    return replace(sample, bands=(Band(1, Decimal("1.00")), Band(100_000, Decimal("0.90"))))


@pytest.mark.parametrize(("ordered", "saving"), [(89_000, None), (90_000, None), (91_000, Decimal("1000.00"))])
def test_price_break_advice_never_offers_a_saving_of_nothing(sample_pricebook: PriceBook, ordered: int, saving: Decimal | None) -> None:
    year = price_quote(_even_break(sample_pricebook), QuoteRequest(ordered_credits_per_year=(ordered,))).years[0]
    assert (year.price_break.saving if year.price_break else None) == saving
    if year.price_break:
        assert (year.price_break.annual_credits, year.price_break.annual_subscription) == (100_000, Decimal("90000.00"))


def test_price_break_names_the_cheapest_higher_band_and_the_smallest_of_equal_fees(sample_pricebook: PriceBook) -> None:
    bands = (Band(1, Decimal(1)), Band(50_001, Decimal("0.5")), Band(60_001, Decimal("0.5")), Band(100_000, Decimal("0.3")))
    book = replace(sample_pricebook, bands=bands, increment=1_000, minimum_annual_credits=1_000)
    advice = price_quote(book, QuoteRequest(ordered_credits_per_year=(40_000,))).years[0].price_break
    assert advice is not None and (advice.annual_credits, advice.annual_subscription, advice.saving) == (
        51_000,
        Decimal("25500.00"),
        Decimal("14500.00"),
    )
    cheaper_far_up = replace(book, bands=(*bands[:3], Band(100_000, Decimal("0.2"))))
    advice = price_quote(cheaper_far_up, QuoteRequest(ordered_credits_per_year=(40_000,))).years[0].price_break
    assert advice is not None and (advice.annual_credits, advice.annual_subscription) == (100_000, Decimal("20000.00"))


EDGES = [1, 49_999, 50_000, 99_999, 100_000, 100_001, 250_000, 999_999, 1_000_000, 5_000_000, 7_654_321, MAX_FIGURE]


@pytest.mark.parametrize("book", ["sample_pricebook", "graduated_pricebook"])
def test_the_price_curve_prices_every_volume_as_a_quote_does(request: pytest.FixtureRequest, book: str) -> None:
    pricebook: PriceBook = request.getfixturevalue(book)
    volumes = [v for v in EDGES if v >= pricebook.minimum_annual_credits and v % pricebook.increment == 0]
    for point in price_curve(pricebook, 3, Decimal(5), volumes):
        quoted = price_quote(
            pricebook, QuoteRequest(years=3, discount_percent=Decimal(5), ordered_credits_per_year=(point.annual_credits,))
        )
        year = quoted.years[0]
        assert (point.price_per_credit, point.annual_subscription) == (year.price_per_credit, year.annual_subscription), point


def test_the_graduated_curve_adds_up_the_band_lines_at_every_edge(graduated_pricebook: PriceBook) -> None:
    points = price_curve(graduated_pricebook, 1, Decimal(0), EDGES)
    fees = {p.annual_credits: p.annual_subscription for p in points}
    assert fees[1] == Decimal("0.95") and fees[99_999] == Decimal("94999.05")
    assert fees[100_000] == Decimal("94999.05") + Decimal("0.85")
    assert fees[100_001] == Decimal("94999.05") + Decimal("1.70")
    assert {p.annual_credits: p.price_per_credit for p in points}[1] == Decimal("0.9500")


@pytest.mark.parametrize("credits", [0, -1])
def test_a_curve_volume_of_no_credits_is_refused(sample_pricebook: PriceBook, credits: int) -> None:
    with pytest.raises(InputError, match="annual_credits: must be a whole number of at least 1"):
        price_curve(sample_pricebook, 1, Decimal(0), [credits])


def test_a_curve_may_run_past_the_largest_order(sample_pricebook: PriceBook) -> None:
    (point,) = price_curve(sample_pricebook, 1, Decimal(0), [MAX_FIGURE * 2])
    assert point.price_per_credit == Decimal("0.42")


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (QuoteRequest((100_000,), years=0), "years: must be a whole number from 1 to 5 (the price book's longest contract)"),
        (QuoteRequest((100_000,), years=6), "years: must be a whole number from 1 to 5 (the price book's longest contract)"),
        (QuoteRequest((1, 2), years=3), "interactions: gives 2 yearly figures for a 3-year contract; give one figure, or exactly 3"),
        (
            QuoteRequest(years=3, ordered_credits_per_year=(50_000, 50_000)),
            "credits: gives 2 yearly figures for a 3-year contract; give one figure, or exactly 3",
        ),
        (QuoteRequest((-1,)), "interactions: must be a whole number from 0 to 1,000,000,000,000"),
        (QuoteRequest((MAX_FIGURE + 1,)), "interactions: must be a whole number from 0 to 1,000,000,000,000"),
        (QuoteRequest((1, -1), years=2), "interactions: year 2 must be a whole number from 0 to 1,000,000,000,000"),
        (
            QuoteRequest(ordered_credits_per_year=(50_500,)),
            "credits: 50,500 is not a whole number of blocks of 1,000; order 50,000 or 51,000",
        ),
        (
            QuoteRequest(years=2, ordered_credits_per_year=(50_000, 49_000)),
            "credits: year 2 49,000 is below the minimum order of 50,000 credits a year",
        ),
        (QuoteRequest(ordered_credits_per_year=(49_000,)), "credits: 49,000 is below the minimum order of 50,000 credits a year"),
        (QuoteRequest(), "interactions: give the interactions per year, the credits ordered per year, or both"),
        (
            QuoteRequest(years=2, ordered_credits_per_year=(50_000, None)),
            "interactions: year 2 has neither interactions nor credits ordered; give one or both",
        ),
        (QuoteRequest((1,), discount_percent=Decimal("-0.01")), "discount: must be a percentage of 0 or more"),
        (
            QuoteRequest((1,), discount_percent=Decimal("30.01")),
            "discount: 30.01% is above the maximum discretionary discount of 30%; lower it or ask sales operations",
        ),
    ],
)
def test_each_refusal_names_its_field_and_what_to_do(sample_pricebook: PriceBook, request_: QuoteRequest, message: str) -> None:
    with pytest.raises(InputError) as caught:
        price_quote(sample_pricebook, request_)
    assert str(caught.value) == message


@pytest.mark.parametrize(("years", "ordered"), [(1, 50_000), (5, 50_000), (2, 1_000_000)])
def test_the_edges_of_what_is_accepted_are_priced(sample_pricebook: PriceBook, years: int, ordered: int) -> None:
    quotation = price_quote(sample_pricebook, QuoteRequest(years=years, ordered_credits_per_year=(ordered,)))
    assert [y.annual_credits for y in quotation.years] == [ordered] * years


def test_invoices_and_years_of_a_ramp_are_numbered_and_labelled(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((100_000, 100_000, 200_000), years=3, services_hours=Decimal(10)))
    assert [(i.number, i.due) for i in q.invoices] == [(1, "on acceptance"), (2, "start of year 2"), (3, "start of year 3")]
    assert [y.year for y in q.years] == [1, 2, 3]
    assert [i.services for i in q.invoices] == [Decimal("2000.00"), Decimal("0.00"), Decimal("0.00")]
    assert q.years[0].annual_subscription == q.years[1].annual_subscription != q.years[2].annual_subscription
    assert q.total_contract_value == sum((i.amount for i in q.invoices), Decimal(0))


def test_a_price_book_changed_in_memory_is_priced_with_its_own_bands_not_a_kept_tariff(sample_pricebook: PriceBook) -> None:
    """Tariffs are kept between quotes (Tariff.of): for that price book object, never for another one that hashes or
    reads the same (a copy with other prices keeps the file's SHA-256)."""
    request = QuoteRequest((95_000,), 2, discount_percent=Decimal(5))
    before = price_quote(sample_pricebook, request)
    halved = replace(sample_pricebook, bands=tuple(replace(band, price=band.price / 2) for band in sample_pricebook.bands))
    assert halved.sha256 == sample_pricebook.sha256
    cheaper = price_quote(halved, request)
    assert cheaper.first_year.price_per_credit < before.first_year.price_per_credit
    assert price_quote(sample_pricebook, request) == before  # and the first book's tariff is still its own
    curve = price_curve(halved, 2, Decimal(5), [95_000])
    assert curve[0].price_per_credit == cheaper.first_year.price_per_credit


def test_many_terms_priced_in_turn_each_get_their_own_net_prices(sample_pricebook: PriceBook) -> None:
    """More terms than the tariffs kept: the oldest make way, and every quote is still priced by its own terms."""
    quotes = {(years, discount): price_quote(sample_pricebook, QuoteRequest((250_000,), years, discount_percent=Decimal(discount)))
              for years in (1, 2, 3, 4, 5) for discount in range(0, 30)}  # fmt: skip
    for (years, discount), quotation in quotes.items():
        assert quotation == price_quote(sample_pricebook, QuoteRequest((250_000,), years, discount_percent=Decimal(discount)))
    assert len({q.first_year.price_per_credit for q in quotes.values()}) > 100
