"""Pure MARC21 codec and field mapping (no ORM).

- ``read_marc(path_or_binary_file)`` -> ``ParsedRecord | RejectedRecord`` for each record
  (ISO 2709 or MARCXML, MARC-8 or UTF-8, all auto-detected);
- ``split_records`` + ``parse_and_extract`` for imports that decode in worker processes;
- ``extract(record)`` -> ``RecordFields``;
- ``record_to_iso2709`` / ``record_from_iso2709`` / ``records_to_marcxml`` for storage and export.
"""

from .errors import (
    DirectoryInvalid,
    EncodingInvalid,
    FieldInvalid,
    LeaderInvalid,
    MalformedRecord,
    MarcError,
    MarcWriteError,
    RecordLengthMismatch,
    TruncatedRecord,
    XmlRecordInvalid,
)
from .iso2709 import LeanRecord, decode_record, encode_record
from .mapping import RecordFields, extract_lean, normalise_035
from .marcxml import write_marcxml
from .reader import (
    ParsedRecord,
    RawRecord,
    RejectedRecord,
    decode_raw,
    extract,
    parse_and_extract,
    read_marc,
    record_from_iso2709,
    record_to_iso2709,
    records_to_marcxml,
    split_records,
)

__all__ = [
    "DirectoryInvalid",
    "EncodingInvalid",
    "FieldInvalid",
    "LeaderInvalid",
    "LeanRecord",
    "MalformedRecord",
    "MarcError",
    "MarcWriteError",
    "ParsedRecord",
    "RawRecord",
    "RecordFields",
    "RecordLengthMismatch",
    "RejectedRecord",
    "TruncatedRecord",
    "XmlRecordInvalid",
    "decode_raw",
    "decode_record",
    "encode_record",
    "extract",
    "extract_lean",
    "normalise_035",
    "parse_and_extract",
    "read_marc",
    "record_from_iso2709",
    "record_to_iso2709",
    "records_to_marcxml",
    "split_records",
    "write_marcxml",
]
