"""What a bulk import does to go fast must not change what it imports, nor outlive it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from folkbib.catalog.models import Item, Record, RecordIdentifier
from folkbib.catalog.services import bulk, import_records
from folkbib.catalog.services.batches import BatchWriter

from .import_data.helpers import LIBRIS, NOW, koha_952, make_branches, snapshot, write_with_holdings

pytestmark = pytest.mark.django_db


def _wal_autocheckpoint() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_the_import_checkpoints_rarely_while_it_runs_and_restores_the_setting(monkeypatch):
    before = _wal_autocheckpoint()
    during: list[int] = []
    write = BatchWriter.write

    def spying_write(self, batch):
        during.append(_wal_autocheckpoint())
        write(self, batch)

    monkeypatch.setattr(BatchWriter, "write", spying_write)

    import_records(path=LIBRIS, now=NOW)

    assert during == [bulk.BULK_WAL_AUTOCHECKPOINT]
    assert _wal_autocheckpoint() == before != bulk.BULK_WAL_AUTOCHECKPOINT


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_a_failing_import_restores_the_setting_too(monkeypatch):
    before = _wal_autocheckpoint()

    def failing_write(self, batch):
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchWriter, "write", failing_write)

    with pytest.raises(RuntimeError):
        import_records(path=LIBRIS, now=NOW)

    assert _wal_autocheckpoint() == before


def _import_everything(tmp_path):
    make_branches()
    source = write_with_holdings(
        LIBRIS,
        tmp_path / "with_items.mrc",
        {
            0: [koha_952("700001", "umea-stad", v="149.50", z="Signerad", o="Hc")],
            5: [koha_952("700002", "umea-stad", "vindeln"), koha_952("700003", "vindeln")],
        },
    )
    summary = import_records(path=source, now=NOW)
    identifiers = sorted(
        RecordIdentifier.objects.values_list("record__control_number", "kind", "value")
    )
    return summary, snapshot(), identifiers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_imports_the_same_rows_as_statements(tmp_path, monkeypatch):
    copied = _import_everything(tmp_path)
    Item.objects.all().delete()
    Record.objects.all().delete()
    monkeypatch.setattr(bulk, "COPY_ON_POSTGRESQL", False)

    inserted = _import_everything(tmp_path)

    assert copied[0].created == inserted[0].created == 29
    assert copied[0].items_created == inserted[0].items_created == 3
    assert copied[1] == inserted[1]
    assert copied[2] == inserted[2]
    item = Item.objects.get(barcode="700001")
    assert (item.price, item.notes, item.shelf_mark) == (Decimal("149.50"), "Signerad", "Hc")


@pytest.mark.django_db(transaction=True)
def test_records_are_dequeued_once_the_index_has_committed_them_at_the_end(monkeypatch):
    from folkbib.catalog.models import IndexQueue
    from folkbib.catalog.search import get_backend, parse_query
    from folkbib.catalog.search.base import SearchRequest

    queued_while_indexing: list[int] = []
    flush = BatchWriter.flush_index

    def spying_flush(self):
        flush(self)
        queued_while_indexing.append(IndexQueue.objects.count())

    monkeypatch.setattr(BatchWriter, "flush_index", spying_flush)

    summary = import_records(path=LIBRIS, now=NOW, batch_size=10)

    assert summary.indexed == 29
    assert queued_while_indexing == [29]  # indexed, not yet committed: still queued
    assert not IndexQueue.objects.exists()
    result = get_backend().search(SearchRequest(query=parse_query("Tove Jansson")))
    assert [hit.record_id for hit in result.hits] == [
        Record.objects.get(control_number="7149593").id
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner statistics")
def test_the_import_leaves_planner_statistics_of_what_it_loaded():
    import_records(path=LIBRIS, now=NOW)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)",
            [["catalog_record", "catalog_recordidentifier"]],
        )
        estimates = dict(cursor.fetchall())
    # Never analyzed, PostgreSQL would say -1; the index's rows are written after commit.
    assert estimates == {
        "catalog_record": 29,
        "catalog_recordidentifier": RecordIdentifier.objects.count(),
    }
