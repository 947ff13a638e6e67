"""Decoding the data on a library RFID tag to the item's barcode: pure, no I/O.

Two data models are in use on library tags (ISO 28560-1 defines their elements):

* The **Nordic (Danish) data model**, the fixed-length layout Danish, Swedish and
  Norwegian libraries adopted from DS/INF 163-1, standardised as ISO 28560-3. The first
  32-byte block of user memory holds everything a circulation system needs::

      byte  0      version (high nibble, 1) and type of usage (low nibble)
      byte  1      parts in the set            byte 2   number of this part
      bytes 3-18   primary item identifier (the barcode), ASCII, NUL-padded
      bytes 19-20  CRC-16/CCITT (poly 0x1021, start 0xFFFF) of the other 30 bytes
                   followed by two zero bytes, stored low byte first
      bytes 21-22  country of the owner library (ISO 3166-1 alpha-2)
      bytes 23-31  owner library (ISIL suffix), ASCII, NUL-padded

* The **object-identifier encoding of ISO 28560-2** (rules from ISO/IEC 15962, used in
  Finland, the UK and elsewhere): a sequence of data sets, each a precursor byte
  (bit 7 offset flag, bits 6-4 compaction scheme, bits 3-0 relative OID; OID 1 is the
  primary item identifier, 3 the owner library, 4 set information), an optional
  offset byte (pad bytes after the data), a length byte and the compacted data.

:func:`decode_tag` tries the Nordic layout first (its CRC makes a false match
unlikely) and falls back to ISO 28560-2. A reader wedge types the memory as
hexadecimal; :func:`parse_hex` accepts that with or without spaces and separators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "RfidError",
    "TagData",
    "crc16",
    "decode_iso28560_2",
    "decode_nordic",
    "decode_tag",
    "encode_nordic",
    "looks_like_tag_hex",
    "parse_hex",
]

NORDIC_BLOCK = 32
_HEX = re.compile(r"^[0-9a-fA-F]+$")

#: Type of usage (low nibble of byte 0 in the Nordic model; class in ISO 28560-1).
USAGE = {
    0: "acquisition",
    1: "circulating",
    2: "not_circulating",
    7: "discarded",
    8: "patron_card",
}


class RfidError(ValueError):
    """Tag data that no supported data model decodes; ``str()`` says why (for logs)."""


@dataclass(frozen=True)
class TagData:
    """What a library tag says about its item."""

    model: str  # "nordic" (ISO 28560-3 / Danish) or "iso28560-2"
    primary_item_identifier: str  # the barcode
    owner_library: str = ""  # ISIL (or its library part in the Nordic model)
    country: str = ""
    parts_in_set: int = 1
    part_number: int = 1
    usage: str = ""


def parse_hex(text: str) -> bytes:
    """The bytes of a tag typed as hex ("11 01 01 31", "11:01:01:31", "0x110101…")."""
    cleaned = re.sub(r"[\s:\-_]", "", text.strip())
    if cleaned[:2].lower() == "0x":
        cleaned = cleaned[2:]
    if not cleaned or not _HEX.match(cleaned) or len(cleaned) % 2:
        raise RfidError("not an even number of hexadecimal digits")
    return bytes.fromhex(cleaned)


def looks_like_tag_hex(text: str) -> bool:
    """Whether typed input is tag memory rather than a barcode or ISBN.

    Tag data is at least 8 bytes of hex; a barcode is digits only, an ISBN at most 13
    digits and an X. Hex of all-decimal digits 16+ long is still taken for tag data,
    since no barcode in the region is that long.
    """
    cleaned = re.sub(r"[\s:\-_]", "", text.strip())
    if cleaned[:2].lower() == "0x":
        cleaned = cleaned[2:]
    if len(cleaned) < 16 or len(cleaned) % 2 or not _HEX.match(cleaned):
        return False
    return not cleaned.isdigit() or len(cleaned) >= 24


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, start 0xFFFF, no reflection, no final xor)."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _nordic_crc(block: bytes) -> int:
    # The CRC covers bytes 0-18 and 21-31 and then two zero bytes (34 bytes less the CRC).
    return crc16(block[:19] + block[21:32] + b"\x00\x00")


def _ascii(field: bytes) -> str:
    return field.split(b"\x00", 1)[0].decode("ascii", errors="strict").strip()


def decode_nordic(data: bytes) -> TagData:
    """Decode the first block of a tag in the Nordic (Danish) data model."""
    if len(data) < NORDIC_BLOCK:
        raise RfidError(f"Nordic block needs {NORDIC_BLOCK} bytes, got {len(data)}")
    block = data[:NORDIC_BLOCK]
    version = block[0] >> 4
    if version != 1:
        raise RfidError(f"Nordic data model version {version} is not 1")
    stored = block[19] | (block[20] << 8)
    if stored != _nordic_crc(block):
        raise RfidError("Nordic block CRC does not match")
    try:
        barcode = _ascii(block[3:19])
        country = _ascii(block[21:23])
        library = _ascii(block[23:32])
    except UnicodeDecodeError as error:
        raise RfidError("Nordic block text is not ASCII") from error
    if not barcode:
        raise RfidError("Nordic block has no primary item identifier")
    return TagData(
        model="nordic",
        primary_item_identifier=barcode,
        owner_library=library,
        country=country,
        parts_in_set=block[1] or 1,
        part_number=block[2] or 1,
        usage=USAGE.get(block[0] & 0x0F, str(block[0] & 0x0F)),
    )


def encode_nordic(
    barcode: str,
    *,
    country: str = "SE",
    library: str = "",
    usage: int = 1,
    parts_in_set: int = 1,
    part_number: int = 1,
) -> bytes:
    """The 32-byte Nordic block for an item (used by tests and tag-writing stations)."""
    ident = barcode.encode("ascii")
    lib = library.encode("ascii")
    if len(ident) > 16 or len(lib) > 9 or len(country) != 2:
        raise RfidError("field too long for the Nordic block")
    block = bytearray(NORDIC_BLOCK)
    block[0] = 0x10 | (usage & 0x0F)
    block[1], block[2] = parts_in_set, part_number
    block[3 : 3 + len(ident)] = ident
    block[21:23] = country.encode("ascii")
    block[23 : 23 + len(lib)] = lib
    crc = _nordic_crc(bytes(block))
    block[19], block[20] = crc & 0xFF, crc >> 8
    return bytes(block)


# -- ISO 28560-2 (ISO/IEC 15962 object identifiers) -------------------------------------------

_OID_PRIMARY, _OID_OWNER, _OID_SET = 1, 3, 4


def _bits(data: bytes) -> str:
    return "".join(f"{byte:08b}" for byte in data)


def _unpack(data: bytes, width: int, table: dict[int, str] | None = None) -> str:
    bits = _bits(data)
    chars = []
    for start in range(0, len(bits) - width + 1, width):
        value = int(bits[start : start + width], 2)
        if table is not None:
            if value not in table:
                break  # the rest is padding
            chars.append(table[value])
        else:
            chars.append(chr(value))
    return "".join(chars)


# ISO/IEC 15962 6-bit code: the 64 characters 0x20-0x5F, keyed by their low six bits.
_SIX_BIT = {code & 0x3F: chr(code) for code in range(0x20, 0x60)}
_FIVE_BIT = {value: chr(0x40 + value) for value in range(1, 27)}


def _decompact(scheme: int, data: bytes) -> str:
    if scheme == 1:  # unsigned integer, big-endian (a numeric string without leading zeros)
        return str(int.from_bytes(data, "big"))
    if scheme == 3:
        return _unpack(data, 5, _FIVE_BIT)
    if scheme == 4:
        return _unpack(data, 6, _SIX_BIT).rstrip()
    if scheme == 5:  # 7-bit ASCII packed; trailing bits that do not fill a character are pad
        return _unpack(data, 7).rstrip("\x7f\x00")
    if scheme == 6:
        return data.rstrip(b"\x00").decode("latin-1")
    if scheme == 7:
        return data.rstrip(b"\x00").decode("utf-8", errors="strict")
    raise RfidError(f"compaction scheme {scheme} is not supported")


def decode_iso28560_2(data: bytes) -> TagData:
    """Decode ISO 28560-2 data sets up to the terminator (a zero precursor) or the end.

    The owner library is decoded only where stored as plain characters; the ISIL-specific
    compaction (scheme 0) is left out, since the barcode is what the kiosk needs.
    """
    position = 0
    found: dict[int, str] = {}
    while position < len(data) and data[position] != 0:
        precursor = data[position]
        position += 1
        has_offset = bool(precursor & 0x80)
        scheme = (precursor >> 4) & 0x07
        oid = precursor & 0x0F
        if oid == 0x0F:  # an extended OID follows in the next byte
            oid = 15 + data[position] if position < len(data) else 0
            position += 1
        pad = 0
        if has_offset:
            if position >= len(data):
                raise RfidError("data set cut off after its precursor")
            pad = data[position]
            position += 1
        if position >= len(data):
            raise RfidError("data set cut off before its length")
        length = data[position]
        position += 1
        if position + length > len(data) or length == 0:
            raise RfidError("data set longer than the tag data")
        value = data[position : position + length]
        position += length + pad
        if oid in (_OID_PRIMARY, _OID_OWNER, _OID_SET) and oid not in found:
            try:
                found[oid] = _decompact(scheme, value)
            except (RfidError, UnicodeDecodeError):
                if oid == _OID_PRIMARY:
                    raise
    barcode = found.get(_OID_PRIMARY, "")
    if not barcode:
        raise RfidError("no primary item identifier among the data sets")
    parts_in_set, part_number = 1, 1
    set_info = found.get(_OID_SET, "")
    if set_info.isdigit() and len(set_info) % 2 == 0:
        half = len(set_info) // 2
        part_number, parts_in_set = int(set_info[:half]), int(set_info[half:])
    return TagData(
        model="iso28560-2",
        primary_item_identifier=barcode,
        owner_library=found.get(_OID_OWNER, ""),
        parts_in_set=parts_in_set,
        part_number=part_number,
    )


def decode_tag(data: bytes | str) -> TagData:
    """The item on a tag, from its user memory (bytes, or hex as a reader wedge types it)."""
    raw = parse_hex(data) if isinstance(data, str) else data
    try:
        return decode_nordic(raw)
    except RfidError as nordic:
        try:
            return decode_iso28560_2(raw)
        except RfidError as other:
            raise RfidError(f"Nordic: {nordic}; ISO 28560-2: {other}") from other
