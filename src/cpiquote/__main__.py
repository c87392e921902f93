"""Let `python -m cpiquote` start the same command as the `cpiquote` entry point."""

import sys

from cpiquote.cli import main

sys.exit(main())
