"""The checkin screen: the routing instruction, fees, the running list, printable slips."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import services
from folkbib.circulation.models import Hold, HoldStatus, Loan, LoanStatus, StaffAction, Transit
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.staff.tests.helpers import lend, scan_in, text

pytestmark = pytest.mark.django_db


def test_an_item_back_home_goes_on_the_shelf_and_the_librarian_is_recorded(desk, world, librarian):
    item = world.item(world.record("Emil i Lönneberga"), world.umea)
    lend(item, world.patron())
    body = text(scan_in(desk, item.barcode))
    assert '<p class="routing-message">Ställ tillbaka på hyllan.</p>' in body
    assert Loan.objects.get(item=item).status == LoanStatus.RETURNED
    action = StaffAction.objects.get(action="checkin")
    assert (action.user, action.branch, action.subject) == (librarian, world.umea, item.barcode)


def test_an_item_reserved_elsewhere_says_where_to_send_it_and_offers_a_transit_slip(desk, world):
    record = world.record("Ronja rövardotter")
    item = world.item(record, world.umea)
    lend(item, world.patron())
    services.place_hold(patron=world.patron(), record=record, pickup_branch=world.vannas, now=NOW)
    body = text(scan_in(desk, item.barcode))
    assert "Skicka till Vännäs bibliotek — reserverad." in body
    transit = Transit.objects.get(item=item)
    assert reverse("staff:transit_slip", args=[transit.pk]) in body
    assert "Skriv ut transportlapp" in body


def test_an_item_for_a_hold_here_goes_on_the_hold_shelf_with_a_hold_slip(desk, world):
    record = world.record()
    item = world.item(record, world.umea)
    lend(item, world.patron())
    hold = services.place_hold(
        patron=world.patron(), record=record, pickup_branch=world.umea, now=NOW
    )
    body = text(scan_in(desk, item.barcode))
    assert "Ställ på hämthyllan — reserverad." in body
    assert reverse("staff:hold_slip", args=[hold.pk]) in body
    assert Hold.objects.get(pk=hold.pk).status == HoldStatus.READY


def test_a_late_return_shows_the_fee_it_settled(desk, world):
    item = world.item(world.record(), world.umea)
    lend(item, world.patron(), when=NOW - days(40))
    body = text(scan_in(desk, item.barcode))
    assert "var försenad" in body
    assert "Förseningsavgift:" in body


def test_each_checkin_joins_the_running_list_newest_first(desk, world):
    first = world.item(world.record("Första boken"), world.umea)
    second = world.item(world.record("Andra boken"), world.umea)
    for item in (first, second):
        lend(item, world.patron())
        scan_in(desk, item.barcode)
    body = text(desk.get(reverse("staff:checkin")))
    assert body.index("Andra boken") < body.index("Första boken")
    # The big result is shown once, after the scan; the list stays.
    assert "routing-message" not in body


def test_an_unknown_barcode_is_an_alert_and_the_text_stays_in_the_field(desk, world):
    body = text(scan_in(desk, "0000"))
    assert 'role="alert"' in body
    assert "Streckkoden 0000 finns inte." in body
    assert 'value="0000"' in body


def test_a_withdrawn_item_is_refused_with_the_service_message(desk, world):
    item = world.item(world.record(), world.umea, status=ItemStatus.WITHDRAWN)
    body = text(scan_in(desk, item.barcode))
    assert "Exemplaret är gallrat." in body


def test_an_empty_scan_asks_for_a_barcode(desk, world):
    assert "Skanna eller skriv en streckkod." in text(scan_in(desk, "  "))


def test_the_hold_slip_names_the_patron_only_by_card_digits_and_initial(desk, world):
    record = world.record("Nils Holgersson")
    item = world.item(record, world.umea)
    lend(item, world.patron())
    patron = world.patron(first_name="Astrid", last_name="Ericsson")
    hold = services.place_hold(patron=patron, record=record, pickup_branch=world.umea, now=NOW)
    scan_in(desk, item.barcode)
    hold.refresh_from_db()
    body = text(desk.get(reverse("staff:hold_slip", args=[hold.pk])))
    assert f"{patron.card_number[-4:]} E." in body
    assert "Ericsson" not in body and "Astrid" not in body
    assert "Umeå stadsbibliotek" in body
    assert "Nils Holgersson" in body
    assert f"{hold.pickup_by.day} juni 2026" in body or f"{hold.pickup_by.day} juli 2026" in body
    assert "data-print" in body


def test_the_transit_slip_names_both_branches_the_reason_barcode_and_title(desk, world):
    item = world.item(world.record("Vi på Saltkråkan"), world.vannas)
    lend(item, world.patron())
    scan_in(desk, item.barcode)
    transit = Transit.objects.get(item=item)
    body = text(desk.get(reverse("staff:transit_slip", args=[transit.pk])))
    assert "Till: Vännäs bibliotek" in body
    assert "Umeå stadsbibliotek" in body
    assert "Hem till ägande bibliotek" in body
    assert item.barcode in body and "Vi på Saltkråkan" in body


def test_a_slip_for_nothing_is_not_found(desk, world):
    assert desk.get(reverse("staff:hold_slip", args=[999])).status_code == 404
    assert desk.get(reverse("staff:transit_slip", args=[999])).status_code == 404
