"""Items in bulk and withdrawal: each barcode's outcome is shown first; changes are audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.catalog.models import Item, ItemStatus
from folkbib.staff.tests.helpers import lend, text
from folkbib.staff.tests.test_cataloguing_editor import cataloguer as cataloguer

pytestmark = pytest.mark.django_db


def _items(world: Any, count: int) -> list[Item]:
    record = world.record("Ronja rövardotter")
    return [world.item(record, world.umea, shelf_mark="Hc") for _n in range(count)]


def test_the_preview_lists_each_barcode_and_changes_nothing(cataloguer, world):
    shelf, lent = _items(world, 2)
    lend(lent, world.patron())
    response = cataloguer.post(
        reverse("staff:items_bulk"),
        {"barcodes": f"{shelf.barcode}\n{lent.barcode}\nOKÄND-1", "status": "missing"},
    )
    body = text(response)
    assert "Förhandsvisning: 1 exemplar ändras, 2 lämnas som de är" in body
    assert "Okänd streckkod." in body
    assert "Utlånad; status och placering sköts av cirkulationen." in body
    shelf.refresh_from_db()
    assert shelf.status == ItemStatus.AVAILABLE
    assert not AuditEntry.objects.exists()


def test_confirming_moves_the_items_and_audits_each_one(cataloguer, world):
    first, second = _items(world, 2)
    response = cataloguer.post(
        reverse("staff:items_bulk"),
        {
            "barcodes": f"{first.barcode} {second.barcode}",
            "current_branch": world.vannas.pk,
            "shelf_mark": "Hcf",
            "confirm": "1",
        },
    )
    assert "2 exemplar ändrade" in text(response)
    for item in (first, second):
        item.refresh_from_db()
        assert item.current_branch == world.vannas and item.shelf_mark == "Hcf"
    entries = AuditEntry.objects.filter(action="catalog.item_bulk_change")
    assert entries.count() == 2
    entry = entries.get(subject_id=str(first.pk))
    assert entry.before["shelf_mark"] == "Hc" and entry.after["shelf_mark"] == "Hcf"
    assert entry.after["current_branch"] == world.vannas.pk


def test_a_bulk_change_must_say_what_to_change(cataloguer, world):
    (item,) = _items(world, 1)
    response = cataloguer.post(reverse("staff:items_bulk"), {"barcodes": item.barcode})
    assert response.status_code == 422
    assert "Välj vad som ska ändras" in text(response)


def test_withdrawing_records_the_reason_in_the_notes_and_the_audit(cataloguer, world):
    (item,) = _items(world, 1)
    url = reverse("staff:item_withdraw")
    assert item.barcode in text(cataloguer.get(url, {"streckkod": item.barcode}))
    response = cataloguer.post(
        url, {"streckkod": item.barcode, "reason": "worn", "note": "Vattenskadad"}, follow=True
    )
    assert f"{item.barcode} är gallrat." in text(response)
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN
    assert "Sliten eller skadad – Vattenskadad" in item.notes
    entry = AuditEntry.objects.get(action="catalog.item_withdrawn")
    assert entry.before["status"] == "available"
    assert entry.after["status"] == "withdrawn" and entry.after["reason"] == "worn"


def test_an_item_on_loan_cannot_be_withdrawn(cataloguer, world):
    (item,) = _items(world, 1)
    lend(item, world.patron())
    response = cataloguer.post(
        reverse("staff:item_withdraw"), {"streckkod": item.barcode, "reason": "worn"}
    )
    assert response.status_code == 409
    assert "kan inte gallras förrän det är återlämnat" in text(response)
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
    assert not AuditEntry.objects.exists()


def test_other_as_a_reason_needs_a_note(cataloguer, world):
    (item,) = _items(world, 1)
    response = cataloguer.post(
        reverse("staff:item_withdraw"), {"streckkod": item.barcode, "reason": "other"}
    )
    assert response.status_code == 409
    assert "Skriv varför exemplaret gallras." in text(response)


def test_an_unknown_barcode_is_said_so(cataloguer):
    response = cataloguer.get(reverse("staff:item_withdraw"), {"streckkod": "NIX"})
    assert response.status_code == 404
    assert "Inget exemplar har streckkoden NIX." in text(response)


def test_items_are_added_to_a_record_and_taken_barcodes_refused(cataloguer, world):
    (taken,) = _items(world, 1)
    record = world.record("Utan exemplar")
    response = cataloguer.post(
        reverse("staff:record_add_items", kwargs={"record_id": record.pk}),
        {
            "add-barcodes": f"NY-1\n{taken.barcode}\nNY-2",
            "add-branch": world.holmsund.pk,
            "add-shelf_mark": "Hc",
        },
        follow=True,
    )
    body = text(response)
    assert "2 av 3 exemplar tillagda." in body
    assert f"{taken.barcode}: Streckkoden {taken.barcode} används redan" in body
    added = Item.objects.filter(record=record).order_by("barcode")
    assert [(i.barcode, i.owning_branch, i.shelf_mark) for i in added] == [
        ("NY-1", world.holmsund, "Hc"),
        ("NY-2", world.holmsund, "Hc"),
    ]
    assert AuditEntry.objects.filter(action="catalog.item_added").count() == 2
