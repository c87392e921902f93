"""Fixtures every test package shares: the shipped sample price book and a graduated variant."""

from __future__ import annotations

import os
from pathlib import Path

# The window tests run offscreen, with or without a desktop (set QT_QPA_PLATFORM=xcb to watch them instead).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from cpiquote.pricing import PriceBook, parse_pricebook
from cpiquote.resources import sample_pricebook_path


@pytest.fixture(scope="session")
def sample_pricebook_bytes() -> bytes:
    return sample_pricebook_path().read_bytes()


@pytest.fixture(scope="session")
def sample_pricebook(sample_pricebook_bytes: bytes) -> PriceBook:
    """The sample price book exactly as shipped (volume mode)."""
    return parse_pricebook(sample_pricebook_bytes, "sample.toml")


@pytest.fixture(scope="session")
def real_pricebook_bytes(sample_pricebook_bytes: bytes) -> bytes:
    """The sample's numbers without its `illustrative = true`: a price book as sales operations would issue it."""
    text = sample_pricebook_bytes.decode()
    assert "\nillustrative = true" in text
    return (
        text.replace("\nillustrative = true", "\n# illustrative = false").replace('version = "2026.1"', 'version = "2026.1-real"').encode()
    )


@pytest.fixture(scope="session")
def real_pricebook(real_pricebook_bytes: bytes) -> PriceBook:
    """The sample's numbers in a price book that does not mark itself illustrative."""
    return parse_pricebook(real_pricebook_bytes, "real.toml")


@pytest.fixture(scope="session")
def graduated_pricebook_bytes(sample_pricebook_bytes: bytes) -> bytes:
    text = sample_pricebook_bytes.decode()
    assert 'mode = "volume"' in text
    return text.replace('mode = "volume"', 'mode = "graduated"').replace('version = "2026.1"', 'version = "2026.1-graduated"').encode()


@pytest.fixture(scope="session")
def graduated_pricebook(graduated_pricebook_bytes: bytes) -> PriceBook:
    """The sample's numbers in graduated mode: each credit priced at its own band."""
    return parse_pricebook(graduated_pricebook_bytes, "graduated.toml")


@pytest.fixture
def graduated_pricebook_file(tmp_path: Path, graduated_pricebook_bytes: bytes) -> Path:
    path = tmp_path / "graduated.toml"
    path.write_bytes(graduated_pricebook_bytes)
    return path
