"""The circulation hot path's locks and the card lookup, compiled once
(``core.prepared``), read what the ORM would have read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from folkbib.catalog.models import Item
from folkbib.circulation import selectors
from folkbib.circulation.models import Fee, FeeKind
from folkbib.circulation.services.common import lock_item, lock_patron, money
from folkbib.circulation.tests.conftest import NOW, World
from folkbib.core.testing import model_fields
from folkbib.patrons.models import BlockReason, Patron
from folkbib.patrons.selectors import patron_by_card
from folkbib.patrons.services import block_patron


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
    assert model_fields(locked) == model_fields(orm)
    assert locked.price == Decimal("199.00")
    assert model_fields(locked.record) == model_fields(orm.record)
    assert locked.record.get_deferred_fields() == {"marc"}
    assert model_fields(locked.owning_branch) == model_fields(orm.owning_branch)
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
    assert model_fields(locked) == model_fields(Patron.objects.get(pk=patron.pk))
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
    assert model_fields(found) == model_fields(orm)
    assert model_fields(found.home_branch) == model_fields(orm.home_branch)
    assert model_fields(found.home_branch.municipality) == model_fields(
        orm.home_branch.municipality
    )
    assert model_fields(found.category) == model_fields(orm.category)
