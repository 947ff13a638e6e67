"""The session helper: sign in, stay signed in, lose the session when the card changes."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from folkbib.patrons import services
from folkbib.patrons.auth import login_patron, logout_patron, session_patron

pytestmark = pytest.mark.django_db


def request_with_session():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def test_a_signed_in_patron_is_found_in_the_session_under_a_new_key(register):
    patron = register()
    request = request_with_session()
    request.session["before"] = 1
    request.session.save()
    old_key = request.session.session_key
    login_patron(request, patron)
    assert request.session.session_key != old_key
    assert session_patron(request) == patron
    logout_patron(request)
    assert session_patron(request) is None


def test_replacing_a_lost_card_ends_the_sessions_of_the_old_card(register, now):
    patron = register()
    request = request_with_session()
    login_patron(request, patron)
    services.replace_card(patron=patron, new_card_number="10000099", reason="Förlorat", now=now)
    assert session_patron(request) is None


def test_changing_the_pin_ends_other_sessions(register, now):
    patron = register()
    request = request_with_session()
    login_patron(request, patron)
    services.change_pin(patron=patron, new_pin="5555", now=now)
    assert session_patron(request) is None
