"""Where the shipped files (price books, fonts, branding, icons) are, installed, frozen or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding `pricebooks/`, `fonts/`, `branding/` and `icons/`."""
    packaged = Path(__file__).resolve().parent / "resources"  # a wheel or a frozen app
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"  # an editable install or a source tree
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"CPI Quote's resources folder is missing (looked in {packaged} and {checkout}); reinstall the app")


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, such as resource_path("pricebooks", "sample.toml")."""
    return resources_dir().joinpath(*parts)


def sample_pricebook_path() -> Path:
    """The illustrative price book shipped with the app."""
    return resource_path("pricebooks", "sample.toml")
