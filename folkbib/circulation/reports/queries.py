"""The reads behind the reports: grouped counts from the anonymous rows, nothing per person.

Each function returns plain tuples for ``tables`` to arrange. Circulation events,
transits, holds' timestamps, items and the yearly borrower tokens are read; a loan's
or a hold's patron never is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from folkbib.catalog.models import Item, ItemStatus
from folkbib.circulation.models import CirculationEvent, Hold, Loan, Transit
from folkbib.circulation.reports.dimensions import shelf_class
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import Patron

#: Items that are no longer part of the collection (the stock counts the rest).
GONE = (ItemStatus.LOST, ItemStatus.WITHDRAWN)

#: Event dimensions a report can be broken down by, and the event field each reads.
DIMENSIONS = {
    "municipality": "branch__municipality_id",
    "branch": "branch_id",
    "patron_municipality": "patron_municipality_id",
    "patron_category": "patron_category",
    "age_group": "age_group",
    "material_type": "material_type",
    "language": "language",
    "shelf_class": "shelf_class",
}


@dataclass(frozen=True)
class Scope:
    """The days ``start``..``end`` (both included), optionally one municipality or branch."""

    start: dt.date
    end: dt.date
    municipality: Municipality | None = None
    branch: Branch | None = None

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """The scope as [from, until) in the region's time zone, for timestamp columns."""
        zone = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=zone)
        until = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        return start, until


def _where(scope: Scope, branch_field: str) -> Q:
    if scope.branch is not None:
        return Q(**{branch_field: scope.branch})
    if scope.municipality is not None:
        return Q(**{f"{branch_field}__municipality": scope.municipality})
    return Q()


def _events(scope: Scope) -> QuerySet[CirculationEvent]:
    return CirculationEvent.objects.filter(
        _where(scope, "branch"), day__gte=scope.start, day__lte=scope.end
    )


def events_by_day(scope: Scope) -> list[tuple[dt.date, str, int]]:
    rows = _events(scope).values("day", "kind").annotate(n=Count("id")).order_by()
    return [(row["day"], row["kind"], row["n"]) for row in rows]


def events_by(scope: Scope, dimension: str) -> list[tuple[Any, str, int]]:
    name = DIMENSIONS[dimension]
    rows = _events(scope).values(name, "kind").annotate(n=Count("id")).order_by()
    return [(row[name], row["kind"], row["n"]) for row in rows]


def new_patrons_by_day(scope: Scope) -> list[tuple[dt.date, int]]:
    start, until = scope.moments()
    registered = Patron.objects.filter(
        _where(scope, "home_branch"), created_at__gte=start, created_at__lt=until
    ).values_list("created_at", flat=True)
    days = Counter(timezone.localdate(moment) for moment in registered)
    return sorted(days.items())


def loan_flows(scope: Scope) -> list[tuple[int | None, int | None, int]]:
    """(owning municipality, patron's home municipality, loans) for checkouts in scope."""
    rows = (
        _events(scope)
        .filter(kind="checkout")
        .values("owning_municipality_id", "patron_municipality_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        (row["owning_municipality_id"], row["patron_municipality_id"], row["n"]) for row in rows
    ]


def transit_flows(scope: Scope) -> list[tuple[int, int, int]]:
    """(from branch, to branch, transits sent) in scope; either end in scope counts."""
    start, until = scope.moments()
    place = _where(scope, "from_branch") | _where(scope, "to_branch")
    rows = (
        Transit.objects.filter(place, sent_at__gte=start, sent_at__lt=until)
        .values("from_branch_id", "to_branch_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(row["from_branch_id"], row["to_branch_id"], row["n"]) for row in rows]


def hold_waits(scope: Scope) -> list[tuple[dt.datetime, dt.datetime]]:
    """(placed, ready) of the holds that became ready for pickup in scope, at its branches."""
    start, until = scope.moments()
    rows = Hold.objects.filter(
        _where(scope, "pickup_branch"), ready_at__gte=start, ready_at__lt=until
    ).values_list("placed_at", "ready_at")
    return [(placed, ready) for placed, ready in rows if ready is not None]


def _collection(scope: Scope, *, on: dt.date) -> QuerySet[Item]:
    """The items owned in scope that existed on ``on`` and are not lost or withdrawn."""
    _start, until = Scope(start=on, end=on).moments()
    return Item.objects.filter(_where(scope, "owning_branch"), created_at__lt=until).exclude(
        status__in=GONE
    )


def stock_by_shelf_class(scope: Scope) -> Counter[str]:
    marks = _collection(scope, on=scope.end).values("shelf_mark").annotate(n=Count("id")).order_by()
    stock: Counter[str] = Counter()
    for row in marks:
        stock[shelf_class(row["shelf_mark"])] += row["n"]
    return stock


def loans_by_shelf_class(scope: Scope) -> Counter[str]:
    """Checkouts of the scope's own items (wherever lent), by shelf class."""
    events = CirculationEvent.objects.filter(
        kind="checkout", day__gte=scope.start, day__lte=scope.end
    )
    if scope.branch is not None:
        # An event names the owning municipality, not the owning branch.
        events = events.filter(owning_municipality_id=scope.branch.municipality_id)
    elif scope.municipality is not None:
        events = events.filter(owning_municipality=scope.municipality)
    rows = events.values("shelf_class").annotate(n=Count("id")).order_by()
    return Counter({row["shelf_class"]: row["n"] for row in rows})


def unborrowed_by_shelf_class(scope: Scope, *, months: int) -> tuple[Counter[str], dt.date]:
    """Items not lent since ``months`` before the scope's end (and older than that), by class."""
    year, month = divmod(scope.end.year * 12 + scope.end.month - 1 - months, 12)
    since = scope.end.replace(year=year, month=month + 1, day=1)
    cutoff, _until = Scope(start=since, end=since).moments()
    lent = Loan.objects.filter(item=OuterRef("pk"), checked_out_at__gte=cutoff)
    marks = (
        _collection(scope, on=scope.end)
        .filter(created_at__lt=cutoff)
        .exclude(Exists(lent))
        .values("shelf_mark")
        .annotate(n=Count("id"))
        .order_by()
    )
    idle: Counter[str] = Counter()
    for row in marks:
        idle[shelf_class(row["shelf_mark"])] += row["n"]
    return idle, since


def stock_by_material(scope: Scope, *, on: dt.date) -> Counter[str]:
    rows = _collection(scope, on=on).values("material_type", "record__material_type")
    counted = rows.annotate(n=Count("id")).order_by()
    stock: Counter[str] = Counter()
    for row in counted:
        stock[row["material_type"] or row["record__material_type"] or ""] += row["n"]
    return stock


def acquisitions_by_material(scope: Scope) -> Counter[str]:
    """Items added in scope (still in the collection or not), by material type."""
    start, until = scope.moments()
    rows = (
        Item.objects.filter(
            _where(scope, "owning_branch"), created_at__gte=start, created_at__lt=until
        )
        .values("material_type", "record__material_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    added: Counter[str] = Counter()
    for row in rows:
        added[row["material_type"] or row["record__material_type"] or ""] += row["n"]
    return added
