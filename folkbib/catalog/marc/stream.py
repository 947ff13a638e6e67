"""Split a MARC file into the exact bytes of each record, with byte offsets.

Splitting is separate from decoding so that an import can split in one process
and decode + extract in several (``parse_and_extract`` in workers). Boundary
problems (a wrong record length, a file cut short, an unclosed MARCXML
``<record>``) are reported here as ``RejectedRecord`` and reading resumes at the
next record, so one broken record never costs the rest of the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

_CHUNK = 1 << 20
# Bytes seen between records in real files (line breaks, NUL padding, DOS EOF).
_SEPARATORS = b"\r\n\x00 \t\x1a"

Format = Literal["iso2709", "marcxml"]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record's exact bytes, not yet decoded."""

    offset: int
    raw: bytes
    format: Format = "iso2709"


@dataclass(frozen=True, slots=True)
class RejectedRecord:
    """A record that cannot be read: where it starts, its exact bytes, and why.

    ``raw`` can be written byte-for-byte to a rejects file; ``kind`` is the
    error class name (``RecordLengthMismatch``, ...) for counting.
    """

    offset: int
    raw: bytes
    reason: str
    kind: str = "MalformedRecord"


Source = str | Path | IO[bytes]


def open_source(source: Source) -> tuple[IO[bytes], bool]:
    """Return a binary file and whether we opened it (and so must close it)."""
    if isinstance(source, str | Path):
        return open(source, "rb"), True
    if isinstance(source, io.TextIOBase):
        raise TypeError("read_marc needs a binary file (open it with 'rb')")
    return source, False


def split_records(source: Source) -> Iterator[RawRecord | RejectedRecord]:
    """Yield each record of an ISO 2709 or MARCXML file (auto-detected) as raw bytes."""
    fh, owned = open_source(source)
    try:
        head = fh.read(4096)
        stripped = head.lstrip(b"\xef\xbb\xbf" + _SEPARATORS)
        if stripped.startswith(b"<"):
            yield from _split_xml(fh, head)
        else:
            yield from _split_iso2709(fh, head)
    finally:
        if owned:
            fh.close()


class _Buffer:
    """A sliding window over a binary file that remembers absolute offsets."""

    def __init__(self, fh: IO[bytes], head: bytes) -> None:
        self.fh = fh
        self.data = head
        self.origin = 0  # file offset of data[0]
        self.pos = 0
        self.eof = False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.fh.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.data = self.data[self.pos :] + chunk
        self.origin += self.pos
        self.pos = 0
        return True

    def ensure(self, count: int) -> bool:
        while len(self.data) - self.pos < count:
            if not self.more():
                return False
        return True


def _split_iso2709(fh: IO[bytes], head: bytes) -> Iterator[RawRecord | RejectedRecord]:
    buf = _Buffer(fh, head)
    while True:
        while True:
            data, pos = buf.data, buf.pos
            while pos < len(data) and data[pos] in _SEPARATORS:
                pos += 1
            buf.pos = pos
            if pos < len(buf.data) or not buf.more():
                break
        if buf.pos >= len(buf.data):
            return
        buf.ensure(5)
        start = buf.pos
        length_text = buf.data[start : start + 5]
        if length_text.isdigit() and int(length_text) >= 25:
            length = int(length_text)
            buf.ensure(length)
            start = buf.pos
            end = start + length
            if end <= len(buf.data) and buf.data[end - 1] == 0x1D:
                yield RawRecord(buf.origin + start, buf.data[start:end])
                buf.pos = end
                continue
        # The leader's length is wrong: trust the record terminator instead.
        search_from = buf.pos
        while (found := buf.data.find(b"\x1d", search_from)) < 0:
            search_from = len(buf.data)
            before = buf.pos
            if not buf.more():
                break
            search_from -= before  # the window moved
        start = buf.pos
        offset = buf.origin + start
        if found < 0:
            raw = buf.data[start:]
            buf.pos = len(buf.data)
            yield RejectedRecord(
                offset,
                raw,
                f"truncated record: the file ends without a record terminator "
                f"({len(raw)} bytes after the last complete record)",
                "TruncatedRecord",
            )
            return
        raw = buf.data[start : found + 1]
        buf.pos = found + 1
        shown = raw[:5].decode("ascii", errors="replace")
        if shown.isdigit():
            reason = (
                f"record length in leader ({shown}) does not match the record ({len(raw)} bytes)"
            )
            yield RejectedRecord(offset, raw, reason, "RecordLengthMismatch")
        else:
            reason = f"record length in leader is not a number ({shown!r})"
            yield RejectedRecord(offset, raw, reason, "LeaderInvalid")


_XML_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?record(?=[\s>/])")
_XML_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?record\s*>")


def _split_xml(fh: IO[bytes], head: bytes) -> Iterator[RawRecord | RejectedRecord]:
    buf = _Buffer(fh, head)
    while True:
        start_match = _XML_START.search(buf.data, buf.pos)
        if start_match is None:
            # Keep a tail in case a start tag straddles the window edge.
            buf.pos = max(buf.pos, len(buf.data) - 64)
            if buf.more():
                continue
            return
        buf.pos = start_match.start()
        end_match = _XML_END.search(buf.data, start_match.end())
        next_start = _XML_START.search(buf.data, start_match.end())
        if next_start is not None and (end_match is None or next_start.start() < end_match.start()):
            raw = buf.data[buf.pos : next_start.start()]
            yield RejectedRecord(
                buf.origin + buf.pos,
                raw,
                "MARCXML record is not closed: a new <record> starts before </record>",
                "XmlRecordInvalid",
            )
            buf.pos = next_start.start()
            continue
        if end_match is None:
            if buf.more():
                continue
            raw = buf.data[buf.pos :]
            yield RejectedRecord(
                buf.origin + buf.pos,
                raw,
                "truncated MARCXML record: the file ends before </record>",
                "TruncatedRecord",
            )
            return
        yield RawRecord(buf.origin + buf.pos, buf.data[buf.pos : end_match.end()], "marcxml")
        buf.pos = end_match.end()
