"""Create, update and delete bibliographic records."""

from __future__ import annotations

import datetime as dt

import pymarc
from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from folkbib.catalog import search
from folkbib.catalog.errors import RecordInUse, RecordInvalid, RecordNotFound
from folkbib.catalog.marc import RecordFields, extract, record_to_iso2709
from folkbib.catalog.models import DeletedRecord, Item, ItemStatus, Record, RecordIdentifier
from folkbib.catalog.search.indexing import HIDDEN_STATUSES

from .matching import Control, find_matches
from .preparing import NOT_BIBLIOGRAPHIC, identifier_pairs, record_values


def control_of(fields: RecordFields) -> Control:
    return Control(fields.control_number, fields.control_number_identifier)


def holdings_tag() -> str:
    return str(settings.MARC_HOLDINGS.get("tag", "952"))


def check_bibliographic(leader: str) -> None:
    if len(leader) > 6 and leader[6] in NOT_BIBLIOGRAPHIC:
        raise RecordInvalid(
            f"not a bibliographic record (leader/06 is {leader[6]!r}: authority or holdings)"
        )


def replace_identifiers(record_id: int, pairs: list[tuple[str, str]]) -> None:
    RecordIdentifier.objects.filter(record_id=record_id).delete()
    RecordIdentifier.objects.bulk_create(
        RecordIdentifier(record_id=record_id, kind=kind, value=value) for kind, value in pairs
    )


@transaction.atomic
def save_record(
    *, marc: pymarc.Record, now: dt.datetime, record: Record | None = None
) -> tuple[Record, bool]:
    """Create a record from MARC, or update the record it matches; returns (record, created).

    With ``record`` given, that record is updated. Otherwise the MARC is matched on
    003+001, 035 and ISBN (see ``matching``) and a match is updated in place, so
    loading the same record twice never duplicates it. The stored MARC is UTF-8
    ISO 2709 without holdings fields (``settings.MARC_HOLDINGS['tag']``): items are
    the truth about holdings and are written with ``add_item``. The record's
    identifiers are replaced by the new MARC's, and the search index is updated
    when the transaction commits. Raises ``RecordInvalid`` for authority and
    holdings records.
    """
    check_bibliographic(str(marc.leader))
    stored = pymarc.Record(leader=str(marc.leader), force_utf8=True)
    stored.add_field(*[field for field in marc.fields if field.tag != holdings_tag()])
    fields = extract(stored)
    pairs = identifier_pairs(fields)
    if record is None:
        (match_id,) = find_matches([(pairs, control_of(fields))])
        if match_id is not None:
            record = Record.objects.select_for_update().get(id=match_id)
    created = record is None
    if record is None:
        record = Record(created_at=now)
    for name, value in record_values(fields).items():
        setattr(record, name, value)
    record.marc = record_to_iso2709(stored)
    record.updated_at = now
    record.save()
    replace_identifiers(record.id, pairs)
    search.enqueue_records([record.id])
    return record, created


# Items in these states are in a patron's hands or on their way to one.
OUT_STATUSES = (ItemStatus.ON_LOAN, ItemStatus.IN_TRANSIT, ItemStatus.ON_HOLD_SHELF)


@transaction.atomic
def delete_record(*, record: Record, now: dt.datetime) -> DeletedRecord:
    """Delete the record and its items, leaving a tombstone dated ``now``; returns it.

    Refuses with ``RecordInUse`` while an item is on loan, in transit or on the hold
    shelf, while the title has open holds, or when circulation keeps loan history of
    its items; nothing is changed then. The tombstone keeps the municipalities that
    owned an item (withdrawn and lost items do not count) and the material type, so
    OAI-PMH can still name the sets the record was in. The record leaves the search
    index when the transaction commits. Raises ``RecordNotFound`` if it is already gone.
    """
    locked = Record.objects.select_for_update().filter(pk=record.pk).first()
    if locked is None:
        raise RecordNotFound(_("Posten finns inte (längre)."))
    items = Item.objects.filter(record_id=locked.pk)
    if items.filter(status__in=OUT_STATUSES).exists():
        raise RecordInUse(_("Ett exemplar av posten är utlånat, på väg eller på hämthyllan."))
    # Circulation closes a hold (sets closed_at) whenever it stops being active; the
    # reverse relation keeps the catalogue from importing circulation.
    open_holds = Record.objects.filter(
        pk=locked.pk, holds__pk__isnull=False, holds__closed_at__isnull=True
    )
    if open_holds.exists():
        raise RecordInUse(_("Posten har reservationer som inte är avslutade."))
    municipalities = sorted(
        set(
            items.exclude(status__in=HIDDEN_STATUSES).values_list(
                "owning_branch__municipality__code", flat=True
            )
        )
    )
    tombstone = DeletedRecord.objects.create(
        record_id=locked.pk,
        control_number=locked.control_number,
        control_number_identifier=locked.control_number_identifier,
        material_type=locked.material_type,
        municipalities=municipalities,
        deleted_at=now,
    )
    try:
        with transaction.atomic():
            locked.delete()
    except ProtectedError:
        raise RecordInUse(
            _("Exemplar av posten har lånehistorik som cirkulationen sparar.")
        ) from None
    search.enqueue_records([tombstone.record_id])
    return tombstone
