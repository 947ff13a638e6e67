"""The SIP2 message codec: bytes <-> :class:`Message`, with sequence number and checksum.

Pure: no database, no sockets, no clock. A message on the wire is

    <command 2><fixed fields><XXvalue|XXvalue|...>[AY<digit>][AZ<4 hex>]<CR>

The checksum (AZ) is computed over the *bytes* of the encoded message, from the first
byte of the command up to and including the letters ``AZ``: their sum, the lower 16
bits, two's complement, as four hex digits. So the character set (UTF-8 or cp850)
matters: the same text has another checksum in each.

:func:`parse` refuses what cannot be trusted with a :class:`SipFormatError` subclass
(the server answers those with 96, "please resend"); it never guesses at a broken
message. :func:`build` never emits a message the other side could misread: ``|`` and
line breaks inside values are replaced, fixed fields must have their exact length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from folkbib.protocols.sip2.messages import MESSAGES

CR = b"\r"
ENCODINGS = ("utf-8", "cp850")
#: The longest variable field value the specification allows, in characters.
MAX_FIELD = 255

# The tail of a message: an optional sequence number, then an optional checksum. Some
# clients (e.g. the PyPI ``Sip2`` package) print the checksum without leading zeros,
# so one to four hex digits are read; four are always written.
_TAIL = re.compile(rb"(?:AY(?P<seq>[^|]*?))?(?:AZ(?P<sum>[0-9A-Fa-f]{1,4}))?$")
_FIELD_CODE = re.compile(r"[A-Z]{2}")


class SipFormatError(Exception):
    """A message that cannot be trusted as received; the ACS answers 96 (resend)."""


class ChecksumMismatch(SipFormatError):
    pass


class BadSequenceNumber(SipFormatError):
    pass


class TruncatedMessage(SipFormatError):
    pass


class UnknownCommand(SipFormatError):
    pass


class MalformedMessage(SipFormatError):
    pass


@dataclass
class Message:
    """One SIP2 message. ``fields`` keeps order and repeats (e.g. several AU or AF)."""

    command: str
    fixed: dict[str, str] = field(default_factory=dict)
    fields: list[tuple[str, str]] = field(default_factory=list)
    sequence: int | None = None
    has_checksum: bool = False

    def get(self, code: str, default: str = "") -> str:
        """The first value of field ``code``, or ``default`` when absent."""
        for name, value in self.fields:
            if name == code:
                return value
        return default

    def get_all(self, code: str) -> list[str]:
        return [value for name, value in self.fields if name == code]

    def has(self, code: str) -> bool:
        return any(name == code for name, _value in self.fields)

    @property
    def name(self) -> str:
        return MESSAGES[self.command].name


def checksum(data: bytes) -> str:
    """The four hex digits that make ``data`` + digits sum to zero (mod 2**16)."""
    return f"{-sum(data) & 0xFFFF:04X}"


def checksum_ok(data: bytes, digits: str) -> bool:
    return (sum(data) + int(digits, 16)) & 0xFFFF == 0


def parse(raw: bytes, *, encoding: str = "utf-8") -> Message:
    """Read one message (with or without its trailing CR / CR LF) into a :class:`Message`.

    Raises :class:`ChecksumMismatch`, :class:`BadSequenceNumber`,
    :class:`TruncatedMessage`, :class:`UnknownCommand` or :class:`MalformedMessage`.
    Unknown field codes are kept (the specification says to ignore them, the caller
    may); a missing required field is :class:`MalformedMessage`.
    """
    data = raw.rstrip(b"\r\n").lstrip(b"\n")
    if len(data) < 2:
        raise TruncatedMessage("shorter than a command")
    tail = _TAIL.search(data)
    body = data
    sequence: int | None = None
    has_checksum = False
    if tail is not None and tail.group(0):
        if tail.group("sum") is not None:
            has_checksum = True
            summed = data[: tail.start("sum")]
            if not checksum_ok(summed, tail.group("sum").decode("ascii")):
                raise ChecksumMismatch(f"checksum {tail.group('sum').decode()} does not match")
        if tail.group(0).startswith(b"AY"):
            seq = tail.group("seq") or b""
            if not (len(seq) == 1 and seq.isdigit()):
                raise BadSequenceNumber(f"sequence number {seq!r} is not a digit 0-9")
            sequence = int(seq)
        body = data[: tail.start()]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        raise MalformedMessage(f"not {encoding}: {error.reason}") from None
    if any(ch in text for ch in "\r\n\x00"):
        raise MalformedMessage("control characters inside the message")
    command = text[:2]
    spec = MESSAGES.get(command)
    if spec is None:
        raise UnknownCommand(f"unknown command {command!r}")
    end = 2 + spec.fixed_length
    if len(text) < end:
        raise TruncatedMessage(f"{spec.name}: {len(text) - 2} of {spec.fixed_length} fixed chars")
    fixed: dict[str, str] = {}
    at = 2
    for name, length in spec.fixed:
        fixed[name] = text[at : at + length]
        at += length
    fields = _parse_fields(text[end:], spec.name)
    present = {code for code, _value in fields}
    missing = [code for code in spec.required if code not in present]
    if missing:
        raise MalformedMessage(f"{spec.name}: missing required field(s) {', '.join(missing)}")
    return Message(command, fixed, fields, sequence, has_checksum)


def _parse_fields(text: str, name: str) -> list[tuple[str, str]]:
    if not text:
        return []
    parts = text.split("|")
    if parts[-1] == "":
        parts.pop()
    # The last field may lack its "|" (seen in the wild before AY); one without a
    # proper two-letter code is garbage, not a field.
    fields = []
    for part in parts:
        code = part[:2]
        if not _FIELD_CODE.fullmatch(code) or code in ("AY", "AZ"):
            raise MalformedMessage(f"{name}: {part[:10]!r} is not a field")
        fields.append((code, part[2:]))
    return fields


def clean(value: str) -> str:
    """A value that cannot break the framing: no field separator, no line breaks."""
    return value.replace("|", "/").replace("\r", " ").replace("\n", " ").replace("\x00", "")


def build(message: Message, *, encoding: str = "utf-8", checksummed: bool = True) -> bytes:
    """Encode ``message`` with its CR; fields go in the order the specification prints.

    Fields the specification does not know for the command come after the known ones,
    in the order given. Characters the encoding lacks become ``?``. An AY follows when
    ``message.sequence`` is set, then with ``checksummed`` an AZ.
    Raises ValueError on a fixed field of the wrong length or a missing one, an
    unknown command, a bad field code or a value longer than 255 characters.
    """
    spec = MESSAGES.get(message.command)
    if spec is None:
        raise ValueError(f"unknown command {message.command!r}")
    parts = [message.command]
    for name, length in spec.fixed:
        value = message.fixed.get(name)
        if value is None or len(value) != length:
            raise ValueError(f"{spec.name}: fixed field {name} must be {length} chars: {value!r}")
        parts.append(clean(value))
    order = spec.field_order
    ranked = sorted(
        enumerate(message.fields),
        key=lambda pair: (order.get(pair[1][0], len(order)), pair[0]),
    )
    for _index, (code, value) in ranked:
        if not _FIELD_CODE.fullmatch(code):
            raise ValueError(f"bad field code {code!r}")
        if len(value) > MAX_FIELD:
            raise ValueError(f"{code} longer than {MAX_FIELD} characters")
        parts.append(f"{code}{clean(value)}|")
    data = "".join(parts).encode(encoding, errors="replace")
    if message.sequence is not None:
        data += b"AY%d" % message.sequence
    if checksummed:
        data += b"AZ"
        data += checksum(data).encode("ascii")
    return data + CR


def split_value(text: str, width: int = MAX_FIELD) -> list[str]:
    """``text`` in pieces of at most ``width`` characters, broken at spaces where possible.

    For screen messages and print lines, which may repeat.
    """
    text = " ".join(text.split())
    if not text:
        return []
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines
