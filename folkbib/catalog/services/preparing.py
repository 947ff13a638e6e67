"""The import's worker side: raw record bytes -> everything the database writer needs.

Runs in worker processes (or inline for small files), so it is pure: no ORM, no
queries. Holdings fields are lifted out of the record here: the stored MARC never
carries them (items are the truth about holdings, and the export writes them back
from the items). The holdings fields are read here and the search document is built
here too (without holdings), so the main process (the bottleneck: one writer) only
checks branches and barcodes and adds the id and holdings to the document.

A chunk travels back to the main process as one ``marshal`` blob of plain tuples:
unpickling a thousand records' worth of small objects cost the main process more
than writing them to the database.
"""

from __future__ import annotations

import json
import marshal
import pickle
from json.encoder import encode_basestring_ascii
from operator import attrgetter
from typing import Any, NamedTuple

from folkbib.catalog.marc import MalformedRecord, MarcWriteError, RecordFields, RejectedRecord
from folkbib.catalog.marc.iso2709 import LeanRecord, decode_canonical, encode_record
from folkbib.catalog.marc.mapping import EXTRACTED_TAGS, extract_lean
from folkbib.catalog.marc.reader import decode_raw
from folkbib.catalog.search.documents import DocumentParts, document_parts

from .holdings import HoldingData, HoldingsMap, holding_problem, read_holding

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


def record_values(fields: RecordFields) -> dict[str, Any]:
    """The Record column values for extracted fields, cut to the columns' limits."""
    values: dict[str, Any] = {}
    for name, limit in RECORD_COLUMNS.items():
        value = getattr(fields, name)
        if limit is not None and isinstance(value, str):
            value = value[:limit]
        values[name] = value
    return values


# ``record_row``'s plan, in RECORD_COLUMNS order: every attribute in one C call, then
# per column whether it is JSON text and its length limit.
_ROW_VALUES = attrgetter(*RECORD_COLUMNS)
_ROW_PLAN = tuple((name in JSON_COLUMNS, limit) for name, limit in RECORD_COLUMNS.items())


def record_row(fields: RecordFields) -> tuple[Any, ...]:
    """``record_values`` as a database row (JSON as text), in ``RECORD_COLUMNS`` order."""
    row = []
    for value, (is_json, limit) in zip(_ROW_VALUES(fields), _ROW_PLAN, strict=True):
        if is_json:
            value = _json_text(value)
        elif limit is not None and isinstance(value, str):
            value = value[:limit]
        row.append(value)
    return tuple(row)


def _json_text(value: Any) -> str:
    """``json.dumps(value)``; a list of strings (every list column) at a third of the cost."""
    if type(value) is list:
        try:
            return "[" + ", ".join(map(encode_basestring_ascii, value)) + "]"
        except TypeError:  # not all strings (str subclasses are taken as json.dumps does)
            pass
    return json.dumps(value)


def identifier_pairs(fields: RecordFields) -> list[tuple[str, str]]:
    """The (kind, value) rows to store for matching, without duplicates, in extract order."""
    seen: dict[tuple[str, str], None] = {}
    for kind, value in fields.identifiers:
        if value:
            seen.setdefault((kind, value[:IDENTIFIER_MAX]), None)
    return list(seen)


# A holdings field as read by the worker: its item with the price as text (a plain
# tuple travels faster than a Decimal), and what is wrong with it, if the field alone
# tells (``holdings.holding_problem``).
PreparedHolding = tuple[str | None, str, str, str, str, str | None, str, str]


def pack_holding(holding: HoldingData, problem: str | None) -> PreparedHolding:
    price = None if holding.price is None else str(holding.price)
    return (
        problem,
        holding.barcode,
        holding.owning_branch,
        holding.current_branch,
        holding.shelf_mark,
        price,
        holding.notes,
        holding.material_type,
    )


class PreparedRecord(NamedTuple):
    """A readable bibliographic record, ready to be matched and written."""

    offset: int
    size: int  # bytes in the file, for progress
    marc: bytes  # canonical UTF-8 ISO 2709 without holdings fields
    row: tuple[Any, ...]  # Record columns (RECORD_COLUMNS order), JSON as text
    identifiers: tuple[tuple[str, str], ...]
    holdings: tuple[PreparedHolding, ...]  # each holdings field, in record order
    document: DocumentParts  # the search document but for id and holdings

    @property
    def control(self) -> tuple[str, str]:
        """(001, 003) as stored."""
        return self.row[0], self.row[1]

    @property
    def sab(self) -> str:
        return str(self.row[19])

    @property
    def year(self) -> int | None:
        year: int | None = self.row[12]
        return year


Prepared = PreparedRecord | RejectedRecord


_TAGS_READ: dict[str, frozenset[str]] = {}


def _tags_read(holdings_tag: str) -> frozenset[str]:
    """The tags ``prepare`` reads: the mapping's and the holdings field's."""
    tags = _TAGS_READ.get(holdings_tag)
    if tags is None:
        tags = _TAGS_READ[holdings_tag] = EXTRACTED_TAGS | {holdings_tag}
    return tags


