"""Reads about the region: branches, their calendars and the distances between them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet

from folkbib.consortium import calendar as cal
from folkbib.consortium.models import (
    Branch,
    BranchDistance,
    ClosedDay,
    OpeningHours,
    StaffProfile,
)


def active_branches(*, region_code: str | None = None) -> QuerySet[Branch]:
    """Branches that are in service, with their municipality (and region) joined."""
    branches = Branch.objects.filter(is_active=True).select_related("municipality__region")
    if region_code is not None:
        branches = branches.filter(municipality__region__code=region_code)
    return branches


def branch_by_code(code: str) -> Branch:
    """The branch with ``code``; raises ``Branch.DoesNotExist`` for an unknown code."""
    return Branch.objects.select_related("municipality__region").get(code=code)


#: Calendars as of one configuration stamp (see ``branch_calendar``); bounded.
_calendars: dict[tuple[Any, ...], cal.BranchCalendar] = {}
_CALENDARS_KEPT = 2048


def branch_calendar(
    *,
    branch: Branch,
    start: dt.date,
    days: int = cal.DEFAULT_HORIZON_DAYS,
    stamp: int | None = None,
) -> cal.BranchCalendar:
    """The branch's weekly hours and the closed days from ``start`` for ``days`` days.

    Closed days are the branch's own and its municipality's (public holidays among
    them); two queries whatever the window. With ``stamp``, a value read in the
    caller's transaction that the database renews whenever hours or closed days change
    (``circulation.selectors.configuration_stamp``), a calendar already read under the
    same stamp is reused from this process's memory: no query, never a stale one.
    """
    key = (stamp, branch.id, branch.municipality_id, branch.code, start, days)
    if stamp is not None:
        cached = _calendars.get(key)
        if cached is not None:
            return cached
    until = start + dt.timedelta(days=days)
    weekly: dict[int, list[cal.Period]] = defaultdict(list)
    for hours in OpeningHours.objects.filter(branch=branch).order_by("weekday", "opens"):
        weekly[hours.weekday].append((hours.opens, hours.closes))
    closed = dict(
        ClosedDay.objects.filter(
            Q(branch=branch) | Q(branch__isnull=True, municipality_id=branch.municipality_id),
            date__gte=start,
            date__lte=until,
        )
        .order_by("date")
        .values_list("date", "reason")
    )
    calendar = cal.BranchCalendar(
        branch_code=branch.code,
        weekly={weekday: tuple(periods) for weekday, periods in weekly.items()},
        closed=closed,
        until=until,
    )
    if stamp is not None:
        if len(_calendars) >= _CALENDARS_KEPT:  # old stamps' and days' calendars go too
            _calendars.clear()
        _calendars[key] = calendar
    return calendar


def is_open(*, branch: Branch, day: dt.date) -> bool:
    """Whether ``branch`` opens on ``day`` (weekly hours, closed days, public holidays)."""
    return cal.is_open(branch_calendar(branch=branch, start=day, days=0), day)


def next_open_day(*, branch: Branch, day: dt.date) -> dt.date:
    """The first day on or after ``day`` that ``branch`` is open; see ``calendar.next_open_day``."""
    return cal.next_open_day(branch_calendar(branch=branch, start=day), day)


def open_branch_ids(branch_ids: set[int], day: dt.date) -> set[int]:
    """Which of these branches open on ``day`` (weekly hours minus closed days).

    The batched form of ``is_open`` for many branches: two or three queries in all.
    """
    if not branch_ids:
        return set()
    with_hours = set(
        OpeningHours.objects.filter(branch_id__in=branch_ids, weekday=day.weekday()).values_list(
            "branch_id", flat=True
        )
    )
    closed_rows = ClosedDay.objects.filter(date=day).filter(
        Q(branch_id__in=branch_ids) | Q(branch__isnull=True)
    )
    closed_branches: set[int] = set()
    closed_municipalities: set[int] = set()
    for branch_id, municipality_id in closed_rows.values_list("branch_id", "municipality_id"):
        if branch_id is None:
            closed_municipalities.add(municipality_id)
        else:
            closed_branches.add(branch_id)
    if closed_municipalities:
        closed_branches |= set(
            Branch.objects.filter(
                id__in=with_hours, municipality_id__in=closed_municipalities
            ).values_list("id", flat=True)
        )
    return with_hours - closed_branches


def distance(*, from_branch: Branch, to_branch: Branch) -> BranchDistance | None:
    """The transport entry from one branch to another, or None when none is recorded."""
    return BranchDistance.objects.filter(from_branch=from_branch, to_branch=to_branch).first()


def distance_table(*, region_code: str | None = None) -> dict[tuple[str, str], BranchDistance]:
    """Every recorded distance keyed by (from code, to code), in one query."""
    rows = BranchDistance.objects.select_related("from_branch", "to_branch")
    if region_code is not None:
        rows = rows.filter(from_branch__municipality__region__code=region_code)
    return {(row.from_branch.code, row.to_branch.code): row for row in rows}


def is_staff_member(user: Any) -> bool:
    """Whether a signed-in account belongs to library staff (a staff profile, or is_staff)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_staff) or StaffProfile.objects.filter(user=user).exists()
