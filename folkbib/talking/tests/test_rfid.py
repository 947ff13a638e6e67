"""The RFID tag decoder, with published example tag contents.

* The Danish data model example of libdanrfid's tests (github.com/GallusMax/libdanrfid,
  ``DDMDataTest``): barcode 11223344, country DE, library 705, CRC 0x3E51.
* The CRC check value of the Danish data model specification: "RFID tag data model"
  gives 0x1AEE.
* ISO 28560-2:2023 Annex D's primary item identifier 123456789012 in integer
  compaction: precursor 0x91 (offset flag, scheme 1, OID 1), offset 0, length 5,
  data 1C BE 99 1A 14.
"""

from __future__ import annotations

import pytest

from folkbib.talking import rfid

DANISH_EXAMPLE = "11010131313232333334340000000000000000513e4445373035000000000000"


def test_the_crc_matches_the_danish_data_model_check_value():
    assert rfid.crc16(b"RFID tag data model") == 0x1AEE


def test_it_decodes_the_published_danish_data_model_tag():
    tag = rfid.decode_tag(DANISH_EXAMPLE)
    assert tag == rfid.TagData(
        model="nordic",
        primary_item_identifier="11223344",
        owner_library="705",
        country="DE",
        parts_in_set=1,
        part_number=1,
        usage="circulating",
    )


def test_it_accepts_hex_as_reader_wedges_type_it():
    spaced = " ".join(DANISH_EXAMPLE[i : i + 2] for i in range(0, 64, 2)).upper()
    assert rfid.decode_tag(spaced).primary_item_identifier == "11223344"
    assert rfid.decode_tag("0x" + DANISH_EXAMPLE).primary_item_identifier == "11223344"


def test_a_damaged_nordic_block_is_refused_not_misread():
    damaged = DANISH_EXAMPLE[:6] + "39" + DANISH_EXAMPLE[8:]  # one digit of the barcode
    with pytest.raises(rfid.RfidError):
        rfid.decode_tag(damaged)


def test_it_decodes_the_iso_28560_2_annex_d_primary_item_identifier():
    tag = rfid.decode_tag("91 00 05 1C BE 99 1A 14")
    assert tag.model == "iso28560-2"
    assert tag.primary_item_identifier == "123456789012"


def test_iso_28560_2_with_an_octet_identifier_and_owner_library():
    # OID 1 octet-coded "30000002", OID 3 octet-coded "SE-Um", then the terminator.
    data = bytes([0x61, 8]) + b"30000002" + bytes([0x63, 5]) + b"SE-Um" + b"\x00\x00"
    tag = rfid.decode_tag(data)
    assert (tag.primary_item_identifier, tag.owner_library) == ("30000002", "SE-Um")


def test_iso_28560_2_with_seven_bit_compaction():
    text = "AB12"
    bits = "".join(f"{ord(c):07b}" for c in text)
    bits += "1" * (-len(bits) % 8)
    value = int(bits, 2).to_bytes(len(bits) // 8, "big")
    tag = rfid.decode_tag(bytes([0x51, len(value)]) + value)
    assert tag.primary_item_identifier == "AB12"


def test_a_written_nordic_block_reads_back():
    block = rfid.encode_nordic("30000002", country="SE", library="Um", parts_in_set=2)
    tag = rfid.decode_tag(block.hex())
    assert (tag.primary_item_identifier, tag.country, tag.owner_library) == ("30000002", "SE", "Um")
    assert (tag.parts_in_set, tag.part_number) == (2, 1)


@pytest.mark.parametrize("junk", ["", "zz", "123", "00" * 32, "ff" * 32, "91 00 09 1C"])
def test_junk_is_an_rfid_error(junk: str):
    with pytest.raises(rfid.RfidError):
        rfid.decode_tag(junk)


@pytest.mark.parametrize(
    ("typed", "is_tag"),
    [
        ("30000002", False),
        ("9789129657623", False),
        ("91-29-65762-X", False),
        (DANISH_EXAMPLE, True),
        ("91 00 05 1C BE 99 1A 14", True),
    ],
)
def test_kiosk_input_is_told_apart_from_barcodes_and_isbns(typed: str, is_tag: bool):
    assert rfid.looks_like_tag_hex(typed) is is_tag
