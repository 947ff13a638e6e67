"""Reads of circulation: the rules matrix, a patron's loans, holds and fees, queues, lists.

Every list here comes with the joins its page needs (``select_related``), so a page of
loans or holds costs a fixed number of queries whatever its length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.circulation import rules
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    CoBorrowing,
    Fee,
    Hold,
    HoldStatus,
    Loan,
    LoanRule,
    LoanStatus,
    Transit,
)
from folkbib.consortium.models import Branch
from folkbib.core import stamps
from folkbib.core.prepared import Prepared
from folkbib.patrons.models import Patron

RULE_SETTINGS = rules.SETTINGS
#: Statuses of an item that can still fill a hold (sooner or later).
CIRCULATING_STATUSES = (
    ItemStatus.AVAILABLE,
    ItemStatus.ON_LOAN,
    ItemStatus.IN_TRANSIT,
    ItemStatus.ON_HOLD_SHELF,
)


#: One row, renewed by triggers whenever the rules matrix, opening hours or closed days
#: change (migration ``circulation.0006_configuration_stamp``).
_STAMP_TABLE = "circulation_configuration_stamp"
# The matrix as of one stamp. Rows read after the stamp are at least as new as it, so a
# cached matrix is never older than the stamp it is kept under.
_rules_cache: tuple[int, tuple[rules.RuleRow, ...]] | None = None


def configuration_stamp() -> int | None:
    """The configuration's current stamp (one query); None when unknown (never cache)."""
    return stamps.read_stamp(connection, _STAMP_TABLE)


def with_configuration_stamp() -> RawSQL:
    """The stamp as an annotation, so a row a service reads anyway brings it for free."""
    return stamps.stamp_annotation(_STAMP_TABLE)


def rule_rows(*, stamp: int | None = None) -> tuple[rules.RuleRow, ...]:
    """The whole rules matrix as pure values (the table has tens of rows).

    Kept per process under the configuration stamp: pass the ``stamp`` read in this
    transaction (see ``with_configuration_stamp``) and a current matrix costs no query;
    without one the stamp is read first (one query), and a change committed anywhere
    renews the stamp, so a cached matrix is never served after it.
    """
    global _rules_cache
    if stamp is None:
        stamp = configuration_stamp()
    cached = _rules_cache
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    rows = tuple(
        rules.RuleRow(
            municipality_id=row.municipality_id,
            branch_id=row.branch_id,
            category_id=row.patron_category_id,
            material_type=row.material_type,
            values=tuple((name, getattr(row, name)) for name in RULE_SETTINGS),
        )
        for row in LoanRule.objects.all()
    )
    if stamp is not None:
        _rules_cache = (stamp, rows)
    return rows


def rules_from_owner() -> bool:
    """Whether the owning branch's municipality sets the rules (else the checkout branch's)."""
    return settings.CIRCULATION_RULES_FROM == "owner"


def rule_for_item(
    rows: tuple[rules.RuleRow, ...], *, patron: Patron, item: Item, branch: Branch
) -> rules.Rule:
    """The rule for ``patron`` borrowing ``item`` at ``branch`` (per the rules-from setting)."""
    place = item.owning_branch if rules_from_owner() else branch
    return rules.resolve(
        rows,
        municipality_id=place.municipality_id,
        branch_id=place.id,
        category_id=patron.category_id,
        material_type=item_material(item),
    )


def patron_rule(rows: tuple[rules.RuleRow, ...], *, patron: Patron) -> rules.Rule:
    """The patron-wide rule (fee block threshold): home municipality × category."""
    return rules.resolve(
        rows,
        municipality_id=patron.home_branch.municipality_id,
        branch_id=patron.home_branch_id,
        category_id=patron.category_id,
        material_type="",
    )


def item_material(item: Item) -> str:
    """The item's material type, or its record's when the item has none of its own."""
    return item.material_type or item.record.material_type


def outstanding_balance(patron: Patron) -> Decimal:
    """What the patron owes now, over every open fee."""
    total = Fee.objects.filter(patron=patron).aggregate(
        owed=Sum(F("amount") - F("paid") - F("waived"))
    )["owed"]
    return (total or Decimal("0")).quantize(Decimal("0.01"))


def open_fees(patron: Patron) -> QuerySet[Fee]:
    return (
        Fee.objects.filter(patron=patron)
        .exclude(amount__lte=F("paid") + F("waived"))
        .select_related("item__record")
        .order_by("created_at", "id")
    )


def active_loans(patron: Patron) -> QuerySet[Loan]:
    """The patron's active loans, soonest due first, with item, title and branches."""
    return (
        Loan.objects.filter(patron=patron, status=LoanStatus.ACTIVE)
        .select_related("item__record", "item__owning_branch", "branch")
        .order_by("due_date", "id")
    )


def loan_history(patron: Patron) -> QuerySet[Loan]:
    """Returned loans; only ever non-empty for a patron who opted in to history."""
    return (
        Loan.objects.filter(patron=patron, status=LoanStatus.RETURNED)
        .select_related("item__record")
        .order_by("-closed_at", "-id")
    )


def queue(record_id: int) -> list[Hold]:
    """The active holds of a title in queue order (priority, then placement)."""
    return list(
        Hold.objects.filter(record_id=record_id, status__in=ACTIVE_HOLD_STATUSES)
        .select_related("patron__category", "pickup_branch__municipality")
        .order_by("-priority", "placed_at", "id")
    )


