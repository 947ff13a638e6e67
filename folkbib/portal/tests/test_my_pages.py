"""My pages: sign in with card and PIN, loans, holds, fees, profile, export, closing."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from folkbib.circulation import services
from folkbib.circulation.models import Fee, FeeKind, Hold, HoldStatus, Loan
from folkbib.circulation.tests.conftest import build_world
from folkbib.core import clock
from folkbib.patrons.models import LoginThrottle, Patron

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def anna(world):
    return world.patron(card_number="10000001", first_name="Anna")


def sign_in(client, card="10000001", pin="1234", **extra):
    return client.post(reverse("portal:login"), {"card_number": card, "pin": pin, **extra})


def test_a_patron_signs_in_with_card_and_pin_and_lands_on_my_pages(client, anna):
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == reverse("portal:my_pages")
    page = client.get(reverse("portal:my_pages"))
    assert "Hej Anna!" in page.content.decode()


def test_a_wrong_pin_is_refused_with_a_message_tied_to_the_form(client, anna):
    response = sign_in(client, pin="9999")
    assert response.status_code == 200
    assert "Fel PIN-kod." in response.content.decode()
    assert client.get(reverse("portal:my_pages")).status_code == 302


def test_repeated_wrong_pins_lock_the_card_for_a_while_even_with_the_right_pin(client, anna):
    for _ in range(5):
        sign_in(client, pin="9999")
    response = sign_in(client)
    assert "För många felaktiga försök" in response.content.decode()
    assert client.get(reverse("portal:my_pages")).status_code == 302
    assert LoginThrottle.objects.filter(key="card:10000001", locked_until__isnull=False).exists()


def test_my_pages_redirect_to_sign_in_and_back(client, anna):
    response = client.get(reverse("portal:loans"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('portal:login')}?next={reverse('portal:loans')}"
    landed = sign_in(client, next=reverse("portal:loans"))
    assert landed["Location"] == reverse("portal:loans")
    assert sign_in(client, next="https://evil.example/")["Location"] == reverse("portal:my_pages")


def test_loans_show_due_dates_and_renew_reports_the_new_date_or_the_reason(client, world, anna):
    record = world.record("Mio, min Mio")
    item = world.item(record, world.umea)
    loan = services.checkout(patron=anna, item=item, branch=world.umea, now=clock.now()).loan
    sign_in(client)
    page = client.get(reverse("portal:loans")).content.decode()
    assert "Mio, min Mio" in page and "Låna om" in page
    services.place_hold(
        patron=world.patron(), record=record, pickup_branch=world.umea, now=clock.now()
    )
    response = client.post(reverse("portal:renew", args=[loan.id]), follow=True)
    assert "någon annan har reserverat titeln" in response.content.decode()


def test_reserving_from_the_record_page_shows_the_hold_with_its_queue_position(client, world, anna):
    record = world.record("Ronja rövardotter")
    world.item(record, world.vannas, status="on_loan")
    sign_in(client)
    record_page = client.get(reverse("portal:record", args=[record.id])).content.decode()
    assert reverse("portal:reserve", args=[record.id]) in record_page
    response = client.post(
        reverse("portal:reserve", args=[record.id]),
        {"pickup_branch": world.holmsund.id},
        follow=True,
    )
    page = response.content.decode()
    assert "Ronja rövardotter är reserverad för avhämtning på Holmsunds bibliotek." in page
    assert "Du är nummer 1 av 1 i kön." in page
    hold = Hold.objects.get(patron=anna)
    client.post(reverse("portal:hold_action", args=[hold.id, "pause"]), {"until": ""})
    hold.refresh_from_db()
    assert hold.suspended
    client.post(
        reverse("portal:hold_action", args=[hold.id, "pickup"]), {"pickup_branch": world.umea.id}
    )
    client.post(reverse("portal:hold_action", args=[hold.id, "cancel"]))
    hold.refresh_from_db()
    assert (hold.status, hold.pickup_branch) == (HoldStatus.CANCELLED, world.umea)


def test_a_patron_never_reaches_another_patrons_loans_or_holds(client, world, anna):
    other = world.patron()
    record = world.record()
    item = world.item(record, world.umea)
    loan = services.checkout(patron=other, item=item, branch=world.umea, now=clock.now()).loan
    second = world.record("Bröderna Lejonhjärta")
    world.item(second, world.umea, status="on_loan")
    hold = services.place_hold(
        patron=other, record=second, pickup_branch=world.umea, now=clock.now()
    )
    sign_in(client)
    assert client.post(reverse("portal:renew", args=[loan.id])).status_code == 404
    for action in ("cancel", "pause", "resume", "pickup"):
        assert client.post(reverse("portal:hold_action", args=[hold.id, action])).status_code == 404
    for name in ("my_pages", "loans", "holds", "fees", "history", "profile"):
        assert "Bröderna Lejonhjärta" not in client.get(reverse(f"portal:{name}")).content.decode()
    exported = json.loads(client.get(reverse("portal:export")).content)
    assert exported["loans"] == [] and exported["holds"] == []
    loan.refresh_from_db()
    hold.refresh_from_db()
    assert loan.renewals == 0 and hold.status == HoldStatus.WAITING


def test_turning_off_the_loan_history_deletes_it(client, world):
    patron = world.patron(card_number="10000001", keep_loan_history=True)
    item = world.item(world.record("Katitzi"), world.umea)
    services.checkout(patron=patron, item=item, branch=world.umea, now=clock.now())
    services.checkin(item=item, branch=world.umea, now=clock.now())
    sign_in(client)
    assert "Katitzi" in client.get(reverse("portal:history")).content.decode()
    client.post(
        reverse("portal:profile"), {"form": "choices", "notice_channel": "email", "language": "sv"}
    )
    assert not Loan.objects.filter(patron=patron).exists()
    assert "Katitzi" not in client.get(reverse("portal:history")).content.decode()


def test_a_new_pin_needs_the_current_one_and_works_at_once(client, anna):
    sign_in(client)
    wrong = client.post(
        reverse("portal:profile"),
        {"form": "pin", "current_pin": "0000", "new_pin": "5678", "repeat_pin": "5678"},
    )
    assert "Fel PIN-kod." in wrong.content.decode()
    client.post(
        reverse("portal:profile"),
        {"form": "pin", "current_pin": "1234", "new_pin": "5678", "repeat_pin": "5678"},
    )
    client.post(reverse("portal:logout"))
    assert sign_in(client, pin="5678").status_code == 302


def test_the_data_download_holds_everything_about_the_patron(client, world, anna):
    item = world.item(world.record("Nils Holgersson"), world.umea)
    services.checkout(patron=anna, item=item, branch=world.umea, now=clock.now())
    sign_in(client)
    response = client.get(reverse("portal:export"))
    assert response["Content-Disposition"] == 'attachment; filename="mina-uppgifter.json"'
    data = json.loads(response.content)
    assert data["patron"]["card_number"] == "10000001"
    assert [loan["title"] for loan in data["loans"]] == ["Nils Holgersson"]
    assert "pin_hash" not in json.dumps(data)


def test_the_data_download_includes_what_the_patron_said_in_the_community(client, world, anna):
    from folkbib.community.models import Rating

    record = world.record("Vi på Saltkråkan")
    Rating.objects.create(
        patron=anna, record=record, stars=5, created_at=clock.now(), updated_at=clock.now()
    )
    sign_in(client)
    data = json.loads(client.get(reverse("portal:export")).content)
    assert data["community"]["ratings"] == [
        {
            "title": "Vi på Saltkråkan",
            "stars": 5,
            "created_at": data["community"]["ratings"][0]["created_at"],
        }
    ]
    assert (
        data["community"]["reviews"] == [] and data["community"]["questions_to_the_library"] == []
    )


def test_an_account_is_closed_only_when_no_loans_or_debts_remain(client, world, anna):
    item = world.item(world.record(), world.umea)
    services.checkout(patron=anna, item=item, branch=world.umea, now=clock.now())
    sign_in(client)
    refused = client.post(reverse("portal:close_account"), {"pin": "1234", "confirm": "on"})
    assert "Du har lån kvar" in refused.content.decode()
    services.checkin(item=item, branch=world.umea, now=clock.now())
    Fee.objects.create(
        patron=anna,
        kind=FeeKind.OTHER,
        amount=Decimal("10"),
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    assert (
        "obetalda avgifter"
        in client.post(
            reverse("portal:close_account"), {"pin": "1234", "confirm": "on"}
        ).content.decode()
    )
    Fee.objects.all().update(waived=Decimal("10"))
    done = client.post(reverse("portal:close_account"), {"pin": "1234", "confirm": "on"})
    assert done.status_code == 302
    assert not Patron.objects.filter(card_number="10000001").exists()


def test_a_signed_in_patron_can_limit_a_search_to_what_is_on_the_shelf_at_their_library(
    client, world, anna
):
    from folkbib.catalog.search import reindex_all

    here, away = world.record("Pelle Svanslös"), world.record("Pelle Svanslös på äventyr")
    world.item(here, world.umea)
    world.item(away, world.vannas)
    reindex_all()
    assert "Mitt bibliotek" not in client.get("/?q=pelle").content.decode()
    sign_in(client)
    page = client.get("/?q=pelle").content.decode()
    assert "Tillgänglig nu på Umeå stadsbibliotek" in page
    filtered = client.get("/?q=pelle&available_at=umea").content.decode()
    assert "Pelle Svanslös</a>" in filtered and "på äventyr" not in filtered


def test_many_wrong_pins_from_one_address_lock_that_address_for_every_card(client, world, anna):
    from folkbib.patrons import throttle

    for n in range(throttle.ADDRESS_LIMIT):
        sign_in(client, card=str(20900000 + n), pin="9999")
    response = sign_in(client)  # Anna's own card and PIN, from the same address
    assert "För många felaktiga försök" in response.content.decode()
    assert LoginThrottle.objects.filter(key__startswith="ip:", locked_until__isnull=False).exists()
