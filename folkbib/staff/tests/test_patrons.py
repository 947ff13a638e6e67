"""Patron work in the staff workspace: find, register, edit, cards, blocks, merge, GDPR."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.circulation import services
from folkbib.circulation.models import Fee, Loan
from folkbib.circulation.tests.conftest import NOW, days
from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.patrons.models import Patron, RetiredCard
from folkbib.staff.session import PATRON_KEY
from folkbib.staff.tests.conftest import make_librarian
from folkbib.staff.tests.helpers import lend, text

pytestmark = pytest.mark.django_db


def page(client, name, *args, **query):
    return client.get(reverse(name, args=args), query)


def post(client, name, *args, **data):
    return client.post(reverse(name, args=args), data, follow=True)


def registration(world, **extra):
    values = {
        "card_number": "40000001",
        "first_name": "Åsa",
        "last_name": "Öberg",
        "personnummer": "",
        "birth_date": "1981-12-18",
        "pin": "4321",
        "email": "asa@example.org",
        "phone": "",
        "street_address": "",
        "postal_code": "",
        "city": "",
        "home_branch": world.umea.pk,
        "category": world.adult.pk,
        "notice_channel": "email",
    }
    values.update(extra)
    return values


def test_a_librarian_finds_a_patron_by_name_and_opens_the_patron_page(desk, world):
    patron = world.patron(first_name="Anna", last_name="Lindqvist")
    body = text(page(desk, "staff:patrons", q="lindq"))
    assert "1 låntagare hittades" in body and patron.card_number in body
    body = text(page(desk, "staff:patron", patron.pk))
    assert '<h1 id="patron-heading">Anna Lindqvist</h1>' in body


def test_the_patron_page_shows_loans_holds_fees_and_messages(desk, world):
    patron = world.patron()
    lend(world.item(world.record("Ronja rövardotter"), world.umea), patron, when=NOW - days(40))
    wanted = world.record("Mio, min Mio")
    lend(world.item(wanted, world.umea), world.patron())
    services.place_hold(patron=patron, record=wanted, pickup_branch=world.vannas, now=NOW)
    Fee.objects.create(
        patron=patron, kind="other", amount=Decimal("25"), created_at=NOW, updated_at=NOW
    )
    patron.notices.create(
        kind="due_soon",
        key="k",
        channel="email",
        language="sv",
        subject="s",
        body="b",
        created_at=NOW,
    )
    body = text(page(desk, "staff:patron", patron.pk))
    assert "Ronja rövardotter" in body and "Försenad" in body
    assert "Mio, min Mio" in body and "plats 1 av 1" in body
    assert "25,00" in body or "25.00" in body
    assert "Påminnelse om återlämning" in body


def queries_for(desk, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert desk.get(path).status_code == 200
    return len(captured)


def test_the_patron_page_reads_as_many_queries_for_many_loans_as_for_one(desk, world):
    few, many = world.patron(), world.patron()
    lend(world.item(world.record("Bok"), world.umea), few)
    for n in range(6):
        lend(world.item(world.record(f"Bok {n}"), world.umea), many)
        Fee.objects.create(
            patron=many, kind="other", amount=Decimal("5"), created_at=NOW, updated_at=NOW
        )
    queries_for(desk, reverse("staff:patron", args=[few.pk]))  # the session settles
    assert queries_for(desk, reverse("staff:patron", args=[few.pk])) == queries_for(
        desk, reverse("staff:patron", args=[many.pk])
    )


def test_the_search_reads_as_many_queries_for_many_patrons_as_for_one(desk, world):
    world.patron(last_name="Ek")
    for _n in range(6):
        world.patron(last_name="Lind")
    path = reverse("staff:patrons")
    queries_for(desk, f"{path}?q=Ek")
    assert queries_for(desk, f"{path}?q=Ek") == queries_for(desk, f"{path}?q=Lind")


def test_registering_a_patron_leads_to_the_card_receipt(desk, world, librarian):
    response = post(desk, "staff:patron_register", **registration(world))
    patron = Patron.objects.get(card_number="40000001")
    assert response.redirect_chain[-1][0] == reverse("staff:patron_receipt", args=[patron.pk])
    body = text(response)
    assert "Åsa Öberg är registrerad med kort 40000001." in body
    assert "Ditt lånekort" in body and "data-print" in body and "4321" not in body
    entry = AuditEntry.objects.get(action="register_patron")
    assert entry.staff == librarian and entry.after["last_name"] == "Öberg"


def test_registration_lists_possible_duplicates_and_waits_for_confirmation(desk, world):
    existing = world.patron(first_name="Åsa", last_name="Öberg", birth_date=dt.date(1981, 12, 18))
    response = post(desk, "staff:patron_register", **registration(world, first_name="asa"))
    body = text(response)
    assert response.status_code == 400
    assert "Möjliga dubbletter" in body and existing.card_number in body
    assert "samma namn och födelsedatum" in body
    assert not Patron.objects.filter(card_number="40000001").exists()

    post(desk, "staff:patron_register", **registration(world, confirm_new="on"))
    assert Patron.objects.filter(card_number="40000001").exists()


def test_registration_shows_the_services_refusal_on_its_field(desk, world):
    taken = world.patron()
    response = post(
        desk, "staff:patron_register", **registration(world, card_number=taken.card_number)
    )
    assert response.status_code == 400
    assert "Kortnumret används redan" in text(response)
    response = post(
        desk, "staff:patron_register", **registration(world, personnummer="19811218-9875")
    )
    assert "kontrollsiffra" in text(response)


def test_editing_a_patron_saves_and_is_audited(desk, world, librarian):
    patron = world.patron(first_name="Anna", last_name="Lindqvist")
    form = text(page(desk, "staff:patron_edit", patron.pk))
    assert 'value="Lindqvist"' in form
    response = post(
        desk,
        "staff:patron_edit",
        patron.pk,
        **registration(world, first_name="Anna", last_name="Berg", card_expires="2030-01-01"),
    )
    assert "Uppgifterna är sparade." in text(response)
    patron.refresh_from_db()
    assert patron.last_name == "Berg" and patron.card_expires == dt.date(2030, 1, 1)
    entry = AuditEntry.objects.get(action="update_patron")
    assert (entry.before["last_name"], entry.after["last_name"]) == ("Lindqvist", "Berg")


def test_a_new_card_retires_the_old_one_and_prints_a_receipt(desk, world):
    patron = world.patron()
    old = patron.card_number
    response = post(
        desk, "staff:patron_new_card", patron.pk, new_card_number="40000009", reason="lost"
    )
    body = text(response)
    assert "Det nya kortet 40000009 gäller nu." in body and "Ditt lånekort" in body
    assert RetiredCard.objects.get(card_number=old).reason == "Borttappat"
    body = text(desk.post(reverse("staff:scan_card"), {"card": old}, follow=True))
    assert "ersatts av ett nytt kort" in body


def test_blocking_and_unblocking_with_a_reason(desk, world):
    patron = world.patron()
    body = text(post(desk, "staff:patron_block", patron.pk, reason="staff", note="Ring först"))
    assert "Låntagaren är spärrad för lån." in body and "Ring först" in body
    block = patron.blocks.get()
    body = text(post(desk, "staff:patron_lift_block", patron.pk, block.pk))
    assert "Spärren är hävd: Spärrad av personal." in body
    block.refresh_from_db()
    assert block.lifted_at == NOW
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "block_patron",
        "lift_block",
    ]


def test_serving_a_patron_opens_the_checkout_with_them(desk, world):
    patron = world.patron(first_name="Karin")
    response = post(desk, "staff:patron_serve", patron.pk)
    assert response.redirect_chain[-1][0] == reverse("staff:checkout")
    assert desk.session[PATRON_KEY] == patron.pk
    assert "Låna ut till Karin" in text(response)


def test_merging_a_duplicate_after_comparing_the_two(desk, world):
    keep = world.patron(first_name="Åsa", last_name="Öberg", birth_date=dt.date(1981, 12, 18))
    dup = world.patron(first_name="Åsa", last_name="Öberg", birth_date=dt.date(1981, 12, 18))
    loan = lend(world.item(world.record("Ronja"), world.umea), dup).loan
    body = text(page(desk, "staff:patron_merge", keep.pk))
    assert "Jämför och slå ihop" in body and dup.card_number in body
    body = text(page(desk, "staff:patron_merge", keep.pk, med=dup.pk))
    assert "Slå ihop: flytta allt från kort" in body
    body = text(post(desk, "staff:patron_merge", keep.pk, merge=dup.pk))
    assert "Kontona är sammanslagna. Flyttade: 1 lån" in body
    loan.refresh_from_db()
    assert loan.patron_id == keep.pk and not Patron.objects.filter(pk=dup.pk).exists()


def test_merging_with_no_account_chosen_finds_nothing(desk, world):
    patron = world.patron()
    assert (
        desk.post(reverse("staff:patron_merge", args=[patron.pk]), {"merge": "x"}).status_code
        == 404
    )


def test_merging_with_an_unknown_card_says_so(desk, world):
    patron = world.patron()
    body = text(page(desk, "staff:patron_merge", patron.pk, kort="99999999"))
    assert "Kortnumret finns inte" in body


def test_exporting_a_patrons_data_gives_everything_as_json(desk, world):
    patron = world.patron(first_name="Anna")
    lend(world.item(world.record("Ronja"), world.umea), patron)
    response = desk.post(reverse("staff:patron_export", args=[patron.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["patron"]["first_name"] == "Anna"
    assert [loan["title"] for loan in data["loans"]] == ["Ronja"]
    assert "community" in data
    assert AuditEntry.objects.filter(action="export_patron_data").exists()


def test_anonymising_is_refused_while_a_loan_is_out_and_then_done(desk, world):
    patron = world.patron(first_name="Anna", last_name="Lindqvist")
    item = world.item(world.record("Ronja"), world.umea)
    lend(item, patron)
    body = text(page(desk, "staff:patron_anonymise", patron.pk))
    assert "1 lån att lämna tillbaka" in body and '<form method="post">' not in body
    body = text(post(desk, "staff:patron_anonymise", patron.pk))
    assert "Låntagaren har lån kvar" in body
    services.checkin(item=item, branch=world.umea, now=NOW)
    body = text(post(desk, "staff:patron_anonymise", patron.pk))
    assert "Låntagarens personuppgifter är borttagna." in body
    patron.refresh_from_db()
    assert patron.anonymised_at is not None and patron.last_name != "Lindqvist"
    assert not Loan.objects.filter(patron=patron).exists()
    assert "Personuppgifterna togs bort" in text(page(desk, "staff:patron", patron.pk))


def test_patron_pages_need_a_signed_in_librarian(client, world):
    patron = world.patron()
    response = client.get(reverse("staff:patron", args=[patron.pk]))
    assert response.status_code == 302 and "/personal/logga-in/" in response["Location"]


def test_a_new_pin_set_at_the_desk_opens_the_account_and_is_audited(desk, world):
    from folkbib.patrons import services as patron_services

    patron = world.patron()
    body = text(post(desk, "staff:patron_new_pin", patron.pk, new_pin="8642"))
    assert "Den nya PIN-koden gäller nu." in body
    assert (
        patron_services.authenticate_patron(card_number=patron.card_number, pin="8642", now=NOW)
        == patron
    )
    entry = AuditEntry.objects.get(action="change_pin")
    assert "8642" not in str(entry.after)
    body = text(post(desk, "staff:patron_new_pin", patron.pk, new_pin="12"))
    assert "PIN-koden måste bestå av 4 till 8 siffror." in body


def test_a_municipality_that_keeps_its_patrons_shows_them_only_to_its_own_staff(
    desk, world, client
):
    world.vannas_kommun.shares_patrons = False
    world.vannas_kommun.save()
    own = world.patron(first_name="Ulla", last_name="Umebo")
    kept = world.patron(home=world.vannas, first_name="Vera", last_name="Vännäsbo")

    # The Umeå librarian finds Umeå's patron but not Vännäs's, and cannot open or edit her.
    assert own.card_number in text(page(desk, "staff:patrons", q="Umebo"))
    assert kept.card_number not in text(page(desk, "staff:patrons", q="Vännäsbo"))
    assert page(desk, "staff:patron", kept.pk).status_code == 403
    assert post(desk, "staff:patron_block", kept.pk, reason="staff").status_code == 403
    assert not kept.blocks.exists()

    # Vännäs's own librarian sees her; the desk in Umeå still lends to her card.
    colleague = make_librarian(world, username="vannas-bibliotekarie")
    consortium.assign_staff(user=colleague, branch=world.vannas)
    client.force_login(colleague)
    assert page(client, "staff:patron", kept.pk).status_code == 200
    lend(world.item(world.record("Ronja"), world.umea), kept)


def test_a_municipality_administrator_decides_whether_their_patrons_are_shared(client, world):
    admin = get_user_model().objects.create_user("kommunadmin", password="x")
    consortium.assign_staff(
        user=admin, branch=None, role=StaffRole.MUNICIPALITY_ADMIN, municipality=world.vannas_kommun
    )
    client.force_login(admin)
    municipality = world.vannas_kommun

    client.post(
        reverse("staff:admin_municipality_edit", args=[municipality.pk]),
        {"code": municipality.code, "name": municipality.name},  # unticked: not shared
    )

    municipality.refresh_from_db()
    assert municipality.shares_patrons is False
    entry = AuditEntry.objects.get(action="municipality.update")
    assert (entry.before["shares_patrons"], entry.after["shares_patrons"]) == (True, False)
