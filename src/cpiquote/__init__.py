"""CPI Quote: quoting Live Assist for Dynamics 365 on cost per interaction."""

__version__ = "0.1.0"
