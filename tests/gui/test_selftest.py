"""`cpiquote self-test`: what support and CI read, one line per check, exit 0 only when everything holds."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpiquote import services
from cpiquote.gui import selftest
from cpiquote.gui.selftest import run_self_test


def _lines(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], str]:
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.out + captured.err


def _line(lines: list[str], check: str) -> str:
    matching = [line for line in lines if line[5:].startswith(check)]
    assert len(matching) == 1, f"expected one line for {check!r} in {lines}"
    return matching[0]


@pytest.mark.usefixtures("qapp")
def test_a_working_installation_passes_with_one_line_per_check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(services.PRICEBOOK_ENVIRONMENT_VARIABLE, raising=False)

    status = run_self_test()

    lines, everything = _lines(capsys)
    assert status == 0, everything
    assert len(lines) == len(selftest.CHECKS) + 1
    assert _line(lines, "window prices the sample quote") == "ok   window prices the sample quote: $3,414,392.00"
    assert _line(lines, "PDF is written and read back").startswith("ok   ")
    assert _line(lines, "workbook is written and read back").startswith("ok   ")
    library = _line(lines, "quote library saves and reads back a quote")
    assert re.fullmatch(r"ok   quote library saves and reads back a quote: Q-\d{4}-\d{5} revision 1 saved and read back", library)
    assert all(line.startswith(("ok   ", "skip ")) for line in lines[:-1])
    assert lines[-1].startswith("self-test passed")
    assert "Traceback" not in everything


@pytest.mark.usefixtures("qapp")
def test_a_failing_export_is_a_fail_line_and_exit_status_1_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> Path:
        raise services.ExportError("/tmp/self-test.pdf: cannot be written (No space left on device)")

    monkeypatch.setattr(services, "export", disk_full)

    status = run_self_test()

    lines, everything = _lines(capsys)
    assert status == 1
    assert _line(lines, "PDF is written and read back") == (
        "FAIL PDF is written and read back: ExportError: /tmp/self-test.pdf: cannot be written (No space left on device)"
    )
    assert _line(lines, "workbook is written and read back").startswith("FAIL ")
    assert _line(lines, "window prices the sample quote").startswith("ok   ")
    assert lines[-1].startswith("self-test FAILED")
    assert "Traceback" not in everything


@pytest.mark.usefixtures("qapp")
def test_a_configured_price_book_is_checked_while_the_sample_is_priced_and_the_variable_is_restored(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, graduated_pricebook_file: Path
) -> None:
    monkeypatch.setenv(services.PRICEBOOK_ENVIRONMENT_VARIABLE, str(graduated_pricebook_file))

    status = run_self_test()

    lines, everything = _lines(capsys)
    assert status == 0, everything
    assert _line(lines, "configured price book loads").endswith(f"version 2026.1-graduated ({graduated_pricebook_file})")
    assert _line(lines, "window prices the sample quote").endswith("$3,414,392.00")
    assert services.default_pricebook_path() == graduated_pricebook_file


@pytest.mark.usefixtures("qapp")
def test_a_broken_configured_price_book_fails_naming_the_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "shared" / "pricebook.toml"
    monkeypatch.setenv(services.PRICEBOOK_ENVIRONMENT_VARIABLE, str(missing))

    status = run_self_test()

    lines, everything = _lines(capsys)
    assert status == 1
    line = _line(lines, "configured price book loads")
    assert line.startswith("FAIL configured price book loads: ")
    assert "pricebook.toml" in line
    assert "Traceback" not in everything


@pytest.fixture
def listening_x_server() -> Iterator[str]:
    """A TCP socket where an X server for display localhost:N would listen; yields that DISPLAY."""
    for number in range(60, 100):
        server = socket.socket()
        try:
            server.bind(("127.0.0.1", 6000 + number))
        except OSError:
            server.close()
            continue
        server.listen(1)
        try:
            yield f"127.0.0.1:{number}.0"
        finally:
            server.close()
        return
    pytest.skip("no free port for a stand-in X server")


@pytest.mark.parametrize("display", ["", ":77", "127.0.0.1:77.0", "not a display"])
def test_offscreen_is_chosen_without_a_display_it_can_reach_on_linux(monkeypatch: pytest.MonkeyPatch, display: str) -> None:
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", display)  # ":77": a stale DISPLAY (sudo, cron, SSH) would make Qt abort the self-test
    monkeypatch.setenv("WAYLAND_DISPLAY", "")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)

    selftest.use_offscreen_without_display()

    assert selftest.os.environ.get("QT_QPA_PLATFORM") == "offscreen"


def test_a_reachable_x_or_wayland_display_is_used(monkeypatch: pytest.MonkeyPatch, listening_x_server: str, tmp_path: Path) -> None:
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "")
    monkeypatch.setenv("DISPLAY", listening_x_server)
    selftest.use_offscreen_without_display()
    assert "QT_QPA_PLATFORM" not in selftest.os.environ
    compositor = socket.socket(socket.AF_UNIX)
    compositor.bind(str(tmp_path / "wayland-1"))
    monkeypatch.setenv("DISPLAY", "")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-1")
    selftest.use_offscreen_without_display()
    compositor.close()
    assert "QT_QPA_PLATFORM" not in selftest.os.environ


def test_a_platform_chosen_by_the_user_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "minimal")

    selftest.use_offscreen_without_display()

    assert selftest.os.environ["QT_QPA_PLATFORM"] == "minimal"
