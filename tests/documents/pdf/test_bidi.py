"""Right-to-left text: Arabic letters joined, Arabic and Hebrew runs in the order they print, numbers and brackets as readers expect."""

from __future__ import annotations

import unicodedata

import pytest

from cpiquote.documents.pdf.bidi import print_order, shape_arabic, visual_order


def names(text: str) -> list[str]:
    """The Unicode names of `text`'s characters, shortened to what the tests compare."""
    return [unicodedata.name(char).removeprefix("ARABIC LETTER ").removeprefix("ARABIC LIGATURE ") for char in text]


def test_each_arabic_letter_takes_the_form_its_neighbours_call_for() -> None:
    assert names(shape_arabic("محمد")) == ["MEEM INITIAL FORM", "HAH MEDIAL FORM", "MEEM MEDIAL FORM", "DAL FINAL FORM"]


def test_a_letter_after_one_that_never_joins_forward_starts_afresh() -> None:
    # dal and alef join only to the letter before them: the letters after them take an initial or isolated form
    assert names(shape_arabic("دبا")) == ["DAL ISOLATED FORM", "BEH INITIAL FORM", "ALEF FINAL FORM"]


def test_lam_and_alef_print_as_their_required_ligature() -> None:
    assert names(shape_arabic("لا")) == ["LAM WITH ALEF ISOLATED FORM"]
    assert names(shape_arabic("سلام")) == ["SEEN INITIAL FORM", "LAM WITH ALEF FINAL FORM", "MEEM ISOLATED FORM"]


def test_a_combining_mark_does_not_break_the_join() -> None:
    shaped = shape_arabic("بَت")  # beh, fatha, teh
    assert names(shaped) == ["BEH INITIAL FORM", "ARABIC FATHA", "TEH FINAL FORM"]


@pytest.mark.parametrize("text", ["شركة النور للتجارة", "بلال", "لا إله", "مؤسسة ٢٠٢٤"])
def test_shaped_arabic_normalises_back_to_the_letters_typed(text: str) -> None:
    """Copying text out of the PDF gives presentation forms; NFKC, as search and copy tools apply, gives the name back."""
    assert unicodedata.normalize("NFKC", shape_arabic(text)) == text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Contoso Ltd", "Contoso Ltd"),
        ("Ελληνικά 2024", "Ελληνικά 2024"),
        ("שלום", "םולש"),
        ("חברת אלפא", "אפלא תרבח"),  # words in reverse order
        ("Acme שלום Ltd", "Acme םולש Ltd"),
        ("חברה 123", "123 הרבח"),  # a number after right-to-left words stays left to right, to their left
        ("حساب 1,234.50 ريال", "لاير 1,234.50 باسح"),  # the number, separators and all, reads left to right
        ("شركة النور (ش.م.م)", "(م.م.ش) رونلا ةكرش"),  # a legal form in brackets stays inside its brackets
        ("Acme (שלום) Ltd", "Acme (םולש) Ltd"),
        ('חברה (Israel) בע"מ', 'הרבח (Israel) מ"עב'),
    ],
)
def test_right_to_left_runs_print_in_reading_order(typed: str, printed: str) -> None:
    assert visual_order(typed) == printed


def test_text_without_right_to_left_characters_is_returned_as_it_is() -> None:
    text = "株式会社ライブアシスト 北京 서울 (Ωmega) 1,234"
    assert visual_order(text) is text
    assert shape_arabic(text) is text


def test_print_order_says_which_character_prints_where() -> None:
    """Paragraphs use the indices to cut a reordered line back into its fragments, each in its own font."""
    assert print_order("ab") == [(0, "a"), (1, "b")]
    assert print_order("x (שב)") == [(0, "x"), (1, " "), (2, "("), (4, "ב"), (3, "ש"), (5, ")")]
    assert print_order("שב (ג") == [(4, "ג"), (3, ")"), (2, " "), (1, "ב"), (0, "ש")]  # inside right-to-left text, mirrored
