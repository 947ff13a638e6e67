"""Check the circulation invariants against the database; an empty list means all hold.

The soak test, ``folkbib bench circulation`` and an operator after an incident call
``check_invariants()``. It reads (never writes) and costs a handful of queries whatever
the size of the region: the rows it compares are loaded as plain ids.

What must hold (see ``circulation.models``):

- an item has at most one active loan and at most one open transit;
- an item is allocated to at most one active hold; a patron has at most one active
  hold per title;
- ``Item.status`` agrees with the rows: ``on_loan`` exactly when it has an active
  loan, ``in_transit`` exactly when it has an open transit, ``on_hold_shelf`` exactly
  when a ready hold has it;
- a ready hold has its copy on the hold shelf of its pickup branch and a last pickup
  day; an in-transit hold has its copy in an open transit for that hold; a waiting hold
  counts only on a copy that is on a shelf;
- a closed hold (fulfilled, cancelled, expired) holds no copy and has a closing time;
  an active loan has its patron.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet

from folkbib.catalog.models import Item, ItemStatus
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
    Transit,
)


def _duplicates(queryset: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    rows = queryset.values(*fields).annotate(n=Count("id")).filter(n__gt=1)
    return [(*(row[f] for f in fields), row["n"]) for row in rows]


def check_invariants() -> list[str]:
    """Every violation found, one readable line each; ``[]`` when the invariants hold."""
    problems: list[str] = []
    active_loans = Loan.objects.filter(status=LoanStatus.ACTIVE)
    active_holds = Hold.objects.filter(status__in=ACTIVE_HOLD_STATUSES)
    open_transits = Transit.objects.filter(arrived_at__isnull=True)

    for item_id, n in _duplicates(active_loans, "item_id"):
        problems.append(f"item {item_id} is on {n} active loans")
    for item_id, n in _duplicates(open_transits, "item_id"):
        problems.append(f"item {item_id} has {n} open transits")
    for item_id, n in _duplicates(
        active_holds.filter(allocated_item__isnull=False), "allocated_item_id"
    ):
        problems.append(f"item {item_id} is allocated to {n} active holds")
    for patron_id, record_id, n in _duplicates(active_holds, "patron_id", "record_id"):
        problems.append(f"patron {patron_id} has {n} active holds on record {record_id}")
    for loan_id in active_loans.filter(patron__isnull=True).values_list("id", flat=True):
        problems.append(f"active loan {loan_id} has no patron")

    on_loan = set(active_loans.values_list("item_id", flat=True))
    transit_holds: dict[int, set[int | None]] = defaultdict(set)
    for item_id, hold_id in open_transits.values_list("item_id", "hold_id"):
        transit_holds[item_id].add(hold_id)
    holds = list(
        active_holds.values_list(
            "id", "status", "allocated_item_id", "pickup_branch_id", "pickup_by"
        )
    )
    ready = {
        item_id: hold_id
        for hold_id, status, item_id, _, _ in holds
        if status == HoldStatus.READY and item_id
    }

    tracked = (ItemStatus.ON_LOAN, ItemStatus.IN_TRANSIT, ItemStatus.ON_HOLD_SHELF)
    involved = on_loan | set(transit_holds) | set(ready) | {h[2] for h in holds if h[2]}
    items: dict[int, tuple[str, int | None]] = {
        item_id: (status, branch_id)
        for item_id, status, branch_id in Item.objects.filter(status__in=tracked).values_list(
            "id", "status", "current_branch_id"
        )
    }
    missing = involved - set(items)
    for start in range(0, len(missing), 500):
        chunk = sorted(missing)[start : start + 500]
        for item_id, status, branch_id in Item.objects.filter(id__in=chunk).values_list(
            "id", "status", "current_branch_id"
        ):
            items[item_id] = (status, branch_id)

    for item_id, (status, _branch) in sorted(items.items()):
        for expected, rows, what in (
            (ItemStatus.ON_LOAN, on_loan, "an active loan"),
            (ItemStatus.IN_TRANSIT, transit_holds, "an open transit"),
            (ItemStatus.ON_HOLD_SHELF, ready, "a ready hold"),
        ):
            if (status == expected) != (item_id in rows):
                has = "has" if item_id in rows else "has no"
                problems.append(f"item {item_id} is {status} but {has} {what}")

    for hold_id, status, item_id, pickup_branch_id, pickup_by in holds:
        item = items.get(item_id) if item_id else None
        if status == HoldStatus.READY:
            if item is None:
                problems.append(f"ready hold {hold_id} has no copy")
            elif item != (ItemStatus.ON_HOLD_SHELF, pickup_branch_id):
                problems.append(
                    f"ready hold {hold_id}: its copy {item_id} is {item[0]} at {item[1]}"
                )
            if pickup_by is None:
                problems.append(f"ready hold {hold_id} has no last pickup day")
        elif status == HoldStatus.IN_TRANSIT:
            if item_id is None:
                problems.append(f"in-transit hold {hold_id} has no copy")
            elif hold_id not in transit_holds.get(item_id, set()):
                problems.append(f"in-transit hold {hold_id}: its copy {item_id} is not sent to it")
        elif item_id is not None:
            status_now = item[0] if item else _status(item_id)
            if status_now != ItemStatus.AVAILABLE:
                problems.append(
                    f"waiting hold {hold_id} counts on copy {item_id}, which is {status_now}"
                )

    closed = Hold.objects.exclude(status__in=ACTIVE_HOLD_STATUSES)
    for hold_id in closed.filter(allocated_item__isnull=False).values_list("id", flat=True):
        problems.append(f"closed hold {hold_id} still holds a copy")
    for hold_id in closed.filter(closed_at__isnull=True).values_list("id", flat=True):
        problems.append(f"closed hold {hold_id} has no closing time")
    return problems


def _status(item_id: int) -> str:
    return Item.objects.filter(id=item_id).values_list("status", flat=True).first() or "gone"
