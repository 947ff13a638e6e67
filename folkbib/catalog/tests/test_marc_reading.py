"""Reading MARC files: encodings, broken records (with offsets and reasons), round trips."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pymarc
import pytest

from folkbib.catalog.marc import (
    ParsedRecord,
    RejectedRecord,
    extract,
    parse_and_extract,
    read_marc,
    record_from_iso2709,
    record_to_iso2709,
    records_to_marcxml,
    split_records,
)
from folkbib.catalog.marc.errors import DirectoryInvalid, RecordLengthMismatch

DATA = Path(__file__).parent / "marc_data"
EDGE = DATA / "edge_cases"


def _read(path: Path) -> list[ParsedRecord | RejectedRecord]:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as file:
            return list(read_marc(file))
    return list(read_marc(path))


def _split(
    items: list[ParsedRecord | RejectedRecord],
) -> tuple[list[ParsedRecord], list[RejectedRecord]]:
    parsed = [item for item in items if isinstance(item, ParsedRecord)]
    rejected = [item for item in items if isinstance(item, RejectedRecord)]
    return parsed, rejected


# --- encodings -------------------------------------------------------------------


def test_marc8_diacritics_come_out_as_composed_unicode() -> None:
    parsed, _ = _split(_read(DATA / "marc8_evergreen_lul_fre_3.mrc"))
    assert parsed[0].record["100"]["a"] == "Félice, Philippe de."
    assert parsed[0].record["100"]["a"] == "F\u00e9lice, Philippe de."  # NFC, not e + U+0301
    assert parsed[0].record.leader[9] == "a"


def test_utf8_flagged_as_marc8_is_read_as_utf8() -> None:
    parsed, _ = _split(_read(DATA / "utf8_misflagged_evergreen_fsl_3.mrc"))
    assert parsed[0].raw[9:10] == b" "
    assert extract(parsed[0].record).title == "Люди с чистой совестью"


def test_marc8_flagged_as_utf8_is_read_as_marc8() -> None:
    # The damaged pride-and-prejudice file has MARC-8 bytes in records flagged UTF-8;
    # marc4j's "fixed" twin of record 23 reads "CD-levyllä" (MARC-8 0xE8 = umlaut).
    items = _read(EDGE / "marc4j_pride-and-prejudice-with-many-errors.mrc.gz")
    record = next(item for item in items if item.offset == 17338)
    assert isinstance(record, ParsedRecord)
    assert record.raw[9:10] == b"a"
    assert "CD-levyllä valittuja osia kirjasta." in [
        field.value() for field in record.record.get_fields("500")
    ]


# --- the edge cases: good records through, bad ones rejected with offset and reason ---------


def test_a_truncated_file_yields_its_complete_records_and_rejects_the_rest() -> None:
    parsed, rejected = _split(_read(EDGE / "marc4j_008008027.mrc"))
    assert len(parsed) == 18
    assert [(item.offset, item.kind) for item in rejected] == [(62502, "TruncatedRecord")]
    assert rejected[0].reason.startswith(
        "truncated record: the file ends without a record terminator"
    )
    assert len(rejected[0].raw) == 65536 - 62502


def test_an_oversized_hathi_record_is_rejected_and_reading_resumes_after_it() -> None:
    parsed, rejected = _split(_read(EDGE / "marc4j_bad_hathi_records.mrc.gz"))
    assert [item.offset for item in parsed] == [0, 1293, 5259, 1103230]
    assert [(item.offset, item.reason) for item in rejected] == [
        (6343, "record length in leader (99999) does not match the record (1096887 bytes)")
    ]
    assert len(rejected[0].raw) == 1096887


def test_a_slice_without_a_valid_record_boundary_is_one_rejected_record() -> None:
    parsed, rejected = _split(_read(EDGE / "marc4j_datos-20161010-slice.mrc.gz"))
    assert parsed == []
    assert [(item.offset, item.kind) for item in rejected] == [(0, "RecordLengthMismatch")]
    assert len(rejected[0].raw) == 214804


def test_sixteen_bad_directories_are_rejected_and_the_other_records_read() -> None:
    parsed, rejected = _split(_read(EDGE / "marc4j_pride-and-prejudice-with-many-errors.mrc.gz"))
    assert (len(parsed), len(rejected)) == (367, 16)
    assert {item.kind for item in rejected} == {"DirectoryInvalid"}
    assert rejected[0].reason == "directory length (119 bytes) is not a multiple of 12"


def test_solrmarc_error_records_are_all_readable() -> None:
    parsed, rejected = _split(_read(EDGE / "solrmarc_errorRecs.mrc"))
    assert (len(parsed), len(rejected)) == (5, 0)
    assert extract(parsed[0].record).title.startswith("A platform of church discipline")


def test_the_evergreen_record_with_a_garbage_byte_in_its_leader_is_recovered() -> None:
    # pymarc cannot decode it (0x92 in the leader's fixed "4500" entry map); the data is intact.
    parsed, rejected = _split(_read(EDGE / "evergreen_oss.marc"))
    assert (len(parsed), len(rejected)) == (42, 0)
    record = next(item for item in parsed if item.offset == 40499)
    assert record.raw[22:23] == b"\x92"
    assert record.record.leader[20:24] == "4500"
    assert record_to_iso2709(record.record)[20:24] == b"4500"
    assert extract(record.record).title


def test_rejected_bytes_are_exactly_the_original_bytes() -> None:
    original = (EDGE / "marc4j_008008027.mrc").read_bytes()
    for item in _read(EDGE / "marc4j_008008027.mrc"):
        assert original[item.offset : item.offset + len(item.raw)] == item.raw


def test_a_record_length_that_is_not_a_number_is_reported() -> None:
    good = record_to_iso2709(_book())
    broken = b"abcde" + good[5:]
    items = list(read_marc(io.BytesIO(broken + good)))
    assert isinstance(items[0], RejectedRecord)
    assert items[0].reason == "record length in leader is not a number ('abcde')"
    assert isinstance(items[1], ParsedRecord) and items[1].offset == len(broken)


def test_a_directory_entry_past_the_end_is_reported() -> None:
    good = bytearray(record_to_iso2709(_book()))
    good[24 + 12 + 7 : 24 + 12 + 12] = b"99999"  # second entry's start
    with pytest.raises(
        DirectoryInvalid, match="directory entry 2 \\(tag 245\\) points past the end"
    ):
        record_from_iso2709(bytes(good))
    with pytest.raises(RecordLengthMismatch):
        record_from_iso2709(bytes(good) + b"x")


# --- MARCXML -----------------------------------------------------------------------


def test_a_broken_marcxml_record_is_rejected_and_the_others_parse() -> None:
    buffer = io.BytesIO()
    records_to_marcxml([_book("Ett"), _book("Två"), _book("Tre")], buffer)
    xml = buffer.getvalue().replace(b'<subfield code="a">Tv', b'<subfield code="a"><b>Tv', 1)
    items = list(read_marc(io.BytesIO(xml)))
    titles = [extract(item.record).title for item in items if isinstance(item, ParsedRecord)]
    assert titles == ["Ett", "Tre"]
    rejected = [item for item in items if isinstance(item, RejectedRecord)]
    assert len(rejected) == 1
    assert rejected[0].reason.startswith("MARCXML record is not well-formed XML (mismatched tag")
    assert xml[rejected[0].offset :].startswith(b"<record>")
    assert rejected[0].raw.endswith(b"</record>")


def test_an_unclosed_marcxml_record_does_not_swallow_the_next_one() -> None:
    buffer = io.BytesIO()
    records_to_marcxml([_book("Ett"), _book("Två")], buffer)
    xml = buffer.getvalue().replace(b"</record>", b"", 1)
    items = list(read_marc(io.BytesIO(xml)))
    assert [type(item).__name__ for item in items] == ["RejectedRecord", "ParsedRecord"]
    assert "not closed" in items[0].reason


def test_prefixed_marcxml_from_libris_reads() -> None:
    parsed, rejected = _split(_read(DATA / "libris_batch0.marcxml.xml"))
    assert rejected == []
    assert extract(parsed[0].record).title == "Polisbilen får ett larm"


# --- writing and round trips -------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["marc8_spectest_selection.mrc", "libris_bib.mrc", "openlibrary_880_alternate_script.mrc"],
)
def test_read_write_read_gives_identical_records(name: str) -> None:
    for item in _read(DATA / name):
        assert isinstance(item, ParsedRecord)
        data = record_to_iso2709(item.record)
        again = record_from_iso2709(data)
        assert again.as_dict() == _with_length(item.record, data).as_dict()
        assert record_to_iso2709(again) == data


def test_marcxml_written_and_read_back_gives_identical_records() -> None:
    originals = [item.record for item in _read(DATA / "marc8_spectest_selection.mrc")]  # type: ignore[union-attr]
    buffer = io.BytesIO()
    assert records_to_marcxml(originals, buffer) == len(originals)
    buffer.seek(0)
    again = [item.record for item in read_marc(buffer)]  # type: ignore[union-attr]
    assert [record_to_iso2709(r) for r in again] == [record_to_iso2709(r) for r in originals]


def test_parse_and_extract_returns_canonical_utf8_and_fields() -> None:
    raw = next(split_records(DATA / "marc8_evergreen_lul_fre_3.mrc")).raw
    result = parse_and_extract(raw)
    assert not isinstance(result, RejectedRecord)
    data, fields = result
    assert data[9:10] == b"a" and "Félice".encode() in data
    assert fields.authors == ["Félice, Philippe de"]


def test_parse_and_extract_keeps_a_canonical_record_byte_for_byte() -> None:
    raw = record_to_iso2709(_book())
    result = parse_and_extract(raw)
    assert not isinstance(result, RejectedRecord)
    assert result[0] is raw


def test_parse_and_extract_reports_a_broken_record_with_its_offset() -> None:
    result = parse_and_extract(b"00030nam  2200025   4500\x1e\x1d", offset=77)
    assert isinstance(result, RejectedRecord)
    assert (result.offset, result.kind) == (77, "RecordLengthMismatch")


def _book(title: str = "Pippi Långstrump") -> pymarc.Record:
    record = pymarc.Record(leader="00000nam a2200000 a 4500")
    record.add_field(pymarc.Field(tag="001", data="1"))
    record.add_field(
        pymarc.Field(
            tag="245",
            indicators=pymarc.Indicators("1", "0"),
            subfields=[pymarc.Subfield("a", title)],
        )
    )
    return record


def _with_length(record: pymarc.Record, data: bytes) -> pymarc.Record:
    """The record as written: leader lengths recomputed, leader/09 'a'."""
    copy = record_from_iso2709(data)
    copy.fields = record.fields
    return copy
