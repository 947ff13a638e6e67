"""Holds across municipalities: fair queues, true positions, pickup anywhere, expiry."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import selectors, services
from folkbib.circulation.errors import (
    AlreadyBorrowed,
    DuplicateHold,
    HoldsNotAllowed,
    HoldStateError,
    NoHoldableCopies,
    NotRenewable,
    PickupBranchNotAllowed,
)
from folkbib.circulation.models import HoldStatus, Transit
from folkbib.circulation.services import Action
from folkbib.circulation.services.matrix import define_rule
from folkbib.circulation.tests.conftest import NOW, days

pytestmark = pytest.mark.django_db


def hold_for(world, record, branch, when, **extra):
    patron = world.patron(home=branch, **extra)
    return services.place_hold(patron=patron, record=record, pickup_branch=branch, now=when)


def test_a_patron_in_vannas_can_reserve_a_book_that_stands_in_umea(world):
    record = world.record()
    copy = world.item(record, world.umea)
    hold = hold_for(world, record, world.vannas, NOW)
    assert hold.status == HoldStatus.WAITING
    assert hold.allocated_item == copy  # on the pull list at Umeå
    assert list(selectors.pull_list(world.umea)) == [hold]
    # The librarian fetches it from the shelf and checks it in: it travels to Vännäs.
    routed = services.checkin(item=copy, branch=world.umea, now=NOW)
    assert routed.routing.message == "Skicka till Vännäs bibliotek — reserverad."
    services.checkin(item=copy, branch=world.vannas, now=NOW + days(1))
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY


def test_the_copy_nearest_the_pickup_branch_is_chosen(world):
    record = world.record()
    world.item(record, world.holmsund)  # 45 km from Vännäs
    in_umea = world.item(record, world.umea)  # 30 km
    hold = hold_for(world, record, world.vannas, NOW)
    assert hold.allocated_item == in_umea
    own = world.item(record, world.vannas)
    services.retarget_waiting_holds(now=NOW)
    hold.refresh_from_db()
    assert hold.allocated_item == own  # a copy at the pickup branch itself wins


def test_copies_at_a_closed_branch_are_not_put_on_a_pull_list(world):
    record = world.record()
    world.item(record, world.umea)
    saturday = NOW + days(5)  # Saturday 20 June, midsommardagen: everything is closed
    hold = hold_for(world, record, world.vannas, saturday)
    assert hold.allocated_item is None
    services.retarget_waiting_holds(now=NOW + days(7))  # Monday 22 June
    hold.refresh_from_db()
    assert hold.allocated_item is not None


def test_a_returned_copy_goes_to_the_earliest_hold_even_when_a_later_one_is_nearer(world):
    record = world.record()
    item = world.item(record, world.umea)
    services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    first = hold_for(world, record, world.vannas, NOW + days(1))
    second = hold_for(world, record, world.umea, NOW + days(2))
    result = services.checkin(item=item, branch=world.umea, now=NOW + days(3))
    assert result.routing.hold == first
    second.refresh_from_db()
    assert second.status == HoldStatus.WAITING


def test_staff_priority_moves_a_hold_ahead_of_earlier_ones(world):
    record = world.record()
    item = world.item(record, world.umea)
    services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    first = hold_for(world, record, world.umea, NOW + days(1))
    urgent = hold_for(world, record, world.umea, NOW + days(2))
    services.set_hold_priority(hold=urgent, priority=1, now=NOW + days(2), staff=None)
    assert selectors.queue_position(urgent) == 1
    assert selectors.queue_position(first) == 2
    assert services.checkin(item=item, branch=world.umea, now=NOW + days(3)).routing.hold == urgent


def test_every_patron_sees_a_true_contiguous_position_and_an_estimated_wait(world):
    record = world.record()
    item = world.item(record, world.umea)
    services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    holds = [hold_for(world, record, world.umea, NOW + days(i + 1)) for i in range(4)]
    assert [selectors.queue_position(h) for h in holds] == [1, 2, 3, 4]
    services.cancel_hold(hold=holds[1], now=NOW + days(6))
    assert [selectors.queue_position(h) for h in (holds[0], holds[2], holds[3])] == [1, 2, 3]
    views = selectors.patron_holds(holds[3].patron, today=(NOW + days(6)).date())
    assert views[0].position == 3 and views[0].queue_length == 3
    assert views[0].estimated_wait_days is not None and views[0].estimated_wait_days > 14


def test_a_paused_hold_keeps_its_place_but_is_skipped_until_it_resumes(world):
    record = world.record()
    item = world.item(record, world.umea)
    services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    paused = hold_for(world, record, world.umea, NOW + days(1))
    waiting = hold_for(world, record, world.umea, NOW + days(2))
    services.suspend_hold(hold=paused, now=NOW + days(2), until=dt.date(2026, 7, 1))
    assert selectors.queue_position(paused) == 1
    assert services.checkin(item=item, branch=world.umea, now=NOW + days(3)).routing.hold == waiting
    services.checkout(patron=waiting.patron, item=item, branch=world.umea, now=NOW + days(3))
    assert services.resume_paused_holds(now=NOW + days(16)) == 1  # 1 July
    paused.refresh_from_db()
    assert not paused.suspended
    with pytest.raises(HoldStateError):
        services.suspend_hold(hold=paused, now=NOW + days(16), until=(NOW + days(10)).date())


def test_a_hold_that_is_not_collected_expires_and_the_copy_goes_to_the_next_in_line(world):
    record = world.record()
    item = world.item(record, world.umea)
    first = hold_for(world, record, world.umea, NOW)
    second = hold_for(world, record, world.vannas, NOW + days(1))
    services.checkin(item=item, branch=world.umea, now=NOW + days(1))
    first.refresh_from_db()
    assert first.status == HoldStatus.READY and first.pickup_by == dt.date(2026, 6, 23)
    assert services.expire_hold_shelf(now=NOW + days(8)) == []  # 23 June is still in time
    outcomes = services.expire_hold_shelf(now=NOW + days(9))
    assert [o.hold for o in outcomes] == [first]
    assert outcomes[0].routing is not None and outcomes[0].routing.hold == second
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (HoldStatus.EXPIRED, HoldStatus.IN_TRANSIT)
    assert services.expire_hold_shelf(now=NOW + days(9)) == []  # running twice does nothing


def test_an_expired_hold_with_nobody_next_sends_the_copy_home(world):
    record = world.record()
    item = world.item(record, world.vannas)
    hold = hold_for(world, record, world.umea, NOW)
    services.checkin(item=item, branch=world.vannas, now=NOW)
    services.checkin(item=item, branch=world.umea, now=NOW + days(1))
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY
    (outcome,) = services.expire_hold_shelf(now=NOW + days(20))
    assert outcome.routing is not None and outcome.routing.action == Action.TRANSIT
    assert outcome.routing.destination == world.vannas


def test_cancelling_a_hold_on_the_shelf_moves_the_copy_on(world):
    record = world.record()
    item = world.item(record, world.umea)
    hold = hold_for(world, record, world.umea, NOW)
    services.checkin(item=item, branch=world.umea, now=NOW)
    outcome = services.cancel_hold(hold=hold, now=NOW + days(1))
    assert outcome.routing is not None and outcome.routing.action == Action.SHELVE
    item.refresh_from_db()
    assert item.status == ItemStatus.AVAILABLE
    with pytest.raises(HoldStateError):
        services.cancel_hold(hold=hold, now=NOW + days(1))


def test_changing_the_pickup_branch_redirects_a_copy_on_its_way(world):
    record = world.record()
    item = world.item(record, world.umea)
    hold = hold_for(world, record, world.vannas, NOW)
    services.checkin(item=item, branch=world.umea, now=NOW)
    services.change_pickup_branch(hold=hold, branch=world.holmsund, now=NOW)
    assert Transit.objects.get(item=item, arrived_at__isnull=True).to_branch == world.holmsund
    services.checkin(item=item, branch=world.holmsund, now=NOW + days(1))
    hold.refresh_from_db()
    assert (hold.status, hold.pickup_branch) == (HoldStatus.READY, world.holmsund)


def test_changing_the_pickup_branch_of_a_ready_hold_sends_the_copy_there(world):
    record = world.record()
    item = world.item(record, world.umea)
    hold = hold_for(world, record, world.umea, NOW)
    services.checkin(item=item, branch=world.umea, now=NOW)
    outcome = services.change_pickup_branch(hold=hold, branch=world.vannas, now=NOW + days(1))
    assert outcome.routing is not None and outcome.routing.destination == world.vannas
    hold.refresh_from_db()
    assert hold.status == HoldStatus.IN_TRANSIT and hold.pickup_by is None


def test_a_branch_that_takes_no_holds_cannot_be_the_pickup_branch(world):
    world.tavelsjo.accepts_holds = False
    world.tavelsjo.save()
    record = world.record()
    world.item(record, world.umea)
    with pytest.raises(PickupBranchNotAllowed) as refused:
        hold_for(world, record, world.tavelsjo, NOW)
    assert "Tavelsjö bibliotek" in refused.value.message


def test_a_title_is_reserved_once_per_patron_and_not_while_on_loan_to_them(world):
    record = world.record()
    item = world.item(record, world.umea)
    patron = world.patron()
    services.place_hold(patron=patron, record=record, pickup_branch=world.umea, now=NOW)
    with pytest.raises(DuplicateHold):
        services.place_hold(patron=patron, record=record, pickup_branch=world.vannas, now=NOW)
    other = world.patron()
    services.checkin(item=item, branch=world.umea, now=NOW)
    services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    services.checkout(patron=other, item=world.item(record, world.umea), branch=world.umea, now=NOW)
    with pytest.raises(AlreadyBorrowed):
        services.place_hold(patron=other, record=record, pickup_branch=world.umea, now=NOW)


def test_a_title_without_copies_or_where_rules_forbid_holds_is_refused(world):
    with pytest.raises(NoHoldableCopies):
        hold_for(world, world.record("Utan exemplar"), world.umea, NOW)
    film = world.record("Jägarna", material_type="film")
    world.item(film, world.umea)
    define_rule(material_type="film", loan_days=7, holds_allowed=False)
    with pytest.raises(HoldsNotAllowed):
        hold_for(world, film, world.umea, NOW)


def test_renewal_is_refused_when_someone_waits_for_the_title(world):
    record = world.record()
    item = world.item(record, world.umea)
    loan = services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW).loan
    renewed = services.renew(loan=loan, now=NOW + days(20))
    assert renewed.due_date == dt.date(2026, 8, 3)  # 5 July + 28 days, a Monday
    hold_for(world, record, world.umea, NOW + days(21))
    with pytest.raises(NotRenewable) as refused:
        services.renew(loan=loan, now=NOW + days(22))
    assert refused.value.reason == NotRenewable.REASON_QUEUE
    assert "reserverat" in refused.value.message


def test_renewals_stop_at_the_limit_and_renew_all_reports_each_loan(world):
    patron = world.patron()
    record = world.record()
    loans = [
        services.checkout(
            patron=patron, item=world.item(record, world.umea), branch=world.umea, now=NOW
        ).loan
        for _ in range(2)
    ]
    for step in range(3):
        services.renew(loan=loans[0], now=NOW + days(step + 1))
    outcomes = services.renew_all(patron=patron, now=NOW + days(5))
    by_loan = {o.loan.id: o for o in outcomes}
    assert by_loan[loans[0].id].error is not None
    assert by_loan[loans[0].id].error.reason == NotRenewable.REASON_LIMIT
    assert by_loan[loans[1].id].due_date is not None
