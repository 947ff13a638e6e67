"""MARC-8 -> Unicode: pymarc's ``MARC8ToUnicode`` results, faster for the usual text.

Almost all MARC-8 text in Western catalogues stays in the default character
sets (ASCII and ANSEL, no escape sequences). For that text pymarc's converter
is a per-byte table lookup that drops control bytes, moves each ANSEL
diacritic after the letter it precedes and drops diacritics left at the end;
here the same steps run as C-level byte operations plus one
charmap decode, with tables read from pymarc's own mapping so the two cannot
drift apart. Text with escape sequences (Hebrew, Cyrillic, CJK, ...)
is converted by pymarc itself, memoised per distinct byte string.
``test_marc_fast_paths.py`` compares both paths with pymarc byte for byte.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from pymarc import marc8_mapping
from pymarc.marc8 import MARC8ToUnicode

_ESCAPE = 0x1B


def _tables() -> tuple[bytes, str, bytes, bytes]:
    """(bytes pymarc drops, decoding table, combining bytes, bytes left to pymarc)."""
    basic_latin = marc8_mapping.CODESETS[MARC8ToUnicode.basic_latin]
    ansel = marc8_mapping.CODESETS[MARC8ToUnicode.ansel]
    dropped = bytes(byte for byte in range(256) if byte < 0x20 or 0x80 < byte < 0xA0)
    decoding = ["\ufffe"] * 256  # undefined: dropped before decoding
    combining = bytearray()
    slow = bytearray([_ESCAPE])
    for byte in range(0x20, 0x100):
        if byte in dropped:
            continue
        if byte in marc8_mapping.ODD_MAP:
            slow.append(byte)  # pymarc appends these without flushing diacritics
            continue
        # Like pymarc: G1 (ANSEL) above 0x80, G0 (ASCII) up to it; unknown bytes become a space.
        code_point, is_combining = (ansel if byte > 0x80 else basic_latin).get(byte, (0x20, False))
        decoding[byte] = chr(code_point)
        if is_combining:
            combining.append(byte)
    return dropped, "".join(decoding), bytes(combining), bytes(slow)


_DROPPED, _DECODING_TABLE, _COMBINING, _SLOW_BYTES = _tables()
_NEEDS_PYMARC = re.compile(b"[" + re.escape(_SLOW_BYTES) + b"]")
_MARKS = re.compile(b"[" + re.escape(_COMBINING) + b"]+")


def marc8_to_unicode(data: bytes) -> str:
    """Exactly ``MARC8ToUnicode(quiet=True).translate(data)`` (NFC); may raise as it does."""
    if _NEEDS_PYMARC.search(data):
        return _with_pymarc(data)
    # Diacritics with no letter after them are dropped; the others follow their letter.
    data = data.translate(None, _DROPPED).rstrip(_COMBINING)
    pieces: list[bytes] = []
    position = 0
    for marks in _MARKS.finditer(data):
        start, end = marks.span()
        pieces += (data[position:start], data[end : end + 1], data[start:end])
        position = end + 1
    if pieces:
        pieces.append(data[position:])
        data = b"".join(pieces)
    text, _length = codecs.charmap_decode(data, "strict", _DECODING_TABLE)
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=8192)
def _with_pymarc(data: bytes) -> str:
    # A fresh converter per string: the escape state must not leak between subfields.
    return MARC8ToUnicode(quiet=True).translate(data)
