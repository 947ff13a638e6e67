"""Every stamp's triggers are in place after all migrations, on either database.

A migration that rebuilds a watched table (SQLite's way of altering some columns) would
drop its triggers without a word, and the caches kept under the stamp would never
learn of a change again: this test fails first.
"""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from folkbib.consortium.models import Municipality, Region
from folkbib.core import stamps

pytestmark = pytest.mark.django_db

STAMPS = [
    importlib.import_module("folkbib.circulation.migrations.0006_configuration_stamp"),
    importlib.import_module("folkbib.consortium.migrations.0007_places_stamp"),
]


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("migration", STAMPS, ids=lambda m: m.TABLE)
def test_every_watched_table_renews_its_stamp(migration) -> None:
    wanted = set(stamps.trigger_names(migration.WATCHED, connection.vendor))
    assert len(wanted) == len(migration.WATCHED) * (3 if connection.vendor == "sqlite" else 1)
    assert wanted <= _triggers()
    assert stamps.read_stamp(connection, migration.TABLE) is not None


def test_any_write_of_a_watched_table_renews_the_stamp() -> None:
    region = Region.objects.create(code="test", name="Testregionen")
    created = stamps.read_stamp(connection, "consortium_places_stamp")
    municipality = Municipality.objects.create(region=region, code="9999", name="Testby")
    inserted = stamps.read_stamp(connection, "consortium_places_stamp")
    # Raw SQL, no signal, no changed value: the stamp is renewed all the same.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE consortium_municipality SET name = name WHERE id = %s", [municipality.pk]
        )
    updated = stamps.read_stamp(connection, "consortium_places_stamp")

    assert None not in (created, inserted, updated)
    assert len({created, inserted, updated}) == 3
