"""The branch's lists: pull list, hold shelf (expired ones marked), transits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.circulation import services
from folkbib.circulation.models import Hold, HoldStatus, Transit
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.staff.tests.helpers import lend, text

pytestmark = pytest.mark.django_db

# Each page: session, user, staff check, branch, the branches to choose from, the list
# itself (one query, however long), the nav's count of waiting questions, and three to
# save the session when its expiry is due to move on (idle sessions expire after 30 minutes).


def test_the_pull_list_shows_copies_on_this_shelf_that_holds_wait_for(
    desk, world, django_assert_max_num_queries
):
    for n in range(5):
        record = world.record(f"Hämtas {n}")
        world.item(record, world.umea, shelf_mark="Hc")
        services.place_hold(
            patron=world.patron(), record=record, pickup_branch=world.vannas, now=NOW
        )
    with django_assert_max_num_queries(10):
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
    with django_assert_max_num_queries(10):
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
    with django_assert_max_num_queries(12):
        body = text(desk.get(reverse("staff:transits")))
    assert body.count('<th scope="row">Ut ') == 3
    assert body.count('<th scope="row">In ') == 3
    assert "På väg hit (3)" in body and "Skickat härifrån (3)" in body


def test_the_pull_list_is_in_shelf_order_whatever_the_order_of_the_holds(desk, world):
    for shelf_mark, title in [("Hc", "Öberg"), ("hc", "Andersson"), ("Ab", "Atlas"), ("", "Ny")]:
        record = world.record(title)
        world.item(record, world.umea, shelf_mark=shelf_mark)
        services.place_hold(
            patron=world.patron(), record=record, pickup_branch=world.vannas, now=NOW
        )
    body = text(desk.get(reverse("staff:pull_list")))
    order = [
        body.index(f'<th scope="row">{title}') for title in ("Ny", "Atlas", "Andersson", "Öberg")
    ]
    assert order == sorted(order)
    assert "4 exemplar att hämta." in body


def test_a_work_list_can_be_read_for_another_branch(desk, world):
    record = world.record("I Vännäs hylla")
    world.item(record, world.vannas, shelf_mark="Hc")
    services.place_hold(patron=world.patron(), record=record, pickup_branch=world.umea, now=NOW)
    here = text(desk.get(reverse("staff:pull_list")))
    there = text(desk.get(reverse("staff:pull_list"), {"bibliotek": world.vannas.pk}))
    assert "I Vännäs hylla" not in here and "Inget att hämta just nu." in here
    assert "I Vännäs hylla" in there and "– Vännäs bibliotek" in there


def test_the_expired_holds_list_shows_what_to_take_down_and_what_expired_lately(
    desk, world, django_assert_max_num_queries
):
    for title, when in [("Glömd", NOW - days(30)), ("Gick ut", NOW - days(30))]:
        record = world.record(title)
        item = world.item(record, world.umea)
        services.place_hold(
            patron=world.patron(last_name="Berg"), record=record, pickup_branch=world.umea, now=when
        )
        services.checkin(item=item, branch=world.umea, now=when)
    # The nightly run has expired one of the two; the other still waits on the shelf.
    gone = Hold.objects.get(record__title="Gick ut")
    services.cancel_hold(hold=gone, now=NOW - days(2))
    Hold.objects.filter(pk=gone.pk).update(status=HoldStatus.EXPIRED)
    with django_assert_max_num_queries(11):
        body = text(desk.get(reverse("staff:expired_holds")))
    assert "Inte hämtad i tid – ta ner från hyllan (1)" in body
    assert "Utgångna de senaste 14 dagarna (1)" in body
    assert '<th scope="row">Glömd' in body and '<th scope="row">Gick ut' in body
    assert "Berg" not in body and " B." in body


def test_transits_on_the_way_too_long_are_flagged(desk, world):
    for title, sent in [("Borta länge", NOW - days(12)), ("Nyss skickad", NOW)]:
        item = world.item(world.record(title), world.vannas)
        lend(item, world.patron())
        services.checkin(item=item, branch=world.umea, now=sent)
    Transit.objects.filter(item__record__title="Borta länge").update(sent_at=NOW - days(12))
    body = text(desk.get(reverse("staff:transits")))
    assert "På väg mer än 7 dagar (1)" in body
    late = body[body.index("late-heading") : body.index("incoming-heading")]
    assert "Borta länge" in late and "Nyss skickad" not in late
    assert '<strong class="flag">12</strong>' in late
