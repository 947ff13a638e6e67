"""The codec's public face: read files, convert to/from pymarc, write ISO 2709 and MARCXML."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

import pymarc

from .errors import MalformedRecord, MarcWriteError
from .iso2709 import (
    Field,
    LeanRecord,
    decode_canonical,
    decode_record,
    encode_record,
    is_control_tag,
)
from .mapping import EXTRACTED_TAGS, RecordFields, extract_lean
from .marcxml import decode_xml_record, write_marcxml
from .stream import RawRecord, RejectedRecord, Source, split_records


@dataclass(frozen=True, slots=True)
class ParsedRecord:
    """A readable record: where it starts in the file, its original bytes, the record."""

    offset: int
    raw: bytes
    record: pymarc.Record


def decode_raw(raw: bytes) -> tuple[LeanRecord, bool]:
    """Decode one record's bytes, ISO 2709 or a MARCXML ``<record>`` element.

    The flag says whether ``raw`` is already the canonical UTF-8 ISO 2709 form.
    """
    first = raw[:1]
    if first.isspace():  # only then is stripping (a copy of the record) needed
        first = raw.lstrip()[:1]
    if first == b"<":
        return decode_xml_record(raw), False
    return decode_record(raw)


def lean_to_pymarc(lean: LeanRecord) -> pymarc.Record:
    record = pymarc.Record(leader=lean.leader)
    fields = []
    for tag, value in lean.fields:
        if isinstance(value, str):
            fields.append(pymarc.Field(tag=tag, data=value))
        else:
            ind1, ind2, subfields = value
            fields.append(
                pymarc.Field(
                    tag=tag,
                    indicators=pymarc.Indicators(ind1, ind2),
                    subfields=[pymarc.Subfield(code, text) for code, text in subfields],
                )
            )
    record.fields = fields
    return record


def pymarc_to_lean(record: pymarc.Record) -> LeanRecord:
    fields: list[Field] = []
    for field in record.fields:
        if is_control_tag(field.tag) or field.is_control_field():
            fields.append((field.tag, field.data or ""))
        else:
            first, second = (*tuple(field.indicators or ("", "")), "", "")[:2]
            fields.append(
                (
                    field.tag,
                    (
                        str(first or " "),
                        str(second or " "),
                        [(sub.code, sub.value or "") for sub in field.subfields],
                    ),
                )
            )
    leader = str(record.leader).ljust(24)[:24]
    return LeanRecord(leader[:9] + "a" + leader[10:], fields)


def read_marc(source: Source) -> Iterator[ParsedRecord | RejectedRecord]:
    """Read every record of a file (path or binary file), ISO 2709 or MARCXML.

    MARC-8 and UTF-8 (also UTF-8 mis-flagged as MARC-8) are detected per record
    and every record comes out as Unicode NFC with leader/09 ``a``. A broken
    record is yielded as ``RejectedRecord`` with its offset, exact bytes and
    reason; reading continues with the next record.
    """
    for item in split_records(source):
        if isinstance(item, RejectedRecord):
            yield item
            continue
        try:
            lean, _canonical = decode_raw(item.raw)
        except MalformedRecord as error:
            yield RejectedRecord(item.offset, item.raw, str(error), type(error).__name__)
            continue
        yield ParsedRecord(item.offset, item.raw, lean_to_pymarc(lean))


def parse_and_extract(raw: bytes, offset: int = 0) -> tuple[bytes, RecordFields] | RejectedRecord:
    """Decode, canonicalise and extract one record; safe to run in a worker process.

    Returns the record as UTF-8 ISO 2709 (``raw`` itself when it already is
    canonical) with its extracted fields, or a ``RejectedRecord``. Both results
    are plain picklable values.
    """
    subset = decode_canonical(raw, EXTRACTED_TAGS)
    if subset is not None:  # the usual case, without building fields nobody reads
        return raw, extract_lean(subset)
    try:
        lean, canonical = decode_raw(raw)
        data = raw if canonical else encode_record(lean)
    except (MalformedRecord, MarcWriteError) as error:
        return RejectedRecord(offset, raw, str(error), type(error).__name__)
    except Exception as error:  # a codec bug must not stop an import of a million records
        return RejectedRecord(offset, raw, f"record cannot be read ({error})", type(error).__name__)
    return data, extract_lean(lean)


def extract(record: pymarc.Record) -> RecordFields:
    """Extract the indexed fields (title, authors, ISBNs, material type, ...) from a record."""
    return extract_lean(pymarc_to_lean(record))


def record_to_iso2709(record: pymarc.Record) -> bytes:
    """Serialise as ISO 2709, UTF-8 NFC, leader/09 ``a`` (raises ``MarcWriteError``)."""
    return encode_record(pymarc_to_lean(record))


def record_from_iso2709(data: bytes) -> pymarc.Record:
    """Decode one stored record (raises a ``MalformedRecord`` subclass if it is broken)."""
    lean, _canonical = decode_record(data)
    return lean_to_pymarc(lean)


def records_to_marcxml(records: Iterable[pymarc.Record], file: IO[bytes]) -> int:
    """Stream records as one MARCXML ``<collection>``; returns how many were written."""
    return write_marcxml((pymarc_to_lean(record) for record in records), file)


__all__ = [
    "ParsedRecord",
    "RawRecord",
    "RejectedRecord",
    "decode_raw",
    "extract",
    "lean_to_pymarc",
    "parse_and_extract",
    "pymarc_to_lean",
    "read_marc",
    "record_from_iso2709",
    "record_to_iso2709",
    "records_to_marcxml",
    "split_records",
]
