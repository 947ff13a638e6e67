"""Turning ISBD-punctuated MARC subfields into clean display and index strings.

Decisions (tested in ``test_marc_text.py``):
- trailing ISBD separators (`` /``, `` :``, `` ;``, `` =``, ``,``) are removed;
- a trailing ``.`` is removed, except after a one-letter initial (``Lewis, C. S.``),
  a known abbreviation (``2nd ed.``, ``Jr.``, ``etc.``) or an ellipsis (``...``),
  because there it belongs to the word, not to the ISBD punctuation;
- square brackets around a whole value (``[Stockholm]``) are removed.
"""

from __future__ import annotations

import re

_SEPARATORS = " /:;=,"
# Words whose final "." is part of the word (English and Swedish cataloguing abbreviations).
_ABBREVIATIONS = frozenset(
    [
        "jr",
        "sr",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "bros",
        "co",
        "corp",
        "inc",
        "ltd",
        "etc",
        "ed",
        "eds",
        "rev",
        "enl",
        "repr",
        "dept",
        "uppl",
        "utg",
        "övers",
        "red",
        "bd",
        "vol",
        "no",
        "nr",
        "ca",
        "förl",
    ]
)
_SPACES = re.compile(r"\s+")
_TRAILING = _SEPARATORS + "."


def _ends_with_kept_dot(text: str) -> bool:
    """``text`` ends with "."; is it part of an initial, abbreviation or ellipsis?"""
    if text.endswith(".."):
        return True
    if len(text) >= 2 and text[-2].isalpha() and (len(text) == 2 or text[-3] in " .(-"):
        return True  # an initial: "Lewis, C. S."
    word = text[text.rfind(" ") + 1 : -1].lstrip("([").lower()
    return word in _ABBREVIATIONS


def clean(text: str) -> str:
    """Strip ISBD punctuation and surplus white space from one subfield or heading."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    text = text.strip()
    while text and text[-1] in _TRAILING:
        stripped = text.rstrip(_SEPARATORS)
        if stripped.endswith(".") and not _ends_with_kept_dot(stripped):
            stripped = stripped[:-1].rstrip()
        if stripped == text:
            break
        text = stripped
    if text.startswith("[") and text.endswith("]") and text.count("[") == 1:
        text = text[1:-1].strip()
    return text


def join_clean(parts: list[str]) -> str:
    """Join subfields in their catalogued order and clean the end of the result."""
    if len(parts) == 1:
        return clean(parts[0].strip())
    return clean(" ".join([part for part in map(str.strip, parts) if part]))


def unique(values: list[str]) -> list[str]:
    """Drop empty strings and case-insensitive duplicates, keeping the first spelling."""
    if len(values) < 2:
        return [value for value in values if value]
    seen: set[str] = set()
    result = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            result.append(value)
    return result
