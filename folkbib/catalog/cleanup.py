"""Catalogue reads for the cataloguer: finding a record, and the clean-up lists.

Both lists are paged by the caller (``Paginator``); each page costs a count, the
page's rows and one query for their items, however large the catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Length

from folkbib.catalog.marc.standard_numbers import ISBN_CANDIDATE, compact_isbn, valid_isbn13
from folkbib.catalog.models import IdentifierKind, Item, ItemStatus, Record, RecordIdentifier


def find_record(text: str) -> Record | None:
    """The record a cataloguer means by ``text``: an item's barcode, an ISBN or a record id.

    Tried in that order, since a barcode and a record id can both be digits and the
    barcode is what is in the cataloguer's hand.
    """
    text = text.strip()
    if not text:
        return None
    item = Item.objects.filter(barcode=text).select_related("record").first()
    if item is not None:
        return item.record
    if ISBN_CANDIDATE.fullmatch(text):
        isbn = valid_isbn13(compact_isbn(text))
        if isbn is not None:
            found = (
                RecordIdentifier.objects.filter(kind=IdentifierKind.ISBN, value=isbn)
                .select_related("record")
                .order_by("record_id")
                .first()
            )
            if found is not None:
                return found.record
    if text.isdigit() and len(text) < 12:
        return Record.objects.filter(pk=int(text)).first()
    return None


def records_without_items() -> QuerySet[Record]:
    """Records with no item on any shelf (none at all, or every one withdrawn), oldest first.

    Candidates for deletion, or for an item that was never added.
    """
    kept = Item.objects.exclude(status=ItemStatus.WITHDRAWN).values("record_id")
    return (
        Record.objects.exclude(pk__in=kept)
        .only("id", "title", "responsibility", "year", "material_type", "created_at")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class DuplicateGroup:
    """Records that share one ISBN, with how many items each has (not withdrawn)."""

    isbn: str
    records: list[tuple[Record, int]]


def isbn_duplicate_values() -> QuerySet[Any, Any]:
    """ISBN-13s held by more than one record, as rows of ``value`` (page these).

    Only the 13-digit form is grouped: records store the ISBN-10 too, and a pair
    sharing both would otherwise be listed twice.
    """
    # A range on (kind, value) reads the index; the length drops ISBN-10s of group 978/979.
    return (
        RecordIdentifier.objects.filter(kind=IdentifierKind.ISBN, value__gte="978", value__lt="980")
        .annotate(length=Length("value"))
        .filter(length=13)
        .values("value")
        .annotate(records=Count("record_id", distinct=True))
        .filter(records__gt=1)
        .order_by("value")
    )


def duplicate_groups(isbns: list[str]) -> list[DuplicateGroup]:
    """The records behind each of ``isbns`` (a page of ``isbn_duplicate_values``)."""
    pairs = list(
        RecordIdentifier.objects.filter(kind=IdentifierKind.ISBN, value__in=isbns).values_list(
            "value", "record_id"
        )
    )
    record_ids = {record_id for _isbn, record_id in pairs}
    records = Record.objects.only("id", "title", "responsibility", "year", "material_type")
    by_id = records.in_bulk(record_ids)
    counts = dict(
        Item.objects.filter(record_id__in=record_ids)
        .exclude(status=ItemStatus.WITHDRAWN)
        .values("record_id")
        .annotate(n=Count("id"))
        .values_list("record_id", "n")
    )
    grouped: dict[str, set[int]] = defaultdict(set)
    for isbn, record_id in pairs:
        grouped[isbn].add(record_id)
    return [
        DuplicateGroup(
            isbn,
            [(by_id[record_id], counts.get(record_id, 0)) for record_id in sorted(grouped[isbn])],
        )
        for isbn in isbns
        if isbn in grouped
    ]


def items_of_record(record: Record) -> QuerySet[Item]:
    """A record's items for the cataloguer, withdrawn ones too (they show why)."""
    return (
        Item.objects.filter(record=record)
        .select_related("owning_branch", "current_branch")
        .order_by("owning_branch__name", "barcode")
    )


__all__ = [
    "DuplicateGroup",
    "duplicate_groups",
    "find_record",
    "isbn_duplicate_values",
    "items_of_record",
    "records_without_items",
]
