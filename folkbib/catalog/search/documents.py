"""Search documents: what one record looks like to the search engines (pure, no ORM).

A document is built from anything with the attributes of ``catalog.marc.RecordFields``
(a ``Record`` row has the same names), plus the record's holdings, so the bulk
importer and the queue drain build identical documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from stdnum import isbn as stdnum_isbn


@dataclass(frozen=True)
class Holding:
    """One item as the index sees it: where it can be found and whether it is on the shelf."""

    branch_code: str
    municipality_code: str
    available: bool


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """The engine-neutral search document of one record."""

    record_id: int
    title: str  # title + subtitle
    authors: list[str]
    responsibility: str
    subjects: list[str]  # subjects + genres
    series: list[str]
    isbns: list[str]
    other: str  # summary, publisher, edition, classification: searchable, low weight
    sort_key: str  # Swedish collation key of the sort title, compared bytewise
    year: int | None
    material_type: str
    languages: list[str]
    branches: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)
    available_branches: list[str] = field(default_factory=list)
    available: bool = False
    # ISSNs and control numbers as ``issn:<compact>`` / ``id:<001>`` / ``id:<003>:<001>``,
    # lowercase (``document_numbers``): exact-match only, for SRU's identifier indexes.
    numbers: list[str] = field(default_factory=list)

    @property
    def newest_key(self) -> int:
        """Newest first: year, then the most recently created record (ids grow)."""
        return ((self.year or 0) << 40) | (self.record_id & ((1 << 40) - 1))


# The fields of a document that come from the record alone, in ``SearchDocument``
# order after ``record_id``: (title, authors, responsibility, subjects, series, isbns,
# other, sort_key, year, material_type, languages, numbers). A plain tuple of builtins, so a
# bulk import's worker processes can build it and ship it cheaply (marshal).
DocumentParts = tuple[Any, ...]


def build_document(*, record_id: int, fields: Any, holdings: Iterable[Holding]) -> SearchDocument:
    """Build the search document of one record.

    ``fields`` is a ``RecordFields`` or a ``Record`` (duck-typed: only attributes are read).
    """
    return assemble_document(record_id, document_parts(fields), holdings)


def document_parts(fields: Any) -> DocumentParts:
    """The part of ``build_document`` that reads ``fields`` (everything but id and holdings)."""
    title = " ".join(p for p in (fields.title, getattr(fields, "subtitle", "")) if p)
    subjects = _unique([*fields.subjects, *getattr(fields, "genres", [])])
    other = " ".join(
        str(p)
        for p in (
            getattr(fields, "summary", ""),
            getattr(fields, "publisher", ""),
            getattr(fields, "edition", ""),
            getattr(fields, "sab", ""),
        )
        if p
    )
    languages = _unique([*(getattr(fields, "languages", None) or []), fields.language])
    return (
        title,
        _unique(fields.authors),
        getattr(fields, "responsibility", "") or "",
        subjects,
        _unique(getattr(fields, "series", [])),
        _unique([v for raw in fields.isbns for v in isbn_variants(raw)]),
        other,
        swedish_sort_key(getattr(fields, "sort_title", "") or fields.title),
        fields.year,
        fields.material_type or "other",
        languages,
        document_numbers(fields),
    )


def document_numbers(fields: Any) -> list[str]:
    """The ``numbers`` of a document: ISSNs and the record's control number.

    Read from attributes a ``Record`` row and ``RecordFields`` share (``issns``,
    ``control_number``, ``control_number_identifier``). Runs once per record of a
    bulk import, hence the plain string work.
    """
    issns = getattr(fields, "issns", None)
    numbers = [f"issn:{number_key(issn)}" for issn in issns] if issns else []
    control = getattr(fields, "control_number", "")
    if control:
        control = number_key(control.strip())
        numbers.append(f"id:{control}")
        organisation = getattr(fields, "control_number_identifier", "")
        if organisation:
            numbers.append(f"id:{number_key(organisation.strip())}:{control}")
    return numbers


def number_key(value: str) -> str:
    """How a number is compared: lowercase, without spaces and hyphens (ISSN 0317-8471)."""
    if "-" in value or " " in value:
        value = value.replace("-", "").replace(" ", "")
    return value.lower() if value.isascii() else value.casefold()


def assemble_document(
    record_id: int, parts: DocumentParts, holdings: Iterable[Holding]
) -> SearchDocument:
    """The document of ``document_parts`` with the record's id and holdings."""
    holdings = list(holdings)
    (title, authors, responsibility, subjects, series, isbns) = parts[:6]
    (other, sort_key, year, material_type, languages, numbers) = parts[6:]
    return SearchDocument(
        record_id=record_id,
        title=title,
        authors=authors,
        responsibility=responsibility,
        subjects=subjects,
        series=series,
        isbns=isbns,
        other=other,
        sort_key=sort_key,
        year=year,
        material_type=material_type,
        languages=languages,
        branches=_unique([h.branch_code for h in holdings]),
        municipalities=_unique([h.municipality_code for h in holdings]),
        available_branches=_unique([h.branch_code for h in holdings if h.available]),
        available=any(h.available for h in holdings),
        numbers=numbers,
    )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


