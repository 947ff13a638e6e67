"""The codec's fast paths give exactly what the straightforward code (or library) gives.

Each fast path replaces something slow but obviously right: pymarc's MARC-8
converter, python-stdnum's ISBN/ISSN functions, decoding every field of a
record. These tests run both on many inputs and require identical results.
"""

from __future__ import annotations

import random
from pathlib import Path

from pymarc.marc8 import MARC8ToUnicode
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn

from folkbib.catalog.marc import RawRecord, split_records
from folkbib.catalog.marc.iso2709 import decode_canonical, decode_record
from folkbib.catalog.marc.mapping import EXTRACTED_TAGS, extract_lean
from folkbib.catalog.marc.marc8 import marc8_to_unicode
from folkbib.catalog.marc.standard_numbers import (
    ISBN_CANDIDATE,
    ISSN_CANDIDATE,
    compact_isbn,
    format_issn,
    isbn10,
    valid_isbn13,
)

DATA = Path(__file__).parent / "marc_data"
ISO_FIXTURES = sorted(DATA.glob("*.mrc"))

# ASCII letters, ANSEL letters and diacritics, bytes pymarc drops or maps to a space, ESC.
_MARC8_BYTES = b"Ae .\n\x1d\x85\x7f\x80\xa0\xa2\xb2\xc3\xe1\xe2\xe3\xe8\xf0\xfe\xff\x1b(B$1"


def _pymarc(data: bytes) -> str:
    return MARC8ToUnicode(quiet=True).translate(data)


def test_the_marc8_fast_path_converts_exactly_like_pymarc() -> None:
    generator = random.Random(2709)
    samples = [b"", b"Les Mis\xe2erables", b"\xe2", b"Bj\xe8orn\xe2", b"\x1b(2\xe0\xe5\x1b(B"]
    samples += [
        bytes(generator.choice(_MARC8_BYTES) for _ in range(generator.randint(1, 14)))
        for _ in range(4000)
    ]
    for data in samples:
        try:
            expected: object = _pymarc(data)
        except Exception as error:  # the same failure is expected too
            expected = type(error)
        try:
            actual: object = marc8_to_unicode(data)
        except Exception as error:
            actual = type(error)
        assert actual == expected, data


def _stdnum_isbns(text: str) -> tuple[str, str | None, str | None] | None:
    match = ISBN_CANDIDATE.search(text)
    if not match:
        return None
    compact = stdnum_isbn.compact(match.group())
    if len(compact) not in (10, 13) or not stdnum_isbn.is_valid(compact):
        return compact, None, None
    thirteen = stdnum_isbn.to_isbn13(compact)
    return compact, thirteen, stdnum_isbn.to_isbn10(thirteen) if thirteen[:3] == "978" else None


def _our_isbns(text: str) -> tuple[str, str | None, str | None] | None:
    match = ISBN_CANDIDATE.search(text)
    if not match:
        return None
    compact = compact_isbn(match.group())
    thirteen = valid_isbn13(compact)
    if thirteen is None:
        return compact, None, None
    return compact, thirteen, isbn10(thirteen) if thirteen[:3] == "978" else None


def _with_check_digit(digits: str) -> str:
    """A valid ISBN-10 or ISBN-13 made from 9 or 12 random digits."""
    if len(digits) == 9:
        total = sum(weight * int(digit) for weight, digit in enumerate(digits, start=1)) % 11
        return digits + ("X" if total == 10 else str(total))
    total = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(digits))
    return digits + str((10 - total) % 10)


def test_isbn_and_issn_normalisation_matches_python_stdnum() -> None:
    generator = random.Random(13)
    texts = ["91-29-65716-4 (inb.)", "978-91-7343-452-3", "0-8044-2957-X", "979 10 90636 07 1"]
    for _ in range(3000):
        digits = "".join(generator.choice("0123456789") for _ in range(generator.choice([9, 12])))
        if digits[:3] not in ("978", "979") and len(digits) == 12 and generator.random() < 0.7:
            digits = "978" + digits[3:]
        number = _with_check_digit(digits) if generator.random() < 0.7 else digits + "7"
        if generator.random() < 0.2:
            number = number[:-1] + "x"
        for _ in range(generator.randint(0, 3)):  # separators anywhere inside
            cut = generator.randint(1, len(number) - 1)
            number = number[:cut] + generator.choice("- ") + number[cut:]
        texts.append(number if generator.random() < 0.9 else number[1:])
    for text in texts:
        assert _our_isbns(text) == _stdnum_isbns(text), text
    for text in ["0028-0836", "1234-567x", "00280836", "0317-8471 (print)", "2049-3630"]:
        match = ISSN_CANDIDATE.search(text)
        assert match is not None
        assert format_issn(match.group()) == stdnum_issn.format(stdnum_issn.compact(match.group()))


def test_a_canonical_record_decodes_to_its_read_fields_alone() -> None:
    canonical_records = 0
    for path in ISO_FIXTURES:
        for item in split_records(path):
            if not isinstance(item, RawRecord):
                continue
            subset = decode_canonical(item.raw, EXTRACTED_TAGS)
            try:
                full, canonical = decode_record(item.raw)
            except Exception:  # a broken record is never canonical
                assert subset is None
                continue
            if not canonical:
                assert subset is None, (path.name, item.offset)
                continue
            canonical_records += 1
            assert subset is not None, (path.name, item.offset)
            assert subset.leader == full.leader
            assert subset.fields == [field for field in full.fields if field[0] in EXTRACTED_TAGS]
            assert extract_lean(subset) == extract_lean(full)
    assert canonical_records >= 20  # the fixtures must exercise the fast path
