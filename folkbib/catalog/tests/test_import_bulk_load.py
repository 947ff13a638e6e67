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


def _bulk_setting() -> tuple[str, str]:
    """(the connection's current value, the value a bulk load sets) of this database's setting.

    SQLite: how often the WAL is checkpointed; PostgreSQL: whether a commit waits for the
    WAL flush.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW synchronous_commit")
            return str(cursor.fetchone()[0]), "off"
        cursor.execute("PRAGMA wal_autocheckpoint")
        checkpoint = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        return f"{checkpoint}/{cache}", f"{bulk.BULK_WAL_AUTOCHECKPOINT}/{bulk.BULK_CACHE_SIZE}"


def test_the_import_loads_with_the_bulk_setting_and_restores_it(monkeypatch):
    before, in_bulk = _bulk_setting()
    during: list[str] = []
    write = BatchWriter.write

    def spying_write(self, batch):
        during.append(_bulk_setting()[0])
        write(self, batch)

    monkeypatch.setattr(BatchWriter, "write", spying_write)

    import_records(path=LIBRIS, now=NOW)

    assert during == [in_bulk]
    assert _bulk_setting()[0] == before != in_bulk


def test_a_failing_import_restores_the_setting_too(monkeypatch):
    before, _in_bulk = _bulk_setting()

    def failing_write(self, batch):
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchWriter, "write", failing_write)

    with pytest.raises(RuntimeError):
        import_records(path=LIBRIS, now=NOW)

    assert _bulk_setting()[0] == before


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


def test_copy_on_postgresql_imports_the_same_rows_as_statements(tmp_path, monkeypatch):
    copies: list[str] = []
    copy_rows = bulk.copy_rows

    def counting_copy_rows(table, columns, rows):
        copies.append(table)
        copy_rows(table, columns, rows)

    monkeypatch.setattr(bulk, "copy_rows", counting_copy_rows)
    copied = _import_everything(tmp_path)
    # COPY is PostgreSQL's; SQLite takes the statements of the comparison run below.
    assert bool(copies) == (connection.vendor == "postgresql")
    Item.objects.all().delete()
    Record.objects.all().delete()
    monkeypatch.setattr(bulk, "COPY_ON_POSTGRESQL", False)
    copies.clear()

    inserted = _import_everything(tmp_path)

    assert copies == []

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
    # Each batch goes to the index as it commits (the index commits nothing until the
    # end), and what was indexed but not yet committed stays queued.
    assert queued_while_indexing == [10, 20, 29, 29]
    assert not IndexQueue.objects.exists()
    result = get_backend().search(SearchRequest(query=parse_query("Tove Jansson")))
    assert [hit.record_id for hit in result.hits] == [
        Record.objects.get(control_number="7149593").id
    ]


@pytest.mark.postgresql
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


@pytest.mark.postgresql
def test_a_long_import_refreshes_planner_statistics_whenever_the_tables_have_doubled(
    monkeypatch,
):
    analysed_at: list[int] = []  # the catalogue's size each time statistics were taken

    def analyse() -> None:
        analysed_at.append(Record.objects.count())

    monkeypatch.setattr(bulk, "analyze_loaded_tables", analyse)
    monkeypatch.setattr(bulk.GrowingTables, "FIRST", 4)

    import_records(path=LIBRIS, now=NOW, batch_size=3)

    # after 6 (the first batch past 4), 12, 24 records, and once more at the end
    assert analysed_at == [6, 12, 24, 29]


# The indexes a load into an empty SQLite catalogue builds afterwards (see
# ``bulk.indexes_built_afterwards``): the records' secondary indexes.
BUILT_AFTERWARDS = {
    "catalog_record_sort_title_17296b0c",
    "catalog_record_year_aca6780c",
    "catalog_record_material_type_d34e81d1",
    "catalog_record_updated",
    "catalog_record_editions",
}


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        return {
            name
            for model in (Record, Item, RecordIdentifier)
            for name, info in connection.introspection.get_constraints(
                cursor, model._meta.db_table
            ).items()
            if info["index"] or info["unique"]
        }


def _indexes_while_writing(monkeypatch) -> list[set[str]]:
    during: list[set[str]] = []
    write = BatchWriter.write

    def spying_write(self, batch):
        during.append(_index_names())
        write(self, batch)

    monkeypatch.setattr(BatchWriter, "write", spying_write)
    return during


def test_an_empty_catalogue_loads_without_its_secondary_indexes_and_gets_them_back(monkeypatch):
    before = _index_names()
    during = _indexes_while_writing(monkeypatch)

    import_records(path=LIBRIS, now=NOW, batch_size=10)

    assert before >= BUILT_AFTERWARDS
    # SQLite only; the items' and identifiers' indexes stay throughout.
    deferred = BUILT_AFTERWARDS if connection.vendor == "sqlite" else set()
    assert during == [before - deferred] * 3
    assert _index_names() == before


def test_a_catalogue_with_records_keeps_its_indexes_while_loading(monkeypatch):
    import_records(path=LIBRIS, now=NOW, batch_size=10)
    before = _index_names()
    during = _indexes_while_writing(monkeypatch)

    import_records(path=LIBRIS, now=NOW, batch_size=10)

    assert during == [before] * 3
    assert _index_names() == before


def test_a_failing_load_gets_its_indexes_back(monkeypatch):
    before = _index_names()

    def failing_write(self, batch):
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchWriter, "write", failing_write)

    with pytest.raises(RuntimeError):
        import_records(path=LIBRIS, now=NOW)

    assert _index_names() == before


def test_a_load_whose_indexes_another_import_created_meanwhile_still_ends_well(monkeypatch):
    before = _index_names()
    write = BatchWriter.write

    def write_after_another_import_started(self, batch):
        bulk.create_missing_indexes()  # what another import does first
        write(self, batch)

    monkeypatch.setattr(BatchWriter, "write", write_after_another_import_started)

    summary = import_records(path=LIBRIS, now=NOW, batch_size=10)

    assert summary.created == 29
    assert _index_names() == before


def test_indexes_a_killed_load_left_missing_come_back_with_the_next_import():
    before = _index_names()
    with connection.cursor() as cursor:
        for name in ("catalog_record_editions", "catalog_item_owning_branch_id_a06e060e"):
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")

    created = bulk.create_missing_indexes()

    if connection.vendor == "sqlite":
        assert sorted(created) == [
            "catalog_item_owning_branch_id_a06e060e",
            "catalog_record_editions",
        ]
        assert _index_names() == before
    else:  # PostgreSQL loads with its indexes and leaves them to its migrations
        assert created == []
