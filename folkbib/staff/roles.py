"""What each staff role may do, and over which part of the region.

Roles (``consortium.StaffRole``): a region administrator runs the whole region; a
municipality administrator configures one municipality and its staff; a librarian works
the desk at one or more branches; a cataloguer keeps the catalogue; a moderator looks
after the community. A superuser counts as a region administrator.

Two questions, kept apart:

* **May this role do X at all?** ``PERMISSIONS`` below, one line per permission.
  A view says what it needs with ``@requires("<permission>")``; the name must be in the
  table, or the import fails (so a typo cannot open a page to everyone). Pages anyone
  may reach (the login) say ``@public``; pages every staff member may reach use
  ``@requires("staff.any")``. The permission walk
  (``staff/tests/test_permissions.py``) fails for a ``staff:`` URL that says neither.
* **Over what?** Patrons, items and the catalogue are the region's: whoever may see
  or edit them sees and edits them everywhere. Configuration (rules, fees, opening
  hours, branches, notices, devices, staff roles) and the audit are bounded by
  ``scope_of(user)``: the whole region for a region administrator, else the user's own
  municipality. Views check the object with ``may_configure(user, municipality)``
  and list with ``configurable_municipalities(user)``.

**Adding a permission (other areas):** use one of the names below when one fits. A new
one is one line in ``PERMISSIONS`` (name, Swedish description, roles) committed on its
own with a message that says which page needs it; say so in your report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Final, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from folkbib.consortium.models import Municipality, StaffProfile, StaffRole

REGION = StaffRole.REGION_ADMIN
MUNICIPALITY = StaffRole.MUNICIPALITY_ADMIN
LIBRARIAN = StaffRole.LIBRARIAN
CATALOGUER = StaffRole.CATALOGUER
MODERATOR = StaffRole.MODERATOR
EVERY_ROLE = frozenset(StaffRole.values)

View = TypeVar("View", bound=Callable[..., Any])

# Marks a view that needs no permission at all (the login page); see ``public``.
PUBLIC: Final = "public"
# The attribute a protected view carries; the permission walk reads it.
MARK: Final = "staff_permission"


@dataclass(frozen=True)
class Permission:
    name: str
    description: Any  # a lazy translation
    roles: frozenset[str]


def _table(*rows: tuple[str, Any, set[str]]) -> dict[str, Permission]:
    return {name: Permission(name, text, frozenset(roles)) for name, text, roles in rows}


PERMISSIONS: Final = _table(
    ("staff.any", _("Se personalens startsida och välja bibliotek"), set(EVERY_ROLE)),
    (
        "desk.circulate",
        _("Låna ut, ta emot, låna om, reservera och ta betalt vid disken"),
        {REGION, MUNICIPALITY, LIBRARIAN},
    ),
    (
        "desk.worklists",
        _("Plocklista, hämthylla och transporter"),
        {REGION, MUNICIPALITY, LIBRARIAN},
    ),
    ("patrons.view", _("Se låntagare i hela regionen"), {REGION, MUNICIPALITY, LIBRARIAN}),
    ("patrons.edit", _("Registrera och ändra låntagare"), {REGION, MUNICIPALITY, LIBRARIAN}),
    ("patrons.import", _("Importera låntagare och lån från ett tidigare system"), {REGION}),
    (
        "catalog.view",
        _("Se poster och exemplar i personalvyn"),
        {REGION, MUNICIPALITY, LIBRARIAN, CATALOGUER},
    ),
    (
        "catalog.items",
        _("Lägga till och ändra exemplar"),
        {REGION, MUNICIPALITY, LIBRARIAN, CATALOGUER},
    ),
    ("catalog.records", _("Katalogisera: skapa, ändra och importera poster"), {REGION, CATALOGUER}),
    ("questions.answer", _("Svara på frågor till biblioteket"), {REGION, MUNICIPALITY, LIBRARIAN}),
    # Librarians moderate as part of ordinary work; the moderator role is for those who
    # do nothing else (a community volunteer, a web editor).
    (
        "community.moderate",
        _("Moderera recensioner och forum"),
        {REGION, MUNICIPALITY, LIBRARIAN, MODERATOR},
    ),
    (
        "statistics.view",
        _("Se statistik över lån och flöden"),
        {REGION, MUNICIPALITY, LIBRARIAN, CATALOGUER},
    ),
    (
        "statistics.report",
        _("Ta fram årsrapporten och kostnadsfördelningen"),
        {REGION, MUNICIPALITY},
    ),
    (
        "config.hours",
        _("Ändra öppettider och stängda dagar i den egna kommunen"),
        {REGION, MUNICIPALITY, LIBRARIAN},
    ),
    (
        "config.rules",
        _("Ändra lånevillkor och avgifter i den egna kommunen"),
        {REGION, MUNICIPALITY, LIBRARIAN},
    ),
    ("config.branches", _("Ändra kommunens bibliotek"), {REGION, MUNICIPALITY}),
    ("config.notices", _("Ändra meddelandemallar"), {REGION, MUNICIPALITY}),
    ("config.devices", _("Hantera kiosker och SIP2-terminaler"), {REGION, MUNICIPALITY}),
    ("config.region", _("Ändra regionens kommuner"), {REGION}),
    ("staff.roles", _("Ge personal roller och bibliotek"), {REGION, MUNICIPALITY}),
    ("audit.view", _("Läsa ändringsloggen"), {REGION, MUNICIPALITY}),
)


def permission(name: str) -> Permission:
    """The permission ``name``; an unknown name is a programming error, raised at once."""
    try:
        return PERMISSIONS[name]
    except KeyError:
        raise ImproperlyConfigured(f"unknown staff permission {name!r}") from None


# ---------------------------------------------------------------- who is asking


def _profile(user: Any) -> StaffProfile | None:
    """The user's staff profile, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    cached = getattr(user, "_folkbib_staff_profile", ...)
    if cached is ...:
        cached = (
            StaffProfile.objects.select_related("branch__municipality", "municipality")
            .filter(user_id=user.pk)
            .first()
        )
        user._folkbib_staff_profile = cached
    return cached


