"""Find the existing record an incoming MARC record is a new version of.

Matching order: 003+001, then 035 $a, then ISBN; the first identifier kind that
finds a record decides. A weaker match (035 or ISBN) is vetoed when both records
carry a control number from the same source (same 003, or both without one)
and the numbers differ: one system never gives one record two control numbers,
so those are two records that happen to share an ISBN (a set and its volume, a
reprint). A duplicate can be merged later; a wrongly overwritten record is lost.

Lookups are by batch (a handful of queries for thousands of records), so an
import never spends a query per record on matching.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from folkbib.catalog.models import IdentifierKind, Record, RecordIdentifier

from .bulk import select_in

MATCH_ORDER = (IdentifierKind.CONTROL.value, IdentifierKind.SYSTEM.value, IdentifierKind.ISBN.value)


@dataclass(frozen=True, slots=True)
class Control:
    """A record's own control number (001) and its source (003)."""

    number: str
    source: str


def conflicts(incoming: Control, existing: Control) -> bool:
    """Whether two control numbers prove two different records (see the module docstring)."""
    return bool(
        incoming.number
        and existing.number
        and incoming.source == existing.source
        and incoming.number != existing.number
    )


def lookup_identifiers(
    identifiers: Iterable[tuple[str, str]],
) -> dict[tuple[str, str], list[int]]:
    """Map each (kind, value) that exists in the catalogue to its record ids, in id order."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for kind, value in identifiers:
        by_kind[kind].add(value)
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for kind, values in by_kind.items():
        rows = select_in(
            RecordIdentifier,
            ["value", "record_id"],
            "value",
            sorted(values),
            where="kind = %s",
            params=[kind],
        )
        for value, record_id in rows:
            found[(kind, value)].append(record_id)
    for ids in found.values():
        ids.sort()
    return dict(found)


def load_controls(record_ids: Iterable[int]) -> dict[int, Control]:
    rows = select_in(
        Record, ["id", "control_number", "control_number_identifier"], "id", sorted(set(record_ids))
    )
    return {record_id: Control(number, source) for record_id, number, source in rows}


def pick_match(
    identifiers: Sequence[tuple[str, str]],
    control: Control,
    found: dict[tuple[str, str], list[int]],
    controls: dict[int, Control],
) -> int | None:
    """The record id ``identifiers`` match, or None; pure, given the looked-up maps."""
    for kind in MATCH_ORDER:
        for identifier_kind, value in identifiers:
            if identifier_kind != kind:
                continue
            for record_id in found.get((kind, value), ()):
                existing = controls.get(record_id)
                if kind != MATCH_ORDER[0] and existing and conflicts(control, existing):
                    continue
                return record_id
    return None


def find_matches(
    wanted: Sequence[tuple[Sequence[tuple[str, str]], Control]],
) -> list[int | None]:
    """For each (identifiers, control) the existing record id it matches, or None."""
    found = lookup_identifiers(pair for identifiers, _control in wanted for pair in identifiers)
    weak = {
        record_id
        for (kind, _value), ids in found.items()
        if kind != MATCH_ORDER[0]
        for record_id in ids
    }
    controls = load_controls(weak)
    return [pick_match(identifiers, control, found, controls) for identifiers, control in wanted]
