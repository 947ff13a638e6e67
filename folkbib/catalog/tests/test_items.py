"""add_item / update_item / withdraw_item."""

from __future__ import annotations

from decimal import Decimal

import pytest

from folkbib.catalog.errors import DuplicateBarcode, DuplicateRfidTag, ItemFieldInvalid
from folkbib.catalog.models import IndexQueue, ItemStatus
from folkbib.catalog.services import add_item, save_record, update_item, withdraw_item

from .import_data.helpers import LATER, NOW, make_branches
from .test_records import book

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    record, _ = save_record(marc=book("1", "A", "Titel"), now=NOW)
    IndexQueue.objects.all().delete()
    return record


@pytest.fixture
def branches():
    return make_branches("umea-stad", "vindeln")


def test_it_adds_an_available_item_standing_at_its_branch(record, branches):
    item = add_item(
        record=record,
        barcode=" 30000001 ",
        branch=branches["vindeln"],
        shelf_mark="Hc",
        price=Decimal("149.00"),
        now=NOW,
    )

    assert item.barcode == "30000001"
    assert item.owning_branch == item.current_branch == branches["vindeln"]
    assert (item.status, item.shelf_mark, item.price) == (
        ItemStatus.AVAILABLE,
        "Hc",
        Decimal("149.00"),
    )
    assert IndexQueue.objects.filter(record_id=record.id).exists()


def test_it_refuses_a_barcode_another_item_has(record, branches):
    add_item(record=record, barcode="1", branch=branches["vindeln"], now=NOW)

    with pytest.raises(DuplicateBarcode) as error:
        add_item(record=record, barcode="1", branch=branches["umea-stad"], now=NOW)
    assert "1" in error.value.message


def test_it_refuses_an_rfid_tag_another_item_has(record, branches):
    add_item(record=record, barcode="1", branch=branches["vindeln"], rfid_tag_id="E004", now=NOW)

    with pytest.raises(DuplicateRfidTag):
        add_item(
            record=record, barcode="2", branch=branches["vindeln"], rfid_tag_id="E004", now=NOW
        )


def test_it_refuses_an_empty_barcode_or_an_unknown_material_type(record, branches):
    with pytest.raises(ItemFieldInvalid):
        add_item(record=record, barcode="  ", branch=branches["vindeln"], now=NOW)
    with pytest.raises(ItemFieldInvalid):
        add_item(
            record=record, barcode="3", branch=branches["vindeln"], material_type="scroll", now=NOW
        )


def test_update_item_moves_it_and_requeues_the_record(record, branches):
    item = add_item(record=record, barcode="1", branch=branches["vindeln"], now=NOW)
    IndexQueue.objects.all().delete()

    update_item(item=item, current_branch=branches["umea-stad"], shelf_mark="Hce", now=LATER)

    item.refresh_from_db()
    assert (item.current_branch, item.owning_branch) == (branches["umea-stad"], branches["vindeln"])
    assert (item.shelf_mark, item.updated_at) == ("Hce", LATER)
    assert IndexQueue.objects.filter(record_id=record.id).exists()


def test_update_item_refuses_a_taken_barcode_and_unknown_fields(record, branches):
    add_item(record=record, barcode="1", branch=branches["vindeln"], now=NOW)
    item = add_item(record=record, barcode="2", branch=branches["vindeln"], now=NOW)

    with pytest.raises(DuplicateBarcode):
        update_item(item=item, barcode="1", now=LATER)
    with pytest.raises(ItemFieldInvalid):
        update_item(item=item, record=record, now=LATER)
    update_item(item=item, barcode="2", now=LATER)  # its own barcode is not a duplicate


def test_withdraw_item_marks_it_withdrawn(record, branches):
    item = add_item(record=record, barcode="1", branch=branches["vindeln"], now=NOW)

    withdraw_item(item=item, now=LATER)

    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN
