"""Statements compiled once (``core.prepared``) do what the ORM did."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_save
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from folkbib.catalog.models import IndexQueue, Item
from folkbib.circulation.models import ActiveBorrower, CirculationEvent, Loan
from folkbib.circulation.tests.conftest import NOW, World, build_world
from folkbib.core.prepared import Prepared, fetch_all, insert_row, insert_rows, update_row
from folkbib.core.testing import model_fields


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.mark.django_db
def test_a_prepared_query_refuses_values_that_would_change_its_sql(world: World) -> None:
    by_barcode = Prepared(
        lambda barcode: Item.objects.filter(barcode=barcode).values_list("id", flat=True),
        kinds=(str,),
        first=True,
    )
    item = world.item(world.record(), world.umea)
    assert by_barcode.first(item.barcode) == item.id
    assert by_barcode.first("no such barcode") is None
    with pytest.raises(TypeError):
        by_barcode.first(None)
    locking = Prepared(lambda pk: Item.objects.select_for_update().filter(pk=pk))
    with pytest.raises(TypeError):
        locking.objects(True)
    with transaction.atomic():
        assert [found.pk for found in locking.objects(item.id)] == [item.id]


@pytest.mark.django_db
def test_a_plain_insert_fills_the_key_and_tells_the_receivers(world: World) -> None:
    item = world.item(world.record(), world.umea)
    seen: list[Any] = []

    def receiver(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        seen.append((instance.pk, created))

    post_save.connect(receiver, sender=CirculationEvent, dispatch_uid="test-prepared")
    try:
        event = CirculationEvent(
            day=NOW.date(),
            kind="checkout",
            branch=world.umea,
            owning_municipality_id=world.umea_kommun.id,
            material_type="book",
        )
        insert_row(event)
    finally:
        post_save.disconnect(sender=CirculationEvent, dispatch_uid="test-prepared")
    assert event.pk is not None and seen == [(event.pk, True)]
    stored = CirculationEvent.objects.get(pk=event.pk)
    assert model_fields(stored) == model_fields(event)
    loan = Loan(item=item, patron=world.patron(), branch=world.umea, checked_out_at=NOW)
    loan.due_date = NOW.date()
    insert_row(loan)
    assert Loan.objects.get(pk=loan.pk).checked_out_at == NOW


@pytest.mark.django_db
def test_a_plain_update_writes_the_fields_and_refuses_a_missing_row(world: World) -> None:
    item = world.item(world.record(), world.umea)
    item.shelf_mark = "Hcg"
    item.notes = "not written"
    item.due_back = NOW.date()
    update_row(item, ["shelf_mark", "due_back"])
    stored = Item.objects.get(pk=item.pk)
    assert (stored.shelf_mark, stored.due_back, stored.notes) == ("Hcg", NOW.date(), "")
    item.due_back = None
    update_row(item, ["due_back"])
    assert Item.objects.get(pk=item.pk).due_back is None
    Item.objects.filter(pk=item.pk).delete()
    with pytest.raises(DatabaseError):
        update_row(item, ["shelf_mark"])


@pytest.mark.django_db
def test_bulk_inserts_update_or_ignore_a_conflicting_row_as_bulk_create_does(
    world: World,
) -> None:
    insert_rows(
        [IndexQueue(record_id=i) for i in (7, 8)],
        unique_fields=("record_id",),
        update_fields=("queued_at",),
    )
    first = dict(IndexQueue.objects.values_list("record_id", "queued_at"))
    assert set(first) == {7, 8}
    insert_rows(
        [IndexQueue(record_id=i) for i in (8, 9)],
        unique_fields=("record_id",),
        update_fields=("queued_at",),
    )
    again = dict(IndexQueue.objects.values_list("record_id", "queued_at"))
    assert set(again) == {7, 8, 9} and IndexQueue.objects.count() == 3
    assert again[7] == first[7] and again[8] > first[8]  # re-enqueued: refreshed
    row = ActiveBorrower(year=2026, token="a" * 64, municipality_id=world.umea_kommun.id)
    insert_rows([row], ignore_conflicts=True)
    insert_rows(
        [
            ActiveBorrower(year=2026, token="a" * 64, municipality_id=world.vannas_kommun.id),
            ActiveBorrower(year=2026, token="b" * 64, municipality_id=None),
        ],
        ignore_conflicts=True,
    )
    stored = dict(ActiveBorrower.objects.values_list("token", "municipality_id"))
    assert stored == {"a" * 64: world.umea_kommun.id, "b" * 64: None}


@pytest.mark.django_db
def test_bulk_inserts_go_in_batches_the_backend_accepts() -> None:
    insert_rows(
        [IndexQueue(record_id=i) for i in range(1, 2_001)],
        unique_fields=("record_id",),
        update_fields=("queued_at",),
    )
    assert IndexQueue.objects.count() == 2_000


@pytest.mark.django_db
def test_a_plain_read_returns_what_djangos_cursor_returns_and_is_seen_when_watched() -> None:
    # fetch_all skips Django's cursor on SQLite only while nobody watches the queries.
    sql = "SELECT %s, 'x%%' || %s, 1.5, NULL"
    with connection.cursor() as cursor:
        cursor.execute(sql, [7, "y"])
        expected = cursor.fetchall()

    assert [tuple(row) for row in fetch_all(connection, sql, [7, "y"])] == [
        tuple(row) for row in expected
    ]
    with CaptureQueriesContext(connection) as watched:
        fetch_all(connection, sql, [7, "y"])
    assert len(watched.captured_queries) == 1


@pytest.mark.django_db(transaction=True)
def test_a_plain_read_refuses_a_broken_transaction_as_djangos_cursor_does() -> None:
    with transaction.atomic():
        transaction.set_rollback(True)
        connection.needs_rollback = True
        with pytest.raises(TransactionManagementError):
            fetch_all(connection, "SELECT 1", [])
