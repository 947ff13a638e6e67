"""The permission walk: every staff URL, as every role, does what the roles table says.

The URLs are found, not listed: every pattern the project routes under ``/personal/``
(the ``staff`` namespace and the moderation pages the portal serves there). A page
added tomorrow is walked tomorrow; a page that declares no permission fails here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from folkbib.consortium import services as consortium
from folkbib.consortium.models import StaffRole
from folkbib.staff import roles

pytestmark = pytest.mark.django_db

STAFF_PREFIX = "personal/"
# A value for each path converter; ids that match nothing are fine, since the
# permission is decided before the view looks anything up.
SAMPLE = {"int": 987654, "str": "x", "slug": "x", "path": "x", "uuid": uuid.UUID(int=1)}


@dataclass(frozen=True)
class StaffUrl:
    name: str  # "namespace:name"
    route: str
    view: Any
    kwargs: dict[str, Any]

    @property
    def path(self) -> str:
        return reverse(self.name, kwargs=self.kwargs)

    @property
    def permission(self) -> str | None:
        return roles.required_permission(self.view)


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str, namespace: str
) -> Iterator[tuple[str, str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner.strip(":"))
        else:
            yield route, namespace, entry


def staff_urls() -> list[StaffUrl]:
    urls = []
    for route, namespace, pattern in _walk(get_resolver().url_patterns, "", ""):
        if not route.startswith(STAFF_PREFIX):
            continue
        assert pattern.name, f"the staff URL {route!r} has no name"
        kwargs = {}
        for name, value in getattr(pattern.pattern, "converters", {}).items():
            kind = type(value).__name__.replace("Converter", "").lower()
            kwargs[name] = SAMPLE.get(kind, "x")
        urls.append(StaffUrl(f"{namespace}:{pattern.name}", route, pattern.callback, kwargs))
    return urls


@pytest.fixture(scope="module")
def every_url() -> list[StaffUrl]:
    return staff_urls()


def visit(client: Any, url: StaffUrl) -> Any:
    """GET the URL; a form-only URL (405 with ``Allow: POST``) is POSTed to, empty.

    Some views check the method before the permission, so a 405 alone says nothing.
    """
    response = client.get(url.path)
    if response.status_code == 405 and "POST" in response.get("Allow", ""):
        response = client.post(url.path, {})
    return response


def person(username: str, role: str, world: Any) -> Any:
    user = get_user_model().objects.create_user(username=username, password="x")
    if role == StaffRole.MUNICIPALITY_ADMIN:
        consortium.assign_staff(user=user, branch=None, role=role, municipality=world.umea_kommun)
    elif role == StaffRole.REGION_ADMIN:
        consortium.assign_staff(user=user, branch=None, role=role)
    else:
        consortium.assign_staff(user=user, branch=world.umea, role=role)
    return user


def test_the_walk_finds_the_desk_the_moderation_and_the_administration(
    every_url: list[StaffUrl],
) -> None:
    names = {url.name for url in every_url}
    assert {"staff:checkout", "staff:login", "portal:moderation", "staff:admin"} <= names


def test_every_staff_url_declares_a_permission(every_url: list[StaffUrl]) -> None:
    missing = sorted(f"/{url.route} ({url.name})" for url in every_url if url.permission is None)
    assert not missing, "staff URLs without @requires(...) or @public:\n" + "\n".join(missing)


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_staff_login(
    client: Any, every_url: list[StaffUrl]
) -> None:
    login = reverse("staff:login")
    for url in every_url:
        if url.permission in (None, roles.PUBLIC):
            continue
        response = visit(client, url)
        assert response.status_code == 302, url.name
        assert response["Location"].startswith(login) or "logga-in" in response["Location"], (
            url.name
        )


def test_a_patron_account_that_is_not_staff_is_refused_everywhere(
    client: Any, every_url: list[StaffUrl]
) -> None:
    client.force_login(get_user_model().objects.create_user(username="låntagare"))
    for url in every_url:
        if url.permission in (None, roles.PUBLIC):
            continue
        assert visit(client, url).status_code == 403, url.name


@pytest.mark.parametrize("role", StaffRole.values)
def test_each_role_reaches_exactly_the_pages_its_permissions_name(
    client: Any, world: Any, role: str, every_url: list[StaffUrl]
) -> None:
    """Allowed: the view itself answers (a page, a redirect, 404 for the made-up id).
    Refused: 403, before the view runs."""
    user = person(f"walk-{role}", role, world)
    client.force_login(user)
    held = roles.permissions_of(user)
    wrong = []
    for url in every_url:
        if url.permission in (None, roles.PUBLIC):
            continue
        status = visit(client, url).status_code
        may = url.permission in held
        if (may and status == 403) or (not may and status != 403):
            wrong.append(f"{url.name} needs {url.permission}: got {status}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)


def test_the_table_gives_each_role_what_the_issue_asks() -> None:
    """Spot checks of the table itself, in the issue's words."""

    def may(role: str, name: str) -> bool:
        return role in roles.PERMISSIONS[name].roles

    assert may(StaffRole.LIBRARIAN, "patrons.edit") and may(StaffRole.LIBRARIAN, "config.hours")
    assert not may(StaffRole.LIBRARIAN, "staff.roles")
    assert may(StaffRole.MUNICIPALITY_ADMIN, "staff.roles")
    assert not may(StaffRole.MUNICIPALITY_ADMIN, "config.region")
    assert may(StaffRole.CATALOGUER, "catalog.records")
    assert not may(StaffRole.CATALOGUER, "desk.circulate")
    assert may(StaffRole.MODERATOR, "community.moderate")
    assert not may(StaffRole.MODERATOR, "patrons.view")
    assert all(StaffRole.REGION_ADMIN in p.roles for p in roles.PERMISSIONS.values())
