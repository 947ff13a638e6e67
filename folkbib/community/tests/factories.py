"""Shared people and works for the social library's tests."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from folkbib.catalog.models import Record
from folkbib.community import services
from folkbib.consortium.models import Branch
from folkbib.consortium.tests.factories import make_branch
from folkbib.patrons import services as patrons
from folkbib.patrons.models import Patron, PatronCategory

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))
_cards = itertools.count(20000001)


def make_record(title: str = "Pippi Långstrump", **fields: object) -> Record:
    fields.setdefault("language", "swe")
    fields.setdefault("sort_title", title)
    return Record.objects.create(marc=b"", title=title, created_at=NOW, updated_at=NOW, **fields)


def make_patron(
    first_name: str = "Anna",
    *,
    display_name: str | None = None,
    email: str | None = None,
    branch: Branch | None = None,
    language: str = "sv",
) -> Patron:
    branch = branch or Branch.objects.first() or make_branch("umea-stad")
    category, _created = PatronCategory.objects.get_or_create(
        code="adult", defaults={"name": "Vuxen"}
    )
    patron = patrons.register_patron(
        card_number=str(next(_cards)),
        first_name=first_name,
        last_name="Testsson",
        home_branch=branch,
        category=category,
        pin="1234",
        email=f"{first_name.lower()}@example.org" if email is None else email,
        notice_channel="email" if email != "" else "none",
        language=language,
        now=NOW,
    )
    if display_name:
        services.set_display_name(patron=patron, display_name=display_name, now=NOW)
    return patron
