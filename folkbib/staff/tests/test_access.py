"""Who gets in to the desk, and at which branch it stands."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.staff.access import BRANCH_SESSION_KEY
from folkbib.staff.tests.conftest import PASSWORD, make_region_admin
from folkbib.staff.tests.helpers import text

pytestmark = pytest.mark.django_db

DESK_PAGES = [
    "staff:checkout",
    "staff:checkin",
    "staff:pull_list",
    "staff:hold_shelf",
    "staff:transits",
    "staff:branch",
]


@pytest.mark.parametrize("name", DESK_PAGES)
def test_every_desk_page_sends_a_visitor_to_the_login_first(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:login") + "?next=")


def test_a_scan_posted_without_logging_in_changes_nothing(client, world):
    response = client.post(reverse("staff:checkin"), {"barcode": "30000001"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:login"))


def test_a_librarian_logs_in_and_lands_at_the_checkout_of_her_branch(client, librarian):
    response = client.post(
        reverse("staff:login"), {"username": "bibliotekarie", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("staff:checkout")
    assert "Umeå stadsbibliotek" in text(response)
    assert 'id="card"' in text(response)


def test_a_wrong_password_is_refused_with_a_message(client, librarian):
    response = client.post(
        reverse("staff:login"), {"username": "bibliotekarie", "password": "nope"}
    )
    assert response.status_code == 200
    assert "Fel användarnamn eller lösenord." in text(response)
    assert "_auth_user_id" not in client.session


def test_a_user_who_is_not_staff_cannot_log_in(client, world):
    get_user_model().objects.create_user(username="patron", password=PASSWORD)
    response = client.post(reverse("staff:login"), {"username": "patron", "password": PASSWORD})
    assert response.status_code == 200
    assert "Kontot hör inte till bibliotekspersonalen." in text(response)
    assert "_auth_user_id" not in client.session


def test_a_logged_in_user_who_is_not_staff_is_refused_every_desk_page(client, world):
    user = get_user_model().objects.create_user(username="patron", password=PASSWORD)
    client.force_login(user)
    for name in DESK_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "Ingen behörighet" in text(response)


def test_a_django_staff_user_without_a_profile_gets_in_but_must_pick_a_branch(client, world):
    user = get_user_model().objects.create_user(username="it", password=PASSWORD, is_staff=True)
    client.force_login(user)
    response = client.get(reverse("staff:checkin"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:branch"))


def test_a_region_admin_has_no_branch_and_picks_one_that_the_session_keeps(client, world):
    client.force_login(make_region_admin())
    response = client.get(reverse("staff:checkout"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("staff:branch"))
    assert "Välj bibliotek för disken" in text(response)

    response = client.post(
        reverse("staff:branch"),
        {"branch": world.vannas.pk, "next": reverse("staff:checkin")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("staff:checkin")
    assert client.session[BRANCH_SESSION_KEY] == world.vannas.pk
    assert "Vännäs bibliotek" in text(response)


def test_a_librarian_can_switch_her_desk_to_another_branch(desk, world):
    desk.post(reverse("staff:branch"), {"branch": world.holmsund.pk})
    assert "Holmsunds bibliotek" in text(desk.get(reverse("staff:checkout")))


def test_switching_branch_never_redirects_to_another_site(desk, world):
    response = desk.post(
        reverse("staff:branch"), {"branch": world.holmsund.pk, "next": "https://evil.example/"}
    )
    assert response.url == reverse("staff:checkout")


def test_logging_out_ends_the_session(desk):
    response = desk.post(reverse("staff:logout"))
    assert response.url == reverse("staff:login")
    assert desk.get(reverse("staff:checkout")).status_code == 302


def test_the_desk_speaks_english_when_chosen(desk):
    desk.cookies["django_language"] = "en"
    response = desk.get(reverse("staff:checkout"))
    assert '<html lang="en"' in text(response)
    assert "Library card" in text(response)
