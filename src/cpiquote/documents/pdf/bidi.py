"""Right-to-left text for the PDF: Arabic letters joined, and Arabic and Hebrew runs put in the order they print.

reportlab draws characters left to right as given. Its own right-to-left support needs `rlbidi`, which no package
registry the project installs from carries, so this module does the two steps a customer name needs:

- `shape_arabic`: each Arabic letter replaced by its initial, medial, final or isolated form (Unicode's presentation
  forms, which the shipped Arabic font maps), lam + alef as their required ligature;
- `visual_order`: the Unicode bidirectional algorithm for a left-to-right paragraph without explicit embeddings
  (rules W1-W7, N0-N2, I1-I2, L2 and L4 of UAX #9): right-to-left runs reversed, numbers inside them kept left to right,
  brackets mirrored. Paragraphs break their lines in logical order and reorder each line as they draw it.

Text extraction (pdftotext, copy and paste) reads the result back in logical order as presentation forms, which NFKC
normalisation turns into the letters typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import chain

ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
HEBREW = "\u0590-\u05ff\ufb1d-\ufb4f"
_RIGHT_TO_LEFT = re.compile(f"[{ARABIC}{HEBREW}\u07c0-\u07ff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_ARABIC_LETTER = re.compile(f"[{ARABIC}]")

_LAM = "\u0644"
_ALEFS = "\u0622\u0623\u0625\u0627"  # with madda, hamza above, hamza below, plain: lam + alef is one ligature
_JOIN_CAUSING = "\u0640\u200d"  # tatweel and zero-width joiner join on both sides and have no forms of their own
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")

# UAX #9 bidirectional classes, one letter each, so the rules below are regular expressions over a string
_CLASS = {"L": "L", "R": "R", "AL": "R", "EN": "D", "AN": "D", "CS": "S", "ES": "S", "ET": "T", "NSM": "M"}


@cache
def _forms() -> dict[tuple[str, str], str]:
    """Arabic presentation forms by (form, letters): ("initial", "ل") is "ﻟ"; Presentation Forms-B win over -A."""
    forms: dict[tuple[str, str], str] = {}
    for code in chain(range(0xFE70, 0xFF00), range(0xFB50, 0xFE00)):
        tag, _, letters = unicodedata.decomposition(chr(code)).partition(" ")
        if tag in ("<isolated>", "<final>", "<initial>", "<medial>"):
            forms.setdefault((tag[1:-1], "".join(chr(int(h, 16)) for h in letters.split())), chr(code))
    return forms


def _joins_forward(letter: str) -> bool:
    """True if `letter` connects to the letter after it (dual-joining), as most Arabic letters do; alef, dal, ra, waw do not."""
    return ("medial", letter) in _forms() or (letter != "" and letter in _JOIN_CAUSING)


def _joins_back(letter: str) -> bool:
    """True if `letter` connects to a joining letter before it."""
    return ("final", letter) in _forms() or (letter != "" and letter in _JOIN_CAUSING)


def _form(letters: str, before: str, after: str) -> str:
    """`letters` (one letter, or lam + alef) in the form its neighbours `before` and `after` call for; unchanged if it has none."""
    joined_before = _joins_forward(before) and _joins_back(letters[0])
    joined_after = len(letters) == 1 and _joins_forward(letters) and _joins_back(after)
    form = ("medial" if joined_after else "final") if joined_before else ("initial" if joined_after else "isolated")
    return _forms().get((form, letters), letters)


def shape_arabic(text: str) -> str:
    """`text` with each Arabic letter in its joined form and lam + alef ligated; combining marks stay where they are."""
    if not _ARABIC_LETTER.search(text):
        return text
    out = list(text)
    letters = [i for i, char in enumerate(text) if unicodedata.category(char) != "Mn"]  # marks are transparent to joining
    skip = -1
    for k, i in enumerate(letters):
        if i == skip:
            continue
        before = text[letters[k - 1]] if k else ""
        after = text[letters[k + 1]] if k + 1 < len(letters) else ""
        if text[i] == _LAM and after != "" and after in _ALEFS:
            out[i], out[letters[k + 1]], skip = _form(_LAM + after, before, ""), "", letters[k + 1]
        else:
            out[i] = _form(text[i], before, after)
    return "".join(out)


def _classes(text: str) -> str:
    """One resolved class per character: L (left to right), R (right to left), n (a number inside right-to-left text)."""
    classes = [_CLASS.get(unicodedata.bidirectional(char), "_") for char in text]
    for i, kind in enumerate(classes):  # W1: a mark takes the class of what it marks
        if kind == "M":
            classes[i] = classes[i - 1] if i else "L"
    joined = re.sub("(?<=D)S(?=D)", "D", "".join(classes))  # W4: 1,234.5 is one number
    joined = re.sub("T+(?=D)|(?<=D)T+", lambda m: "D" * len(m.group()), joined).replace("S", "_").replace("T", "_")  # W5, W6
    strong, resolved = "L", []
    for kind in joined:  # W2, W7: a number follows the strong direction before it
        strong = kind if kind in "LR" else strong
        resolved.append(("n" if strong == "R" else "L") if kind == "D" else kind)
    _resolve_brackets(text, resolved)
    joined = re.sub("(?<=[Rn])_+(?=[Rn])", lambda m: "R" * len(m.group()), "".join(resolved))  # N1: between two RTL
    return joined.replace("_", "L")  # N2: any other neutral takes the paragraph's left-to-right direction


def _resolve_brackets(text: str, classes: list[str]) -> None:
    """N0: a bracket pair around right-to-left text only, after right-to-left text, is right to left: "(ش.م.م)" stays whole."""
    for opening, closing in _bracket_pairs(text):
        inside = set(classes[opening + 1 : closing])
        if "L" in inside or not inside & {"R", "n"}:
            kind = "L" if "L" in inside else ""
        else:
            before = next((k for k in reversed(classes[:opening]) if k in "LRn"), "L")
            kind = "L" if before == "L" else "R"
        if kind:
            classes[opening] = classes[closing] = kind


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    """The positions of matching (), [] and {} in `text`, in the order they open (BD16)."""
    pairs, stack = [], []
    for i, char in enumerate(text):
        if char in "([{":
            stack.append((i, ")]}"["([{".index(char)]))
        elif char in ")]}":
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][1] == char), None)
            if depth is not None:
                pairs.append((stack[depth][0], i))
                del stack[depth:]
    return sorted(pairs)


def has_right_to_left(text: str) -> bool:
    """True if `text` holds a right-to-left letter (Arabic, Hebrew and their neighbours), so its order may change."""
    return _RIGHT_TO_LEFT.search(text) is not None


def print_order(text: str) -> list[tuple[int, str]]:
    """For each position of a line of `text` (typed in logical order in a left-to-right paragraph), left to right: the
    index of the character printed there, and the character as printed (a bracket in right-to-left text mirrored)."""
    if not has_right_to_left(text):
        return list(enumerate(text))
    levels = [{"L": 0, "R": 1, "n": 2}[kind] for kind in _classes(text)]  # I1, I2
    printed = [(i, char.translate(_MIRROR) if level == 1 else char) for i, (char, level) in enumerate(zip(text, levels, strict=True))]
    for level in range(max(levels), 0, -1):  # L2: reverse every run at this level or higher, highest first
        for run in re.finditer(f"[{level}-9]+", "".join(map(str, levels))):
            start, end = run.span()
            printed[start:end], levels[start:end] = printed[start:end][::-1], levels[start:end][::-1]
    return printed


def visual_order(text: str) -> str:
    """A line of `text`, typed in logical order in a left-to-right paragraph, in the order its characters print."""
    return "".join(char for _, char in print_order(text)) if has_right_to_left(text) else text
