"""What OAI-PMH reads from the catalogue: live records and tombstones as one stream.

Records and tombstones (``catalog.DeletedRecord``) share one id space (ids are never
reused) and are listed together in (datestamp, record id) order: a record's datestamp
is ``Record.updated_at``, a tombstone's ``deleted_at``. Pages are cut with a keyset
cursor on that order, never an offset, so a record changed during a harvest moves to
the end of the stream instead of shifting every later page, and a page costs the same
at the millionth record as at the first: one query for records, one for tombstones,
one for the page's municipality sets.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from folkbib.catalog.models import DeletedRecord, Item, MaterialType, Record
from folkbib.catalog.search.indexing import HIDDEN_STATUSES
from folkbib.consortium.models import Municipality

from .arguments import Selection
from .sets import MATERIAL, MUNICIPALITY, SetFilter, set_filter, set_specs
from .tokens import Position


@dataclass
class Entry:
    """One record or tombstone as a header (and, for ListRecords/GetRecord, its MARC)."""

    record_id: int
    datestamp: dt.datetime
    deleted: bool
    material_type: str
    municipalities: list[str] = field(default_factory=list)
    marc: bytes = b""

    @property
    def position(self) -> Position:
        return Position(self.datestamp, self.record_id)

    @property
    def set_specs(self) -> list[str]:
        return set_specs(self.material_type, self.municipalities)


@dataclass(frozen=True)
class SetDescription:
    spec: str
    name: str


def _records(selection: Selection, sets: SetFilter | None) -> QuerySet[Record]:
    records = Record.objects.all()
    if selection.start is not None:
        records = records.filter(updated_at__gte=selection.start)
    if selection.end is not None:
        records = records.filter(updated_at__lt=selection.end)
    if sets is not None and sets.kind == MATERIAL and sets.value is not None:
        records = records.filter(material_type=sets.value)
    if sets is not None and sets.kind == MUNICIPALITY:
        owned = Item.objects.filter(record_id=OuterRef("pk")).exclude(status__in=HIDDEN_STATUSES)
        if sets.value is not None:
            owned = owned.filter(owning_branch__municipality__code=sets.value)
        records = records.filter(Exists(owned))
    return records


def _tombstones(selection: Selection, sets: SetFilter | None) -> QuerySet[DeletedRecord]:
    tombstones = DeletedRecord.objects.all()
    if selection.start is not None:
        tombstones = tombstones.filter(deleted_at__gte=selection.start)
    if selection.end is not None:
        tombstones = tombstones.filter(deleted_at__lt=selection.end)
    if sets is not None and sets.kind == MATERIAL and sets.value is not None:
        tombstones = tombstones.filter(material_type=sets.value)
    if sets is not None and sets.kind == MUNICIPALITY:
        if sets.value is None:
            tombstones = tombstones.exclude(municipalities=[])
        else:
            # The JSON text holds each code quoted; a quoted code matches that element only
            # (``contains`` on JSON lists is not available on SQLite).
            tombstones = tombstones.filter(municipalities__icontains=json.dumps(sets.value))
    return tombstones


def _after(position: Position | None, datestamp: str, record_id: str) -> Q:
    if position is None:
        return Q()
    # The leading ">=" is implied by the OR but lets the database seek the index to the
    # cursor instead of scanning it from the start (SQLite does not see it in the OR).
    return Q(**{f"{datestamp}__gte": position.datestamp}) & (
        Q(**{f"{datestamp}__gt": position.datestamp})
        | Q(**{datestamp: position.datestamp, f"{record_id}__gt": position.record_id})
    )


def count_entries(selection: Selection) -> int:
    """How many records and tombstones the selection holds now (two counts)."""
    sets = set_filter(selection.set_spec) if selection.set_spec else None
    if selection.set_spec and sets is None:
        return 0
    return _records(selection, sets).count() + _tombstones(selection, sets).count()


def entries_page(
    selection: Selection, *, after: Position | None, limit: int, with_marc: bool
) -> tuple[list[Entry], bool]:
    """Up to ``limit`` entries after ``after`` in (datestamp, id) order, and whether more
    follow. Three queries at most, whatever the catalogue's size."""
    sets = set_filter(selection.set_spec) if selection.set_spec else None
    if selection.set_spec and sets is None:
        return [], False
    fields = ["id", "updated_at", "material_type", *(["marc"] if with_marc else [])]
    # A record with no MARC (only ever made by hand, never by save_record) cannot be
    # disseminated in either format, so it is not listed. (Counts leave this test out:
    # it reads every record's MARC, and the size is an estimate anyway.)
    records = (
        _records(selection, sets)
        .exclude(marc=b"")
        .filter(_after(after, "updated_at", "id"))
        .order_by("updated_at", "id")
        .values_list(*fields)[: limit + 1]
    )
    tombstones = (
        _tombstones(selection, sets)
        .filter(_after(after, "deleted_at", "record_id"))
        .order_by("deleted_at", "record_id")
        .values_list("record_id", "deleted_at", "material_type", "municipalities")[: limit + 1]
    )
    entries = [
        Entry(row[0], row[1], False, row[2], marc=bytes(row[3]) if with_marc else b"")
        for row in records
    ]
    entries += [Entry(r, d, True, m, list(codes)) for r, d, m, codes in tombstones]
    entries.sort(key=lambda entry: (entry.datestamp, entry.record_id))
    page, more = entries[:limit], len(entries) > limit
    _attach_municipalities(page)
    return page, more


