"""The audit keeps who changed what, when, and the values before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from folkbib.audit import selectors, services
from folkbib.audit.models import AuditEntry
from folkbib.circulation.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def staff(username: str = "ingrid") -> Any:
    return get_user_model().objects.create_user(username=username, password="x")


def test_a_change_is_kept_with_who_when_what_and_both_values(world: Any) -> None:
    before = services.snapshot(world.umea, ["name", "phone"])
    world.umea.phone = "090-16 33 00"
    world.umea.save()
    entry = services.record_change(
        staff=staff(),
        action="branch.update",
        subject=world.umea,
        before=before,
        after=services.snapshot(world.umea, ["name", "phone"]),
        now=NOW,
    )
    entry.refresh_from_db()
    assert (entry.staff_name, entry.action, entry.at) == ("ingrid", "branch.update", NOW)
    assert entry.subject_type == "consortium.branch" and entry.subject_id == str(world.umea.pk)
    assert entry.municipality_id == world.umea_kommun.pk
    changed = selectors.differences(entry)
    assert [(d.field, d.before, d.after) for d in changed] == [("phone", "", "090-16 33 00")]


def test_times_and_dates_are_stored_so_they_read_back_the_same() -> None:
    entry = services.record_change(
        staff=staff(),
        action="hours.set",
        subject="Måndagar",
        before=None,
        after={"opens": dt.time(10, 0), "day": dt.date(2026, 6, 19)},
        now=NOW,
    )
    entry.refresh_from_db()
    assert entry.before is None
    assert entry.after == {"opens": "10:00:00", "day": "2026-06-19"}


def test_the_entry_names_the_person_even_after_their_account_is_removed(world: Any) -> None:
    user = staff("tillfällig")
    services.record_change(
        staff=user, action="x", subject=world.vannas, before={}, after={"a": 1}, now=NOW
    )
    user.delete()
    entry = AuditEntry.objects.get()
    assert entry.staff_id is None and entry.staff_name == "tillfällig"


def test_a_municipality_reads_only_its_own_part_of_the_log(world: Any) -> None:
    for branch in (world.umea, world.vannas):
        services.record_change(
            staff=staff(f"s{branch.pk}"),
            action="branch.update",
            subject=branch,
            before={},
            after={"x": 1},
            now=NOW,
        )
    vannas_log = selectors.audit_log(everything=False, municipality_id=world.vannas_kommun.pk)
    assert [e.subject_label for e in vannas_log] == [world.vannas.name]
    assert selectors.audit_log(everything=True, municipality_id=None).count() == 2
    assert not selectors.audit_log(everything=False, municipality_id=None).exists()
