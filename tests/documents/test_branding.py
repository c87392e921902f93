"""Branding read from resources/branding/branding.toml: the shipped sample, a replacement, and errors naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpiquote.documents.branding import BrandingError, load_branding
from cpiquote.resources import resource_path

SHIPPED = resource_path("branding")
APP_ICON_PNG = resource_path("icons", "app", "cpiquote-256.png")  # drawn from cpiquote.svg by installer/make_icons.py

VALID = """\
company_name = "Acme Messaging GmbH"
address_lines = ["Hauptstrasse 1", "10115 Berlin"]
sales_contact = "vertrieb@acme.example"
website = "acme.example"
primary_colour = "#112233"
accent_colour = "#a0b0c0"
logo = "mark.png"
"""


@pytest.fixture
def branding_folder(tmp_path: Path) -> Path:
    """A replacement branding folder written by "sales ops": its own TOML and logo."""
    (tmp_path / "mark.png").write_bytes(APP_ICON_PNG.read_bytes())
    (tmp_path / "branding.toml").write_text(VALID, encoding="utf-8")
    return tmp_path


def test_shipped_branding_is_live_assist_with_a_drawable_logo() -> None:
    branding = load_branding()
    assert branding.company_name == "Live Assist for Dynamics 365"
    assert branding.sales_contact == "global-sales@cba-gbl.com"
    assert branding.address_lines
    assert branding.primary_colour.startswith("#") and len(branding.primary_colour) == 7
    assert branding.logo_path is not None and branding.logo_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_shipped_logo_is_the_app_icon() -> None:
    """One mark: the letterhead draws the PNG the installer renders from the app icon's SVG, not a logo of its own."""
    assert load_branding().logo_path == APP_ICON_PNG.resolve()
    assert not list(SHIPPED.glob("logo.*")), "a second logo in the branding folder would be a second identity"


def test_a_replacement_folder_changes_the_branding_without_code(branding_folder: Path) -> None:
    branding = load_branding(branding_folder)
    assert branding.company_name == "Acme Messaging GmbH"
    assert branding.address_lines == ("Hauptstrasse 1", "10115 Berlin")
    assert branding.website == "acme.example"
    assert branding.accent_colour == "#A0B0C0"
    assert branding.logo_path == (branding_folder / "mark.png").resolve()


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('primary_colour = "#112233"', 'primary_colour = "navy"', "primary_colour"),
        ('company_name = "Acme Messaging GmbH"', 'company_name = ""', "company_name"),
        ('sales_contact = "vertrieb@acme.example"', 'sales_contact = "call us"', "sales_contact"),
        ('logo = "mark.png"', 'logo = "missing.png"', "logo"),
        ('logo = "mark.png"', 'logo = "mark.svg"', "logo"),
        ('address_lines = ["Hauptstrasse 1", "10115 Berlin"]', 'address_lines = "Hauptstrasse 1"', "address_lines"),
        ('website = "acme.example"', 'web_site = "acme.example"', "web_site"),
    ],
)
def test_a_bad_value_names_the_file_and_the_key(branding_folder: Path, old: str, new: str, key: str) -> None:
    path = branding_folder / "branding.toml"
    path.write_text(VALID.replace(old, new), encoding="utf-8")
    with pytest.raises(BrandingError) as caught:
        load_branding(branding_folder)
    assert str(path) in str(caught.value)
    assert f"'{key}'" in str(caught.value)


def test_a_missing_key_is_named(branding_folder: Path) -> None:
    (branding_folder / "branding.toml").write_text(VALID.replace('sales_contact = "vertrieb@acme.example"\n', ""), encoding="utf-8")
    with pytest.raises(BrandingError, match="'sales_contact'"):
        load_branding(branding_folder)


def test_a_missing_or_broken_file_says_which_file(tmp_path: Path) -> None:
    with pytest.raises(BrandingError, match="branding file not found"):
        load_branding(tmp_path)
    (tmp_path / "branding.toml").write_text("company_name = 'unterminated", encoding="utf-8")
    with pytest.raises(BrandingError, match="not valid TOML") as caught:
        load_branding(tmp_path)
    assert str(tmp_path / "branding.toml") in str(caught.value)
