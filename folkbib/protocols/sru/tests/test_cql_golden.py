"""Golden files for the CQL parser: ``cql_cases/NAME.cql`` (one query) parses to the
tree in ``cql_cases/NAME.json``, or, for a query that is not CQL, to the error there.

A missing or different expectation fails and writes ``NAME.actual.json`` next to
it; check it by eye against the CQL 1.2 grammar and rename it to accept it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from folkbib.protocols.sru.cql import CqlSyntaxError, masks, parse, unescape

CASES = Path(__file__).parent / "cql_cases"
QUERIES = sorted(CASES.glob("*.cql"))


def _as_json(text: str) -> dict[str, Any]:
    try:
        return parse(text).as_json()
    except CqlSyntaxError as error:
        return {
            "error": error.message,
            "position": error.position,
            "diagnostic": f"info:srw/diagnostic/1/{error.diagnostic}",
        }


@pytest.mark.parametrize("path", QUERIES, ids=lambda path: path.stem)
def test_the_query_parses_as_the_golden_file_says(path: Path) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    actual = _as_json(text)
    golden = path.with_suffix(".json")
    actual_path = path.with_suffix(".actual.json")
    expected = json.loads(golden.read_text(encoding="utf-8")) if golden.exists() else None
    if actual != expected:
        rendered = json.dumps(actual, ensure_ascii=False, indent=1) + "\n"
        actual_path.write_text(rendered, encoding="utf-8")
        pytest.fail(
            f"{path.name}: {text!r} parses differently from {golden.name}"
            f"{' (missing)' if expected is None else ''}:\n{rendered}\nwrote {actual_path.name}; "
            "check it by eye and rename it to accept it"
        )
    actual_path.unlink(missing_ok=True)


def test_there_are_error_cases_and_each_names_an_srw_diagnostic() -> None:
    errors = [path for path in QUERIES if path.stem.startswith("error_")]
    assert len(errors) >= 5
    for path in errors:
        assert "diagnostic" in _as_json(path.read_text(encoding="utf-8").rstrip("\n"))


def test_escaped_masks_are_literal_characters() -> None:
    assert masks(r"pipp*") == [4]
    assert masks(r"\*star?") == [6]
    assert unescape(r"\*star \"x\"") == '*star "x"'


def test_a_very_long_query_is_refused_with_the_too_long_diagnostic() -> None:
    with pytest.raises(CqlSyntaxError) as raised:
        parse("fish or " * 400 + "fish")
    assert raised.value.diagnostic == 12


def test_deep_nesting_is_refused_instead_of_overflowing_the_stack() -> None:
    with pytest.raises(CqlSyntaxError):
        parse("(" * 200 + "a" + ")" * 200)