def prepare(offset: int, raw: bytes, holdings_map: HoldingsMap) -> Prepared:
    """Decode, check, split off holdings and extract one record; never raises."""
    holdings_tag = holdings_map.tag
    try:
        # Canonical UTF-8 (the usual case): only the fields the mapping and the holdings
        # read are built; anything else gets the full, checking decode.
        lean_or_none = decode_canonical(raw, _tags_read(holdings_tag))
        if lean_or_none is not None:
            lean, canonical = lean_or_none, True
        else:
            lean, canonical = decode_raw(raw)
        kind = lean.leader[6:7]
        if kind in NOT_BIBLIOGRAPHIC:
            return RejectedRecord(
                offset,
                raw,
                f"not a bibliographic record (leader/06 is {kind!r}: authority or holdings)",
                "NotBibliographic",
            )
        subfields = [
            value[2]
            for tag, value in lean.fields
            if tag == holdings_tag and not isinstance(value, str)
        ]
        if subfields:
            lean = LeanRecord(lean.leader, [f for f in lean.fields if f[0] != holdings_tag])
        if not canonical:
            data = encode_record(lean)
        elif subfields:
            data = drop_fields(raw, holdings_tag.encode("ascii"))
        else:
            data = raw
        fields = extract_lean(lean)
        document = document_parts(fields)
        holdings = []
        for field_subfields in subfields:
            holding = read_holding(field_subfields, holdings_map)
            holdings.append(pack_holding(holding, holding_problem(holding, holdings_map)))
    except (MalformedRecord, MarcWriteError) as error:
        return RejectedRecord(offset, raw, str(error), type(error).__name__)
    except Exception as error:  # a codec bug in one record must not stop the import
        return RejectedRecord(
            offset, raw, f"record cannot be read ({type(error).__name__}: {error})", "Unreadable"
        )
    return PreparedRecord(
        offset,
        len(raw),
        bytes(data),
        record_row(fields),
        tuple(identifier_pairs(fields)),
        tuple(holdings),
        document,
    )


def drop_fields(raw: bytes, tag: bytes) -> bytes:
    """``raw`` without the fields tagged ``tag``, by slicing bytes (no decoding).

    Only for canonical records (``decode_raw`` says so): then the result is exactly
    what ``encode_record`` would make of the record without those fields, at a
    fraction of the cost.
    """
    base = int(raw[12:17])
    first = _first_entry(raw, tag, base)
    if first is None:
        return raw
    if all(raw[entry : entry + 3] == tag for entry in range(first, base - 1, 12)):
        # Only trailing fields go (holdings usually come last): the fields before
        # keep their offsets, since a canonical record stores fields in order.
        kept = raw[first + 7 : first + 12]
        body_end = base + int(kept)
        new_base = first + 1
        total = new_base + int(kept) + 1
        leader = b"%05d%s%05d%s" % (total, raw[5:12], new_base, raw[17:24])
        return b"".join([leader, raw[24:first], b"\x1e", raw[base:body_end], b"\x1d"])
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


def _first_entry(raw: bytes, tag: bytes, base: int) -> int | None:
    """Where the first directory entry tagged ``tag`` starts, or None."""
    found = raw.find(tag, 24, base - 1)
    while found != -1:
        if (found - 24) % 12 == 0:
            return found
        found = raw.find(tag, found + 1, base - 1)
    return None


# What a worker sends back for a chunk: the readable records as one blob ("marshal",
# or "pickle" should a value ever not be a plain builtin), and the rejected records
# with their positions in the chunk.
PackedChunk = tuple[str, bytes, list[tuple[int, RejectedRecord]]]


def prepare_chunk(task: tuple[list[tuple[int, bytes]], HoldingsMap]) -> PackedChunk:
    """Worker entry point: one chunk of (offset, raw) pairs and the holdings map."""
    chunk, holdings_map = task
    records: list[tuple[Any, ...]] = []
    rejects: list[tuple[int, RejectedRecord]] = []
    for position, (offset, raw) in enumerate(chunk):
        prepared = prepare(offset, raw, holdings_map)
        if isinstance(prepared, RejectedRecord):
            rejects.append((position, prepared))
        else:
            records.append(tuple(prepared))  # marshal takes exact tuples only
    try:
        return "marshal", marshal.dumps(records), rejects
    except ValueError:  # a str subclass or other non-builtin value
        return "pickle", pickle.dumps(records, pickle.HIGHEST_PROTOCOL), rejects


def unpack_chunk(packed: PackedChunk) -> list[Prepared]:
    """The records of ``prepare_chunk``'s answer, rejected ones included, in chunk order."""
    kind, blob, rejects = packed
    loaded = marshal.loads(blob) if kind == "marshal" else pickle.loads(blob)
    prepared: list[Prepared] = [PreparedRecord._make(record) for record in loaded]
    for position, rejected in rejects:  # ascending: each lands where it was read
        prepared.insert(position, rejected)
    return prepared