def queue_length(record_id: int) -> int:
    """How many active holds the title has (waiting, on their way or on a hold shelf)."""
    return Hold.objects.filter(record_id=record_id, status__in=ACTIVE_HOLD_STATUSES).count()


@dataclass(frozen=True)
class HoldView:
    """A hold as its patron sees it: the true position and a rough wait."""

    hold: Hold
    position: int | None  # among the waiting holds; None once a copy is on its way
    queue_length: int
    copies: int
    estimated_wait_days: int | None


def patron_holds(patron: Patron, *, today: dt.date) -> list[HoldView]:
    """The patron's active holds with their true queue positions (three queries in all)."""
    holds = list(
        Hold.objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES)
        .select_related("record", "pickup_branch", "allocated_item")
        .order_by("placed_at", "id")
    )
    record_ids = {h.record_id for h in holds}
    waiting: dict[int, list[tuple[int, dt.datetime, int]]] = {}
    for record_id, priority, placed_at, hold_id in (
        Hold.objects.filter(record_id__in=record_ids, status=HoldStatus.WAITING)
        .order_by("-priority", "placed_at", "id")
        .values_list("record_id", "priority", "placed_at", "id")
    ):
        waiting.setdefault(record_id, []).append((priority, placed_at, hold_id))
    copies: dict[int, int] = {}
    for record_id in Item.objects.filter(
        record_id__in=record_ids, status__in=CIRCULATING_STATUSES
    ).values_list("record_id", flat=True):
        copies[record_id] = copies.get(record_id, 0) + 1
    rows = rule_rows()
    views = []
    for hold in holds:
        line = waiting.get(hold.record_id, [])
        position = None
        if hold.status == HoldStatus.WAITING:
            position = 1 + next(i for i, entry in enumerate(line) if entry[2] == hold.id)
        rule = rules.resolve(
            rows,
            municipality_id=hold.pickup_branch.municipality_id,
            branch_id=hold.pickup_branch_id,
            category_id=patron.category_id,
            material_type=hold.record.material_type,
        )
        count = copies.get(hold.record_id, 0)
        wait = (
            rules.estimated_wait_days(
                position=position, copies=count, loan_days=rule.loan_days_when_queued
            )
            if position is not None
            else None
        )
        views.append(HoldView(hold, position, len(line), count, wait))
    return views


def queue_position(hold: Hold) -> int | None:
    """1 for the next waiting hold of the title, 2 for the one after …; None unless waiting."""
    if hold.status != HoldStatus.WAITING:
        return None
    ids = list(
        Hold.objects.filter(record_id=hold.record_id, status=HoldStatus.WAITING)
        .order_by("-priority", "placed_at", "id")
        .values_list("id", flat=True)
    )
    return ids.index(hold.id) + 1


def pull_list(branch: Branch) -> QuerySet[Hold]:
    """Copies on this branch's shelves that waiting holds are counting on: fetch and check in."""
    return (
        Hold.objects.filter(
            status=HoldStatus.WAITING,
            allocated_item__current_branch=branch,
            allocated_item__status=ItemStatus.AVAILABLE,
        )
        .select_related("allocated_item__record", "pickup_branch")
        .order_by("allocated_item__shelf_mark", "placed_at")
    )


def hold_shelf(branch: Branch) -> QuerySet[Hold]:
    """Holds waiting on this branch's hold shelf, last pickup day first."""
    return (
        Hold.objects.filter(status=HoldStatus.READY, pickup_branch=branch)
        .select_related("patron", "allocated_item__record")
        .order_by("pickup_by", "id")
    )


def transits_to(branch: Branch) -> QuerySet[Transit]:
    return (
        Transit.objects.filter(to_branch=branch, arrived_at__isnull=True)
        .select_related("item__record", "from_branch")
        .order_by("sent_at")
    )


def transits_from(branch: Branch) -> QuerySet[Transit]:
    return (
        Transit.objects.filter(from_branch=branch, arrived_at__isnull=True)
        .select_related("item__record", "to_branch")
        .order_by("sent_at")
    )


#: "Others also borrowed" shows a pair only from this many co-borrowings up.
MIN_CO_BORROWINGS = 3


ALSO_BORROWED_LIMIT = 6


def _co_borrowings(record_id: int, *, limit: int = ALSO_BORROWED_LIMIT) -> Any:
    return (
        CoBorrowing.objects.filter(count__gte=MIN_CO_BORROWINGS)
        .filter(Q(record_a_id=record_id) | Q(record_b_id=record_id))
        .order_by("-count")[: limit * 2]
    )


# Every record page asks, and most titles have no pairs: compiled once, not per page.
_CO_BORROWINGS = Prepared(_co_borrowings)


def also_borrowed(record_id: int, *, limit: int = ALSO_BORROWED_LIMIT) -> list[Record]:
    """Titles most often on loan together with this one (anonymous counts, k >= 3)."""
    if limit == ALSO_BORROWED_LIMIT and -(2**63) <= record_id < 2**63:
        rows = _CO_BORROWINGS.objects(record_id)
    else:
        rows = list(_co_borrowings(record_id, limit=limit))
    ranked = sorted(
        (
            (row.count, row.record_b_id if row.record_a_id == record_id else row.record_a_id)
            for row in rows
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )[:limit]
    records = Record.objects.in_bulk([other for _count, other in ranked])
    return [records[other] for _count, other in ranked if other in records]
