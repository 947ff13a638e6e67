"""Typed errors of the MARC codec.

Every reason a record cannot be read is one class, so callers (the import
service, the rejects report) can count them by kind, while ``str(error)`` is
the precise, user-readable sentence that goes into the rejects report::

    MarcError                      anything the codec refuses
    ├── MalformedRecord            one record is broken; the rest of the file still reads
    │   ├── LeaderInvalid          leader too short / non-numeric length or base address
    │   ├── RecordLengthMismatch   leader/00-04 disagrees with the bytes up to the terminator
    │   ├── TruncatedRecord        the file ends without a record terminator
    │   ├── DirectoryInvalid       bad directory: length, entry syntax, entry past the end
    │   ├── FieldInvalid           a field does not end with a field terminator
    │   ├── EncodingInvalid        bytes that are neither valid UTF-8 nor MARC-8
    │   └── XmlRecordInvalid       a MARCXML <record> that cannot be read
    └── MarcWriteError             a record that cannot be serialised (e.g. > 99,999 bytes)
"""

from __future__ import annotations


class MarcError(Exception):
    """Base class of every error raised by ``folkbib.catalog.marc``."""


class MalformedRecord(MarcError):
    """One record is broken; ``str()`` is the reason shown to the user."""


class LeaderInvalid(MalformedRecord):
    pass


class RecordLengthMismatch(MalformedRecord):
    pass


class TruncatedRecord(MalformedRecord):
    pass


class DirectoryInvalid(MalformedRecord):
    pass


class FieldInvalid(MalformedRecord):
    pass


class EncodingInvalid(MalformedRecord):
    pass


class XmlRecordInvalid(MalformedRecord):
    pass


class MarcWriteError(MarcError):
    """A record cannot be written as ISO 2709 (too long, bad tag)."""
