"""The pure codec against golden messages: every SIP2 2.00 message, parsed and rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from folkbib.protocols.sip2 import codec
from folkbib.protocols.sip2.messages import MESSAGES
from folkbib.protocols.sip2.tests.golden import GOLDEN, compare

SAMPLES = sorted((GOLDEN / "codec").glob("*.sip"))


def _encoding(path: Path) -> str:
    return "cp850" if "cp850" in path.stem else "utf-8"


def _as_json(message: codec.Message) -> str:
    head = {"command": message.command, "name": message.name, "fixed": message.fixed}
    tail = {"sequence": message.sequence, "has_checksum": message.has_checksum}
    text = json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "fields": ['
    pairs = [json.dumps(list(pair), ensure_ascii=False) for pair in message.fields]
    text += "".join(f"\n    {pair}," for pair in pairs).rstrip(",") + ("\n  ]," if pairs else "],")
    return text + json.dumps(tail, indent=2)[1:] + "\n"


def test_there_is_a_golden_message_for_every_command_of_the_specification():
    commands = {path.name[:2] for path in SAMPLES}
    assert commands == set(MESSAGES)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_each_golden_message_parses_to_its_expected_fields(path):
    message = codec.parse(path.read_bytes(), encoding=_encoding(path))
    compare(path.with_suffix(".json"), _as_json(message))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_each_golden_message_is_rebuilt_byte_for_byte(path):
    raw = path.read_bytes()
    encoding = _encoding(path)
    message = codec.parse(raw, encoding=encoding)
    assert codec.build(message, encoding=encoding, checksummed=message.has_checksum) == raw


def test_the_checksum_matches_a_published_example_computed_by_another_implementation():
    # From the PyPI Sip2 client's source: this checkin request's checksum is EB80.
    text = b"09N20160419    12200820160419    122008APReading Room 1|AO830|AB830$28170815|AC|AY2AZ"
    assert codec.checksum(text) == "EB80"


def test_the_checksum_is_computed_over_the_bytes_of_the_character_set():
    name = "AEÅsa Öberg|"
    utf8 = codec.checksum(f"24{name}AZ".encode())
    cp850 = codec.checksum(f"24{name}AZ".encode("cp850"))
    assert utf8 != cp850
    raw = (GOLDEN / "codec" / "24_patron_status_response_cp850.sip").read_bytes()
    assert codec.parse(raw, encoding="cp850").get("AE") == "Åsa Öberg"
    with pytest.raises(codec.SipFormatError):
        codec.parse(raw, encoding="utf-8")  # Å in cp850 is not UTF-8


def test_a_corrupted_checksum_is_refused():
    raw = (GOLDEN / "codec" / "11_checkout.sip").read_bytes()
    tampered = raw.replace(b"AB30000001", b"AB30000002")
    with pytest.raises(codec.ChecksumMismatch):
        codec.parse(tampered)


def test_a_checksum_written_without_leading_zeros_is_read_as_four_digits():
    body = b"9900402.00AY1AZ"
    digits = codec.checksum(body)
    short = body + digits.lstrip("0").encode() if digits.startswith("0") else None
    # Whatever this body sums to, its digits without the zeros still verify.
    message = codec.parse(short or body + digits.encode())
    assert message.sequence == 1


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"", codec.TruncatedMessage),
        (b"9", codec.TruncatedMessage),
        (b"1", codec.TruncatedMessage),
        (b"11YN2026", codec.TruncatedMessage),
        (b"42hello|", codec.UnknownCommand),
        (b"\xff\xfe\x00garbage", codec.MalformedMessage),
        (b"1700000000    000000AOUMEA|", codec.MalformedMessage),  # AB is required
        (b"1720260615    120000AOUMEA|AB1|garbage", codec.MalformedMessage),
        (b"1720260615    120000AOUMEA|AB1|AYxAZ0000", codec.ChecksumMismatch),
        (b"9900402.00AYX", codec.BadSequenceNumber),
        (b"9900402.00AY12", codec.BadSequenceNumber),
    ],
)
def test_broken_input_is_refused_with_a_typed_error(raw, error):
    with pytest.raises(error):
        codec.parse(raw)


def test_a_value_cannot_break_the_framing_of_a_built_message():
    message = codec.Message("36", {"end_session": "Y", "transaction_date": "x" * 18})
    message.fields = [("AO", "A|B"), ("AA", "1\r2"), ("AF", "rad 1\nrad 2")]
    raw = codec.build(message)
    assert raw.count(b"\r") == 1
    assert codec.parse(raw).fields == [("AO", "A/B"), ("AA", "1 2"), ("AF", "rad 1 rad 2")]


def test_fields_are_written_in_the_order_the_specification_prints():
    message = codec.Message("36", {"end_session": "Y", "transaction_date": "x" * 18})
    message.fields = [("AF", "hej"), ("AA", "1"), ("ZZ", "vendor"), ("AO", "UMEA")]
    assert codec.build(message, checksummed=False) == b"36Y" + b"x" * 18 + (
        b"AOUMEA|AA1|AFhej|ZZvendor|\r"
    )


def test_a_fixed_field_of_the_wrong_length_is_never_written():
    with pytest.raises(ValueError):
        codec.build(codec.Message("94", {"ok": "10"}))


def test_long_text_is_split_at_spaces_into_lines_of_the_width():
    lines = codec.split_value("Skicka till Vännäs bibliotek — reserverad.", 16)
    assert lines == ["Skicka till", "Vännäs bibliotek", "— reserverad."]
    assert all(len(line) <= 16 for line in lines)
