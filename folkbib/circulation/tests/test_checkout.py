"""Checkout: due dates, limits, blocks and the reasons a patron reads when refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import services
from folkbib.circulation.errors import (
    CardNotValid,
    FeesOverThreshold,
    ItemAlreadyOnLoan,
    ItemNotLoanable,
    ItemReservedForAnother,
    MaxLoansReached,
    PatronBlocked,
)
from folkbib.circulation.models import CirculationEvent, Fee, FeeKind, Loan, LoanStatus, StaffAction
from folkbib.circulation.services.matrix import define_rule
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.patrons import services as patrons

pytestmark = pytest.mark.django_db


def test_a_book_is_lent_for_28_days_and_the_item_is_on_loan(world):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    result = services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    assert result.due_date == dt.date(2026, 7, 13)  # Monday, 28 days later
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN
    assert item.due_back == result.due_date
    assert Loan.objects.get().status == LoanStatus.ACTIVE


def test_a_due_date_on_a_holiday_moves_to_the_next_day_the_branch_is_open(world):
    define_rule(loan_days=4, loan_days_when_queued=4)
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    # Monday 15 June + 4 = midsommarafton, then midsommardagen and Sunday: Monday 22 June.
    result = services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    assert result.due_date == dt.date(2026, 6, 22)


def test_a_film_is_lent_for_a_week(world):
    patron = world.patron()
    item = world.item(world.record("Jägarna", material_type="film"), world.umea)
    result = services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    assert result.due_date == dt.date(2026, 6, 22)


def test_the_loan_is_14_days_when_others_are_queued_for_the_title(world):
    record = world.record()
    first, second = (
        world.item(record, world.umea),
        world.item(record, world.umea, status=ItemStatus.ON_LOAN),
    )
    waiting = world.patron()
    services.checkout(patron=world.patron(), item=first, branch=world.umea, now=NOW)
    services.place_hold(patron=waiting, record=record, pickup_branch=world.umea, now=NOW)
    services.checkin(item=first, branch=world.umea, now=NOW)  # goes to the waiting patron
    assert second.status == ItemStatus.ON_LOAN
    third = world.item(record, world.vannas)
    other = world.patron()
    services.place_hold(
        patron=world.patron(), record=record, pickup_branch=world.vannas, now=NOW + days(1)
    )
    result = services.checkout(patron=other, item=third, branch=world.vannas, now=NOW + days(1))
    assert result.due_date == dt.date(2026, 6, 30)  # 16 June + 14


def test_a_patron_with_an_expired_card_cannot_borrow(world):
    patron = world.patron(card_expires=NOW.date() - days(1))
    item = world.item(world.record(), world.umea)
    with pytest.raises(CardNotValid) as refused:
        services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    assert "gått ut" in refused.value.message
    assert not Loan.objects.exists()


def test_a_blocked_patron_is_told_why(world):
    patron = world.patron()
    patrons.block_patron(patron=patron, reason="lost_card", now=NOW)
    with pytest.raises(PatronBlocked) as refused:
        services.checkout(
            patron=patron, item=world.item(world.record(), world.umea), branch=world.umea, now=NOW
        )
    assert "Kortet anmält förlorat" in refused.value.message


def test_unpaid_fees_from_the_threshold_block_an_adult(world):
    patron = world.patron()
    Fee.objects.create(
        patron=patron, kind=FeeKind.OTHER, amount=Decimal("100"), created_at=NOW, updated_at=NOW
    )
    with pytest.raises(FeesOverThreshold) as refused:
        services.checkout(
            patron=patron, item=world.item(world.record(), world.umea), branch=world.umea, now=NOW
        )
    assert "100 kr" in refused.value.message


def test_the_maximum_number_of_loans_is_enforced_in_all_and_per_type(world):
    define_rule(max_loans=2)
    patron = world.patron()
    record = world.record()
    for _ in range(2):
        services.checkout(
            patron=patron, item=world.item(record, world.umea), branch=world.umea, now=NOW
        )
    with pytest.raises(MaxLoansReached) as refused:
        services.checkout(
            patron=patron, item=world.item(record, world.umea), branch=world.umea, now=NOW
        )
    assert "(2)" in refused.value.message

    define_rule(max_loans=50)
    define_rule(material_type="film", loan_days=7, max_loans_of_type=1)
    film = world.record("Jägarna", material_type="film")
    services.checkout(patron=patron, item=world.item(film, world.umea), branch=world.umea, now=NOW)
    with pytest.raises(MaxLoansReached) as refused:
        services.checkout(
            patron=patron, item=world.item(film, world.umea), branch=world.umea, now=NOW
        )
    assert "Film" in refused.value.message


def test_an_item_on_loan_cannot_be_lent_again(world):
    item = world.item(world.record(), world.umea)
    anna = world.patron()
    services.checkout(patron=anna, item=item, branch=world.umea, now=NOW)
    with pytest.raises(ItemAlreadyOnLoan) as again:
        services.checkout(patron=anna, item=item, branch=world.umea, now=NOW)
    assert again.value.to_same_patron
    with pytest.raises(ItemAlreadyOnLoan) as other:
        services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)
    assert not other.value.to_same_patron


@pytest.mark.parametrize(
    "status",
    [
        ItemStatus.LOST,
        ItemStatus.MISSING,
        ItemStatus.DAMAGED,
        ItemStatus.WITHDRAWN,
        ItemStatus.IN_TRANSIT,
    ],
)
def test_an_item_that_is_not_on_the_shelf_is_refused(world, status):
    item = world.item(world.record(), world.umea, status=status)
    with pytest.raises(ItemNotLoanable):
        services.checkout(patron=world.patron(), item=item, branch=world.umea, now=NOW)


def test_a_copy_on_the_hold_shelf_goes_only_to_the_patron_it_waits_for(world):
    record = world.record()
    item = world.item(record, world.umea)
    anna, bo = world.patron(), world.patron()
    hold = services.place_hold(patron=anna, record=record, pickup_branch=world.umea, now=NOW)
    services.checkin(item=item, branch=world.umea, now=NOW)  # staff fetched it from the shelf
    with pytest.raises(ItemReservedForAnother):
        services.checkout(patron=bo, item=item, branch=world.umea, now=NOW)
    result = services.checkout(patron=anna, item=item, branch=world.umea, now=NOW)
    assert result.filled_hold == hold
    hold.refresh_from_db()
    assert hold.status == "fulfilled"


def test_a_checkout_is_counted_anonymously_and_the_librarian_is_recorded(world, django_user_model):
    librarian = django_user_model.objects.create_user("bibliotekarie", password="x")
    patron = world.patron()
    item = world.item(world.record(), world.vannas)
    services.checkout(patron=patron, item=item, branch=world.umea, now=NOW, staff=librarian)
    event = CirculationEvent.objects.get()
    assert (event.kind, event.branch, event.owning_municipality) == (
        "checkout",
        world.umea,
        world.vannas_kommun,
    )
    assert event.patron_municipality == world.umea_kommun
    assert not hasattr(event, "patron_id") and not hasattr(event, "item_id")
    action = StaffAction.objects.get()
    assert (action.user, action.branch, action.action, action.subject) == (
        librarian,
        world.umea,
        "checkout",
        item.barcode,
    )


def test_rules_can_follow_the_checkout_branch_instead_of_the_owner(world, settings):
    define_rule(municipality=world.vannas_kommun, loan_days=21)
    item = world.item(world.record(), world.vannas)
    patron = world.patron()
    assert services.checkout(
        patron=patron, item=item, branch=world.umea, now=NOW
    ).due_date == dt.date(2026, 7, 6)
    services.checkin(item=item, branch=world.vannas, now=NOW)
    settings.CIRCULATION_RULES_FROM = "checkout"
    assert services.checkout(
        patron=patron, item=item, branch=world.umea, now=NOW
    ).due_date == dt.date(2026, 7, 13)
