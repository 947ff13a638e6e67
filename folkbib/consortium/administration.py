"""Staff changes to the region's structure, each written to the audit with before and after.

The plain ``consortium.services`` are for set-up (``load-demo``, a region's scripts);
these are what the staff workspace calls: same rules, plus who did it and when. Whether
the person may make the change is the caller's question (``staff.roles``); these only
record it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.audit.services import record_change, save_audited, snapshot
from folkbib.consortium import calendar as cal
from folkbib.consortium import services
from folkbib.consortium.errors import StaffAssignmentInvalid, WrongMunicipality
from folkbib.consortium.models import (
    Branch,
    ClosedDay,
    Municipality,
    OpeningHours,
    Region,
    StaffProfile,
    StaffRole,
)

MUNICIPALITY_FIELDS = ("code", "name", "floating_collection", "shares_patrons")
BRANCH_FIELDS = (
    "municipality",
    "code",
    "name",
    "street_address",
    "postal_code",
    "city",
    "phone",
    "email",
    "is_mobile",
    "is_active",
    "accepts_holds",
)
CLOSED_DAY_FIELDS = ("municipality", "branch", "date", "reason")
PROFILE_FIELDS = ("role", "branch", "municipality", "branches")


def save_municipality(
    *,
    staff: Any,
    municipality: Municipality | None,
    region: Region,
    code: str,
    name: str,
    floating_collection: bool,
    now: dt.datetime,
    shares_patrons: bool = True,
) -> Municipality:
    """Create a municipality (``municipality`` None) or change its code, name, floating
    collection and whether other municipalities' staff see its patrons."""
    return save_audited(
        staff=staff,
        instance=municipality or Municipality(region=region),
        fields=MUNICIPALITY_FIELDS,
        values={
            "code": code,
            "name": name,
            "floating_collection": floating_collection,
            "shares_patrons": shares_patrons,
        },
        action="municipality",
        now=now,
    )


def save_branch(
    *, staff: Any, branch: Branch | None, values: Mapping[str, Any], now: dt.datetime
) -> Branch:
    """Create a branch (``branch`` None) or set exactly ``values`` on it.

    ``values`` holds the fields of ``BRANCH_FIELDS`` (``municipality`` as an object).
    """
    return save_audited(
        staff=staff,
        instance=branch or Branch(),
        fields=BRANCH_FIELDS,
        values=values,
        action="branch",
        now=now,
    )


def _hours_of(branch: Branch) -> dict[str, list[str]]:
    week: dict[str, list[str]] = {}
    for row in OpeningHours.objects.filter(branch=branch).order_by("weekday", "opens"):
        week.setdefault(str(row.weekday), []).append(f"{row.opens:%H:%M}-{row.closes:%H:%M}")
    return week


@transaction.atomic
def set_branch_hours(
    *, staff: Any, branch: Branch, hours: Mapping[int, Sequence[cal.Period]], now: dt.datetime
) -> list[OpeningHours]:
    """Replace the branch's weekly hours (see ``services.set_weekly_hours`` for the checks).

    The audit keeps the week before and after as ``{"0": ["10:00-18:00"], ...}``.
    """
    before = _hours_of(branch)
    rows = services.set_weekly_hours(branch=branch, hours=hours)
    after = _hours_of(branch)
    if before != after:
        record_change(
            staff=staff,
            action="branch.hours",
            subject=branch,
            before=before,
            after=after,
            now=now,
        )
    return rows


@transaction.atomic
def close_day(
    *,
    staff: Any,
    municipality: Municipality,
    date: dt.date,
    reason: str,
    branch: Branch | None = None,
    now: dt.datetime,
) -> ClosedDay:
    """Close one branch, or the whole municipality, on ``date`` (again: a new reason)."""
    if branch is not None and branch.municipality_id != municipality.pk:
        raise WrongMunicipality(_("Biblioteket hör inte till kommunen."))
    existing = ClosedDay.objects.filter(municipality=municipality, branch=branch, date=date).first()
    before = snapshot(existing, CLOSED_DAY_FIELDS)
    day = services.add_closed_day(
        municipality=municipality, branch=branch, date=date, reason=reason
    )
    record_change(
        staff=staff,
        action="closed_day.add" if before is None else "closed_day.update",
        subject=day,
        before=before,
        after=snapshot(day, CLOSED_DAY_FIELDS),
        now=now,
    )
    return day


@transaction.atomic
def reopen_day(*, staff: Any, closed_day: ClosedDay, now: dt.datetime) -> None:
    """Remove a closed day: the branch (or municipality) keeps its usual hours that day."""
    before = snapshot(closed_day, CLOSED_DAY_FIELDS)
    record_change(
        staff=staff,
        action="closed_day.remove",
        subject=closed_day,
        before=before,
        after=None,
        now=now,
    )
    closed_day.delete()


@transaction.atomic
def assign_role(
    *,
    staff: Any,
    user: User,
    role: str,
    branch: Branch | None,
    branches: Iterable[Branch] = (),
    municipality: Municipality | None = None,
    now: dt.datetime,
) -> StaffProfile:
    """Give ``user`` a role and places of work; see ``services.assign_staff``.

    A librarian, cataloguer or moderator works at a branch; a municipality administrator
    needs a municipality or a branch; a region administrator needs neither. The entry
    belongs to the user's municipality, so that municipality's administrators read it.
    """
    if role not in StaffRole.values:
        raise StaffAssignmentInvalid(_("Okänd roll."))
    if role == StaffRole.MUNICIPALITY_ADMIN and branch is None and municipality is None:
        raise StaffAssignmentInvalid(_("En kommunadministratör behöver en kommun."))
    if role in (StaffRole.LIBRARIAN, StaffRole.CATALOGUER, StaffRole.MODERATOR) and branch is None:
        raise StaffAssignmentInvalid(_("Välj det bibliotek där personen oftast arbetar."))
    existing = StaffProfile.objects.filter(user=user).first()
    before = snapshot(existing, PROFILE_FIELDS)
    profile = services.assign_staff(
        user=user, branch=branch, role=role, branches=branches, municipality=municipality
    )
    home = municipality or (branch.municipality if branch is not None else None)
    record_change(
        staff=staff,
        action="staff.assign" if before is None else "staff.update",
        subject=profile,
        before=before,
        after=snapshot(profile, PROFILE_FIELDS),
        now=now,
        municipality=home,
    )
    return profile


@transaction.atomic
def create_staff_member(
    *,
    staff: Any,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
    role: str,
    branch: Branch | None,
    branches: Iterable[Branch] = (),
    municipality: Municipality | None = None,
    now: dt.datetime,
) -> StaffProfile:
    """Open an account for a new colleague and give it its role (both audited, one entry).

    The password is set as given; the colleague changes it themselves later.
    """
    user = User.objects.create_user(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        password=password,
    )
    return assign_role(
        staff=staff,
        user=user,
        role=role,
        branch=branch,
        branches=branches,
        municipality=municipality,
        now=now,
    )
