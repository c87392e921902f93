"""The one reader of files a person chooses: a regular file of a bounded size, or a refusal saying what to do."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cpiquote.pricing.files import UnreadableFile, read_small_file


def refusal(path: Path, max_bytes: int = 100) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_small_file(path, max_bytes, "quote", "choose a .cpiquote file")
    return caught.value.reason


def test_a_small_regular_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.cpiquote").write_bytes(b"x" * 100)
    assert read_small_file(tmp_path / "a.cpiquote", 100, "quote", "choose a .cpiquote file") == b"x" * 100


def test_each_refusal_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "big.mp4").write_bytes(b"x" * 101)
    assert refusal(tmp_path / "big.mp4") == "is larger than a quote can be (100 bytes at most); check that this is the right file"
    assert refusal(tmp_path) == "is a folder; choose a .cpiquote file"
    assert refusal(tmp_path / "gone.cpiquote") == "quote file not found; check the path"


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are a POSIX file type")
def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.cpiquote"
    os.mkfifo(pipe)
    assert refusal(pipe) == "is not a regular file (a pipe or a device); choose a .cpiquote file"
