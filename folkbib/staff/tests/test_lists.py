"""The branch's lists: pull list, hold shelf (expired ones marked), transits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.circulation import services
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.staff.tests.helpers import lend, text

pytestmark = pytest.mark.django_db

# Each page: session, user, staff check, branch, the list itself (one query, however long),
# the nav's count of waiting questions, and three to save the session on every request
# (idle sessions expire after 30 minutes).


def test_the_pull_list_shows_copies_on_this_shelf_that_holds_wait_for(
    desk, world, django_assert_max_num_queries
):
    for n in range(5):
        record = world.record(f"Hämtas {n}")
        world.item(record, world.umea, shelf_mark="Hc")
        services.place_hold(
            patron=world.patron(), record=record, pickup_branch=world.vannas, now=NOW
        )
    with django_assert_max_num_queries(9):
        body = text(desk.get(reverse("staff:pull_list")))
    assert body.count('<th scope="row">Hämtas') == 5
    assert "Vännäs bibliotek" in body


def test_the_hold_shelf_marks_holds_not_collected_in_time(
    desk, world, django_assert_max_num_queries
):
    for n in range(3):
        record = world.record(f"Hylla {n}")
        item = world.item(record, world.umea)
        when = NOW - days(30) if n == 0 else NOW
        services.place_hold(
            patron=world.patron(last_name="Svensson"),
            record=record,
            pickup_branch=world.umea,
            now=when,
        )
        # Fetched from the shelf and checked in: onto the hold shelf.
        services.checkin(item=item, branch=world.umea, now=when)
    with django_assert_max_num_queries(9):
        body = text(desk.get(reverse("staff:hold_shelf")))
    assert body.count('<th scope="row">Hylla') == 3
    assert body.count("Inte hämtad i tid") == 1
    assert "1 reservation är inte hämtad i tid." in body
    assert "Svensson" not in body and " S." in body


def test_the_transit_lists_show_what_is_coming_and_going(
    desk, world, django_assert_max_num_queries
):
    for n in range(3):
        outgoing = world.item(world.record(f"Ut {n}"), world.vannas)
        lend(outgoing, world.patron())
        services.checkin(item=outgoing, branch=world.umea, now=NOW)
        incoming = world.item(world.record(f"In {n}"), world.umea)
        lend(incoming, world.patron())
        services.checkin(item=incoming, branch=world.holmsund, now=NOW)
    with django_assert_max_num_queries(10):
        body = text(desk.get(reverse("staff:transits")))
    assert body.count('<th scope="row">Ut ') == 3
    assert body.count('<th scope="row">In ') == 3
    assert "På väg hit (3)" in body and "Skickat härifrån (3)" in body
