"""People for the ask-a-librarian tests: the circulation test region (Umeå and Vännäs),
a patron in each, a librarian in each municipality and a region administrator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from folkbib.circulation.tests.conftest import NOW, World, build_world
from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.patrons.models import Patron

PASSWORD = "demo-demo-demo"


@dataclass
class Scene:
    world: World
    anna: Patron  # Umeå, e-mail
    bertil: Patron  # Vännäs, SMS, English
    umea_librarian: Any
    vannas_librarian: Any
    region_admin: Any
    now: Any = NOW


def staff_user(username: str, first_name: str, *, branch: Any, role: str = StaffRole.LIBRARIAN):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=first_name, last_name="Efternamnsson"
    )
    consortium.assign_staff(user=user, branch=branch, role=role)
    return user


def build_scene() -> Scene:
    world = build_world()
    return Scene(
        world=world,
        anna=world.patron(card_number="10000001", first_name="Anna", last_name="Lindqvist"),
        bertil=world.patron(
            first_name="Bertil",
            home=world.vannas,
            notice_channel="sms",
            phone="+46701234567",
            language="en",
        ),
        umea_librarian=staff_user("bibliotekarie", "Bibbi", branch=world.umea),
        vannas_librarian=staff_user("vannasbib", "Valle", branch=world.vannas),
        region_admin=staff_user("admin", "Regina", branch=None, role=StaffRole.REGION_ADMIN),
    )
