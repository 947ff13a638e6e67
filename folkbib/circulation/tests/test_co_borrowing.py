"""'Others also borrowed' comes from anonymous pair counts, never from a reading history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.circulation import selectors, services
from folkbib.circulation.models import CoBorrowing
from folkbib.circulation.services.statistics import count_co_borrowing
from folkbib.circulation.tests.conftest import NOW, days

pytestmark = pytest.mark.django_db


def lend_together(world, patron, records, when):
    for record in records:
        services.checkout(
            patron=patron, item=world.item(record, world.umea), branch=world.umea, now=when
        )


def test_titles_on_loan_together_are_counted_once_per_patron(world):
    count_co_borrowing(now=NOW)  # the first run only sets the mark
    mio, ronja, emil = world.record("Mio"), world.record("Ronja"), world.record("Emil")
    for _n in range(3):
        lend_together(world, world.patron(), [mio, ronja], NOW + days(1))
    lend_together(world, world.patron(), [mio, emil], NOW + days(1))
    assert count_co_borrowing(now=NOW + days(2)) == 2
    assert count_co_borrowing(now=NOW + days(2)) == 0  # nothing new: nothing counted twice
    pair = CoBorrowing.objects.get(record_a=min(mio.id, ronja.id), record_b=max(mio.id, ronja.id))
    assert pair.count == 3
    field_names = {f.name for f in CoBorrowing._meta.get_fields()}
    assert field_names == {"id", "record_a", "record_b", "count"}


def test_a_pair_is_shown_only_when_enough_people_borrowed_it(world, client):
    count_co_borrowing(now=NOW)
    mio, ronja, emil = world.record("Mio"), world.record("Ronja"), world.record("Emil")
    for _n in range(3):
        lend_together(world, world.patron(), [mio, ronja], NOW + days(1))
    lend_together(world, world.patron(), [mio, emil], NOW + days(1))
    count_co_borrowing(now=NOW + days(2))
    assert selectors.also_borrowed(mio.id) == [ronja]
    assert selectors.also_borrowed(emil.id) == []  # one reader: could identify them
    page = client.get(reverse("portal:record", args=[mio.id])).content.decode()
    assert "Andra har också lånat" in page and f'href="/post/{ronja.id}/"' in page


def test_returned_loans_leave_the_counts_but_no_trace_of_the_reader(world):
    count_co_borrowing(now=NOW)
    mio, ronja = world.record("Mio"), world.record("Ronja")
    patron = world.patron()
    lend_together(world, patron, [mio, ronja], NOW + days(1))
    count_co_borrowing(
        now=NOW
        + days(
            1,
        )
        + days(0)
    )
    for item in [loan.item for loan in selectors.active_loans(patron)]:
        services.checkin(item=item, branch=world.umea, now=NOW + days(3))
    assert not selectors.loan_history(patron).exists()
    assert CoBorrowing.objects.get().count == 1
