"""Fixtures for the PDF tests: the worked example, rendered once per module."""

from __future__ import annotations

import pytest
from pdf_helpers import WORKED, render

from cpiquote.pricing import PriceBook, Quotation


@pytest.fixture(scope="module")
def worked(sample_pricebook: PriceBook) -> tuple[Quotation, bytes]:
    """The worked example of pricing-rules.md section 3 (example 5), rendered once per module."""
    return render(sample_pricebook, WORKED)
