"""Reading lists: private by default, public when the patron says so."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from folkbib.catalog.models import Record
from folkbib.community.errors import NotYourContent
from folkbib.community.models import ListEntry, ReadingList
from folkbib.community.services.common import checked_text, refuse_blocked, require_profile
from folkbib.patrons.models import Patron

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 300


def _checked(name: str, description: str) -> tuple[str, str]:
    name = checked_text(name, field="name", max_length=NAME_MAX_LENGTH, multiline=False)
    description = checked_text(
        description, field="description", max_length=DESCRIPTION_MAX_LENGTH, required=False
    )
    refuse_blocked({"name": name, "description": description})
    return name, description


def _own(patron: Patron, reading_list: ReadingList) -> None:
    if reading_list.owner_id != patron.pk:
        raise NotYourContent()


@transaction.atomic
def create_list(
    *,
    patron: Patron,
    name: str,
    now: dt.datetime,
    description: str = "",
    is_public: bool = False,
) -> ReadingList:
    """A new list; a public list shows the owner's display name, so it needs one."""
    name, description = _checked(name, description)
    if is_public:
        require_profile(patron)
    return ReadingList.objects.create(
        owner=patron,
        name=name,
        description=description,
        is_public=is_public,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def update_list(
    *,
    patron: Patron,
    reading_list: ReadingList,
    name: str,
    description: str,
    is_public: bool,
    now: dt.datetime,
) -> ReadingList:
    _own(patron, reading_list)
    name, description = _checked(name, description)
    if is_public:
        require_profile(patron)
    reading_list.name, reading_list.description = name, description
    reading_list.is_public = is_public
    reading_list.updated_at = now
    reading_list.save(update_fields=["name", "description", "is_public", "updated_at"])
    return reading_list


@transaction.atomic
def delete_list(*, patron: Patron, reading_list: ReadingList) -> None:
    _own(patron, reading_list)
    reading_list.delete()


@transaction.atomic
def add_entry(
    *,
    patron: Patron,
    reading_list: ReadingList,
    record: Record,
    now: dt.datetime,
    note: str = "",
) -> ListEntry:
    """Put a work on the list (once; adding it again updates the note)."""
    _own(patron, reading_list)
    note = checked_text(
        note, field="note", max_length=NOTE_MAX_LENGTH, required=False, multiline=False
    )
    refuse_blocked({"note": note})
    entry, _created = ListEntry.objects.update_or_create(
        reading_list=reading_list,
        record=record,
        defaults={"note": note},
        create_defaults={"note": note, "added_at": now},
    )
    ReadingList.objects.filter(pk=reading_list.pk).update(updated_at=now)
    return entry


@transaction.atomic
def remove_entry(*, patron: Patron, entry: ListEntry, now: dt.datetime) -> None:
    _own(patron, entry.reading_list)
    entry.delete()
    ReadingList.objects.filter(pk=entry.reading_list_id).update(updated_at=now)
