"""The Renewal workspace's figures from what is typed and counted, without a window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from cpiquote.gui.renewal import model
from cpiquote.pricing import InputError, load_pricebook
from cpiquote.pricing.renewal import ContractYear, analyse, renewal_request, subscription_from_pricebook
from cpiquote.quote.inputs import MissingInput
from cpiquote.resources import sample_pricebook_path

BOOK = load_pricebook(sample_pricebook_path())
YEAR = ContractYear(1, dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def values(**typed: Any) -> dict[str, model.Value]:
    """A million credits a year for three years from 2026-01-01, with `typed` on top."""
    result = model.empty_values()
    result.update(subscription_credits="1,000,000", contract_start="2026-01-01", contract_years="3")
    result.update(used_credits="700,000", as_of="2026-07-31")
    result.update(typed)
    return result


def day(iso: str, interactions: int) -> Any:
    return SimpleNamespace(day=dt.date.fromisoformat(iso), interactions=interactions, credits=None)


def log(*days: Any) -> Any:
    """A counted conversation log holding `days`."""
    return SimpleNamespace(by_day=tuple(days), by_month=())


def monthly(*months: tuple[str, int | None, int | None]) -> Any:
    """A counted monthly usage file: (month, interactions, credits) each."""
    return SimpleNamespace(by_day=(), by_month=tuple(SimpleNamespace(month=m, interactions=i, credits=c) for m, i, c in months))


def test_a_typed_subscription_takes_the_price_books_prices_unless_given() -> None:
    typed = model.subscription_from_values(BOOK, values(generative_ai=True, discount="5"))
    assert typed == subscription_from_pricebook(BOOK, dt.date(2026, 1, 1), 3, 1_000_000, generative_ai=True, discount_percent=Decimal(5))
    own = model.subscription_from_values(BOOK, values(price_per_credit="0.5", overage_price="0.75"))
    assert (own.price_per_credit, own.overage_price) == (Decimal("0.5"), Decimal("0.75"))


@pytest.mark.parametrize(
    ("typed", "field", "reason"),
    [
        ({"subscription_credits": ""}, "subscription_credits", "enter the annual credits subscribed"),
        ({"contract_start": "2028-02-30"}, "contract_start", "2028-02-30 is not a day of the calendar: February 2028 has 29 days"),
        ({"contract_start": "next week"}, "contract_start", "'next week' is not a date; write it as YYYY-MM-DD, for example 2027-03-15"),
        ({"contract_years": "0"}, "contract_years", "must be a whole number from 1 to"),
        ({"discount": "120"}, "discount", "must be a percentage from 0 to 100"),
    ],
)
def test_a_wrong_or_missing_subscription_names_its_field(typed: dict[str, str], field: str, reason: str) -> None:
    with pytest.raises(InputError) as raised:
        model.subscription_from_values(BOOK, values(**typed))
    assert raised.value.field == field
    assert raised.value.reason.startswith(reason)
    assert isinstance(raised.value, MissingInput) == (typed.get(field) == "")


def test_typed_usage_gives_the_engines_analysis_and_a_renewal_sized_from_the_forecast() -> None:
    shown = model.figures(BOOK, values(growth="5", customer=" Contoso "), None)
    subscription = model.subscription_from_values(BOOK, values())
    expected = analyse(BOOK, subscription, 700_000, dt.date(2026, 7, 31))
    assert shown.analysis == expected
    assert shown.used == ()
    assert shown.renewal == renewal_request(BOOK, subscription, expected.forecast.credits, Decimal(5), customer="Contoso")


def test_typed_usage_needs_its_total_and_day() -> None:
    with pytest.raises(MissingInput) as raised:
        model.figures(BOOK, values(used_credits=""), None)
    assert raised.value.field == "used_credits"
    with pytest.raises(MissingInput) as raised:
        model.figures(BOOK, values(as_of=""), None)
    assert raised.value.field == "as_of"


def test_a_logs_credits_are_rounded_up_over_the_days_so_far_not_day_by_day() -> None:
    usage = log(day("2025-12-31", 9), day("2026-01-01", 1), day("2026-01-03", 1), day("2026-01-04", 1))
    # 1 interaction a day at 1.5 credits: 2, 2, 3 (not 2 + 2 + 2); the day before the year and the day after as-of are left out
    line = model.cumulative_credits(usage, Decimal("1.5"), YEAR, dt.date(2026, 1, 3))
    assert line == ((dt.date(2026, 1, 1), 2), (dt.date(2026, 1, 2), 2), (dt.date(2026, 1, 3), 3))
    # each day's own credits for the 90-day rate, as the usage package gives them: ceil(1 x 1.5) a day with usage
    assert model.daily_usage(usage, Decimal("1.5"), YEAR, dt.date(2026, 1, 3)) == ((dt.date(2026, 1, 1), 2), (dt.date(2026, 1, 3), 2))


def test_a_log_that_began_during_the_year_starts_its_line_on_its_first_day() -> None:
    """Days before the log began are not days without use: the 90-day forecast must not read them as such."""
    usage = log(day("2026-06-01", 10), day("2026-06-03", 10))
    line = model.cumulative_credits(usage, Decimal(1), YEAR, dt.date(2026, 6, 4))
    assert line == ((dt.date(2026, 6, 1), 10), (dt.date(2026, 6, 2), 10), (dt.date(2026, 6, 3), 20), (dt.date(2026, 6, 4), 20))


def test_a_monthly_file_counts_whole_months_from_the_years_first_through_as_ofs() -> None:
    usage = monthly(("2025-12", 100, None), ("2026-01", 101, None), ("2026-02", 100, None), ("2026-03", 100, None))
    line = model.cumulative_credits(usage, Decimal("1.5"), YEAR, dt.date(2026, 3, 15))
    # each month's own credits (152 = ceil(101 x 1.5)); March whole, drawn at as-of
    assert line == ((dt.date(2026, 1, 31), 152), (dt.date(2026, 2, 28), 302), (dt.date(2026, 3, 15), 452))
    assert model.daily_usage(usage, Decimal("1.5"), YEAR, dt.date(2026, 3, 15)) == ()
    in_credits = monthly(("2026-01", None, 70), ("2026-02", None, 80))
    assert model.cumulative_credits(in_credits, Decimal("1.5"), YEAR, dt.date(2026, 2, 28))[-1] == (dt.date(2026, 2, 28), 150)


def test_a_file_sets_the_as_of_day_to_its_last_unless_one_is_typed() -> None:
    assert model.as_of_day(values(as_of=""), log(day("2026-03-04", 1))) == dt.date(2026, 3, 4)
    assert model.as_of_day(values(as_of=""), monthly(("2026-02", 5, None))) == dt.date(2026, 2, 28)
    assert model.as_of_day(values(as_of="2026-03-01"), log(day("2026-03-04", 1))) == dt.date(2026, 3, 1)


def test_usage_from_a_log_is_credited_with_the_subscriptions_features() -> None:
    usage = log(day("2026-01-01", 1_000), day("2026-01-02", 3_000))
    plain = model.figures(BOOK, values(as_of="2026-01-02"), usage)
    with_ai = model.figures(BOOK, values(as_of="2026-01-02", generative_ai=True), usage)
    rate = BOOK.credits
    assert plain.analysis.forecast.used_credits == 4_000 * rate.base
    assert with_ai.analysis.forecast.used_credits == 4_000 * rate.generative_ai
    assert with_ai.analysis.forecast.recent_credits is not None


def test_the_chart_line_of_a_typed_total_runs_straight_from_the_years_start() -> None:
    shown = model.figures(BOOK, values(), None)
    assert model.usage_line(shown) == ((dt.date(2025, 12, 31), 0), (dt.date(2026, 7, 31), 700_000))