# -- ISBN ------------------------------------------------------------------------------

_ISBN_NOISE = re.compile(r"[\s\-‐‑–]")


def compact_isbn(value: str) -> str:
    """``91-29-65762-7`` -> ``9129657627``: digits and a final X, nothing else."""
    return _ISBN_NOISE.sub("", value).upper()


def isbn_variants(value: str) -> list[str]:
    """Both the ISBN-13 and ISBN-10 forms of an ISBN, so either finds the record.

    An invalid ISBN (they exist in real catalogues) is kept as its compact form.
    """
    compact = compact_isbn(value)
    if not compact:
        return []
    fast = _ascii_isbn_variants(compact)
    if fast is not None:
        return fast
    if not stdnum_isbn.is_valid(compact):
        return [compact]
    variants = [stdnum_isbn.to_isbn13(compact)]
    if variants[0].startswith("978"):  # 979- ISBNs have no ISBN-10 form
        variants.append(stdnum_isbn.to_isbn10(compact))
    return _unique(variants)


def _ascii_isbn_variants(compact: str) -> list[str] | None:
    """``isbn_variants`` by arithmetic for plain ASCII ten- and thirteen-digit input.

    Exactly stdnum's answer for these shapes (a test compares them on many numbers)
    at a tenth of its cost, which matters when a million records are indexed.
    None for any other shape: stdnum decides those (Unicode digits, nine digits ...).
    """
    length = len(compact)
    if length == 13 and compact.isascii() and compact.isdigit():
        if compact[:3] not in ("978", "979") or _ean_check(compact[:12]) != compact[12]:
            return [compact]
        if compact[:3] == "979":  # 979- ISBNs have no ISBN-10 form
            return [compact]
        return [compact, compact[3:12] + _isbn10_check(compact[3:12])]
    if length == 10 and compact.isascii() and compact[:9].isdigit():
        if compact[9] not in "0123456789X" or _isbn10_check(compact[:9]) != compact[9]:
            return [compact]
        body = "978" + compact[:9]
        return [body + _ean_check(body), compact]
    return None


def _ean_check(twelve: str) -> str:
    total = sum(map(int, twelve[0::2])) + 3 * sum(map(int, twelve[1::2]))
    return str(-total % 10)


def _isbn10_check(nine: str) -> str:
    check = sum(weight * int(digit) for weight, digit in enumerate(nine, 1)) % 11
    return "X" if check == 10 else str(check)


def looks_like_isbn(value: str) -> bool:
    compact = compact_isbn(value)
    return len(compact) in (10, 13) and stdnum_isbn.is_valid(compact)


# -- Swedish collation -----------------------------------------------------------------

# Primary letters after z: å, ä (= æ), ö (= ø); ü sorts as y and w as v, as in
# Swedish library filing. The replacement characters follow "z" in ASCII, so a
# plain bytewise comparison (tantivy fast fields, COLLATE "C") gives Swedish order.
_SWEDISH_PRIMARY = {
    "å": "{",
    "ä": "|",
    "æ": "|",
    "ö": "}",
    "ø": "}",
    "ü": "y",
    "w": "v",
}
_MAX_SORT_KEY = 200


def swedish_sort_key(text: str) -> str:
    """A key whose bytewise order is Swedish alphabetical order (… X Y Z Å Ä Ö).

    Punctuation is ignored and other diacritics fold to their base letter (é = e).
    Equal primary keys are ordered by the folded-case original, so the order is total.
    """
    lowered = text.casefold()
    out: list[str] = []
    pending_space = False
    for ch in lowered:
        if ch in _SWEDISH_PRIMARY:
            key = _SWEDISH_PRIMARY[ch]
        elif ch.isalnum():
            base = unicodedata.normalize("NFKD", ch)[0]
            key = base if base.isascii() else ch
        else:
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append(key)
    primary = "".join(out)[:_MAX_SORT_KEY]
    return f"{primary}\x01{lowered[:_MAX_SORT_KEY]}"
