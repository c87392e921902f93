"""Entry point of the frozen app: the `cpiquote` command, which opens the window when given no arguments."""

import sys

from cpiquote.cli import main


def _arguments() -> list[str]:
    """The command-line arguments, less the `-psn_…` process serial number older macOS Finder adds."""
    return [argument for argument in sys.argv[1:] if not argument.startswith("-psn_")]


if __name__ == "__main__":
    sys.exit(main(_arguments()))
