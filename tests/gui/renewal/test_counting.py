"""Usage files counted in the background by the real usage package: progress, result, cancel and a file's message,
in the Renewal workspace."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from window_helpers import text, type_into, w

import cpiquote.usage
from cpiquote import services
from cpiquote.gui.main_window import MainWindow
from cpiquote.gui.renewal.workspace import RenewalWorkspace
from cpiquote.pricing import credits_per_interaction
from cpiquote.pricing.money import ceil_int
from cpiquote.pricing.renewal import analyse, subscription_from_pricebook
from cpiquote.usage import UsageError, read_usage

LOG = """conversation_id,timestamp,author
c1,2026-01-01T10:00:00Z,customer
c1,2026-01-01T10:05:00Z,agent
c2,2026-01-02T09:00:00Z,customer
c2,2026-01-03T09:00:00Z,bot
c2,2026-01-03T09:01:00Z,system
c3,2026-01-03T23:30:00Z,customer
"""


@pytest.fixture
def log(tmp_path: Path) -> Path:
    """Four interactions over 1 to 3 January 2026 in UTC (c3 is on 4 January in Tokyo)."""
    path = tmp_path / "conversations.csv"
    path.write_text(LOG)
    return path


def subscribed(qtbot: Any, window: MainWindow) -> RenewalWorkspace:
    """The Renewal workspace with a million credits a year for three years from 2026-01-01, counting logs in UTC."""
    window.show_workspace(renewal=True)
    assert window.renewal is not None
    for name, figure in {"subscriptionCreditsInput": "1,000,000", "contractStartInput": "2026-01-01", "contractYearsInput": "3"}.items():
        type_into(qtbot, window, name, figure)
    w(window, "timezoneCombo").setCurrentText("UTC")
    return window.renewal


def counted(qtbot: Any, workspace: RenewalWorkspace, path: Path) -> None:
    """Count `path` and wait for the result."""
    workspace.load_usage_file(str(path))
    qtbot.waitUntil(lambda: not workspace.counter.running, timeout=20_000)


def test_a_log_is_counted_in_the_background_into_the_credits_used_and_the_forecast(qtbot: Any, window: MainWindow, log: Path) -> None:
    workspace = subscribed(qtbot, window)
    progress: list[int] = []
    workspace.counter.progressed.connect(progress.append)
    counted(qtbot, workspace, log)
    used = ceil_int(4 * credits_per_interaction(window.pricebook, False, False, False))
    assert text(window, "usedCreditsInput") == f"{used:,}" and w(window, "usedCreditsInput").isReadOnly()
    assert text(window, "asOfInput") == "2026-01-03"
    assert text(window, "usageFileLabel") == "From conversations.csv: 4 interactions in 3 conversations, 2026-01-01 to 2026-01-03."
    assert progress[0] == 0 and progress[-1] == 100
    assert not w(window, "usageProgress").isVisible()
    subscription = subscription_from_pricebook(window.pricebook, dt.date(2026, 1, 1), 3, 1_000_000)
    analysis = workspace.figures.analysis  # type: ignore[union-attr]
    assert analysis.forecast.credits == analyse(window.pricebook, subscription, used, dt.date(2026, 1, 3)).forecast.credits
    assert analysis.forecast.recent_credits is not None, "a log's days give the forecast at the last 90 days' rate"
    assert [credits for _, credits in workspace.figures.used] == [  # type: ignore[union-attr]
        ceil_int(n * credits_per_interaction(window.pricebook, False, False, False)) for n in (1, 2, 4)
    ]


def test_ticking_a_feature_credits_the_counted_interactions_again_without_a_recount(qtbot: Any, window: MainWindow, log: Path) -> None:
    workspace = subscribed(qtbot, window)
    counted(qtbot, workspace, log)
    w(window, "renewalGenerativeAiCheck").click()
    assert not workspace.counter.running
    assert text(window, "usedCreditsInput") == f"{ceil_int(4 * credits_per_interaction(window.pricebook, True, False, False)):,}"


def test_another_site_time_zone_counts_the_log_again(qtbot: Any, window: MainWindow, log: Path) -> None:
    workspace = subscribed(qtbot, window)
    counted(qtbot, workspace, log)
    w(window, "timezoneCombo").setCurrentText("Asia/Tokyo")
    qtbot.waitUntil(lambda: not workspace.counter.running and text(window, "asOfInput") == "2026-01-04", timeout=20_000)


def test_counting_can_be_cancelled_and_keeps_the_usage_typed(qtbot: Any, window: MainWindow, log: Path, monkeypatch: Any) -> None:
    """The count waits at its start until the test has pressed Cancel: the real count then stops at its first check."""
    release = threading.Event()
    real = read_usage

    def held(*args: Any, **options: Any) -> Any:
        release.wait(10)
        return real(*args, **options)

    monkeypatch.setattr(cpiquote.usage, "read_usage", held)
    workspace = subscribed(qtbot, window)
    type_into(qtbot, window, "usedCreditsInput", "500")
    type_into(qtbot, window, "asOfInput", "2026-01-10")
    workspace.load_usage_file(str(log))
    assert w(window, "usageProgress").isVisible() and w(window, "cancelCountButton").isVisible()
    assert text(window, "usageFileLabel") == "Counting conversations.csv…"
    qtbot.mouseClick(w(window, "cancelCountButton"), Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not workspace.counter.running, timeout=20_000)
    assert text(window, "usageFileLabel") == "Counting conversations.csv was cancelled."
    assert not w(window, "usageProgress").isVisible()
    assert workspace.usage is None and text(window, "usedCreditsInput") == "500"
    assert workspace.figures is not None and workspace.figures.analysis.forecast.used_credits == 500


def test_a_bad_log_shows_the_usage_packages_message_in_the_usage_area(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(LOG + "c4,2026-13-01T10:00:00Z,customer\n")
    with pytest.raises(UsageError) as raised:
        read_usage(bad, "UTC")
    workspace = subscribed(qtbot, window)
    counted(qtbot, workspace, bad)
    assert w(window, "usageFileError").isVisible()
    assert text(window, "usageFileError") == str(raised.value)
    assert text(window, "usageFileLabel") == "bad.csv was not counted."
    w(window, "skipInvalidCheck").click()  # counted again, past the row, which is reported
    qtbot.waitUntil(lambda: not workspace.counter.running and workspace.usage is not None, timeout=20_000)
    assert not w(window, "usageFileError").isVisible()
    assert "1 rows skipped; the first: " in text(window, "usageFileLabel")


def test_a_monthly_usage_file_dropped_on_the_workspace_is_counted(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    monthly = tmp_path / "usage.csv"
    monthly.write_text("month,credits\n2026-01,50000\n2026-02,60000\n")
    workspace = subscribed(qtbot, window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(monthly))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    workspace.dragEnterEvent(enter)  # (Qt delivers drag events only during a real drag: the handlers are called as Qt would)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    workspace.dropEvent(drop)
    qtbot.waitUntil(lambda: not workspace.counter.running and workspace.usage is not None, timeout=20_000)
    assert text(window, "asOfInput") == "2026-02-28"
    assert text(window, "usedCreditsInput") == "110,000"
    assert text(window, "usageFileLabel") == "From usage.csv: 2 months, 2026-01 to 2026-02."
    qtbot.mouseClick(w(window, "typeUsageButton"), Qt.MouseButton.LeftButton)
    assert not w(window, "usedCreditsInput").isReadOnly() and text(window, "usedCreditsInput") == "110,000"


@pytest.mark.parametrize("features", [(), ("renewalGenerativeAiCheck",)])
def test_a_logs_figures_are_the_command_lines(qtbot: Any, window: MainWindow, log: Path, features: tuple[str, ...]) -> None:
    """`cpiquote renew --usage` (services.usage_for_renewal) and the window read the same log to the same analysis."""
    workspace = subscribed(qtbot, window)
    for name in features:
        w(window, name).click()
    counted(qtbot, workspace, log)
    assert workspace.figures is not None
    analysis = workspace.figures.analysis
    used, as_of, daily = services.usage_for_renewal(log, "UTC", analysis.subscription, window.pricebook)
    assert analysis == analyse(window.pricebook, analysis.subscription, used, as_of, daily)


def test_a_monthly_files_figures_are_the_command_lines_with_as_of_mid_month(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    monthly = tmp_path / "usage.csv"
    monthly.write_text("month,interactions\n2025-12,9000\n2026-01,33333\n2026-02,40001\n2026-03,45000\n")
    workspace = subscribed(qtbot, window)
    counted(qtbot, workspace, monthly)
    type_into(qtbot, window, "asOfInput", "2026-03-15")
    assert workspace.figures is not None
    analysis = workspace.figures.analysis
    used, as_of, daily = services.usage_for_renewal(monthly, None, analysis.subscription, window.pricebook, dt.date(2026, 3, 15))
    assert (analysis.forecast.used_credits, daily) == (used, ())
    assert analysis == analyse(window.pricebook, analysis.subscription, used, as_of)
