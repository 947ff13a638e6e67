"""folkbib backup / restore on the database the suite runs on (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from folkbib.catalog.models import Record
from folkbib.circulation.models import CirculationEvent, Loan
from folkbib.core.testing import require_tool
from folkbib.operations.backup import live_fingerprint, read_manifest
from folkbib.patrons.models import Patron

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_tools() -> None:
    if connection.vendor == "postgresql":
        require_tool("pg_dump")
        require_tool("pg_restore")


def change_everything_a_bad_day_could() -> None:
    """An update, a delete and an insert, in tables big and small."""
    record = Record.objects.order_by("pk").first()
    assert record is not None
    Record.objects.filter(pk=record.pk).update(title="Overwritten by mistake")
    Loan.objects.all().delete()
    CirculationEvent.objects.filter(pk__in=CirculationEvent.objects.values("pk")[:50]).delete()
    patron = Patron.objects.order_by("pk").first()
    assert patron is not None
    patron.pk = None
    patron.card_number = "99999999999999"
    patron.save()


def test_a_restore_brings_back_every_table_row_for_row(demo_region, tmp_path: Path) -> None:
    before = live_fingerprint()
    assert before["catalog_record"].rows > 70 and before["circulation_loan"].rows > 0

    call_command("backup", tmp_path / "nightly", stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    change_everything_a_bad_day_could()
    damaged = live_fingerprint()
    assert damaged["circulation_loan"].rows == 0
    assert damaged["catalog_record"] != before["catalog_record"]

    call_command("restore", tmp_path / "nightly", "--no-input", stdout=open(tmp_path / "o", "w"))  # noqa: SIM115

    # restore checked every table against the manifest, then rebuilt the search index,
    # which empties the index queue: that one table may differ now, on purpose.
    after = live_fingerprint()
    assert {t: s.rows for t, s in after.items() if t != "catalog_indexqueue"} == {
        t: s.rows for t, s in before.items() if t != "catalog_indexqueue"
    }
    assert {t: s.checksum for t, s in after.items() if t != "catalog_indexqueue"} == {
        t: s.checksum for t, s in before.items() if t != "catalog_indexqueue"
    }
    assert Record.objects.filter(title="Overwritten by mistake").count() == 0
    assert not Patron.objects.filter(card_number="99999999999999").exists()

    # The id counters came back with the rows: a new row does not collide with one restored.
    highest = Patron.objects.order_by("-pk").values_list("pk", flat=True)[0]
    copy = Patron.objects.get(pk=highest)
    copy.pk = None
    copy.card_number = "88888888888888"
    copy.save()
    assert copy.pk > highest


def test_a_restore_that_does_not_match_its_manifest_is_refused(demo_region, tmp_path: Path) -> None:
    call_command("backup", tmp_path / "b", stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    manifest_path = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["patrons_patron"]["rows"] += 1
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="patrons_patron"):
        call_command("restore", tmp_path / "b", "--no-input", "--no-reindex")


def test_a_backup_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", tmp_path / "b")


def test_a_backup_of_one_database_kind_is_not_restored_into_the_other(tmp_path: Path) -> None:
    call_command("backup", tmp_path / "b", stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    manifest_path = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["vendor"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="this site uses"):
        call_command("restore", tmp_path / "b", "--no-input")
    assert read_manifest(tmp_path / "b")["tables"]["django_migrations"]["rows"] > 0
