"""Reading a small file a person chose, safely: the one reader for price books and quote files.

Only a regular file is read, and only up to a limit: a pipe or a device (or a video chosen by mistake) is refused at
once instead of hanging the app or filling its memory. The file is opened without waiting (a pipe would wait for a
writer) and then checked, so it cannot be swapped between the check and the read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot be used; `reason` says why and what to do, without the file's name (the caller names it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_small_file(file: Path, max_bytes: int, kind: str, choose: str) -> bytes:
    """The bytes of `file`, a `kind` of file ("price book") of at most `max_bytes`; raises UnreadableFile.

    `choose` ends each refusal with what to do instead ("give the path of a .toml price book file").
    """
    try:
        if file.is_dir():  # named before opening: Windows refuses to open a folder with a permission error
            raise UnreadableFile(f"is a folder; {choose}")
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            opened = os.fdopen(descriptor, "rb")
        except BaseException:  # e.g. the path became a folder since the check: never leave the descriptor open
            os.close(descriptor)
            raise
        with opened as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise UnreadableFile(f"is not a regular file (a pipe or a device); {choose}")
            content = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableFile(f"{kind} file not found; check the path") from None
    except IsADirectoryError:
        raise UnreadableFile(f"is a folder; {choose}") from None
    except OSError as error:
        raise UnreadableFile(f"cannot be read ({error.strerror or error}); check its permissions") from None
    if len(content) > max_bytes:
        raise UnreadableFile(f"is larger than a {kind} can be ({max_bytes:,} bytes at most); check that this is the right file")
    return content
