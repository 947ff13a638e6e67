"""Golden files: every record file in ``marc_data/`` has the expected extraction in
``marc_data/golden/<file>.json`` (Open Library's MARC fixture style).

A missing or different expectation fails and writes ``<file>.actual.json`` next
to the golden file; check it by eye and rename it to accept it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from folkbib.catalog.marc import ParsedRecord, extract, read_marc

DATA = Path(__file__).parent / "marc_data"
GOLDEN = DATA / "golden"
FIXTURES = sorted(path for path in DATA.iterdir() if path.suffix in (".mrc", ".xml"))


def _as_json(path: Path) -> list[dict[str, object]]:
    result: list[dict[str, object]] = []
    for item in read_marc(path):
        if isinstance(item, ParsedRecord):
            fields = dataclasses.asdict(extract(item.record))
            fields["identifiers"] = [list(pair) for pair in fields["identifiers"]]
            result.append({"offset": item.offset, **fields})
        else:
            result.append({"offset": item.offset, "rejected": item.reason})
    return result


def test_there_is_a_fixture_for_every_kind_of_material() -> None:
    kinds = {
        record["material_type"]
        for path in FIXTURES
        for record in json.loads((GOLDEN / f"{path.name}.json").read_text())
    }
    assert {"book", "ebook", "audiobook", "film", "music", "score", "map", "magazine"} <= kinds


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_extraction_matches_the_golden_file(path: Path) -> None:
    actual = _as_json(path)
    golden = GOLDEN / f"{path.name}.json"
    actual_path = GOLDEN / f"{path.name}.actual.json"
    expected = json.loads(golden.read_text()) if golden.exists() else None
    if actual != expected:
        actual_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n")
        pytest.fail(
            f"{path.name}: extraction differs from {golden.name}"
            f"{' (missing)' if expected is None else ''}; wrote {actual_path} - check it by eye "
            "and rename it to accept it"
        )
    actual_path.unlink(missing_ok=True)
