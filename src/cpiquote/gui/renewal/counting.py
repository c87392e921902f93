"""Counting a conversation log or monthly usage file on a pool thread, with progress and cancel, so the window never waits.

A year of a large contact centre's log takes seconds to count: the count runs on its own thread and reports its
progress and result through queued signals; cancelling asks the usage package to stop at its next step.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cpiquote.pricing.errors import InputError

if TYPE_CHECKING:
    from cpiquote.usage import UsageCount


class _Signals(QObject):
    """What a count tells the window, from its thread (queued to the window's)."""

    progressed = Signal(int, int)  # job, percent
    counted = Signal(int, object)  # job, UsageCount
    failed = Signal(int, str)  # job, the usage package's message
    stopped = Signal(int)  # job: cancelled


class _Count(QRunnable):
    """One count of one file."""

    def __init__(self, job: int, path: str, timezone: str, skip_invalid: bool, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self.job, self.path, self.timezone, self.skip_invalid = job, path, timezone, skip_invalid
        self.signals, self.cancel = signals, cancel
        self._percent = -1

    def _progress(self, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if percent != self._percent:  # one signal a percent, however often the count reports
            self._percent = percent
            self.signals.progressed.emit(self.job, percent)

    def run(self) -> None:
        """Count the file; report the result, the reason it cannot be counted, or that it was cancelled."""
        from cpiquote.usage import UsageCancelled, read_usage

        try:
            usage = read_usage(
                self.path, self.timezone, by_day=True, skip_invalid=self.skip_invalid, progress=self._progress, cancelled=self.cancel.is_set
            )
        except UsageCancelled:
            self.signals.stopped.emit(self.job)
        except InputError as error:
            self.signals.failed.emit(self.job, str(error))
        except OSError as error:  # the file went away or became unreadable between choosing and counting
            self.signals.failed.emit(self.job, f"{self.path}: {error.strerror or error}")
        else:
            self.signals.counted.emit(self.job, usage)


class UsageCounter(QObject):
    """Counts one usage file at a time in the background; a new count cancels the one running."""

    progressed = Signal(int)  # percent
    counted = Signal(str, object)  # path, UsageCount
    failed = Signal(str, str)  # path, message
    stopped = Signal(str)  # path: the count was cancelled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._job, self._path = 0, ""
        self._cancel = threading.Event()
        self._signals.progressed.connect(self._on_progress)
        self._signals.counted.connect(self._on_counted)
        self._signals.failed.connect(self._on_failed)
        self._signals.stopped.connect(self._on_stopped)
        self.running = False

    def start(self, path: str, timezone: str, skip_invalid: bool = False) -> None:
        """Count the usage file at `path` (a log's days in the site's `timezone`; with `skip_invalid`, past rows that
        cannot be read), cancelling any count running."""
        self.cancel()
        self._job += 1
        self._path, self._cancel, self.running = path, threading.Event(), True
        self._pool.start(_Count(self._job, path, timezone, skip_invalid, self._signals, self._cancel))

    def cancel(self) -> None:
        """Ask the running count to stop (it says so with `stopped`)."""
        self._cancel.set()

    def shutdown(self, msecs: int = 5000) -> None:
        """Stop counting and wait for the thread, before the window goes."""
        self.cancel()
        self._job += 1  # whatever it still reports is no longer wanted
        self.running = False
        self._pool.waitForDone(msecs)

    def _ours(self, job: int) -> bool:
        return job == self._job

    def _finish(self, job: int) -> bool:
        """True when `job` is the count the window waits for (which is then over)."""
        if not self._ours(job):
            return False
        self.running = False
        return True

    def _on_progress(self, job: int, percent: int) -> None:
        if self._ours(job):
            self.progressed.emit(percent)

    def _on_counted(self, job: int, usage: UsageCount) -> None:
        if self._finish(job):
            self.counted.emit(self._path, usage)

    def _on_failed(self, job: int, message: str) -> None:
        if self._finish(job):
            self.failed.emit(self._path, message)

    def _on_stopped(self, job: int) -> None:
        if self._finish(job):
            self.stopped.emit(self._path)
