"""The worked examples of pricing-rules.md section 3, to the cent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from cpiquote.pricing import InputError, PriceBook, QuoteRequest, price_quote


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
    assert [n.kind for n in q.warnings] == ["minimum_applied"]
    assert "50,000" in q.warnings[0].message


def test_price_break_advice(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((95_000,)))
    y = q.first_year
    assert y.annual_subscription == D("90250.00")
    assert y.price_break is not None
    assert (y.price_break.annual_credits, y.price_break.annual_subscription, y.price_break.saving) == (100_000, D("85000.00"), D("5250.00"))
    assert any(n.kind == "price_break" and "100,000" in n.message and "5,250.00" in n.message for n in q.warnings)


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
    assert any(n.kind == "approval_required" for n in q.warnings)


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
    assert [n.year for n in q.warnings if n.kind == "price_break"] == [1, 2]


def test_whole_numbers_are_accepted_where_decimals_are_expected_and_floats_refused(sample_pricebook: PriceBook) -> None:
    q = price_quote(sample_pricebook, QuoteRequest((1_000,), services_hours=40, discount_percent=5))  # type: ignore[arg-type]
    assert q.services == D("8000.00")
    assert q.discount_percent == D(5)
    with pytest.raises(InputError, match="services_hours: must be a Decimal or a whole number, not float"):
        QuoteRequest((1_000,), services_hours=40.5)  # type: ignore[arg-type]
