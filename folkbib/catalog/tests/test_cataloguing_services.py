"""The cataloguer's services: edited records, items in bulk, withdrawal (no HTTP)."""

from __future__ import annotations

import pytest

from folkbib.audit.models import AuditEntry
from folkbib.catalog.marc.validation import draft_from_text
from folkbib.catalog.models import ItemStatus, Record
from folkbib.catalog.services.cataloguing import (
    ItemNotWithdrawable,
    RecordHasProblems,
    apply_bulk_change,
    barcodes_from_text,
    plan_bulk_change,
    save_catalogued_record,
    withdraw_with_reason,
)
from folkbib.circulation import services as circulation
from folkbib.circulation.tests.conftest import NOW
from folkbib.circulation.tests.conftest import world as world

pytestmark = pytest.mark.django_db

FIXED = "261130s2024    sw            000 f swe  "


def test_a_record_with_problems_raises_every_problem_and_writes_nothing(world):
    draft = draft_from_text(
        "00000nam a2200000 i 4500", [("008", "", "", FIXED[:20]), ("245", "9", "0", "$a T")]
    )
    with pytest.raises(RecordHasProblems) as refused:
        save_catalogued_record(draft=draft, staff=None, now=NOW)
    assert [p.code for p in refused.value.problems] == ["008-length", "indicator-value"]
    assert not Record.objects.exists() and not AuditEntry.objects.exists()


def test_barcodes_are_read_one_per_line_or_by_spaces_and_commas_without_repeats():
    assert barcodes_from_text(" 111\n222, 333 111\n\n") == ["111", "222", "333"]


def test_an_item_lent_after_the_preview_is_refused_when_the_change_is_made(world):
    record = world.record()
    first, second = (world.item(record, world.umea) for _n in range(2))
    plan = plan_bulk_change(
        barcodes=[first.barcode, second.barcode], changes={"status": ItemStatus.MISSING}
    )
    assert [outcome.applies for outcome in plan] == [True, True]
    circulation.checkout(patron=world.patron(), item=second, branch=world.umea, now=NOW)
    done = apply_bulk_change(
        barcodes=[first.barcode, second.barcode],
        changes={"status": ItemStatus.MISSING},
        staff=None,
        now=NOW,
    )
    assert [outcome.applies for outcome in done] == [True, False]
    second.refresh_from_db()
    assert second.status == ItemStatus.ON_LOAN


def test_a_shelf_mark_change_is_allowed_for_an_item_on_loan(world):
    item = world.item(world.record(), world.umea, shelf_mark="Hc")
    circulation.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    (outcome,) = apply_bulk_change(
        barcodes=[item.barcode], changes={"shelf_mark": "Hcf"}, staff=None, now=NOW
    )
    assert outcome.applies
    item.refresh_from_db()
    assert item.shelf_mark == "Hcf" and item.status == ItemStatus.ON_LOAN


def test_an_item_in_transit_cannot_be_withdrawn(world):
    item = world.item(world.record(), world.vannas)
    circulation.checkout(patron=world.patron(), item=item, branch=world.vannas, now=NOW)
    circulation.checkin(item=item, branch=world.umea, now=NOW)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_TRANSIT
    with pytest.raises(ItemNotWithdrawable):
        withdraw_with_reason(item=item, reason="worn", note="", staff=None, now=NOW)