def role_of(user: Any) -> str | None:
    """The user's role, or None for someone who is not staff (or is inactive).

    A superuser is a region administrator; ``is_staff`` without a profile (Django
    admin access only) is a librarian with no branch.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return REGION
    profile = _profile(user)
    if profile is not None:
        return profile.role
    return LIBRARIAN if user.is_staff else None


def has_permission(user: Any, name: str) -> bool:
    role = role_of(user)
    return role is not None and role in permission(name).roles


def permissions_of(user: Any) -> frozenset[str]:
    """Every permission the user holds (for menus and the roles screen)."""
    role = role_of(user)
    if role is None:
        return frozenset()
    return frozenset(p.name for p in PERMISSIONS.values() if role in p.roles)


@dataclass(frozen=True)
class Scope:
    """The part of the region a user may configure: all of it, or one municipality."""

    everything: bool = False
    municipality_id: int | None = None

    def covers(self, municipality_id: int | None) -> bool:
        return self.everything or (
            municipality_id is not None and municipality_id == self.municipality_id
        )


def home_municipality_id(user: Any) -> int | None:
    profile = _profile(user)
    if profile is None:
        return None
    if profile.municipality_id is not None:
        return profile.municipality_id
    return profile.branch.municipality_id if profile.branch is not None else None


def scope_of(user: Any) -> Scope:
    """Region administrators configure everything; others only their own municipality."""
    role = role_of(user)
    if role is None:
        return Scope()
    if role == REGION:
        return Scope(everything=True)
    return Scope(municipality_id=home_municipality_id(user))


def may_configure(user: Any, municipality: Municipality | int | None) -> bool:
    """Whether ``user``'s scope takes in ``municipality`` (an object or its id)."""
    municipality_id = municipality.pk if isinstance(municipality, Municipality) else municipality
    return scope_of(user).covers(municipality_id)


def configurable_municipalities(user: Any) -> QuerySet[Municipality]:
    scope = scope_of(user)
    municipalities = Municipality.objects.select_related("region").order_by("name")
    if scope.everything:
        return municipalities
    if scope.municipality_id is None:
        return municipalities.none()
    return municipalities.filter(pk=scope.municipality_id)


def may_see_patron(user: Any, patron: Any) -> bool:
    """Whether ``user`` may look up and edit ``patron`` in the staff workspace.

    Patrons are shared across the region where the cooperation allows it: a
    municipality that does not share its patrons (``Municipality.shares_patrons``)
    shows them only to its own staff and the region administrators. The desk serves
    every card whatever this says: one card is valid everywhere.
    """
    municipality = patron.home_branch.municipality
    if municipality.shares_patrons or role_of(user) == REGION:
        return role_of(user) is not None
    return home_municipality_id(user) == municipality.pk


def visible_patrons(user: Any, patrons: QuerySet[Any]) -> QuerySet[Any]:
    """``patrons`` narrowed to those ``may_see_patron`` lets ``user`` see."""
    if role_of(user) == REGION:
        return patrons
    return patrons.filter(
        Q(home_branch__municipality__shares_patrons=True)
        | Q(home_branch__municipality_id=home_municipality_id(user))
    )


# ---------------------------------------------------------------- view decorators


def forbidden(request: HttpRequest) -> HttpResponse:
    """The staff 403 page; it tells staff their role does not reach, others that they are
    not staff."""
    context = {"is_staff_member": role_of(request.user) is not None}
    return render(request, "staff/forbidden.html", context, status=403)


def requires(name: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let a view run only for signed-in staff whose role holds permission ``name``.

    Not signed in: to the staff login. Signed in without the permission: 403 with the
    staff "forbidden" page, as also when the view raises ``PermissionDenied`` (an object
    outside the user's scope). Put it outermost (over ``desk_view``).
    """
    permission(name)  # fail at import for a misspelt name

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("staff:login"))
            if not has_permission(request.user, name):
                return forbidden(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return forbidden(request)

        setattr(wrapper, MARK, name)
        return wrapper

    return decorate


def public(view: View) -> View:
    """Say on purpose that a staff URL needs no permission (the login page)."""
    setattr(view, MARK, PUBLIC)
    return view


def required_permission(view: Callable[..., Any]) -> str | None:
    """What a view declared with ``requires``/``public``, or None when it declared nothing."""
    found = getattr(view, MARK, None)
    if found is None and hasattr(view, "view_class"):  # class-based views
        found = getattr(view.view_class, MARK, None)
    return found
