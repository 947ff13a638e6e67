from __future__ import annotations

import pytest

from folkbib.community.tests.factories import NOW, make_patron, make_record


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def anna(db):
    return make_patron("Anna", display_name="Läsande Anna")


@pytest.fixture
def bertil(db):
    return make_patron("Bertil", display_name="Bokbertil")


@pytest.fixture
def pippi(db):
    return make_record("Pippi Långstrump", authors=["Lindgren, Astrid"], isbns=["9789129657623"])


@pytest.fixture
def moderator(db, django_user_model):
    return django_user_model.objects.create_user(username="moderator", password="x", is_staff=True)


@pytest.fixture
def portal_urls(settings):
    settings.ROOT_URLCONF = "folkbib.community.tests.urls"


@pytest.fixture
def login(client, portal_urls):
    """``login(patron)``: the test client is now that patron's session."""
    from django.urls import reverse

    def login(patron):
        client.get(reverse("portal:test_login_as", args=[patron.pk]))
        return client

    return login
