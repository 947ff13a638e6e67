"""Reads of AudioIndex: what a scanned code is, and the lists a listener browses by ear."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from django.db.models import Max, Sum
from stdnum import isbn as stdnum_isbn

from folkbib.catalog.models import Item, MaterialType, Record
from folkbib.catalog.search.indexing import HIDDEN_STATUSES
from folkbib.catalog.selectors import item_by_barcode
from folkbib.consortium.models import Branch, Municipality
from folkbib.talking import rfid
from folkbib.talking.models import Kiosk, KioskVisits

#: What the kiosk lets a listener browse: the media read aloud.
SPOKEN_TYPES = (MaterialType.TALKING_BOOK, MaterialType.AUDIOBOOK)
#: Genre terms that only repeat the medium; a listener browses by the others.
MEDIUM_GENRES = {"Talböcker", "Ljudböcker", "Talbok", "Ljudbok"}
BROWSE_LIMIT = 50


@dataclass(frozen=True)
class Found:
    """What a code led to: always a record; an item when it was an item's barcode or tag."""

    record: Record
    item: Item | None
    via: str  # "barcode", "isbn" or "rfid"


def record_by_isbn(code: str) -> Record | None:
    """The record with this ISBN (10 or 13, with or without hyphens), preferring spoken media."""
    try:
        number = stdnum_isbn.validate(code)
    except Exception:
        return None
    wanted = {stdnum_isbn.to_isbn13(number)}
    if len(number) == 10:
        wanted.add(number)
    else:
        with contextlib.suppress(Exception):  # a 979 ISBN has no ISBN-10 form
            wanted.add(stdnum_isbn.to_isbn10(number))
    from folkbib.catalog.models import IdentifierKind, RecordIdentifier

    ids = list(
        RecordIdentifier.objects.filter(kind=IdentifierKind.ISBN, value__in=wanted).values_list(
            "record_id", flat=True
        )[:20]
    )
    records = list(Record.objects.filter(pk__in=ids).defer("marc"))
    records.sort(key=lambda r: (r.material_type not in SPOKEN_TYPES, r.id))
    return records[0] if records else None


_DIGITS = re.compile(r"^[0-9Xx\- ]+$")


def find(code: str) -> Found | None:
    """Resolve what was scanned or typed: an item barcode, an ISBN or RFID tag data (hex).

    Raises ``rfid.RfidError`` for tag data no supported data model decodes.
    """
    code = code.strip()
    if not code:
        return None
    if rfid.looks_like_tag_hex(code):
        tag = rfid.decode_tag(code)
        item = item_by_barcode(tag.primary_item_identifier)
        return Found(item.record, item, "rfid") if item else None
    item = item_by_barcode(code)
    if item is not None:
        return Found(item.record, item, "barcode")
    if _DIGITS.match(code):
        record = record_by_isbn(code)
        if record is not None:
            return Found(record, None, "isbn")
    return None


def spoken_genres() -> list[tuple[str, int]]:
    """Genres of talking books and audiobooks with their number of titles, most first."""
    counts: Counter[str] = Counter()
    for genres in Record.objects.filter(material_type__in=SPOKEN_TYPES).values_list(
        "genres", flat=True
    ):
        counts.update(g for g in genres or [] if g not in MEDIUM_GENRES)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


def spoken_records(*, genre: str = "", limit: int = BROWSE_LIMIT) -> list[Record]:
    """Talking books and audiobooks (of one genre), in title order.

    The genre test runs in Python: JSON containment is not portable to SQLite, and the
    spoken media are a small part of a catalogue (a few per cent).
    """
    rows = (
        Record.objects.filter(material_type__in=SPOKEN_TYPES)
        .order_by("sort_title", "id")
        .values_list("id", "genres")
    )
    ids = [rid for rid, genres in rows if not genre or genre in (genres or [])][:limit]
    records = Record.objects.defer("marc").in_bulk(ids)
    return [records[rid] for rid in ids]


def new_spoken_arrivals(*, limit: int = 20) -> list[Record]:
    """Talking books and audiobooks most recently given a copy, newest first (two queries)."""
    newest = (
        Item.objects.filter(record__material_type__in=SPOKEN_TYPES)
        .exclude(status__in=HIDDEN_STATUSES)
        .values("record_id")
        .annotate(added=Max("created_at"))
        .order_by("-added", "-record_id")[:limit]
    )
    ids = [row["record_id"] for row in newest]
    records = Record.objects.defer("marc").in_bulk(ids)
    return [records[rid] for rid in ids if rid in records]


def pickup_branches(*, first: Branch | None = None) -> list[Branch]:
    """Branches that take holds, ``first`` (the kiosk's or the patron's) at the top."""
    branches = list(
        Branch.objects.filter(is_active=True, accepts_holds=True)
        .select_related("municipality")
        .order_by("name")
    )
    if first is not None:
        branches.sort(key=lambda b: b.pk != first.pk)
    return branches


def active_kiosk(kiosk_id: object) -> Kiosk | None:
    try:
        pk = int(str(kiosk_id))
    except ValueError:
        return None
    return Kiosk.objects.select_related("branch").filter(pk=pk, is_active=True).first()


def shelf_items(*, branch: Branch, material_types: tuple[str, ...] = SPOKEN_TYPES) -> list[Item]:
    """The items of spoken media standing at (or owned by) a branch, in shelf order."""
    return list(
        Item.objects.filter(owning_branch=branch, record__material_type__in=material_types)
        .exclude(status__in=HIDDEN_STATUSES)
        .select_related("record")
        .order_by("shelf_mark", "record__sort_title", "barcode")[:500]
    )


def visits_by_day(
    *, start: dt.date, end: dt.date, municipality: Municipality | None, branch: Branch | None
) -> list[tuple[dt.date, int]]:
    """Kiosk visitors per day from ``start`` to ``end`` (anonymous counts), in one place."""
    visits = KioskVisits.objects.filter(day__gte=start, day__lte=end)
    if branch is not None:
        visits = visits.filter(branch=branch)
    elif municipality is not None:
        visits = visits.filter(branch__municipality=municipality)
    rows = visits.values("day").annotate(n=Sum("visits")).order_by("day")
    return [(row["day"], row["n"]) for row in rows]
