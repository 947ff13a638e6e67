"""Golden files for the Dublin Core crosswalk: every record file in ``marc_data/``
has its expected simple DC in ``marc_data/dublin_core/<file>.json``.

A missing or different expectation fails and writes ``<file>.actual.json`` next
to the golden file; check it by eye against the LC crosswalk and rename it to
accept it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from folkbib.catalog.marc import ParsedRecord, read_marc
from folkbib.catalog.marc.dublin_core import dublin_core, dublin_core_of_stored
from folkbib.catalog.marc.reader import pymarc_to_lean, record_to_iso2709

DATA = Path(__file__).parent / "marc_data"
GOLDEN = DATA / "dublin_core"
FIXTURES = sorted(path for path in DATA.iterdir() if path.suffix in (".mrc", ".xml"))


def _as_json(path: Path) -> list[list[list[str]]]:
    return [
        [list(pair) for pair in dublin_core(pymarc_to_lean(item.record))]
        for item in read_marc(path)
        if isinstance(item, ParsedRecord)
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_dublin_core_matches_the_golden_file(path: Path) -> None:
    actual = _as_json(path)
    golden = GOLDEN / f"{path.name}.json"
    actual_path = GOLDEN / f"{path.name}.actual.json"
    expected = json.loads(golden.read_text()) if golden.exists() else None
    if actual != expected:
        actual_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n")
        pytest.fail(
            f"{path.name}: Dublin Core differs from {golden.name}"
            f"{' (missing)' if expected is None else ''}; wrote {actual_path} - check it by eye "
            "and rename it to accept it"
        )
    actual_path.unlink(missing_ok=True)


def test_a_stored_record_gives_the_same_dublin_core_as_the_parsed_one() -> None:
    item = next(
        item for item in read_marc(DATA / "libris_bib.mrc") if isinstance(item, ParsedRecord)
    )
    stored = memoryview(record_to_iso2709(item.record))
    assert dublin_core_of_stored(stored) == dublin_core(pymarc_to_lean(item.record))
    assert dublin_core_of_stored(stored)[:2] == [
        (
            "title",
            "Gruvarbetets historia ur ett genusperspektiv : "
            "om hur gruvarbetet blev och förblev manligt",
        ),
        ("creator", "Abrahamsson, Lena, 1966-"),
    ]
