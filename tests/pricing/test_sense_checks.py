"""The engine's sense checks: figures far outside what quotes carry are pointed out, never refused."""

from __future__ import annotations

from decimal import Decimal as D

from cpiquote.pricing import Notice, NoticeKind, PriceBook, QuoteRequest, price_quote

SENSE_CHECKS = {NoticeKind.SERVICES_ABOVE_SUBSCRIPTION, NoticeKind.PASS_THROUGH_ABOVE_CONTRACT, NoticeKind.RAMP_FALLS_BY_MORE_THAN_HALF}
MINIMUM_ORDER = QuoteRequest((30_000,))  # 50,000 credits at $0.95: a subscription of $47,500.00, the contract value too


def _sense(pricebook: PriceBook, request: QuoteRequest) -> list[Notice]:
    return [notice for notice in price_quote(pricebook, request).warnings if notice.kind in SENSE_CHECKS]


def test_a_million_services_hours_is_pointed_out_and_still_priced(sample_pricebook: PriceBook) -> None:
    request = QuoteRequest((1_200_000,), years=3, services_hours=D(1_000_000))
    q = price_quote(sample_pricebook, request)
    assert q.total_contract_value == D("1821600.00") + D("200000000.00"), "guidance, never a refusal"
    figures = {"services_hours": D(1_000_000), "services": D("200000000.00"), "subscription_total": D("1821600.00")}
    assert q.warnings == (Notice(NoticeKind.SERVICES_ABOVE_SUBSCRIPTION, None, figures),)


def test_services_up_to_the_whole_subscription_are_usual(sample_pricebook: PriceBook) -> None:
    assert _sense(sample_pricebook, QuoteRequest((30_000,), services_hours=D("237.5"))) == []  # $47,500.00: equal
    above = _sense(sample_pricebook, QuoteRequest((30_000,), services_hours=D("237.55")))
    assert [(n.kind, n.figures["services"]) for n in above] == [(NoticeKind.SERVICES_ABOVE_SUBSCRIPTION, D("47510.00"))]
    worked_example = QuoteRequest((1_200_000,), 3, generative_ai=True, intent_manager=True, care_package=True, services_hours=D(40))
    assert _sense(sample_pricebook, worked_example) == []


def test_a_pass_through_estimate_above_the_contract_value_is_pointed_out(sample_pricebook: PriceBook) -> None:
    assert _sense(sample_pricebook, QuoteRequest((30_000,), sms_per_month=414_000)) == []  # $47,419.56 a year
    (notice,) = _sense(sample_pricebook, QuoteRequest((30_000,), sms_per_month=415_000))
    figures = {"pass_through_total": D("47534.16"), "annual_estimate": D("47534.16"), "total_contract_value": D("47500.00")}
    assert notice == Notice(NoticeKind.PASS_THROUGH_ABOVE_CONTRACT, None, figures)


def test_the_pass_through_is_set_against_the_contract_over_its_years(sample_pricebook: PriceBook) -> None:
    """Three years at $43,700.00 make $131,100.00: $47,534.16 of messages a year is below it, but not three years of them."""
    (notice,) = _sense(sample_pricebook, QuoteRequest((30_000,), years=3, sms_per_month=415_000))
    assert notice.figures == {
        "pass_through_total": D("142602.48"),
        "annual_estimate": D("47534.16"),
        "total_contract_value": D("131100.00"),
    }
    assert _sense(sample_pricebook, QuoteRequest((30_000,), years=3, sms_per_month=380_000)) == []  # $130,575.60 over 3 years


def test_a_ramp_that_falls_by_more_than_half_is_pointed_out_in_its_year(sample_pricebook: PriceBook) -> None:
    (notice,) = _sense(sample_pricebook, QuoteRequest((1_000_000, 1_000_000, 499_000), years=3))
    assert notice == Notice(NoticeKind.RAMP_FALLS_BY_MORE_THAN_HALF, 3, {"previous_credits": D(1_000_000), "annual_credits": D(499_000)})
    assert _sense(sample_pricebook, QuoteRequest((1_000_000, 500_000), years=2)) == [], "exactly half is a ramp, not a slip"
    assert _sense(sample_pricebook, QuoteRequest((100_000, 400_000, 1_200_000), years=3)) == [], "growth is what ramps are for"


def test_a_ramp_in_ordered_credits_is_checked_by_what_is_sold(sample_pricebook: PriceBook) -> None:
    ordered = QuoteRequest(years=2, ordered_credits_per_year=(2_000_000, 200_000))
    assert [(n.year, n.figures["annual_credits"]) for n in _sense(sample_pricebook, ordered)] == [(2, D(200_000))]
