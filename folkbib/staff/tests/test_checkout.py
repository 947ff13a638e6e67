"""The checkout screen: a card, the patron panel, items scanned one after another."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.circulation import services
from folkbib.circulation.models import Loan, LoanStatus, StaffAction
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.patrons import services as patrons
from folkbib.staff.tests.helpers import lend, scan_out, serve, text

pytestmark = pytest.mark.django_db


def test_scanning_a_card_opens_the_patron_panel(desk, world):
    anna = world.patron(first_name="Anna", last_name="Lindqvist")
    body = text(serve(desk, anna))
    assert '<h2 id="patron-heading">Anna Lindqvist</h2>' in body
    assert anna.card_number in body
    assert "Vuxen" in body
    assert "Inga lån." in body and "Inga reservationer." in body
    assert 'id="barcode"' in body and "autofocus" in body


def test_an_unknown_card_is_said_plainly_and_the_typed_number_stays(desk, world):
    response = desk.post(reverse("staff:scan_card"), {"card": "99999999"}, follow=True)
    body = text(response)
    assert 'role="alert"' in body
    assert "Kortnumret finns inte." in body
    assert 'value="99999999"' in body
    assert 'aria-invalid="true"' in body


def test_a_retired_card_gets_its_own_message(desk, world):
    patron = world.patron()
    old = patron.card_number
    patrons.replace_card(patron=patron, new_card_number="77770001", reason="lost", now=NOW)
    body = text(desk.post(reverse("staff:scan_card"), {"card": old}, follow=True))
    assert "har ersatts av ett nytt kort eller anmälts förlorat" in body


def test_scanning_an_item_lends_it_shows_the_due_date_and_records_the_librarian(
    desk, world, librarian
):
    patron = world.patron()
    item = world.item(world.record("Mio, min Mio"), world.umea)
    serve(desk, patron)
    body = text(scan_out(desk, item.barcode))
    loan = Loan.objects.get(item=item, status=LoanStatus.ACTIVE)
    assert loan.patron == patron
    assert loan.branch == world.umea
    assert "Mio, min Mio är utlånad. Återlämnas senast" in body
    assert f"{loan.due_date.day} juli 2026" in body
    action = StaffAction.objects.get(action="checkout")
    assert (action.user, action.branch, action.subject, action.at) == (
        librarian,
        world.umea,
        item.barcode,
        NOW,
    )
    # The scan field is empty and focused again for the next item.
    field = body[body.index('id="barcode"') :]
    field = field[: field.index(">")]
    assert "autofocus" in field and field.endswith('value=""')


def test_the_desk_branch_not_the_home_branch_is_where_the_loan_is_made(desk, world):
    desk.post(reverse("staff:branch"), {"branch": world.vannas.pk})
    patron = world.patron()
    item = world.item(world.record(), world.vannas)
    serve(desk, patron)
    scan_out(desk, item.barcode)
    assert Loan.objects.get(item=item).branch == world.vannas


def test_a_blocked_patron_is_refused_with_the_reason_in_an_alert(desk, world):
    patron = world.patron()
    patrons.block_patron(patron=patron, reason="lost_card", now=NOW)
    item = world.item(world.record(), world.umea)
    serve(desk, patron)
    body = text(scan_out(desk, item.barcode))
    assert 'role="alert"' in body
    assert "Lånekortet är spärrat: Kortet anmält förlorat." in body
    assert not Loan.objects.filter(item=item).exists()
    # The refused barcode stays in the field, to be corrected or scanned again.
    assert f'value="{item.barcode}"' in body


def test_the_panel_lists_blocks_with_their_reasons(desk, world):
    patron = world.patron()
    patrons.block_patron(patron=patron, reason="staff", note="Ring först", now=NOW)
    body = text(serve(desk, patron))
    assert "Spärrar" in body
    assert "Spärrad av personal" in body and "Ring först" in body


def test_an_item_on_loan_to_someone_else_is_refused(desk, world):
    item = world.item(world.record(), world.umea)
    lend(item, world.patron())
    serve(desk, world.patron())
    body = text(scan_out(desk, item.barcode))
    assert "Exemplaret är redan utlånat. Det måste återlämnas först." in body


def test_an_unknown_barcode_is_said_plainly_and_stays_in_the_field(desk, world):
    serve(desk, world.patron())
    body = text(scan_out(desk, "12345"))
    assert "Streckkoden 12345 finns inte." in body
    assert 'value="12345"' in body


def test_scanning_an_item_before_a_card_asks_for_the_card(desk, world):
    item = world.item(world.record(), world.umea)
    body = text(scan_out(desk, item.barcode))
    assert "Skanna ett lånekort först." in body
    assert not Loan.objects.exists()


def test_an_overdue_loan_is_marked_in_words_not_only_colour(desk, world):
    patron = world.patron()
    late = world.item(world.record("Bröderna Lejonhjärta"), world.umea)
    lend(late, patron, when=NOW - days(60))
    body = text(serve(desk, patron))
    assert "Bröderna Lejonhjärta" in body
    assert "Försenad" in body


def test_the_panel_shows_fees_and_an_expired_card(desk, world):
    patron = world.patron(card_expires=NOW.date() - days(1))
    item = world.item(world.record(), world.umea, price=200)
    loan = lend(item, world.patron()).loan
    loan.patron = patron
    loan.save()
    services.mark_lost(loan=loan, now=NOW)
    body = text(serve(desk, patron))
    assert "Kortet har gått ut" in body
    assert "Ersättning för förlorat exemplar" in body
    assert "200,00 kr" in body


def test_finishing_clears_the_patron_for_the_next_one(desk, world):
    serve(desk, world.patron())
    body = text(desk.post(reverse("staff:finish"), follow=True))
    assert 'id="card"' in body


def test_the_patron_panel_costs_a_fixed_number_of_queries(
    desk, world, django_assert_max_num_queries
):
    patron = world.patron()
    for n in range(6):
        record = world.record(f"Bok {n}")
        lend(world.item(record, world.umea), patron)
        other = world.record(f"Reserverad {n}")
        lend(world.item(other, world.vannas), world.patron())
        services.place_hold(patron=patron, record=other, pickup_branch=world.umea, now=NOW)
    serve(desk, patron)
    # Nine for the panel (patron, blocks, fees, loans, holds x3, rules, branches); seven for
    # the session (read, and saved: three), the user, the staff check and the branch; one
    # for the nav's count of questions waiting in the inbox.
    with django_assert_max_num_queries(17):
        response = desk.get(reverse("staff:checkout"))
    assert text(response).count('<h4 class="hold-title">Reserverad ') == 6
    assert text(response).count('<th scope="row">Bok ') == 6
