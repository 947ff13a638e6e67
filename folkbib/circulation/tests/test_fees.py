"""Fees: they grow daily while a loan is late, stop at the cap, and are paid or waived."""

from __future__ import annotations

from decimal import Decimal

import pytest

from folkbib.circulation import selectors, services
from folkbib.circulation.errors import FeeError, FeesOverThreshold
from folkbib.circulation.models import Fee, FeeTransaction, StaffAction
from folkbib.circulation.tests.conftest import NOW, days

pytestmark = pytest.mark.django_db


def overdue_loan(world, patron, late_days):
    item = world.item(world.record(), world.umea)
    loan = services.checkout(patron=patron, item=item, branch=world.umea, now=NOW).loan
    services.accrue_overdue_fees(now=NOW + days(28 + late_days))
    return loan


def test_the_fee_of_a_late_loan_grows_each_day_and_running_twice_changes_nothing(world):
    patron = world.patron()
    loan = overdue_loan(world, patron, 4)
    assert Fee.objects.get(loan=loan).amount == Decimal("20.00")
    services.accrue_overdue_fees(now=NOW + days(28 + 4))
    assert Fee.objects.get(loan=loan).amount == Decimal("20.00")
    services.accrue_overdue_fees(now=NOW + days(28 + 6))
    fee = Fee.objects.get(loan=loan)
    assert fee.amount == Decimal("30.00") and not fee.is_final


def test_the_fee_stops_at_the_cap(world):
    loan = overdue_loan(world, world.patron(), 90)
    assert Fee.objects.get(loan=loan).amount == Decimal("100.00")


def test_children_never_accrue_fees(world):
    overdue_loan(world, world.patron(category=world.child), 90)
    assert not Fee.objects.exists()


def test_fees_at_the_threshold_block_borrowing_until_paid(world, django_user_model):
    librarian = django_user_model.objects.create_user("kassa", password="x")
    patron = world.patron()
    loan = overdue_loan(world, patron, 90)
    services.checkin(item=loan.item, branch=world.umea, now=NOW + days(118))
    assert selectors.outstanding_balance(patron) == Decimal("100.00")
    with pytest.raises(FeesOverThreshold):
        services.checkout(
            patron=patron,
            item=world.item(world.record(), world.umea),
            branch=world.umea,
            now=NOW + days(118),
        )
    fee = Fee.objects.get(loan=loan)
    services.pay_fee(
        fee=fee, amount=Decimal("60"), now=NOW + days(118), staff=librarian, branch=world.umea
    )
    assert selectors.outstanding_balance(patron) == Decimal("40.00")
    services.checkout(
        patron=patron,
        item=world.item(world.record(), world.umea),
        branch=world.umea,
        now=NOW + days(118),
    )
    payment = FeeTransaction.objects.get()
    assert (payment.kind, payment.amount, payment.staff, payment.branch) == (
        "payment",
        Decimal("60.00"),
        librarian,
        world.umea,
    )
    assert StaffAction.objects.filter(action="pay_fee", user=librarian).exists()


def test_a_fee_can_be_waived_in_part_or_in_full_but_not_beyond_what_is_owed(world):
    patron = world.patron()
    loan = overdue_loan(world, patron, 10)
    fee = Fee.objects.get(loan=loan)
    services.waive_fee(fee=fee, amount=Decimal("20"), note="Sjukdom", now=NOW + days(40))
    with pytest.raises(FeeError):
        services.waive_fee(fee=fee, amount=Decimal("31"), now=NOW + days(40))
    with pytest.raises(FeeError):
        services.pay_fee(fee=fee, amount=Decimal("0"), now=NOW + days(40))
    services.waive_fee(fee=fee, now=NOW + days(40))
    assert selectors.outstanding_balance(patron) == 0
    assert not selectors.open_fees(patron).exists()
