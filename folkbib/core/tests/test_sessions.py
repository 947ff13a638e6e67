"""A sign-in ends after 30 idle minutes, with the session written at most once a minute."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from folkbib.circulation.tests.conftest import build_world

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


class Clock:
    """timezone.now for everything in the request: the session backend's expiry too."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def forward(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(timezone, "now", fake)
    return fake


@pytest.fixture
def signed_in(client, clock, settings):
    assert settings.SESSION_COOKIE_AGE == 1800
    build_world().patron(card_number="10000001", first_name="Anna")
    response = client.post(reverse("portal:login"), {"card_number": "10000001", "pin": "1234"})
    assert response.status_code == 302
    return client


def is_signed_in(client) -> bool:
    return client.get(reverse("portal:my_pages")).status_code == 200


def session_writes(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(
        1
        for query in captured.captured_queries
        if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")
    )


def expiry() -> dt.datetime:
    return Session.objects.get().expire_date


def test_pages_within_a_minute_of_the_last_save_do_not_write_the_session(signed_in, clock):
    saved = expiry()
    clock.forward(59)
    assert session_writes(signed_in, reverse("portal:accessibility")) == 0
    assert expiry() == saved


def test_a_page_a_minute_after_the_last_save_moves_the_expiry_on(signed_in, clock):
    clock.forward(60)
    assert session_writes(signed_in, reverse("portal:accessibility")) > 0
    assert expiry() == START + dt.timedelta(seconds=60 + 1800)
    clock.forward(30)
    assert session_writes(signed_in, reverse("portal:accessibility")) == 0


def test_an_active_patron_stays_signed_in_past_the_idle_timeout(signed_in, clock):
    for _ in range(50):  # 50 x 45 s: 37.5 minutes of pages
        clock.forward(45)
        assert is_signed_in(signed_in)


def test_a_sign_in_ends_after_30_idle_minutes_at_most(signed_in, clock):
    clock.forward(61)
    assert is_signed_in(signed_in)  # saved: expires at 61 + 1800
    clock.forward(50)
    assert is_signed_in(signed_in)  # not saved: still at 61 + 1800
    clock.forward(1800 - 50)  # 30 minutes after the save, 29 after the last page
    assert not is_signed_in(signed_in)


def test_an_idle_patron_is_still_signed_in_just_before_30_minutes(signed_in, clock):
    clock.forward(1799)
    assert is_signed_in(signed_in)
    clock.forward(1800)
    assert not is_signed_in(signed_in)


def test_a_visitor_without_a_session_gets_none(client, clock):
    assert session_writes(client, reverse("portal:accessibility")) == 0
    assert not Session.objects.exists()
