"""Which kind of thing a record describes (``catalog.models.MaterialType`` values).

The convention is fixed in /work/briefs/contracts.md ("Material types in MARC"):
leader/06-07 first, refined by 008/23 (form of item), 007, 008/26 and 008/33;
RDA 33X only when the leader does not say. A talking book (talbok, DAISY) is a
sound recording with a DAISY marker; without one it is an audiobook.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# Kept as literals (not imported from catalog.models) so this module stays free of the ORM.
BOOK = "book"
LARGE_PRINT = "large_print"
EBOOK = "ebook"
AUDIOBOOK = "audiobook"
TALKING_BOOK = "talking_book"
FILM = "film"
MUSIC = "music"
SCORE = "score"
MAP = "map"
MAGAZINE = "magazine"
GAME = "game"
ELECTRONIC = "electronic"
PICTURE = "picture"
KIT = "kit"
OTHER = "other"

_BY_TYPE = {
    "g": FILM,
    "j": MUSIC,
    "c": SCORE,
    "d": SCORE,
    "e": MAP,
    "f": MAP,
    "k": PICTURE,
    "o": KIT,
    "p": KIT,
}

# RDA content type (336 $a, English and Swedish terms) -> material type.
_BY_CONTENT = {
    "text": BOOK,
    "text (visual)": BOOK,
    "spoken word": AUDIOBOOK,
    "tal": AUDIOBOOK,
    "performed music": MUSIC,
    "framförd musik": MUSIC,
    "notated music": SCORE,
    "noterad musik": SCORE,
    "two-dimensional moving image": FILM,
    "tvådimensionell rörlig bild": FILM,
    "three-dimensional moving image": FILM,
    "cartographic image": MAP,
    "kartografisk bild": MAP,
    "still image": PICTURE,
    "stillbild": PICTURE,
    "computer program": ELECTRONIC,
    "datorprogram": ELECTRONIC,
}


class Fields(Protocol):
    """Fields by tag: control fields as ``str``, data fields as ``(ind1, ind2, subfields)``."""

    def get(self, tag: str, default: Sequence[object] = ..., /) -> Sequence[object]: ...


def _subfield_texts(fields: Fields, tags: Sequence[str], codes: str) -> list[str]:
    texts: list[str] = []
    for tag in tags:
        for value in fields.get(tag, ()):
            if isinstance(value, tuple):
                texts.extend(text for code, text in value[2] if code in codes)
    return texts


def has_daisy_marker(fields: Fields) -> bool:
    """347 $b DAISY, 500/538 mentioning DAISY or talbok, or genre 655 'Talböcker'."""
    if any("daisy" in text.lower() for text in _subfield_texts(fields, ("347",), "b")):
        return True
    for text in _subfield_texts(fields, ("500", "538"), "abcdefghijklmnopqrstuvwxyz"):
        lowered = text.lower()
        if "daisy" in lowered or "talbok" in lowered:
            return True
    return any(
        text.lower().startswith("talböcker") for text in _subfield_texts(fields, ("655",), "a")
    )


def _control(fields: Fields, tag: str) -> list[str]:
    return [value for value in fields.get(tag, ()) if isinstance(value, str)]


def material_type(leader: str, fields: Fields) -> str:
    """Map leader, 006/007/008 and 33X to one material type value."""
    record_type, level = leader[6:7], leader[7:8]
    f008 = (_control(fields, "008") or [""])[0]
    f007 = [value.lower() for value in _control(fields, "007")]
    if level in ("s", "b", "i") and record_type in ("a", "m"):
        return MAGAZINE
    if record_type in ("a", "t"):
        form = f008[23:24]
        if form == "d":
            return LARGE_PRINT
        if form in ("o", "q", "s") or any(value.startswith("cr") for value in f007):
            return EBOOK
        carriers = [text.lower() for text in _subfield_texts(fields, ("338",), "a")]
        if "online resource" in carriers or "onlineresurs" in carriers:
            return EBOOK
        return BOOK
    if record_type == "i":
        return TALKING_BOOK if has_daisy_marker(fields) else AUDIOBOOK
    if record_type == "r":
        return GAME if f008[33:34] == "g" else OTHER
    if record_type == "m":
        return GAME if f008[26:27] == "g" else ELECTRONIC
    if record_type in _BY_TYPE:
        return _BY_TYPE[record_type]
    return _from_content_type(fields)


def _from_content_type(fields: Fields) -> str:
    for text in _subfield_texts(fields, ("336",), "a"):
        kind = _BY_CONTENT.get(text.strip().lower())
        if kind == AUDIOBOOK and has_daisy_marker(fields):
            return TALKING_BOOK
        if kind:
            return kind
    return OTHER
