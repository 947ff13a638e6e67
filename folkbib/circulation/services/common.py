"""What every circulation service shares: locking, the patron checks, events, the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from folkbib.catalog import search
from folkbib.catalog.models import Item
from folkbib.circulation import rules, selectors
from folkbib.circulation.errors import (
    CardNotValid,
    FeesOverThreshold,
    PatronBlocked,
)
from folkbib.circulation.models import CirculationEvent, StaffAction
from folkbib.consortium import calendar as cal
from folkbib.consortium.models import Branch, ClosedDay, OpeningHours
from folkbib.consortium.selectors import branch_calendar
from folkbib.patrons.models import Patron, PatronBlock

#: How far ahead a due-date calendar looks; loans are weeks, not years.
CALENDAR_DAYS = 120


def local_day(now: dt.datetime) -> dt.date:
    return timezone.localdate(now) if timezone.is_aware(now) else now.date()


def lock_item(item_id: int) -> Item:
    """The item, locked for this transaction, with what routing needs."""
    return (
        Item.objects.select_for_update(of=("self",))
        .select_related("record", "owning_branch__municipality", "current_branch__municipality")
        .get(pk=item_id)
    )


def lock_patron(patron_id: int) -> Patron:
    """The patron, locked: two desks lending to one patron count each other's loans."""
    return (
        Patron.objects.select_for_update(of=("self",))
        .select_related("category", "home_branch__municipality")
        .get(pk=patron_id)
    )


def calendar(branch: Branch, today: dt.date) -> cal.BranchCalendar:
    return branch_calendar(branch=branch, start=today, days=CALENDAR_DAYS)


def check_patron_may_borrow(
    patron: Patron, *, today: dt.date, rows: tuple[rules.RuleRow, ...]
) -> None:
    """Raise the first reason ``patron`` may not borrow or reserve now, if any."""
    if patron.card_expires < today:
        raise CardNotValid()
    blocks = list(
        PatronBlock.objects.filter(patron=patron, lifted_at__isnull=True).order_by("created_at")
    )
    if blocks:
        raise PatronBlocked([str(block.get_reason_display()) for block in blocks])
    rule = selectors.patron_rule(rows, patron=patron)
    if rule.block_threshold is not None and rule.block_threshold > 0:
        owed = selectors.outstanding_balance(patron)
        if rules.is_blocked_by_fees(rule, owed=owed):
            raise FeesOverThreshold(owed, rule.block_threshold)


def set_item(item: Item, *, now: dt.datetime, **changes: Any) -> None:
    """Change the item's circulation fields and refresh its record in the search index."""
    for name, value in changes.items():
        setattr(item, name, value)
    item.updated_at = now
    item.save(update_fields=[*changes, "updated_at"])
    search.enqueue_records([item.record_id])


def record_event(
    kind: str, *, day: dt.date, branch: Branch, item: Item, patron: Patron | None
) -> None:
    """Write one anonymous statistics row: no patron, no item, no time of day."""
    CirculationEvent.objects.create(
        day=day,
        kind=kind,
        branch=branch,
        owning_municipality_id=item.owning_branch.municipality_id,
        patron_municipality_id=patron.home_branch.municipality_id if patron else None,
        patron_category=patron.category.code if patron else "",
        material_type=selectors.item_material(item),
    )


def audit(
    staff: Any, *, branch: Branch | None, now: dt.datetime, action: str, subject: str
) -> None:
    """Record a librarian's action (who, where, when, what); nothing for self-service."""
    if staff is None or not getattr(staff, "is_authenticated", False):
        return
    StaffAction.objects.create(user=staff, branch=branch, at=now, action=action, subject=subject)


def open_branch_ids(branch_ids: set[int], day: dt.date) -> set[int]:
    """Which of these branches open on ``day`` (weekly hours minus closed days); two queries."""
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


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
