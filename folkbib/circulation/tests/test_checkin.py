"""Checkin at any branch: routing home, to holds, floating collections, lost items found."""

from __future__ import annotations

from decimal import Decimal

import pytest

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import services
from folkbib.circulation.errors import ItemNotLoanable
from folkbib.circulation.models import Fee, FeeKind, HoldStatus, Loan, LoanStatus, Transit
from folkbib.circulation.services import Action
from folkbib.circulation.tests.conftest import NOW, days

pytestmark = pytest.mark.django_db


def lend(world, item, patron=None, when=NOW):
    return services.checkout(
        patron=patron or world.patron(), item=item, branch=item.current_branch, now=when
    )


def test_an_item_returned_at_home_goes_back_on_the_shelf(world):
    item = world.item(world.record(), world.umea)
    lend(world, item)
    result = services.checkin(item=item, branch=world.umea, now=NOW + days(3))
    assert result.routing.action == Action.SHELVE
    assert result.routing.message == "Ställ tillbaka på hyllan."
    item.refresh_from_db()
    assert (item.status, item.current_branch, item.due_back) == (
        ItemStatus.AVAILABLE,
        world.umea,
        None,
    )


def test_an_item_returned_in_another_municipality_is_sent_home_and_arrives(world):
    item = world.item(world.record(), world.vannas)
    lend(world, item)
    result = services.checkin(item=item, branch=world.umea, now=NOW + days(3))
    assert result.routing.action == Action.TRANSIT
    assert result.routing.message == "Skicka hem till Vännäs bibliotek."
    transit = Transit.objects.get(item=item)
    assert result.routing.transit == transit
    assert (transit.from_branch, transit.to_branch, transit.reason) == (
        world.umea,
        world.vannas,
        "home",
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_TRANSIT

    arrived = services.checkin(item=item, branch=world.vannas, now=NOW + days(4))
    assert arrived.routing.action == Action.SHELVE
    transit.refresh_from_db()
    assert transit.arrived_at is not None
    item.refresh_from_db()
    assert (item.status, item.current_branch) == (ItemStatus.AVAILABLE, world.vannas)


def test_a_floating_collection_keeps_an_item_where_it_is_returned_within_its_municipality(world):
    world.umea_kommun.floating_collection = True
    world.umea_kommun.save()
    item = world.item(world.record(), world.umea)
    lend(world, item)
    result = services.checkin(item=item, branch=world.holmsund, now=NOW + days(3))
    assert result.routing.action == Action.SHELVE
    item.refresh_from_db()
    assert item.current_branch == world.holmsund
    # Returned in another municipality, it still goes home.
    lend(world, item)
    assert (
        services.checkin(item=item, branch=world.vannas, now=NOW + days(5)).routing.action
        == Action.TRANSIT
    )


def test_a_returned_item_goes_to_the_first_hold_and_travels_to_its_pickup_branch(world):
    record = world.record()
    item = world.item(record, world.umea)
    lend(world, item)
    first = services.place_hold(
        patron=world.patron(home=world.vannas),
        record=record,
        pickup_branch=world.vannas,
        now=NOW + days(1),
    )
    services.place_hold(
        patron=world.patron(), record=record, pickup_branch=world.umea, now=NOW + days(2)
    )
    result = services.checkin(item=item, branch=world.umea, now=NOW + days(3))
    assert result.routing.action == Action.TRANSIT
    assert result.routing.hold == first
    assert result.routing.message == "Skicka till Vännäs bibliotek — reserverad."
    first.refresh_from_db()
    assert first.status == HoldStatus.IN_TRANSIT

    arrived = services.checkin(item=item, branch=world.vannas, now=NOW + days(4))
    assert arrived.routing.action == Action.HOLD_SHELF
    first.refresh_from_db()
    assert first.status == HoldStatus.READY
    assert first.pickup_by is not None and first.pickup_by >= (NOW + days(4 + 7)).date()
    item.refresh_from_db()
    assert (item.status, item.current_branch) == (ItemStatus.ON_HOLD_SHELF, world.vannas)


def test_scanning_a_copy_on_its_hold_shelf_again_changes_nothing(world):
    record = world.record()
    item = world.item(record, world.umea)
    hold = services.place_hold(
        patron=world.patron(), record=record, pickup_branch=world.umea, now=NOW
    )
    services.checkin(item=item, branch=world.umea, now=NOW)
    again = services.checkin(item=item, branch=world.umea, now=NOW + days(1))
    assert again.routing.action == Action.HOLD_SHELF and again.routing.hold == hold
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY


def test_a_late_return_costs_an_adult_5_kr_a_day(world):
    item = world.item(world.record(), world.umea)
    loan = lend(world, item).loan
    result = services.checkin(item=item, branch=world.umea, now=NOW + days(28 + 3))
    assert result.was_overdue
    assert result.fee is not None and result.fee.amount == Decimal("15.00")
    assert Fee.objects.get(loan=loan).is_final


def test_a_child_never_pays_a_late_fee(world):
    child = world.patron(category=world.child)
    item = world.item(world.record(), world.umea)
    lend(world, item, patron=child)
    result = services.checkin(item=item, branch=world.umea, now=NOW + days(60))
    assert result.was_overdue and result.fee is None
    assert not Fee.objects.exists()


def test_a_lost_item_that_turns_up_is_back_and_its_unpaid_charge_waived(world):
    item = world.item(world.record(), world.umea, price=Decimal("249"))
    loan = lend(world, item).loan
    fee = services.mark_lost(loan=loan, now=NOW + days(2))
    assert fee is not None and fee.amount == Decimal("249.00") and fee.kind == FeeKind.LOST
    item.refresh_from_db()
    assert item.status == ItemStatus.LOST
    services.checkin(item=item, branch=world.umea, now=NOW + days(10))
    fee.refresh_from_db()
    assert fee.outstanding == 0 and fee.waived == Decimal("249.00")
    item.refresh_from_db()
    assert item.status == ItemStatus.AVAILABLE
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.RETURNED


def test_claims_returned_stops_the_fees_and_marks_the_item_missing(world):
    item = world.item(world.record(), world.umea)
    loan = lend(world, item).loan
    services.mark_claims_returned(loan=loan, now=NOW + days(30))
    item.refresh_from_db()
    assert item.status == ItemStatus.MISSING
    services.accrue_overdue_fees(now=NOW + days(60))
    assert Fee.objects.get(loan=loan).amount == Decimal("10.00")


def test_a_withdrawn_item_is_refused_at_checkin(world):
    item = world.item(world.record(), world.umea, status=ItemStatus.WITHDRAWN)
    with pytest.raises(ItemNotLoanable):
        services.checkin(item=item, branch=world.umea, now=NOW)
