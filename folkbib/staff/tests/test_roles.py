"""Each role holds its permissions, and configuration stops at the own municipality."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.staff import roles

pytestmark = pytest.mark.django_db


def person(role: str, *, branch: Any = None, municipality: Any = None, **extra: Any) -> Any:
    user = get_user_model().objects.create_user(username=f"{role}-{id(branch)}", **extra)
    consortium.assign_staff(user=user, branch=branch, role=role, municipality=municipality)
    return get_user_model().objects.get(pk=user.pk)


def test_a_librarian_works_the_desk_but_does_not_give_out_roles(world: Any) -> None:
    librarian = person(StaffRole.LIBRARIAN, branch=world.umea)
    assert roles.has_permission(librarian, "desk.circulate")
    assert roles.has_permission(librarian, "config.hours")
    assert not roles.has_permission(librarian, "staff.roles")
    assert not roles.has_permission(librarian, "catalog.records")


def test_a_cataloguer_catalogues_and_a_moderator_moderates_and_neither_lends(world: Any) -> None:
    cataloguer = person(StaffRole.CATALOGUER, branch=world.umea)
    moderator = person(StaffRole.MODERATOR, branch=world.vannas)
    assert roles.has_permission(cataloguer, "catalog.records")
    assert not roles.has_permission(cataloguer, "desk.circulate")
    assert roles.has_permission(moderator, "community.moderate")
    assert not roles.has_permission(moderator, "desk.circulate")


def test_a_librarian_configures_only_their_own_municipality(world: Any) -> None:
    librarian = person(StaffRole.LIBRARIAN, branch=world.holmsund)
    assert roles.may_configure(librarian, world.umea_kommun)
    assert not roles.may_configure(librarian, world.vannas_kommun)
    assert list(roles.configurable_municipalities(librarian)) == [world.umea_kommun]


def test_a_municipality_administrator_without_a_desk_has_their_municipality(world: Any) -> None:
    admin = person(StaffRole.MUNICIPALITY_ADMIN, municipality=world.vannas_kommun)
    assert roles.may_configure(admin, world.vannas_kommun.pk)
    assert not roles.may_configure(admin, world.umea_kommun)


def test_a_region_administrator_and_a_superuser_configure_every_municipality(world: Any) -> None:
    region_admin = person(StaffRole.REGION_ADMIN)
    superuser = get_user_model().objects.create_superuser(username="root", password="x")
    for user in (region_admin, superuser):
        assert roles.may_configure(user, world.vannas_kommun)
        assert roles.configurable_municipalities(user).count() == 2
        assert roles.has_permission(user, "config.region")


def test_someone_who_is_not_staff_holds_nothing(world: Any) -> None:
    outsider = get_user_model().objects.create_user(username="utomstående")
    assert roles.permissions_of(outsider) == frozenset()
    assert not roles.may_configure(outsider, world.umea_kommun)


def test_a_librarian_may_work_at_several_branches(world: Any) -> None:
    user = get_user_model().objects.create_user(username="pendlare")
    profile = consortium.assign_staff(
        user=user, branch=world.umea, branches=[world.holmsund, world.vannas]
    )
    assert set(profile.branches.values_list("code", flat=True)) == {"umea", "holmsund", "vannas"}


def test_a_misspelt_permission_fails_when_the_view_is_declared() -> None:
    with pytest.raises(ImproperlyConfigured):
        roles.requires("desk.circluate")


def test_the_desk_offers_a_librarians_own_branches_first(client: Any, world: Any) -> None:
    user = get_user_model().objects.create_user(username="pendlare")
    consortium.assign_staff(user=user, branch=world.umea, branches=[world.vannas])
    client.force_login(user)
    page = client.get(reverse("staff:branch")).content.decode()
    own = page[page.index('label="Dina bibliotek"') : page.index('label="Övriga bibliotek"')]
    assert world.umea.name in own and world.vannas.name in own
    assert world.holmsund.name not in own and world.holmsund.name in page
    client.post(reverse("staff:branch"), {"branch": world.holmsund.pk})
    assert client.session["staff_branch_id"] == world.holmsund.pk


def test_after_login_each_role_lands_where_its_work_is(client: Any, world: Any) -> None:
    librarian = person(StaffRole.LIBRARIAN, branch=world.umea)
    client.force_login(librarian)
    assert client.get(reverse("staff:home")).url == reverse("staff:checkout")
    region_admin = person(StaffRole.REGION_ADMIN)
    client.force_login(region_admin)
    start = client.get(reverse("staff:home")).content.decode()
    assert reverse("staff:admin") in start and reverse("staff:branch") in start
    moderator = person(StaffRole.MODERATOR, branch=world.vannas)
    client.force_login(moderator)
    start = client.get(reverse("staff:home")).content.decode()
    assert reverse("portal:moderation") in start and reverse("staff:admin") not in start
