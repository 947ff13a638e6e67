"""The hot path's statements, compiled once (``services.prepared``), do what the ORM did."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.db.models import Model
from django.db.models.signals import post_save

from folkbib.catalog.models import Item
from folkbib.circulation import selectors
from folkbib.circulation.models import CirculationEvent, Fee, FeeKind, Loan
from folkbib.circulation.services.common import lock_item, lock_patron, money
from folkbib.circulation.services.prepared import Prepared, insert_row, update_row
from folkbib.circulation.tests.conftest import NOW, World
from folkbib.patrons.models import BlockReason, Patron
from folkbib.patrons.selectors import patron_by_card
from folkbib.patrons.services import block_patron


def fields_of(obj: Model) -> dict[str, Any]:
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in obj.get_deferred_fields()
    }


@pytest.mark.django_db
def test_a_locked_item_comes_with_the_graph_and_stamp_the_orm_would_read(world: World) -> None:
    item = world.item(world.record("Mio min Mio"), world.vannas, shelf_mark="Hc", price=199)
    orm = (
        Item.objects.select_related("record", "owning_branch__municipality")
        .defer("record__marc")
        .annotate(configuration_stamp=selectors.with_configuration_stamp())
        .get(pk=item.pk)
    )
    with transaction.atomic():
        locked = lock_item(item.id)
    assert fields_of(locked) == fields_of(orm)
    assert locked.price == Decimal("199.00")
    assert fields_of(locked.record) == fields_of(orm.record)
    assert locked.record.get_deferred_fields() == {"marc"}
    assert fields_of(locked.owning_branch) == fields_of(orm.owning_branch)
    assert locked.owning_branch.municipality.code == "2460"
    assert locked.configuration_stamp == orm.configuration_stamp  # type: ignore[attr-defined]
    assert not locked._state.adding and locked._state.db == "default"


@pytest.mark.django_db
def test_a_locked_patron_comes_with_blocks_balance_and_relations(world: World) -> None:
    patron = world.patron(home=world.vannas, category=world.child)
    with transaction.atomic():
        fresh = lock_patron(patron.id)
    assert fresh.has_blocks is False  # type: ignore[attr-defined]
    assert fresh.owed is None  # type: ignore[attr-defined]
    Fee.objects.create(
        patron=patron,
        kind=FeeKind.OVERDUE,
        amount=Decimal("12.50"),
        created_at=NOW,
        updated_at=NOW,
    )
    block_patron(patron=patron, reason=BlockReason.STAFF, note="", now=NOW)
    with transaction.atomic():
        locked = lock_patron(patron.id)
    assert fields_of(locked) == fields_of(Patron.objects.get(pk=patron.pk))
    assert locked.has_blocks is True  # type: ignore[attr-defined]
    assert money(locked.owed) == Decimal("12.50")  # type: ignore[attr-defined]
    assert locked.category.is_child
    assert locked.home_branch.municipality.code == "2460"
    assert locked.card_expires == patron.card_expires  # a date, on SQLite too


@pytest.mark.django_db
def test_a_card_number_finds_its_patron_with_branch_municipality_and_category(
    world: World,
) -> None:
    patron = world.patron(home=world.holmsund)
    found = patron_by_card(patron.card_number)
    orm = Patron.objects.select_related("home_branch__municipality", "category").get(pk=patron.pk)
    assert fields_of(found) == fields_of(orm)
    assert fields_of(found.home_branch) == fields_of(orm.home_branch)
    assert fields_of(found.home_branch.municipality) == fields_of(orm.home_branch.municipality)
    assert fields_of(found.category) == fields_of(orm.category)


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
    assert fields_of(stored) == fields_of(event)
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
