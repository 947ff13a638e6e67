"""The circulation test region (``world``), a librarian at Umeå, and the clock at ``NOW``."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from folkbib.circulation.tests.conftest import NOW, World
from folkbib.circulation.tests.conftest import world as world  # the shared test region
from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole

PASSWORD = "demo-demo-demo"


@pytest.fixture(autouse=True)
def _desk_clock(monkeypatch: Any) -> None:
    monkeypatch.setattr("folkbib.core.clock.now", lambda: NOW)


def make_librarian(world: World, username: str = "bibliotekarie") -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    consortium.assign_staff(user=user, branch=world.umea)
    return user


def make_region_admin(username: str = "admin") -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    consortium.assign_staff(user=user, branch=None, role=StaffRole.REGION_ADMIN)
    return user


@pytest.fixture
def librarian(world: World) -> Any:
    return make_librarian(world)


@pytest.fixture
def desk(client: Any, librarian: Any) -> Any:
    """A test client logged in as the Umeå librarian."""
    client.force_login(librarian)
    return client
