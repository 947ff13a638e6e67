"""A minimal, fast ISO 2709 (MARC21, UTF-8) writer for generated benchmark data.

Building a pymarc ``Record`` per generated record would cost more than everything
else the generator does, so fields are encoded to bytes once (the reusable ones
are even encoded ahead of time) and a record is the concatenation of its fields.

Invariants of every record this module writes: leader/09 = 'a' (UTF-8), indicator
count and subfield code length 2, lengths and offsets counted in bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

FIELD_TERMINATOR = b"\x1e"
RECORD_TERMINATOR = b"\x1d"
SUBFIELD_DELIMITER = b"\x1f"

# A field ready to be placed in a record: (tag, encoded body ending with the terminator).
EncodedField = tuple[str, bytes]


def control_field(tag: str, value: str) -> EncodedField:
    return tag, value.encode("utf-8") + FIELD_TERMINATOR


def data_field(tag: str, indicators: str, subfields: Iterable[tuple[str, str]]) -> EncodedField:
    """Encode a data field; empty subfield values are dropped (MARC has no empty subfields)."""
    parts = [indicators.encode("utf-8")]
    for code, value in subfields:
        if value:
            parts.append(SUBFIELD_DELIMITER + code.encode("ascii") + value.encode("utf-8"))
    parts.append(FIELD_TERMINATOR)
    return tag, b"".join(parts)


def encode_record(leader_type: str, fields: Sequence[EncodedField]) -> bytes:
    """Assemble one record. ``leader_type`` is leader/05-08 (status, type, level, control).

    Fields must already be in tag order; the directory keeps the order given.
    """
    directory = []
    offset = 0
    for tag, body in fields:
        length = len(body)
        directory.append(b"%s%04d%05d" % (tag.encode("ascii"), length, offset))
        offset += length
    directory_bytes = b"".join(directory) + FIELD_TERMINATOR
    base_address = 24 + len(directory_bytes)
    record_length = base_address + offset + 1
    if record_length > 99999:
        raise ValueError("record longer than ISO 2709 allows (99,999 bytes)")
    leader = b"%05d%sa22%05d i 4500" % (
        record_length,
        leader_type.encode("ascii"),
        base_address,
    )
    return leader + directory_bytes + b"".join(body for _, body in fields) + RECORD_TERMINATOR
