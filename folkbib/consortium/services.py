"""Every write to the region's structure: regions, municipalities, branches, calendars.

Writes are idempotent where that is natural (``define_*`` create or update by code), so
``load-demo`` and a region's own set-up scripts can run them again safely.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.consortium import calendar as cal
from folkbib.consortium.errors import InvalidDistance, InvalidOpeningHours
from folkbib.consortium.models import (
    Branch,
    BranchDistance,
    ClosedDay,
    Municipality,
    OpeningHours,
    Region,
    StaffProfile,
    StaffRole,
)


@transaction.atomic
def define_region(*, code: str, name: str) -> Region:
    region, _created = Region.objects.update_or_create(code=code, defaults={"name": name})
    return region


@transaction.atomic
def define_municipality(*, region: Region, code: str, name: str) -> Municipality:
    municipality, _created = Municipality.objects.update_or_create(
        code=code, defaults={"region": region, "name": name}
    )
    return municipality


@transaction.atomic
def define_branch(
    *,
    municipality: Municipality,
    code: str,
    name: str,
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
    email: str = "",
    is_mobile: bool = False,
    is_active: bool = True,
) -> Branch:
    """Create the branch ``code`` or bring it to exactly the details given."""
    branch, _created = Branch.objects.update_or_create(
        code=code,
        defaults={
            "municipality": municipality,
            "name": name,
            "street_address": street_address,
            "postal_code": postal_code,
            "city": city,
            "phone": phone,
            "email": email,
            "is_mobile": is_mobile,
            "is_active": is_active,
        },
    )
    return branch


@transaction.atomic
def set_weekly_hours(
    *, branch: Branch, hours: Mapping[int, Sequence[cal.Period]]
) -> list[OpeningHours]:
    """Replace the branch's weekly hours; a weekday left out is closed.

    Raises :class:`InvalidOpeningHours` for a weekday outside 0-6, a period that does
    not close after it opens, or overlapping periods on one day.
    """
    rows: list[OpeningHours] = []
    for weekday, periods in sorted(hours.items()):
        if not 0 <= weekday <= 6:
            raise InvalidOpeningHours(_("Veckodagen måste vara 0 (måndag) till 6 (söndag)."))
        previous_close: dt.time | None = None
        for opens, closes in sorted(periods):
            if closes <= opens:
                raise InvalidOpeningHours(
                    _("Stängningstiden %(closes)s måste vara efter öppningstiden %(opens)s.")
                    % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
                )
            if previous_close is not None and opens < previous_close:
                raise InvalidOpeningHours(_("Öppettiderna för en dag får inte överlappa."))
            previous_close = closes
            rows.append(OpeningHours(branch=branch, weekday=weekday, opens=opens, closes=closes))
    OpeningHours.objects.filter(branch=branch).delete()
    return OpeningHours.objects.bulk_create(rows)


@transaction.atomic
def add_closed_day(
    *, municipality: Municipality, date: dt.date, reason: str, branch: Branch | None = None
) -> ClosedDay:
    """Close one branch (or, without ``branch``, every branch of the municipality) on ``date``.

    Adding the same day twice updates its reason.
    """
    closed_day, _created = ClosedDay.objects.update_or_create(
        municipality=municipality, branch=branch, date=date, defaults={"reason": reason}
    )
    return closed_day


@transaction.atomic
def ensure_public_holidays(
    *, year: int, municipality: Municipality | None = None, country: str = "SE"
) -> int:
    """Make sure every holiday of ``year`` is a closed day of ``municipality`` (or of all).

    Idempotent: existing entries are left as they are (a municipality may have renamed
    one). Returns how many closed days were created.
    """
    holidays = cal.public_holidays(year, country=country)
    municipalities = (
        [municipality] if municipality is not None else list(Municipality.objects.all())
    )
    created = 0
    for member in municipalities:
        existing = set(
            ClosedDay.objects.filter(
                municipality=member, branch__isnull=True, date__year=year
            ).values_list("date", flat=True)
        )
        new = [
            ClosedDay(municipality=member, branch=None, date=day, reason=name)
            for day, name in holidays.items()
            if day not in existing
        ]
        ClosedDay.objects.bulk_create(new)
        created += len(new)
    return created


@dataclass(frozen=True)
class DistanceEntry:
    from_code: str
    to_code: str
    kilometres: int
    transit_days: int = 1


@transaction.atomic
def set_distance(
    *,
    from_branch: Branch,
    to_branch: Branch,
    kilometres: int,
    transit_days: int = 1,
    both_ways: bool = True,
) -> BranchDistance:
    """Record the transport from one branch to another (and back, unless ``both_ways`` is off)."""
    if from_branch.pk == to_branch.pk:
        raise InvalidDistance(_("Ett bibliotek har inget avstånd till sig självt."))
    pairs = [(from_branch, to_branch)] + ([(to_branch, from_branch)] if both_ways else [])
    entries = [
        BranchDistance.objects.update_or_create(
            from_branch=a,
            to_branch=b,
            defaults={"kilometres": kilometres, "transit_days": transit_days},
        )[0]
        for a, b in pairs
    ]
    return entries[0]


@transaction.atomic
def replace_distance_table(*, entries: Iterable[DistanceEntry]) -> int:
    """Replace the distances among the branches named in ``entries`` with exactly these.

    Used when a region loads its whole transport table at once; returns the row count.
    """
    entries = list(entries)
    codes = {e.from_code for e in entries} | {e.to_code for e in entries}
    branches = {b.code: b for b in Branch.objects.filter(code__in=codes)}
    rows = []
    for entry in entries:
        if entry.from_code == entry.to_code:
            raise InvalidDistance(_("Ett bibliotek har inget avstånd till sig självt."))
        rows.append(
            BranchDistance(
                from_branch=branches[entry.from_code],
                to_branch=branches[entry.to_code],
                kilometres=entry.kilometres,
                transit_days=entry.transit_days,
            )
        )
    ids = [b.pk for b in branches.values()]
    BranchDistance.objects.filter(from_branch_id__in=ids, to_branch_id__in=ids).delete()
    return len(BranchDistance.objects.bulk_create(rows))


@transaction.atomic
def assign_staff(
    *,
    user: User,
    branch: Branch | None,
    role: str = StaffRole.LIBRARIAN,
    branches: Iterable[Branch] = (),
    municipality: Municipality | None = None,
) -> StaffProfile:
    """Say where a staff user works and in which role (one profile per user).

    ``branch`` is where the desk opens; it is always among the user's ``branches``.
    ``municipality`` is needed only for someone without a branch (a municipality
    administrator); otherwise the branch's municipality is the user's.
    """
    profile, _created = StaffProfile.objects.update_or_create(
        user=user, defaults={"branch": branch, "role": role, "municipality": municipality}
    )
    works_at = {b.pk: b for b in branches}
    if branch is not None:
        works_at.setdefault(branch.pk, branch)
    profile.branches.set(works_at.values())
    return profile
