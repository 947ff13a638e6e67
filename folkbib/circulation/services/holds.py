"""Holds: place, cancel, pause and resume, change pickup branch, priority, shelf expiry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from folkbib.catalog.models import Item, Record
from folkbib.circulation import selectors
from folkbib.circulation.errors import (
    AlreadyBorrowed,
    DuplicateHold,
    HoldsNotAllowed,
    HoldStateError,
    NoHoldableCopies,
    PickupBranchNotAllowed,
)
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    EventKind,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
    Transit,
    TransitReason,
)
from folkbib.circulation.rules import RuleRow
from folkbib.circulation.services.allocation import (
    Routing,
    holds_allowed,
    retarget,
    route_item,
    send,
)
from folkbib.circulation.services.common import (
    LockOrderChanged,
    audit,
    check_patron_may_borrow,
    lock_item,
    lock_patron,
    lock_record,
    lock_row,
    record_event,
    retrying,
)
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.patrons.models import Patron


@dataclass(frozen=True)
class HoldOutcome:
    """A hold after a change, and where its copy must go if one was already set aside."""

    hold: Hold
    routing: Routing | None = None


def _lock_hold(hold: Hold) -> Hold:
    """The hold, locked in the lock order: its copy on the shelf or in transit, its title."""
    before = Hold.objects.values("record_id", "allocated_item_id", "status").get(pk=hold.pk)
    copy_moves = before["status"] in (HoldStatus.READY, HoldStatus.IN_TRANSIT)
    if copy_moves and before["allocated_item_id"] is not None:
        lock_item(before["allocated_item_id"])  # and the record
    else:
        lock_record(before["record_id"])
    locked: Hold = lock_row(
        Hold.objects.select_related("patron__category", "pickup_branch__municipality", "record"),
        hold.pk,
    )
    # A copy that came to the hold while we waited was not locked before the record.
    moved = locked.allocated_item_id != before["allocated_item_id"] or not copy_moves
    if locked.is_active and locked.status != HoldStatus.WAITING and moved:
        raise LockOrderChanged(f"hold {hold.pk} took a copy while we waited")
    return locked


def _check_pickup(branch: Branch) -> None:
    if not branch.is_active or not branch.accepts_holds:
        raise PickupBranchNotAllowed(branch.name)


@retrying
@transaction.atomic
def place_hold(
    *,
    patron: Patron,
    record: Record,
    pickup_branch: Branch,
    now: dt.datetime,
    item: Item | None = None,
    priority: int = 0,
    staff: Any = None,
    desk: Branch | None = None,
) -> Hold:
    """Reserve ``record`` (any copy in the region, or only ``item``) for pickup at a branch.

    Refuses when the patron may not borrow, already has the title on loan or on hold,
    the branch takes no holds, or no copy in the region can fill it under the rules.
    The hold joins the queue by placement time; a copy on a shelf is set aside for it
    at once if it is first in line.
    """
    today = local_date(now)
    rows = selectors.rule_rows()
    patron = lock_patron(patron.id)
    lock_record(record.id)
    check_patron_may_borrow(patron, today=today, rows=rows)
    _check_pickup(pickup_branch)
    if Hold.objects.filter(patron=patron, record=record, status__in=ACTIVE_HOLD_STATUSES).exists():
        raise DuplicateHold()
    if Loan.objects.filter(patron=patron, item__record=record, status=LoanStatus.ACTIVE).exists():
        raise AlreadyBorrowed()
    copies = Item.objects.filter(record=record, status__in=selectors.CIRCULATING_STATUSES)
    if item is not None:
        copies = copies.filter(pk=item.pk)
    copies = copies.select_related("record", "owning_branch__municipality")
    probe = Hold(patron=patron, record=record, pickup_branch=pickup_branch)
    candidates = list(copies)
    if not candidates:
        raise NoHoldableCopies()
    if not any(holds_allowed(rows, probe, copy) for copy in candidates):
        raise HoldsNotAllowed()
    try:
        with transaction.atomic():
            hold = Hold.objects.create(
                patron=patron,
                record=record,
                item=item,
                pickup_branch=pickup_branch,
                placed_at=now,
                priority=priority,
            )
    except IntegrityError as error:  # a second request for the same hold, a moment apart
        raise DuplicateHold() from error
    record_event(
        EventKind.HOLD_PLACED, day=today, branch=pickup_branch, item=candidates[0], patron=patron
    )
    audit(
        staff,
        branch=desk or pickup_branch,
        now=now,
        action="place_hold",
        subject=f"record {record.id}",
    )
    retarget(record.id, now=now, rows=rows)
    hold.refresh_from_db()
    return hold


def _close(hold: Hold, *, status: str, now: dt.datetime) -> Routing | None:
    """End an active hold; a copy waiting for it on the hold shelf is routed on."""
    was_ready = hold.status == HoldStatus.READY
    hold.status = status
    hold.closed_at = now
    if was_ready and hold.allocated_item_id is not None:
        item = lock_item(hold.allocated_item_id)
        hold.allocated_item = None
        hold.save(update_fields=["status", "closed_at", "allocated_item"])
        return route_item(item, at=hold.pickup_branch, now=now, rows=selectors.rule_rows())
    # In transit: the transit goes on; on arrival the copy is routed like any return.
    hold.allocated_item = None
    hold.save(update_fields=["status", "closed_at", "allocated_item"])
    return None


@retrying
@transaction.atomic
def cancel_hold(
    *, hold: Hold, now: dt.datetime, staff: Any = None, desk: Branch | None = None
) -> HoldOutcome:
    """Cancel an active hold. A copy waiting on the hold shelf moves to the next in line."""
    hold = _lock_hold(hold)
    if not hold.is_active:
        raise HoldStateError(_("Reservationen är redan avslutad."))
    routing = _close(hold, status=HoldStatus.CANCELLED, now=now)
    retarget(hold.record_id, now=now, rows=selectors.rule_rows())
    audit(staff, branch=desk, now=now, action="cancel_hold", subject=f"hold {hold.id}")
    return HoldOutcome(hold, routing)


@retrying
@transaction.atomic
def suspend_hold(
    *,
    hold: Hold,
    now: dt.datetime,
    until: dt.date | None = None,
    staff: Any = None,
    desk: Branch | None = None,
) -> Hold:
    """Pause a waiting hold (until a date, or until resumed); it keeps its place in the queue."""
    hold = _lock_hold(hold)
    if hold.status != HoldStatus.WAITING:
        raise HoldStateError(
            _("Reservationen kan inte pausas: ett exemplar är redan på väg eller kan hämtas.")
        )
    if until is not None and until <= local_date(now):
        raise HoldStateError(_("Välj ett datum efter i dag att återuppta reservationen."))
    hold.suspended = True
    hold.suspended_until = until
    hold.save(update_fields=["suspended", "suspended_until"])
    retarget(hold.record_id, now=now, rows=selectors.rule_rows())
    audit(staff, branch=desk, now=now, action="suspend_hold", subject=f"hold {hold.id}")
    return hold


@retrying
@transaction.atomic
def resume_hold(
    *, hold: Hold, now: dt.datetime, staff: Any = None, desk: Branch | None = None
) -> Hold:
    """End a pause; the hold is back in line at its original place."""
    hold = _lock_hold(hold)
    if hold.status != HoldStatus.WAITING:
        raise HoldStateError(_("Reservationen är inte pausad."))
    hold.suspended = False
    hold.suspended_until = None
    hold.save(update_fields=["suspended", "suspended_until"])
    retarget(hold.record_id, now=now, rows=selectors.rule_rows())
    audit(staff, branch=desk, now=now, action="resume_hold", subject=f"hold {hold.id}")
    return hold


@retrying
@transaction.atomic
def change_pickup_branch(
    *,
    hold: Hold,
    branch: Branch,
    now: dt.datetime,
    staff: Any = None,
    desk: Branch | None = None,
) -> HoldOutcome:
    """Pick up somewhere else. A copy on its way is redirected; one on the shelf is sent on."""
    _check_pickup(branch)
    hold = _lock_hold(hold)
    if not hold.is_active:
        raise HoldStateError(_("Reservationen är redan avslutad."))
    if hold.pickup_branch_id == branch.id:
        return HoldOutcome(hold)
    old = hold.pickup_branch
    hold.pickup_branch = branch
    routing = None
    if hold.status == HoldStatus.IN_TRANSIT:
        Transit.objects.filter(hold=hold, arrived_at__isnull=True).update(to_branch=branch)
    elif hold.status == HoldStatus.READY and hold.allocated_item_id is not None:
        item = lock_item(hold.allocated_item_id)
        hold.status = HoldStatus.IN_TRANSIT
        hold.ready_at = None
        hold.pickup_by = None
        routing = send(item, at=old, to=branch, reason=TransitReason.HOLD, hold=hold, now=now)
    hold.save(update_fields=["pickup_branch", "status", "ready_at", "pickup_by"])
    if hold.status == HoldStatus.WAITING:
        retarget(hold.record_id, now=now, rows=selectors.rule_rows())
    audit(staff, branch=desk, now=now, action="change_pickup", subject=f"hold {hold.id}")
    return HoldOutcome(hold, routing)


@retrying
@transaction.atomic
def set_hold_priority(
    *, hold: Hold, priority: int, now: dt.datetime, staff: Any, desk: Branch | None = None
) -> Hold:
    """Staff move a hold ahead (higher first) or back in its queue."""
    hold = _lock_hold(hold)
    if not hold.is_active:
        raise HoldStateError(_("Reservationen är redan avslutad."))
    hold.priority = priority
    hold.save(update_fields=["priority"])
    retarget(hold.record_id, now=now, rows=selectors.rule_rows())
    audit(staff, branch=desk, now=now, action="hold_priority", subject=f"hold {hold.id}")
    return hold


def expire_hold_shelf(*, now: dt.datetime) -> list[HoldOutcome]:
    """Holds not collected by their last pickup day expire; each copy moves on.

    One transaction per hold, re-checked under its lock, so two runs at once expire
    each hold once.
    """
    today = local_date(now)
    outcomes = []
    due = Hold.objects.filter(status=HoldStatus.READY, pickup_by__lt=today).values_list(
        "id", flat=True
    )
    for hold_id in list(due):
        outcome = _expire(hold_id, today=today, now=now)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


@retrying
@transaction.atomic
def _expire(hold_id: int, *, today: dt.date, now: dt.datetime) -> HoldOutcome | None:
    hold = _lock_hold(Hold(pk=hold_id))
    if hold.status != HoldStatus.READY or hold.pickup_by is None or hold.pickup_by >= today:
        return None
    routing = _close(hold, status=HoldStatus.EXPIRED, now=now)
    return HoldOutcome(hold, routing)


def resume_paused_holds(*, now: dt.datetime) -> int:
    """Holds paused until a date that has come are back in line."""
    today = local_date(now)
    resumed = 0
    for hold_id in list(
        Hold.objects.filter(
            status=HoldStatus.WAITING, suspended=True, suspended_until__lte=today
        ).values_list("id", flat=True)
    ):
        resumed += _resume_if_due(hold_id, today=today, now=now)
    return resumed


@retrying
@transaction.atomic
def _resume_if_due(hold_id: int, *, today: dt.date, now: dt.datetime) -> int:
    hold = _lock_hold(Hold(pk=hold_id))
    if not (hold.suspended and hold.suspended_until and hold.suspended_until <= today):
        return 0
    hold.suspended = False
    hold.suspended_until = None
    hold.save(update_fields=["suspended", "suspended_until"])
    retarget(hold.record_id, now=now, rows=selectors.rule_rows())
    return 1


def retarget_waiting_holds(*, now: dt.datetime) -> int:
    """Set copies aside for every title with waiting holds (copies added, branches opened).

    Returns how many allocations changed; safe to run at any time, any number of times.
    """
    rows = selectors.rule_rows()
    changed = 0
    record_ids = (
        Hold.objects.filter(status=HoldStatus.WAITING)
        .values_list("record_id", flat=True)
        .distinct()
    )
    for record_id in sorted(set(record_ids)):
        changed += _retarget_title(record_id, now=now, rows=rows)
    return changed


@retrying
@transaction.atomic
def _retarget_title(record_id: int, *, now: dt.datetime, rows: tuple[RuleRow, ...]) -> int:
    lock_record(record_id)
    return retarget(record_id, now=now, rows=rows)
