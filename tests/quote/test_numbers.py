"""The one number grammar: what people may type in the window and on the command line, and what they are told."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpiquote.pricing import InputError
from cpiquote.quote.numbers import (
    decimal_text,
    parse_decimal,
    parse_percent,
    parse_whole,
    split_per_year,
    whole_text,
)

HOURS = Decimal(1_000_000)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1200000", 1_200_000),
        ("1,200,000", 1_200_000),
        ("1 200 000", 1_200_000),
        ("1\u00a0200\u00a0000", 1_200_000),
        ("1\u202f200\u202f000", 1_200_000),
        ("1_200_000", 1_200_000),
        ("  95,000 ", 95_000),
        ("0", 0),
        ("007", 7),
        ("1,000,000,000,000", 10**12),
        ("", None),
        ("   ", None),
    ],
)
def test_whole_numbers_take_separators_between_groups_of_three(text: str, value: int | None) -> None:
    assert parse_whole("interactions", text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250k", 250_000),
        ("1.2m", 1_200_000),
        ("1.5K", 1_500),
        ("2M", 2_000_000),
        ("1,200k", 1_200_000),
        ("0.5k", 500),
        (".5k", 500),
        ("250 k", 250_000),
        (" 1.25m ", 1_250_000),
        ("1000000000k", 10**12),
        ("0k", 0),
    ],
)
def test_whole_numbers_take_thousands_and_millions_as_sales_people_write_them(text: str, value: int) -> None:
    assert parse_whole("interactions", text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("95,00", "must be a whole number without decimals, such as 9500 or 9,500: commas, spaces or underscores go only"),
        ("12,5", "must be a whole number without decimals"),
        ("1,2000", "must be a whole number without decimals"),
        ("1,200 000", "must be a whole number without decimals"),  # one kind of separator in a number
        ("1.5", "must be a whole number of 0 or more, such as 120000, 120,000 or 120k"),
        ("120kk", "must be a whole number of 0 or more, such as 120000, 120,000 or 120k"),
        ("abc12x", "must be a whole number of 0 or more"),  # never read as the 12 inside it
        ("k", "must be a whole number of 0 or more"),
        ("1e3k", "must be a whole number of 0 or more"),
        ("1.2.3k", "must be a whole number of 0 or more"),
        ("12b", "must be a whole number of 0 or more"),  # thousands and millions only
        ("1,2k", "must be written with decimals after a point, as in 1.2"),
        ("-3k", "must be 0 or more: leave out the minus sign"),
        ("1.2345k", "must be a whole number: 1.2345k is 1,234.5; write 1,234 or 1,235"),
        ("1.0000000000000000000000000001k", "must be a whole number: 1.0000000000000000000000000001k is 1,000.0000000"),
        ("1000000001k", "must be a whole number from 0 to 1,000,000,000,000"),
        ("9" * 5000 + "m", "must be a whole number from 0 to 1,000,000,000,000"),
        ("-5", "must be 0 or more: leave out the minus sign"),
        ("\u22125", "must be 0 or more: leave out the minus sign"),
        ("+5", "must be a whole number of 0 or more"),
        ("\u0661\u0662\u0663", "must be a whole number of 0 or more"),  # Arabic-Indic digits
        ("\uff11\uff12\uff13", "must be a whole number of 0 or more"),  # full-width digits
        ("1e5", "must be a whole number of 0 or more"),
        ("1,000,000,000,001", "must be a whole number from 0 to 1,000,000,000,000"),
        ("9" * 5000, "must be a whole number from 0 to 1,000,000,000,000"),  # refused before int() would choke on it
    ],
)
def test_a_whole_number_that_is_not_one_is_refused_with_how_to_write_it(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_whole("interactions", text)
    assert caught.value.field == "interactions"
    assert caught.value.reason.startswith(reason), caught.value.reason


def test_a_whole_numbers_range_and_note_are_in_its_message() -> None:
    assert parse_whole("years", "5", 1, 5) == 5
    with pytest.raises(InputError, match=r"years: must be a whole number from 1 to 5 \(the longest\)"):
        parse_whole("years", "0", 1, 5, " (the longest)")
    with pytest.raises(InputError, match=r"years: must be a whole number from 1 to 5 \(the longest\)"):
        parse_whole("years", "-3", 1, 5, " (the longest)")  # a field with a range says the range, not only "no minus"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.5", Decimal("12.5")),
        ("1,250.5", Decimal("1250.5")),
        ("1 250.75", Decimal("1250.75")),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("40", Decimal(40)),
        ("1,000,000", HOURS),
        ("", None),
    ],
)
def test_decimals_take_a_point(text: str, value: Decimal | None) -> None:
    assert parse_decimal("services_hours", text, HOURS, "hours") == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12,5", "must be written with decimals after a point, as in 12.5: commas, spaces or underscores go only between groups"),
        ("95,00", "must be written with decimals after a point, as in 95.00"),
        ("1,2.5", "must be a number of 0 or more, such as 12.5 or 1,250.5: commas"),
        ("1.2.3", "must be a number of 0 or more, such as 12.5 or 1,250.5"),
        (".", "must be a number of 0 or more"),
        ("ten", "must be a number of 0 or more"),
        ("NaN", "must be a number of 0 or more"),
        ("-3", "must be 0 or more: leave out the minus sign"),
        ("1000000.5", "must be a number of hours from 0 to 1,000,000"),
    ],
)
def test_a_decimal_that_is_not_one_is_refused_with_how_to_write_it(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_decimal("services_hours", text, HOURS, "hours")
    assert caught.value.reason.startswith(reason), caught.value.reason


@pytest.mark.parametrize(("text", "value"), [("5", Decimal(5)), ("12.5%", Decimal("12.5")), ("100 %", Decimal(100)), ("", None)])
def test_percentages_are_typed_as_percent(text: str, value: Decimal | None) -> None:
    assert parse_percent("discount", text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("101", "must be a percentage from 0 to 100, such as 5 or 12.5"),
        ("%", "must be a percentage from 0 to 100"),
        ("five", "must be a percentage from 0 to 100"),
        ("-1", "must be 0 or more: leave out the minus sign"),
        ("5,5", "must be written with decimals after a point, as in 5.5"),
    ],
)
def test_a_percentage_that_is_not_one_is_refused(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_percent("discount", text)
    assert caught.value.reason.startswith(reason), caught.value.reason


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("800000,1000000,1200000", ("800000", "1000000", "1200000")),
        ("800000, 1000000", ("800000", "1000000")),
        ("1,200,000", ("1,200,000",)),  # one number with its groups of three, not three years
        ("1,200", ("1,200",)),
        ("1 200 000", ("1 200 000",)),
        ("800 000,1 000 000", ("800 000", "1 000 000")),
        ("1,2", ("1", "2")),
        ("250000,,300000", ("250000", "", "300000")),
        ("95000", ("95000",)),
    ],
)
def test_a_per_year_list_separates_years_with_commas(text: str, figures: tuple[str, ...]) -> None:
    assert split_per_year("interactions", text) == figures


@pytest.mark.parametrize(("text", "year"), [("95,00", 2), ("800,000,1000000", 2), ("1000000,05", 2)])
def test_a_list_that_reads_as_a_number_split_by_a_comma_is_refused(text: str, year: int) -> None:
    with pytest.raises(InputError) as caught:
        split_per_year("credits", text)
    assert caught.value.year == year
    assert str(caught.value) == (
        f"credits: year {year} reads as one figure split by a comma: write each year's figure without commas "
        "(800000,1000000), or one figure for every year with its groups of three (1,200,000)"
    )


@given(st.integers(0, 10**12))
def test_a_whole_number_written_for_people_reads_back(value: int) -> None:
    assert parse_whole("interactions", whole_text(value)) == value


@given(st.decimals(min_value=0, max_value=1_000_000, places=4))
def test_a_decimal_written_for_people_reads_back(value: Decimal) -> None:
    text = decimal_text(value)
    assert "E" not in text and parse_decimal("services_hours", text, HOURS) == value


def test_decimals_are_written_without_trailing_zeros() -> None:
    assert [decimal_text(Decimal(t)) for t in ("1250.50", "12.500", "100", "0.125", "0")] == ["1,250.5", "12.5", "100", "0.125", "0"]


def test_a_date_is_written_year_month_day_and_one_not_in_the_calendar_names_its_months_length() -> None:
    import datetime as dt

    from cpiquote.quote.numbers import parse_date

    assert parse_date("as_of", " 2028-02-29 ") == dt.date(2028, 2, 29) and parse_date("as_of", "") is None
    with pytest.raises(InputError, match=r"^as_of: 2028-02-30 is not a day of the calendar: February 2028 has 29 days$"):
        parse_date("as_of", "2028-02-30")
    with pytest.raises(InputError, match="is not a date; write it as YYYY-MM-DD"):
        parse_date("as_of", "30/02/2028")


@pytest.mark.parametrize(
    "text",
    ["\u0661\u0662\u0663", "\uff11\uff12\uff13", "1\u0662\u0663", "\u0661\u0662k", "\u0967\u0968\u0969", "1,\u0662\u0663\u0664"],
)
def test_digits_of_other_scripts_are_refused_saying_to_write_0_to_9(text: str) -> None:
    """١٢٣ and １２３ look like 123 and are not read as it: the message says which digits are."""
    for parse in (lambda: parse_whole("interactions", text), lambda: parse_decimal("services_hours", text + ".5", HOURS)):
        with pytest.raises(InputError) as caught:
            parse()
        assert caught.value.reason.endswith("write its digits as 0-9: digits of other scripts (such as ١٢٣ or １２３) are not read")
    with pytest.raises(InputError, match="write its digits as 0-9"):
        parse_decimal("services_hours", "1." + text, HOURS)


@pytest.mark.parametrize("text", ["_1", "1_", "1__0", "1__000", "_1000", "1_0", "1_000_00", "1_000,000"])
def test_underscores_go_only_between_groups_of_three(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_whole("interactions", text)
    assert "go only between groups of three digits, as in 1,200,000" in caught.value.reason or caught.value.reason.startswith(
        "must be a whole number of 0 or more"
    )


@pytest.mark.parametrize(("text", "value"), [("1_000", 1000), ("1_200_000", 1_200_000), ("250_000", 250_000)])
def test_underscores_between_groups_of_three_read_as_commas_do(text: str, value: int) -> None:
    assert parse_whole("interactions", text) == value
