"""Create and change items (exemplar)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from folkbib.catalog import search
from folkbib.catalog.errors import DuplicateBarcode, DuplicateRfidTag, ItemFieldInvalid
from folkbib.catalog.models import Item, ItemStatus, MaterialType, Record
from folkbib.consortium.models import Branch

BARCODE_MAX = 32
UPDATABLE_FIELDS = frozenset(
    {
        "barcode",
        "owning_branch",
        "current_branch",
        "shelf_mark",
        "status",
        "material_type",
        "price",
        "notes",
        "rfid_tag_id",
        "due_back",
    }
)


def clean_barcode(barcode: str) -> str:
    cleaned = barcode.strip()
    if not cleaned or len(cleaned) > BARCODE_MAX or any(c.isspace() for c in cleaned):
        raise ItemFieldInvalid(
            f"invalid barcode {barcode!r} (1-{BARCODE_MAX} characters, no spaces)"
        )
    return cleaned


def _check_choice(name: str, value: str, choices: type[MaterialType] | type[ItemStatus]) -> None:
    if value and value not in choices.values:
        raise ItemFieldInvalid(f"invalid {name} {value!r}")


def _check_unique(item_id: int | None, barcode: str, rfid_tag_id: str | None) -> None:
    others = Item.objects.exclude(id=item_id) if item_id else Item.objects.all()
    if others.filter(barcode=barcode).exists():
        raise DuplicateBarcode(barcode)
    if rfid_tag_id and others.filter(rfid_tag_id=rfid_tag_id).exists():
        raise DuplicateRfidTag(rfid_tag_id)


@transaction.atomic
def add_item(
    *,
    record: Record,
    barcode: str,
    branch: Branch,
    now: dt.datetime,
    current_branch: Branch | None = None,
    shelf_mark: str = "",
    material_type: str = "",
    price: Decimal | None = None,
    notes: str = "",
    rfid_tag_id: str | None = None,
    status: str = ItemStatus.AVAILABLE,
) -> Item:
    """Add an item owned by ``branch`` (and standing there unless ``current_branch``).

    Raises ``DuplicateBarcode`` / ``DuplicateRfidTag`` when another item already has
    the barcode or tag, ``ItemFieldInvalid`` for a bad barcode, status or material
    type. An empty ``material_type`` means "as the record". The record's search
    document is updated when the transaction commits.
    """
    barcode = clean_barcode(barcode)
    _check_choice("material type", material_type, MaterialType)
    _check_choice("status", status, ItemStatus)
    _check_unique(None, barcode, rfid_tag_id or None)
    item = Item.objects.create(
        record=record,
        barcode=barcode,
        owning_branch=branch,
        current_branch=current_branch or branch,
        shelf_mark=shelf_mark.strip(),
        status=status,
        material_type=material_type,
        price=price,
        notes=notes,
        rfid_tag_id=rfid_tag_id or None,
        created_at=now,
        updated_at=now,
    )
    search.enqueue_records([record.id])
    return item


@transaction.atomic
def update_item(*, item: Item, now: dt.datetime, **changes: Any) -> Item:
    """Change the named fields of ``item`` (see ``UPDATABLE_FIELDS``) and save it.

    Raises ``ItemFieldInvalid`` for a field that cannot be changed here or a bad
    value, ``DuplicateBarcode`` / ``DuplicateRfidTag`` for a taken barcode or tag.
    """
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ItemFieldInvalid(f"cannot change {', '.join(sorted(unknown))} of an item")
    if "barcode" in changes:
        changes["barcode"] = clean_barcode(changes["barcode"])
    if "rfid_tag_id" in changes:
        changes["rfid_tag_id"] = changes["rfid_tag_id"] or None
    _check_choice("material type", changes.get("material_type", ""), MaterialType)
    _check_choice("status", changes.get("status", ""), ItemStatus)
    if "status" in changes and not changes["status"]:
        raise ItemFieldInvalid("an item always has a status")
    _check_unique(
        item.id, changes.get("barcode", item.barcode), changes.get("rfid_tag_id", item.rfid_tag_id)
    )
    for name, value in changes.items():
        setattr(item, name, value)
    item.updated_at = now
    item.save(update_fields=[*changes, "updated_at"])
    search.enqueue_records([item.record_id])
    return item


@transaction.atomic
def withdraw_item(*, item: Item, now: dt.datetime) -> Item:
    """Mark the item withdrawn (gallrad); it stays in the catalogue's history."""
    return update_item(item=item, now=now, status=ItemStatus.WITHDRAWN)
