"""A library must not know what a patron read unless the patron asked it to."""

from __future__ import annotations

import pytest

from folkbib.circulation import selectors, services
from folkbib.circulation.models import CirculationEvent, Loan
from folkbib.circulation.tests.conftest import NOW, days

pytestmark = pytest.mark.django_db


def test_a_returned_loan_forgets_the_borrower_by_default(world):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    loan = services.checkout(patron=patron, item=item, branch=world.umea, now=NOW).loan
    services.checkin(item=item, branch=world.umea, now=NOW + days(2))
    loan.refresh_from_db()
    assert loan.patron is None
    assert not selectors.loan_history(patron).exists()
    assert CirculationEvent.objects.filter(kind="checkin").count() == 1


def test_a_patron_who_opted_in_keeps_a_loan_history(world):
    patron = world.patron(keep_loan_history=True)
    item = world.item(world.record(), world.umea)
    services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    services.checkin(item=item, branch=world.umea, now=NOW + days(2))
    assert [loan.item for loan in selectors.loan_history(patron)] == [item]


def test_statistics_name_no_patron_and_no_item(world):
    field_names = {f.name for f in CirculationEvent._meta.get_fields()}
    assert not field_names & {"patron", "item", "record", "loan"}
    assert "day" in field_names and "at" not in field_names


def test_an_active_loan_knows_its_patron_until_it_is_returned(world):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    assert Loan.objects.get().patron == patron
