"""Swedish is every page's default; English only when the visitor chooses it."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_a_browser_asking_for_english_still_gets_swedish_by_default(client):
    response = client.get("/tillganglighet/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="sv"' in response.content.decode()


def test_the_language_switch_chooses_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tillganglighet/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/tillganglighet/")
    assert '<html lang="en"' in page.content.decode()


def test_the_pages_switch_is_a_get_back_to_the_page_with_a_lax_cookie(client):
    response = client.get("/sprak/", {"language": "en", "next": "/tillganglighet/?a=1"})

    assert response.status_code == 302 and response["Location"] == "/tillganglighet/?a=1"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["samesite"] == "Lax"
    assert "no-store" in response["Cache-Control"]  # a cache must not replay the cookie
    assert '<html lang="en"' in client.get("/tillganglighet/").content.decode()


def test_the_switch_goes_nowhere_but_this_site_and_knows_only_the_sites_languages(client):
    elsewhere = client.get("/sprak/", {"language": "en", "next": "https://evil.example/"})
    assert elsewhere["Location"] == "/"
    unknown = client.get("/sprak/", {"language": "xx", "next": "/tillganglighet/"})
    assert unknown["Location"] == "/tillganglighet/"
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies
    assert client.post("/sprak/", {"language": "en"}).status_code == 405


def test_an_unknown_language_cookie_falls_back_to_swedish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="sv"' in client.get("/tillganglighet/").content.decode()


def test_pages_vary_by_the_language_cookie_not_by_accept_language(client):
    # A cache in front keys pages on Vary: with Accept-Language it would hand the English
    # page chosen by one visitor's cookie to the next visitor with the same browser.
    swedish = client.get("/tillganglighet/", HTTP_ACCEPT_LANGUAGE="en")
    vary = {v.strip() for v in swedish["Vary"].split(",")}
    assert "Cookie" in vary and "Accept-Language" not in vary
    assert swedish["Content-Language"] == "sv"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/tillganglighet/")
    assert "Cookie" in english["Vary"] and english["Content-Language"] == "en"
