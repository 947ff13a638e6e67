"""Pure text rules for user content: cleaning, folding, tags and blocked words.

No ORM here. Cleaning removes what can mislead a reader without being seen (control
characters, bidirectional overrides); escaping is the templates' job, always.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# C0/C1 controls except tab and newline, and the bidi embeddings/overrides/isolates
# ("Trojan Source" tricks that make text read differently from what it is).
_INVISIBLE_TROUBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)
# For comparing names: also zero-width characters, which only serve to look alike.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+", re.UNICODE)


def clean(text: str, *, multiline: bool = True) -> str:
    """Text as it will be stored: invisible trouble removed, line ends unified, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_TROUBLE.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def fold(text: str) -> str:
    """A comparison key: NFKC, case-folded, zero-width removed, spaces collapsed."""
    text = unicodedata.normalize("NFKC", _ZERO_WIDTH.sub("", clean(text, multiline=False)))
    return " ".join(text.casefold().split())


def normalise_tag(text: str) -> str:
    """A tag as stored and shown: folded keyword text (``"Deckare "`` -> ``"deckare"``)."""
    return fold(text)


def words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def find_blocked_word(text: str, blocked: Iterable[str]) -> str | None:
    """The first blocked word in ``text`` (as a whole word, or a phrase), else None.

    Whole words only, so "Scunthorpe" does not trip over a word it contains.
    """
    folded = fold(text)
    present = set(_WORD.findall(folded))
    for word in blocked:
        key = fold(word)
        if not key:
            continue
        if " " in key:
            if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
                return word
        elif key in present:
            return word
    return None


def excerpt(text: str, length: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"
