"""The admin shows patrons without their PIN hash or personnummer, and cannot edit them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_the_patron_admin_never_shows_the_pin_hash_or_personnummer(client, register):
    patron = register(personnummer="19811218-9876")
    admin = get_user_model().objects.create_superuser("root", password="x" * 20)
    client.force_login(admin)
    listing = client.get("/admin/patrons/patron/")
    page = client.get(f"/admin/patrons/patron/{patron.pk}/change/")
    assert listing.status_code == page.status_code == 200
    assert "Lindqvist" in listing.content.decode()
    body = page.content.decode()
    assert patron.pin_hash not in body and "9876" not in body
    assert client.get("/admin/patrons/patron/add/").status_code == 403
