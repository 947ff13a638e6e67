"""What a librarian does for the patron at the desk: each through its service, recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from folkbib.catalog.models import ItemStatus
from folkbib.circulation import services
from folkbib.circulation.models import Fee, Hold, HoldStatus, Loan, LoanStatus, StaffAction
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.staff.tests.helpers import lend, serve, text

pytestmark = pytest.mark.django_db


def post(client, name, *args, **data):
    return client.post(reverse(name, args=args), data, follow=True)


def recorded(action, user, branch):
    row = StaffAction.objects.get(action=action)
    return (row.user, row.branch) == (user, branch)


def overdue_fee(world, patron, title="Sent"):
    item = world.item(world.record(title), world.umea)
    lend(item, patron, when=NOW - days(40))
    services.checkin(item=item, branch=world.umea, now=NOW)
    return Fee.objects.get(patron=patron)


def test_renewing_a_loan_extends_it_and_shows_the_new_due_date(desk, world, librarian):
    patron = world.patron()
    loan = lend(world.item(world.record("Ronja"), world.umea), patron, when=NOW - days(20)).loan
    before = loan.due_date
    serve(desk, patron)
    body = text(post(desk, "staff:renew", loan.pk))
    loan.refresh_from_db()
    assert loan.due_date > before and loan.renewals == 1
    assert "Ronja är omlånad. Återlämnas senast" in body
    assert recorded("renew", librarian, world.umea)


def test_renew_all_says_for_each_loan_whether_it_was_renewed_and_why_not(desk, world):
    patron = world.patron()
    free = lend(world.item(world.record("Fri bok"), world.umea), patron).loan
    wanted_record = world.record("Eftertraktad")
    wanted = lend(world.item(wanted_record, world.umea), patron).loan
    services.place_hold(
        patron=world.patron(), record=wanted_record, pickup_branch=world.umea, now=NOW
    )
    serve(desk, patron)
    body = text(post(desk, "staff:renew_all"))
    assert "1 av 2 lån är omlånade." in body
    assert "Fri bok: omlånad, återlämnas senast" in body
    assert (
        "Eftertraktad: inte omlånad. Kan inte lånas om: någon annan har reserverat titeln." in body
    )
    free.refresh_from_db()
    wanted.refresh_from_db()
    assert (free.renewals, wanted.renewals) == (1, 0)


def test_marking_a_loan_lost_ends_it_and_charges_the_replacement(desk, world, librarian):
    patron = world.patron()
    item = world.item(world.record("Borta"), world.umea, price=Decimal("249"))
    loan = lend(item, patron).loan
    serve(desk, patron)
    body = text(post(desk, "staff:mark_lost", loan.pk))
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LOST
    assert "Borta är registrerad som förlorad. Ersättning: 249,00 kr." in body
    assert Fee.objects.get(patron=patron).amount == Decimal("249")
    assert recorded("mark_lost", librarian, world.umea)


def test_a_claimed_return_ends_the_loan_and_marks_the_item_missing(desk, world, librarian):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    loan = lend(item, patron).loan
    serve(desk, patron)
    post(desk, "staff:claims_returned", loan.pk)
    item.refresh_from_db()
    assert item.status == ItemStatus.MISSING
    assert recorded("claims_returned", librarian, world.umea)


def test_a_loan_of_another_patron_cannot_be_touched_from_this_desk_session(desk, world):
    loan = lend(world.item(world.record(), world.umea), world.patron()).loan
    serve(desk, world.patron())
    assert desk.post(reverse("staff:mark_lost", args=[loan.pk])).status_code == 404
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE


def test_paying_part_of_a_fee_records_the_payment_and_who_took_it(desk, world, librarian):
    patron = world.patron()
    fee = overdue_fee(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:pay_fee", fee.pk, amount="5,50"))
    fee.refresh_from_db()
    assert fee.paid == Decimal("5.50")
    assert "Betalning på 5,50 kr är registrerad." in body
    assert recorded("pay_fee", librarian, world.umea)


def test_paying_more_than_is_owed_is_refused_with_the_service_message(desk, world):
    patron = world.patron()
    fee = overdue_fee(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:pay_fee", fee.pk, amount="9999"))
    assert "Beloppet är större än det som återstår" in body
    assert 'role="alert"' in body
    fee.refresh_from_db()
    assert fee.paid == 0


def test_an_amount_that_is_not_a_number_is_explained(desk, world):
    patron = world.patron()
    fee = overdue_fee(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:pay_fee", fee.pk, amount="tjugo"))
    assert "Skriv beloppet i kronor, till exempel 20 eller 12,50." in body


def test_waiving_a_fee_writes_it_off_with_the_note(desk, world, librarian):
    patron = world.patron()
    fee = overdue_fee(world, patron)
    outstanding = fee.outstanding
    serve(desk, patron)
    body = text(post(desk, "staff:waive_fee", fee.pk, amount="", note="Sjukdom"))
    fee.refresh_from_db()
    assert fee.outstanding == 0 and fee.waived == outstanding
    assert fee.transactions.get().note == "Sjukdom"
    assert "kr är avskrivet." in body
    assert recorded("waive_fee", librarian, world.umea)
    assert "Inga obetalda avgifter." in body


def hold_for(world, patron, *, pickup=None, title="Önskad"):
    record = world.record(title)
    lend(world.item(record, world.vannas), world.patron())
    return services.place_hold(
        patron=patron, record=record, pickup_branch=pickup or world.umea, now=NOW
    )


def test_the_panel_shows_a_hold_with_its_queue_position_and_pickup_branch(desk, world):
    patron = world.patron()
    first = hold_for(world, world.patron())
    services.place_hold(
        patron=patron, record=first.record, pickup_branch=world.holmsund, now=NOW + days(1)
    )
    body = text(serve(desk, patron))
    assert "I kö" in body
    assert "2 av 2" in body
    assert "Holmsunds bibliotek" in body


def test_cancelling_a_hold_through_the_desk(desk, world, librarian):
    patron = world.patron()
    hold = hold_for(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:cancel_hold", hold.pk))
    hold.refresh_from_db()
    assert hold.status == HoldStatus.CANCELLED
    assert "Reservationen på Önskad är avbokad." in body
    assert StaffAction.objects.get(action="cancel_hold").user == librarian


def test_suspending_and_resuming_a_hold(desk, world):
    patron = world.patron()
    hold = hold_for(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:suspend_hold", hold.pk, until="2026-08-01"))
    hold.refresh_from_db()
    assert hold.suspended and str(hold.suspended_until) == "2026-08-01"
    assert "är pausad till 1 augusti 2026." in body
    post(desk, "staff:resume_hold", hold.pk)
    hold.refresh_from_db()
    assert not hold.suspended


def test_a_pause_date_in_the_past_is_refused_with_the_service_message(desk, world):
    patron = world.patron()
    hold = hold_for(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:suspend_hold", hold.pk, until="2026-01-01"))
    assert "Välj ett datum efter i dag att återuppta reservationen." in body
    assert not Hold.objects.get(pk=hold.pk).suspended


def test_changing_the_pickup_branch(desk, world):
    patron = world.patron()
    hold = hold_for(world, patron)
    serve(desk, patron)
    body = text(post(desk, "staff:change_pickup", hold.pk, branch=world.vannas.pk))
    hold.refresh_from_db()
    assert hold.pickup_branch == world.vannas
    assert "hämtas nu på Vännäs bibliotek." in body


def test_setting_a_hold_priority(desk, world):
    patron = world.patron()
    hold = hold_for(world, patron)
    serve(desk, patron)
    post(desk, "staff:set_priority", hold.pk, priority="5")
    assert Hold.objects.get(pk=hold.pk).priority == 5
    body = text(post(desk, "staff:set_priority", hold.pk, priority="femton"))
    assert "Skriv en prioritet mellan -99 och 99." in body


def test_placing_a_hold_from_a_scanned_copy(desk, world, librarian):
    patron = world.patron()
    item = world.item(world.record("Karlsson på taket"), world.vannas)
    lend(item, world.patron())
    serve(desk, patron)
    body = text(post(desk, "staff:place_hold", barcode=item.barcode, branch=world.umea.pk))
    assert Hold.objects.get(patron=patron).pickup_branch == world.umea
    assert "Karlsson på taket är reserverad för avhämtning på Umeå stadsbibliotek." in body
    assert StaffAction.objects.get(action="place_hold").user == librarian


def test_a_hold_cancelled_at_the_desk_records_the_desk_branch(desk, world, librarian):
    patron = world.patron()
    hold = hold_for(world, patron)
    serve(desk, patron)
    post(desk, "staff:cancel_hold", hold.pk)
    assert recorded("cancel_hold", librarian, world.umea)
