"""The company branding printed on quotes, read from `resources/branding/branding.toml` so sales ops can change it without code."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cpiquote.resources import resource_path

BRANDING_FILE = "branding.toml"
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
KNOWN_KEYS = ("company_name", "address_lines", "sales_contact", "website", "primary_colour", "accent_colour", "logo", "logo_source")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class BrandingError(ValueError):
    """The branding file is missing, unreadable or has a bad value; the message names the file and the key."""


@dataclass(frozen=True)
class Branding:
    """Company name, address, sales contact, colours and logo used on every quote document."""

    company_name: str
    address_lines: tuple[str, ...]
    sales_contact: str
    primary_colour: str  # "#RRGGBB"
    accent_colour: str  # "#RRGGBB"
    logo_path: Path | None  # a PNG or JPEG reportlab can draw
    website: str = ""
    source: Path | None = None


def default_branding_dir() -> Path:
    """The shipped branding folder."""
    return resource_path("branding")


def load_branding(folder: Path | str | None = None) -> Branding:
    """Read branding.toml from `folder` (default: the shipped branding); raise BrandingError naming the file and key."""
    base = Path(folder) if folder is not None else default_branding_dir()
    path = base / BRANDING_FILE
    data = _read_toml(path)
    _check_keys(data, path)
    return Branding(
        company_name=_text(data, "company_name", path),
        address_lines=_lines(data, "address_lines", path),
        sales_contact=_email(data, "sales_contact", path),
        primary_colour=_colour(data, "primary_colour", path),
        accent_colour=_colour(data, "accent_colour", path),
        logo_path=_logo(data, base, path),
        website=_text(data, "website", path, required=False),
        source=path,
    )


def _read_toml(path: Path) -> dict[str, object]:
    """The parsed TOML file, or a BrandingError saying why it cannot be read."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise BrandingError(f"{path}: branding file not found; restore it or point to a folder holding {BRANDING_FILE}") from None
    except OSError as error:
        raise BrandingError(f"{path}: cannot read the branding file ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise BrandingError(f"{path}: not valid TOML ({error})") from None


def _check_keys(data: dict[str, object], path: Path) -> None:
    """Refuse unknown keys, so a misspelt key is reported instead of silently ignored."""
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise BrandingError(f"{path}: unknown key '{unknown[0]}'; the keys are {', '.join(KNOWN_KEYS)}")


def _text(data: dict[str, object], key: str, path: Path, required: bool = True) -> str:
    """A non-empty string value (or "" when optional and absent)."""
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise BrandingError(f"{path}: key '{key}' must be a non-empty text value")
    return value.strip()


def _lines(data: dict[str, object], key: str, path: Path) -> tuple[str, ...]:
    """A list of text lines (may be empty)."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise BrandingError(f'{path}: key \'{key}\' must be a list of text lines, e.g. ["1 Main Street", "Springfield"]')
    return tuple(line.strip() for line in value if line.strip())


def _email(data: dict[str, object], key: str, path: Path) -> str:
    """An e-mail address."""
    value = _text(data, key, path)
    if not _EMAIL.match(value):
        raise BrandingError(f"{path}: key '{key}' must be an e-mail address such as sales@example.com, not {value!r}")
    return value


def _colour(data: dict[str, object], key: str, path: Path) -> str:
    """A colour as "#RRGGBB" (upper case)."""
    value = _text(data, key, path)
    if not _HEX_COLOUR.match(value):
        raise BrandingError(f"{path}: key '{key}' must be a hex colour such as \"#1F3A5F\", not {value!r}")
    return value.upper()


def _logo(data: dict[str, object], base: Path, path: Path) -> Path | None:
    """The logo image path, relative to the branding folder; None when the key is absent."""
    name = _text(data, "logo", path, required=False)
    if not name:
        return None
    logo = (base / name).resolve()
    if logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise BrandingError(f"{path}: key 'logo' must name a PNG or JPEG file, not {name!r}")
    if not logo.is_file():
        raise BrandingError(f"{path}: key 'logo' names {logo}, which does not exist; put the image next to {BRANDING_FILE}")
    return logo
