"""delete_record: the record goes, its tombstone stays, and nothing in a patron's hands is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.catalog.errors import RecordInUse, RecordNotFound
from folkbib.catalog.models import DeletedRecord, Item, ItemStatus, Record
from folkbib.catalog.selectors import search
from folkbib.catalog.services import delete_record
from folkbib.catalog.tests.search_helpers import (
    NOW,
    ids,
    index_everything,
    make_item,
    make_record,
)
from folkbib.circulation.models import Hold, HoldStatus, Loan, LoanStatus
from folkbib.community.tests.factories import make_patron

pytestmark = pytest.mark.django_db

LATER = NOW + dt.timedelta(days=30)


def test_a_deleted_record_leaves_a_tombstone_with_its_sets_and_identifiers(places):
    record = make_record(
        "Snöstormen", control_number="123", control_number_identifier="SE-LIBR", material_type="map"
    )
    make_item(record, places["umea-stad"])
    make_item(record, places["holmsund"])
    make_item(record, places["vindeln"], status=ItemStatus.WITHDRAWN)

    tombstone = delete_record(record=record, now=LATER)

    assert not Record.objects.filter(pk=record.pk).exists()
    assert not Item.objects.filter(record_id=record.pk).exists()
    stored = DeletedRecord.objects.get(record_id=record.pk)
    assert stored == tombstone
    assert (stored.control_number, stored.control_number_identifier) == ("123", "SE-LIBR")
    assert stored.material_type == "map"
    # The withdrawn copy in Vindeln no longer made the record Vindeln's.
    assert stored.municipalities == ["2480"]
    assert stored.deleted_at == LATER


@pytest.mark.usefixtures("search_backend")
def test_a_deleted_record_is_no_longer_found(places, django_capture_on_commit_callbacks):
    record = make_record("Snöstormen")
    make_item(record, places["umea-stad"])
    index_everything()
    assert ids(search("snöstormen")) == [record.id]

    with django_capture_on_commit_callbacks(execute=True):
        delete_record(record=record, now=LATER)

    assert ids(search("snöstormen")) == []


@pytest.mark.parametrize(
    "status", [ItemStatus.ON_LOAN, ItemStatus.IN_TRANSIT, ItemStatus.ON_HOLD_SHELF]
)
def test_it_refuses_while_a_copy_is_out(places, status):
    record = make_record("Snöstormen")
    make_item(record, places["umea-stad"])
    make_item(record, places["vindeln"], status=status)

    with pytest.raises(RecordInUse):
        delete_record(record=record, now=LATER)

    assert Record.objects.filter(pk=record.pk).exists()
    assert not DeletedRecord.objects.exists()


def test_it_refuses_while_a_patron_waits_for_the_title(places):
    record = make_record("Snöstormen")
    make_item(record, places["umea-stad"])
    patron = make_patron(branch=places["umea-stad"])
    Hold.objects.create(
        patron=patron, record=record, pickup_branch=places["vindeln"], placed_at=NOW
    )

    with pytest.raises(RecordInUse):
        delete_record(record=record, now=LATER)

    assert Record.objects.filter(pk=record.pk).exists()


def test_a_cancelled_hold_does_not_keep_the_record(places):
    record = make_record("Snöstormen")
    patron = make_patron(branch=places["umea-stad"])
    Hold.objects.create(
        patron=patron,
        record=record,
        pickup_branch=places["vindeln"],
        placed_at=NOW,
        status=HoldStatus.CANCELLED,
        closed_at=NOW,
    )

    delete_record(record=record, now=LATER)

    assert DeletedRecord.objects.filter(record_id=record.pk).exists()


def test_it_refuses_when_circulation_keeps_loan_history_of_a_copy(places):
    record = make_record("Snöstormen")
    item = make_item(record, places["umea-stad"])
    Loan.objects.create(
        item=item,
        branch=places["umea-stad"],
        status=LoanStatus.RETURNED,
        checked_out_at=NOW,
        due_date=NOW.date(),
        closed_at=NOW,
    )

    with pytest.raises(RecordInUse):
        delete_record(record=record, now=LATER)

    assert Record.objects.filter(pk=record.pk).exists()
    assert not DeletedRecord.objects.exists()


def test_deleting_a_record_twice_says_it_is_gone(places):
    record = make_record("Snöstormen")
    delete_record(record=record, now=LATER)

    with pytest.raises(RecordNotFound):
        delete_record(record=record, now=LATER)
