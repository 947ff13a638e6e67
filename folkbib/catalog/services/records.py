"""Create and update bibliographic records from MARC."""

from __future__ import annotations

import datetime as dt

import pymarc
from django.conf import settings
from django.db import transaction

from folkbib.catalog import search
from folkbib.catalog.errors import RecordInvalid
from folkbib.catalog.marc import RecordFields, extract, record_to_iso2709
from folkbib.catalog.models import Record, RecordIdentifier

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
