"""Monthly usage files: months in order, figures in interactions or in credits, each bad line named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpiquote.pricing import PriceBook
from cpiquote.usage import Features, MonthUsage, UsageCount, UsageError, read_monthly


def monthly(folder: Path, text: str, name: str = "usage.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_in_interactions(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    path = monthly(tmp_path, 'month,interactions\n2026-01,1000\n2026-02,"1,250"\n\n2026-04,3\n')
    usage = read_monthly(path)
    months = (MonthUsage("2026-01", 1000, None), MonthUsage("2026-02", 1250, None), MonthUsage("2026-04", 3, None))
    assert usage == UsageCount(2253, None, 0, 0, 0, 3, 0, None, months, ())
    # Generative AI and Intent Manager: 1.7 credits per interaction. ceil(1000 x 1.7) = 1700, ceil(1250 x 1.7) =
    # 2125, ceil(3 x 1.7) = ceil(5.1) = 6; the total is worked out from the total: ceil(2253 x 1.7) = ceil(3830.1) = 3831.
    priced = read_monthly(path, pricebook=sample_pricebook, features=Features(generative_ai=True, intent_manager=True))
    assert [month.credits for month in priced.by_month] == [1700, 2125, 6]
    assert (priced.interactions, priced.credits) == (2253, 3831)


def test_a_file_in_credits_keeps_its_credits_and_has_no_interactions(tmp_path: Path, sample_pricebook: PriceBook) -> None:
    path = monthly(tmp_path, "Credits,Month\n170000,2026-03\n180000,2026-04\n")  # any order and case
    for usage in (read_monthly(path), read_monthly(path, pricebook=sample_pricebook, features=Features(generative_ai=True))):
        assert usage.by_month == (MonthUsage("2026-03", None, 170000), MonthUsage("2026-04", None, 180000))
        assert (usage.interactions, usage.credits, usage.rows_read) == (0, 350000, 2)


def test_months_that_overlap_or_go_backwards_are_refused_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        read_monthly(monthly(tmp_path, "month,interactions\n2026-01,10\n2026-02,10\n2026-02,5\n2026-01,7\n"))
    assert raised.value.field == "usage.csv"
    assert raised.value.reason == (
        "2 lines cannot be read: line 4: month 2026-02 overlaps line 3, which has it too; "
        "line 5: month 2026-01 goes backwards after 2026-02 on line 3; list months in order"
    )


def test_bad_months_and_figures_are_named(tmp_path: Path) -> None:
    text = "month,interactions\n2026-13,10\n2026-3,10\n2026-04,ten\n2026-05,-1\n2026-06,1.5\n2026-07\n"
    with pytest.raises(UsageError) as raised:
        read_monthly(monthly(tmp_path, text))
    assert raised.value.reason == (
        "6 lines cannot be read: line 2: month '2026-13' is not a month written YYYY-MM (2026-03); "
        "line 3: month '2026-3' is not a month written YYYY-MM (2026-03); line 4: 'ten' is not a whole number; "
        "line 5: '-1' is not a whole number; line 6: '1.5' is not a whole number; line 7: '' is not a whole number"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("month,visits\n2026-01,10\n", "is not a monthly usage file: its header must be month,interactions or month,credits"),
        ("month,interactions,credits\n2026-01,10,17\n", "is not a monthly usage file"),
        ("", "is not a monthly usage file"),
        ("month,interactions\n\n", "has no months: write one line per month under the header, such as 2026-03,125000 (interactions)"),
    ],
)
def test_a_file_that_is_no_monthly_usage_file_is_refused(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(UsageError) as raised:
        read_monthly(monthly(tmp_path, text))
    assert raised.value.reason.startswith(reason)


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot be read: there is no such file"):
        read_monthly(tmp_path / "nothing.csv")
    (tmp_path / "latin1.csv").write_bytes("month,interactions\n2026-01,10 \xe9\n".encode("latin-1"))
    with pytest.raises(UsageError, match="is not UTF-8 text: save it as CSV UTF-8"):
        read_monthly(tmp_path / "latin1.csv")
