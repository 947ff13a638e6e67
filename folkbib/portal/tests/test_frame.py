"""The page frame (templates/base.html): its cached parts still follow the page, the
visitor's language and whether they are signed in; its form's token stays per request."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from folkbib.circulation.tests.conftest import build_world

pytestmark = pytest.mark.django_db

CURRENT = re.compile(r'<a href="([^"]*)" aria-current="page">')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_the_menu_marks_the_page_the_visitor_is_on_each_time(client):
    for _ in range(2):  # the second round comes from the cached frame
        assert CURRENT.findall(client.get(reverse("portal:search")).content.decode()) == [
            reverse("portal:search")
        ]
        assert CURRENT.findall(client.get(reverse("portal:browse")).content.decode()) == [
            reverse("portal:browse")
        ]
        assert CURRENT.findall(client.get(reverse("portal:accessibility")).content.decode()) == []


def test_the_menu_offers_my_pages_only_while_signed_in(client):
    build_world().patron(card_number="10000001", first_name="Anna")
    page = reverse("portal:accessibility")
    assert reverse("portal:login") in client.get(page).content.decode()
    client.post(reverse("portal:login"), {"card_number": "10000001", "pin": "1234"})
    signed_in = client.get(page).content.decode()
    assert reverse("portal:my_pages") in signed_in and reverse("portal:login") not in signed_in
    client.post(reverse("portal:logout"))
    signed_out = client.get(page).content.decode()
    assert reverse("portal:login") in signed_out and reverse("portal:my_pages") not in signed_out


def test_the_frame_is_in_the_chosen_language_and_offers_the_others(client):
    swedish = client.get(reverse("portal:accessibility")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("portal:accessibility")).content.decode()
    assert ">Bläddra</a>" in swedish and ">Browse</a>" in english
    assert 'value="en" lang="en"' in swedish and 'value="en" lang="en"' not in english
    assert 'value="sv" lang="sv"' in english


def test_the_language_form_returns_to_this_page_and_a_visit_sets_no_cookie(client):
    path = reverse("portal:search") + "?q=barn"
    response = client.get(path)
    page = response.content.decode()

    assert f'action="{reverse("choose_language")}" method="get"' in page
    assert 'name="next" value="/?q=barn"' in page
    # A GET form needs no CSRF token: a visitor who only reads gets no cookie at all.
    assert TOKEN.findall(page) == []
    assert not response.cookies
