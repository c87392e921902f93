"""Desktop application for CPI Quote: the live quote workspace built with PySide6 (the only package that imports Qt)."""
