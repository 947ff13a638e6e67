"""The MARC editor's checks, against golden files (Open Library's fixture style).

Each ``marc_validation/<case>.json`` holds one draft (or ``records``: several) as the
editor sends it: the leader and rows of ``[tag, ind1, ind2, content]``. The problems
the checks find are compared with ``<case>.expected.json``; a missing or different
expectation fails and writes ``<case>.actual.json`` to check by eye and rename.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from folkbib.catalog.marc.validation import (
    LEADER_POSITIONS,
    Draft,
    default_008,
    draft_from_record,
    draft_from_text,
    draft_to_record,
    fixed_field_layout,
    format_subfields,
    parse_subfields,
    validate,
)

DATA = Path(__file__).parent / "marc_validation"
CASES = sorted(path for path in DATA.glob("*.json") if path.name.count(".") == 1)


def _drafts(case: dict[str, Any]) -> list[Draft]:
    return [
        draft_from_text(one["leader"], [tuple(row) for row in one["fields"]])
        for one in case.get("records", [case])
    ]


def _problems(path: Path) -> list[list[dict[str, object]]]:
    with translation.override("sv"):
        return [
            [
                {
                    "row": p.row,
                    "tag": p.tag,
                    "position": p.position,
                    "code": p.code,
                    "message": p.message,
                }
                for p in validate(draft)
            ]
            for draft in _drafts(json.loads(path.read_text()))
        ]


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_the_problems_shown_match_the_golden_file(path: Path) -> None:
    actual = _problems(path)
    golden = path.with_suffix(".expected.json")
    actual_path = path.with_suffix(".actual.json")
    expected = json.loads(golden.read_text()) if golden.exists() else None
    if actual != expected:
        actual_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n")
        pytest.fail(
            f"{path.name}: problems differ from {golden.name}"
            f"{' (missing)' if expected is None else ''}; wrote {actual_path.name} - check it "
            "by eye and rename it to accept it"
        )
    actual_path.unlink(missing_ok=True)


def test_valid_records_have_no_problems() -> None:
    for name in ("valid_book", "valid_audiobook_and_film"):
        assert _problems(DATA / f"{name}.json") == [[]] * len(_problems(DATA / f"{name}.json"))


@pytest.mark.parametrize(
    "leader",
    [
        "00000nam a2200000 i 4500",
        "00000nim a2200000 i 4500",
        "00000ngm a2200000 i 4500",
        "00000nem a2200000 i 4500",
        "00000nas a2200000 i 4500",
    ],
)
def test_a_new_records_default_008_passes_for_every_material(leader: str) -> None:
    fixed = default_008(leader, entered="261130", year="2024")
    draft = draft_from_text(leader, [("008", "", "", fixed), ("245", "0", "0", "$a T")])
    assert validate(draft) == []


def test_every_code_the_editor_offers_passes() -> None:
    for position in LEADER_POSITIONS:
        for code, _label in position.choices:
            leader = "00000nam a2200000 i 4500"
            leader = leader[: position.start] + code + leader[position.start + 1 :]
            fixed = default_008(leader, entered="261130")
            draft = draft_from_text(leader, [("008", "", "", fixed), ("245", "0", "0", "$a T")])
            assert validate(draft) == [], (position.key, code)
    for leader in ("00000nam a2200000 i 4500", "00000ngm a2200000 i 4500"):
        base = default_008(leader, entered="261130")
        for position in fixed_field_layout(leader):
            for code, _label in position.choices:
                fixed = base[: position.start] + code + base[position.start + 1 :]
                draft = draft_from_text(leader, [("008", "", "", fixed), ("245", "0", "0", "$a T")])
                assert validate(draft) == [], (position.key, code)


def test_subfield_text_keeps_dollars_that_are_not_codes_and_every_space() -> None:
    subfields, leading = parse_subfields("$a Pris $10 och mer $a   2013335283 $b två ")
    assert subfields == (("a", "Pris $10 och mer"), ("a", "  2013335283"), ("b", "två "))
    assert leading == ""
    assert parse_subfields("ingen kod $a titel")[1] == "ingen kod"
    assert parse_subfields("$c $$5 + $$40.00 $$")[0] == (("c", "$5 + $40.00 $"),)
    tricky = (("a", " inledande"), ("v", "69 "), ("x", ""), ("c", "$5 million $"), ("2", "sao"))
    assert parse_subfields(format_subfields(tricky)) == (tricky, "")


def test_a_record_goes_through_the_editor_unchanged() -> None:
    path = DATA / "valid_book.json"
    (draft,) = _drafts(json.loads(path.read_text()))
    again = draft_from_record(draft_to_record(draft))
    assert again.fields == draft.fields
    assert again.leader[5:] == draft.leader[5:]
