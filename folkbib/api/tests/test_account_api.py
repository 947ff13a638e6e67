"""The patron's half of /api/v1: a token for card and PIN, then loans, renewals and holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from folkbib.api.models import PatronToken
from folkbib.api.tests.conftest import PIN, Library
from folkbib.circulation import services
from folkbib.circulation.tests.conftest import NOW
from folkbib.patrons import services as patron_services
from folkbib.patrons.models import BlockReason

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, card: str, pin: str, **headers: str):
    return client.post(
        "/api/v1/auth/token", {"card_number": card, "pin": pin}, "application/json", **headers
    )


def test_card_and_pin_give_a_token_that_opens_my_account(client, library: Library):
    response = _sign_in(client, library.patron.card_number, PIN)
    assert response.status_code == 201
    token = response.json()["token"]
    assert response.json()["token_type"] == "Bearer"
    assert response["Cache-Control"] == "no-store"
    assert not PatronToken.objects.filter(key_hash=token).exists()  # only its hash is kept
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert (me["card_number"], me["loans"], me["holds"]) == (library.patron.card_number, 1, 1)


def test_a_wrong_pin_is_refused_and_five_lock_the_card_for_a_while(client, library: Library):
    card = library.patron.card_number
    wrong = _sign_in(client, card, "9999")
    assert wrong.status_code == 401
    assert wrong.json() == {"error": "wrong_pin", "message": "Fel PIN-kod."}
    for _attempt in range(4):
        _sign_in(client, card, "9999")
    locked = _sign_in(client, card, PIN)  # even the right PIN, until the lock ends
    assert locked.status_code == 429
    assert locked.json()["error"] == "too_many_attempts"
    assert 14 * 60 < int(locked["Retry-After"]) <= 15 * 60


def test_an_unknown_card_and_a_malformed_body_say_what_is_wrong(client, library: Library):
    assert _sign_in(client, "00000000", PIN).json()["error"] == "unknown_card"
    missing = client.post("/api/v1/auth/token", {"card_number": "1"}, "application/json")
    assert (missing.status_code, missing.json()["field"]) == (400, "pin")
    form = client.post("/api/v1/auth/token", {"card_number": "1", "pin": "1"})
    assert (form.status_code, form.json()["error"]) == (415, "unsupported_media_type")
    broken = client.post("/api/v1/auth/token", "{", "application/json")
    assert (broken.status_code, broken.json()["error"]) == (400, "bad_body")
    huge = {"card_number": "1" * 20_000, "pin": "1"}
    too_large = client.post("/api/v1/auth/token", huge, "application/json")
    assert (too_large.status_code, too_large.json()["error"]) == (413, "body_too_large")


def test_without_a_live_token_my_pages_are_401(client, library: Library):
    missing = client.get("/api/v1/me")
    assert (missing.status_code, missing.json()["error"]) == (401, "token_missing")
    assert missing["WWW-Authenticate"].startswith("Bearer")
    bogus = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer nonsense")
    assert bogus.json()["error"] == "token_invalid"
    token = library.token()
    PatronToken.objects.update(expires_at=NOW - dt.timedelta(seconds=1))
    expired = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert expired.json()["error"] == "token_invalid"


def test_signing_in_again_clears_my_expired_tokens_and_keeps_the_live_ones(
    client, library: Library
):
    _sign_in(client, library.patron.card_number, PIN)
    PatronToken.objects.update(expires_at=NOW - dt.timedelta(seconds=1))
    _sign_in(client, library.patron.card_number, PIN)
    _sign_in(client, library.patron.card_number, PIN)

    assert PatronToken.objects.filter(patron=library.patron).count() == 2
    assert not PatronToken.objects.filter(expires_at__lte=NOW).exists()


def test_signing_out_ends_the_token(client, library: Library):
    auth = library.auth()
    assert client.delete("/api/v1/auth/token", **auth).status_code == 204
    assert client.get("/api/v1/me", **auth).status_code == 401


def test_a_new_pin_ends_every_token(client, library: Library):
    auth = library.auth()
    assert client.get("/api/v1/me", **auth).status_code == 200
    patron_services.change_pin(patron=library.patron, new_pin="4321", now=NOW)
    assert client.get("/api/v1/me", **auth).json()["error"] == "token_invalid"


def test_the_portal_session_is_never_enough_and_a_token_needs_no_csrf(library: Library):
    portal = Client()
    signed_in = portal.post(
        reverse("portal:login"), {"card_number": library.patron.card_number, "pin": PIN}
    )
    assert signed_in.status_code == 302  # the portal session exists ...
    browser = Client(enforce_csrf_checks=True)
    browser.cookies = portal.cookies
    refused = browser.post("/api/v1/me/loans/renew-all")
    assert refused.status_code == 401  # ... and opens nothing in the API
    allowed = browser.post("/api/v1/me/loans/renew-all", **library.auth())
    assert allowed.status_code == 200


def test_i_see_my_loans_and_no_one_elses(client, library: Library):
    data = client.get("/api/v1/me/loans", **library.auth()).json()
    assert [loan["id"] for loan in data["loans"]] == [library.loan.pk]
    assert data["loans"][0]["record"]["title"] == "Pippi Långstrump"
    assert data["loans"][0]["due_date"] == library.loan.due_date.isoformat()


def test_a_loan_renews_to_a_later_due_date(client, library: Library):
    services.cancel_hold(hold=library.other_hold, now=NOW)  # no one waits for Pippi now
    response = client.post(f"/api/v1/me/loans/{library.loan.pk}/renew", **library.auth())
    assert response.status_code == 200
    assert response.json()["renewals"] == 1
    assert response.json()["due_date"] >= library.loan.due_date.isoformat()


def test_a_renewal_is_refused_with_the_reason_when_someone_is_waiting(client, library: Library):
    response = client.post(f"/api/v1/me/loans/{library.loan.pk}/renew", **library.auth())
    assert response.status_code == 409
    body = response.json()
    assert (body["error"], body["reason"]) == ("not_renewable", "queue")
    english = client.post(
        f"/api/v1/me/loans/{library.loan.pk}/renew", HTTP_ACCEPT_LANGUAGE="en", **library.auth()
    )
    assert english["Content-Language"] == "en"


def test_renew_all_answers_for_each_loan(client, library: Library):
    results = client.post("/api/v1/me/loans/renew-all", **library.auth()).json()["results"]
    assert len(results) == 1
    assert results[0]["renewed"] is False
    assert results[0]["error"]["reason"] == "queue"


def test_another_patrons_loans_and_holds_are_not_found(client, library: Library):
    auth = library.auth()
    renew = client.post(f"/api/v1/me/loans/{library.other_loan.pk}/renew", **auth)
    cancel = client.delete(f"/api/v1/me/holds/{library.other_hold.pk}", **auth)
    assert (renew.status_code, cancel.status_code) == (404, 404)
    library.other_hold.refresh_from_db()
    assert library.other_hold.status == "waiting"


def test_i_place_a_hold_see_my_place_in_the_queue_and_cancel_it(client, library: Library):
    auth = library.auth()
    body = {"record_id": library.hobbit.pk, "pickup_branch": "tavelsjo"}
    placed = client.post("/api/v1/me/holds", body, "application/json", **auth)
    assert placed.status_code == 201
    hold = placed.json()
    assert (hold["pickup_branch"]["code"], hold["status"]) == ("tavelsjo", "waiting")
    again = client.post("/api/v1/me/holds", body, "application/json", **auth)
    assert (again.status_code, again.json()["error"]) == (409, "duplicate_hold")
    listed = client.get("/api/v1/me/holds", **auth).json()
    assert {h["record"]["title"] for h in listed["holds"]} == {"The hobbit", "Emil i Lönneberga"}
    cancelled = client.delete(f"/api/v1/me/holds/{hold['id']}", **auth)
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    twice = client.delete(f"/api/v1/me/holds/{hold['id']}", **auth)
    assert (twice.status_code, twice.json()["error"]) == (409, "hold_state_error")


def test_a_hold_goes_to_my_home_branch_unless_i_say_otherwise(client, library: Library):
    body = {"record_id": library.hobbit.pk}
    hold = client.post("/api/v1/me/holds", body, "application/json", **library.auth()).json()
    assert hold["pickup_branch"]["code"] == library.patron.home_branch.code


def test_a_blocked_patron_is_told_why_a_hold_is_refused(client, library: Library):
    patron_services.block_patron(patron=library.patron, reason=BlockReason.STAFF, now=NOW)
    body = {"record_id": library.hobbit.pk}
    refused = client.post("/api/v1/me/holds", body, "application/json", **library.auth())
    assert (refused.status_code, refused.json()["error"]) == (403, "patron_blocked")


def test_a_hold_on_an_unknown_title_or_branch_names_the_field(client, library: Library):
    auth = library.auth()
    unknown = client.post("/api/v1/me/holds", {"record_id": 999999}, "application/json", **auth)
    assert (unknown.status_code, unknown.json()["field"]) == (404, "record_id")
    body = {"record_id": library.hobbit.pk, "pickup_branch": "atlantis"}
    nowhere = client.post("/api/v1/me/holds", body, "application/json", **auth)
    assert (nowhere.status_code, nowhere.json()["field"]) == (404, "pickup_branch")


def test_my_history_is_shown_only_if_i_chose_to_keep_it(client, library: Library):
    auth = library.auth()
    refused = client.get("/api/v1/me/history", **auth)
    assert (refused.status_code, refused.json()["error"]) == (403, "history_not_kept")
    services.set_loan_history(patron=library.patron, keep=True, now=NOW)
    services.checkin(item=library.loan.item, branch=library.world.umea, now=NOW)
    history = client.get("/api/v1/me/history", **auth).json()
    assert [row["record"]["title"] for row in history["loans"]] == ["Pippi Långstrump"]


def _queries(client: Client, url: str, auth: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **auth).status_code == 200
    return len(queries)


def test_listing_my_loans_and_holds_costs_the_same_queries_however_many_there_are(
    client, library: Library
):
    auth = library.auth()
    client.get("/api/v1/me", **auth)  # the token's first use records it once
    before = {url: _queries(client, url, auth) for url in ("/api/v1/me/loans", "/api/v1/me/holds")}
    world = library.world
    for title in ("Ronja rövardotter", "Mio min Mio"):
        record = world.record(title)
        services.checkout(
            patron=library.patron, item=world.item(record, world.umea), branch=world.umea, now=NOW
        )
        other = world.record(f"{title} (ljudbok)")
        world.item(other, world.vannas)
        services.place_hold(patron=library.patron, record=other, pickup_branch=world.umea, now=NOW)
    after = {url: _queries(client, url, auth) for url in before}
    assert after == before
    assert client.get("/api/v1/me", **auth).json()["loans"] == 3
