"""The declarations the API is built from: what they accept, and the document they make.

The OpenAPI document is a golden file: a change to any operation, parameter or shape
shows up as a diff in review. A missing or different expectation fails and writes
``golden/openapi.actual.json``; check it by eye and rename it to accept it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from folkbib.api.declarations import PLAIN_TEXT, BadInput, Body, Param
from folkbib.api.http import negotiate_language
from folkbib.api.openapi import document

GOLDEN = Path(__file__).parent / "golden"
PAGE = Param("page", "", {"type": "integer", "minimum": 1, "maximum": 500, "default": 1})
CODES = Param("branch", "", {"type": "array", "items": {"type": "string"}, "maxItems": 2})
CODE = Param("code", "", {"type": "string", "pattern": "^[a-z]+$"})


def test_query_values_are_typed_and_checked_and_absent_ones_take_the_default():
    assert PAGE.parse([]) == 1
    assert PAGE.parse(["7"]) == 7
    for bad in (["0"], ["501"], ["1.5"], ["seven"], [""]):
        with pytest.raises(BadInput):
            PAGE.parse(bad)
    assert CODES.parse(["a", "b"]) == ["a", "b"]
    with pytest.raises(BadInput, match="högst 2"):
        CODES.parse(["a", "b", "c"])


def test_a_pattern_ends_at_the_end_of_the_text_not_before_a_final_newline():
    assert CODE.parse(["umea"]) == "umea"
    with pytest.raises(BadInput):
        CODE.parse(["umea\n"])


def test_a_body_takes_its_fields_only_with_their_json_types():
    body = Body("", {"record_id": {"type": "integer"}, "note": {"type": "string"}}, ("record_id",))
    assert body.parse({"record_id": 4}) == {"record_id": 4}
    assert body.parse({"record_id": 4.0}) == {"record_id": 4}  # JSON Schema's integer
    for bad in (
        [],
        {"note": "x"},
        {"record_id": True},
        {"record_id": "4"},
        {"record_id": 4, "x": 1},
    ):
        with pytest.raises(BadInput):
            body.parse(bad)


def test_plain_text_refuses_control_characters_that_postgresql_cannot_store():
    text = Param("q", "", {"type": "string", "pattern": PLAIN_TEXT})
    assert text.parse(["Lindgren, Astrid – Pippi"]) == "Lindgren, Astrid – Pippi"
    with pytest.raises(BadInput):
        text.parse(["a\x00b"])


def test_a_declaration_using_json_schema_the_validator_lacks_is_refused_at_once():
    with pytest.raises(ValueError, match="format"):
        Param("when", "", {"type": "string", "format": "date"})


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("", "sv"),
        ("en", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("de, en;q=0.5, sv;q=0.8", "sv"),
        ("fi, *", "sv"),
        ("en;q=nonsense", "sv"),
    ],
)
def test_the_language_is_the_best_of_swedish_and_english_the_client_accepts(header, language):
    assert negotiate_language(header) == language


def test_the_openapi_document_matches_the_golden_file():
    actual = document()
    golden = GOLDEN / "openapi.json"
    actual_path = GOLDEN / "openapi.actual.json"
    expected = json.loads(golden.read_text()) if golden.exists() else None
    if actual != expected:
        actual_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n")
        pytest.fail(
            f"the OpenAPI document differs from {golden.name}"
            f"{' (missing)' if expected is None else ''}; wrote {actual_path} - check it by eye "
            "and rename it to accept it"
        )
    actual_path.unlink(missing_ok=True)