def _attach_municipalities(entries: Iterable[Entry]) -> None:
    live = {entry.record_id: entry for entry in entries if not entry.deleted}
    if not live:
        return
    owners: dict[int, set[str]] = defaultdict(set)
    rows = (
        Item.objects.filter(record_id__in=list(live))
        .exclude(status__in=HIDDEN_STATUSES)
        .values_list("record_id", "owning_branch__municipality__code")
        .distinct()
    )
    for record_id, code in rows:
        owners[record_id].add(code)
    for record_id, entry in live.items():
        entry.municipalities = sorted(owners.get(record_id, ()))


def entry(record_id: int) -> Entry | None:
    """The record (with its MARC) or tombstone with this id, with its sets; None if it
    never existed."""
    fields = ["id", "updated_at", "material_type", "marc"]
    row = Record.objects.filter(pk=record_id).values_list(*fields).first()
    if row is not None:
        found = Entry(row[0], row[1], False, row[2], marc=bytes(row[3]))
        _attach_municipalities([found])
        return found
    tombstone = (
        DeletedRecord.objects.filter(record_id=record_id)
        .values_list("record_id", "deleted_at", "material_type", "municipalities")
        .first()
    )
    if tombstone is None:
        return None
    return Entry(tombstone[0], tombstone[1], True, tombstone[2], list(tombstone[3]))


def earliest_datestamp() -> dt.datetime | None:
    """The oldest datestamp of any record or tombstone (two index lookups)."""
    first = Record.objects.order_by("updated_at").values_list("updated_at", flat=True).first()
    gone = DeletedRecord.objects.order_by("deleted_at").values_list("deleted_at", flat=True)
    first_gone = gone.first()
    moments = [moment for moment in (first, first_gone) if moment is not None]
    return min(moments) if moments else None


def sets() -> list[SetDescription]:
    """Every set: the two roots, each municipality of the region, each material type."""
    described = [SetDescription(MUNICIPALITY, _("Kommuner"))]
    for code, name in Municipality.objects.order_by("code").values_list("code", "name"):
        described.append(SetDescription(f"{MUNICIPALITY}:{code}", name))
    described.append(SetDescription(MATERIAL, _("Medietyper")))
    for value, label in MaterialType.choices:
        described.append(SetDescription(f"{MATERIAL}:{value}", str(label)))
    return described
