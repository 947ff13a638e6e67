"""The import's worker side: raw record bytes -> everything the database writer needs.

Runs in worker processes (or inline for small files), so it is pure: no ORM, no
queries. Holdings fields are lifted out of the record here: the stored MARC never
carries them (items are the truth about holdings, and the export writes them back
from the items). The search document is built here too, without holdings, so the
main process (the bottleneck: one writer) only adds the holdings and the id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from folkbib.catalog.marc import MalformedRecord, MarcWriteError, RecordFields, RejectedRecord
from folkbib.catalog.marc.iso2709 import LeanRecord, encode_record
from folkbib.catalog.marc.mapping import extract_lean
from folkbib.catalog.marc.reader import decode_raw
from folkbib.catalog.search.documents import SearchDocument, build_document

# Leader/06 types that are not bibliographic (authority and holdings records).
NOT_BIBLIOGRAPHIC = frozenset("zuvxy")

# RecordFields attributes stored as Record columns, with the column's length
# limit (PostgreSQL enforces varchar lengths; SQLite would silently accept more).
RECORD_COLUMNS: dict[str, int | None] = {
    "control_number": 64,
    "control_number_identifier": 64,
    "title": None,
    "subtitle": None,
    "responsibility": None,
    "sort_title": 255,
    "authors": None,
    "subjects": None,
    "genres": None,
    "isbns": None,
    "issns": None,
    "publisher": None,
    "year": None,
    "language": 3,
    "languages": None,
    "material_type": 20,
    "series": None,
    "summary": None,
    "edition": None,
    "sab": 100,
    "dewey": 100,
}
JSON_COLUMNS = frozenset({"authors", "subjects", "genres", "isbns", "issns", "languages", "series"})
IDENTIFIER_MAX = 200

Subfields = list[tuple[str, str]]


def record_values(fields: RecordFields) -> dict[str, Any]:
    """The Record column values for extracted fields, cut to the columns' limits."""
    values: dict[str, Any] = {}
    for name, limit in RECORD_COLUMNS.items():
        value = getattr(fields, name)
        if limit is not None and isinstance(value, str):
            value = value[:limit]
        values[name] = value
    return values


def record_row(fields: RecordFields) -> tuple[Any, ...]:
    """``record_values`` as a database row (JSON as text), in ``RECORD_COLUMNS`` order."""
    return tuple(
        json.dumps(value) if name in JSON_COLUMNS else value
        for name, value in record_values(fields).items()
    )


def identifier_pairs(fields: RecordFields) -> list[tuple[str, str]]:
    """The (kind, value) rows to store for matching, without duplicates, in extract order."""
    seen: dict[tuple[str, str], None] = {}
    for kind, value in fields.identifiers:
        if value:
            seen.setdefault((kind, value[:IDENTIFIER_MAX]), None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """A readable bibliographic record, ready to be matched and written."""

    offset: int
    size: int  # bytes in the file, for progress
    marc: bytes  # canonical UTF-8 ISO 2709 without holdings fields
    row: tuple[Any, ...]  # Record columns (RECORD_COLUMNS order), JSON as text
    identifiers: list[tuple[str, str]]
    holdings: tuple[Subfields, ...]  # subfields of each holdings field, in record order
    document: SearchDocument  # record_id 0 and no holdings yet

    @property
    def control(self) -> tuple[str, str]:
        """(001, 003) as stored."""
        return self.row[0], self.row[1]

    @property
    def sab(self) -> str:
        return str(self.row[19])

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as a plain tuple: unpickling slotted dataclasses is the slow path.
        return (
            PreparedRecord,
            (
                self.offset,
                self.size,
                self.marc,
                self.row,
                self.identifiers,
                self.holdings,
                self.document,
            ),
        )


Prepared = PreparedRecord | RejectedRecord


def prepare(offset: int, raw: bytes, holdings_tag: str) -> Prepared:
    """Decode, check, split off holdings and extract one record; never raises."""
    try:
        lean, canonical = decode_raw(raw)
        kind = lean.leader[6:7]
        if kind in NOT_BIBLIOGRAPHIC:
            return RejectedRecord(
                offset,
                raw,
                f"not a bibliographic record (leader/06 is {kind!r}: authority or holdings)",
                "NotBibliographic",
            )
        holdings = tuple(
            list(value[2])
            for tag, value in lean.fields
            if tag == holdings_tag and not isinstance(value, str)
        )
        if holdings:
            lean = LeanRecord(lean.leader, [f for f in lean.fields if f[0] != holdings_tag])
        if not canonical:
            data = encode_record(lean)
        elif holdings:
            data = drop_fields(raw, holdings_tag.encode("ascii"))
        else:
            data = raw
        fields = extract_lean(lean)
        document = build_document(record_id=0, fields=fields, holdings=())
    except (MalformedRecord, MarcWriteError) as error:
        return RejectedRecord(offset, raw, str(error), type(error).__name__)
    except Exception as error:  # a codec bug in one record must not stop the import
        return RejectedRecord(
            offset, raw, f"record cannot be read ({type(error).__name__}: {error})", "Unreadable"
        )
    return PreparedRecord(
        offset, len(raw), data, record_row(fields), identifier_pairs(fields), holdings, document
    )


def drop_fields(raw: bytes, tag: bytes) -> bytes:
    """``raw`` without the fields tagged ``tag``, by slicing bytes (no decoding).

    Only for canonical records (``decode_raw`` says so): then the result is exactly
    what ``encode_record`` would make of the record without those fields, at a
    fraction of the cost.
    """
    base = int(raw[12:17])
    directory: list[bytes] = []
    body: list[bytes] = []
    position = 0
    for entry in range(24, base - 1, 12):
        if raw[entry : entry + 3] == tag:
            continue
        length = int(raw[entry + 3 : entry + 7])
        start = base + int(raw[entry + 7 : entry + 12])
        directory.append(raw[entry : entry + 7] + b"%05d" % position)
        body.append(raw[start : start + length])
        position += length
    new_base = 24 + 12 * len(directory) + 1
    total = new_base + position + 1
    leader = b"%05d%s%05d%s" % (total, raw[5:12], new_base, raw[17:24])
    return b"".join([leader, *directory, b"\x1e", *body, b"\x1d"])


def prepare_chunk(task: tuple[list[tuple[int, bytes]], str]) -> list[Prepared]:
    """Worker entry point: one chunk of (offset, raw) pairs and the holdings tag."""
    chunk, holdings_tag = task
    return [prepare(offset, raw, holdings_tag) for offset, raw in chunk]
