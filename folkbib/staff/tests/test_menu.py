"""The staff menu: every member of staff gets it, with the links their role may follow."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.staff.tests.conftest import make_region_admin

pytestmark = pytest.mark.django_db


def menu(response) -> list[str]:
    """The texts of the staff menu's links (the count of waiting questions left out)."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', response.content.decode(), re.S)
    if nav is None:
        return []
    links = re.findall(r"<a [^>]*>(.*?)</a>", nav.group(0), re.S)
    return [re.sub(r"<[^>]+>|\(.*?\)", "", link).strip() for link in links]


def test_a_cataloguer_gets_the_catalogue_in_the_menu_and_not_the_desk(client, world):
    cataloguer = get_user_model().objects.create_user("katalog", password="x")
    consortium.assign_staff(user=cataloguer, branch=world.umea, role=StaffRole.CATALOGUER)
    client.force_login(cataloguer)

    links = menu(client.get(reverse("staff:cataloguing")))

    assert "Katalog" in links
    assert "Utlån" not in links and "Återlämning" not in links


def test_a_region_administrator_without_a_desk_still_gets_the_menu(client, world):
    client.force_login(make_region_admin())

    links = menu(client.get(reverse("staff:statistics")))

    assert {"Låntagare", "Katalog", "Statistik", "Administration"} <= set(links)


def test_a_signed_in_patron_account_that_is_not_staff_gets_no_staff_menu(client, world):
    client.force_login(get_user_model().objects.create_user("someone", password="x"))

    response = client.get(reverse("staff:statistics"))

    assert menu(response) == []
