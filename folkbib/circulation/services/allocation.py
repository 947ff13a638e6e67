"""Where a copy goes next, and which copy each waiting hold counts on.

``route_item`` is called whenever a copy comes free at a branch (checked in, a hold
on the shelf cancelled or expired); ``retarget`` whenever the queue or the copies of a
title change. Both run inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from folkbib.catalog.models import Item, ItemStatus
from folkbib.circulation import routing, rules, selectors
from folkbib.circulation.models import (
    EventKind,
    Hold,
    HoldStatus,
    Transit,
    TransitReason,
)
from folkbib.circulation.services.common import (
    calendar,
    record_event,
    set_item,
)
from folkbib.consortium.models import Branch, BranchDistance
from folkbib.consortium.selectors import open_branch_ids
from folkbib.core.clock import local_date
from folkbib.core.prepared import Prepared


class Action:
    SHELVE = "shelve"
    HOLD_SHELF = "hold_shelf"
    TRANSIT = "transit"
    KEEP = "keep"  # not to be moved: damaged, or already where it belongs


@dataclass(frozen=True)
class Routing:
    """What the librarian holding the copy must do with it."""

    action: str
    destination: Branch
    reason: str = ""  # "" | TransitReason.HOLD | TransitReason.HOME
    hold: Hold | None = None
    transit: Transit | None = None  # the transit opened, for its slip

    @property
    def message(self) -> str:
        if self.action == Action.HOLD_SHELF:
            return _("Ställ på hämthyllan — reserverad.")
        if self.action == Action.TRANSIT:
            if self.reason == TransitReason.HOLD:
                return _("Skicka till %(branch)s — reserverad.") % {"branch": self.destination}
            return _("Skicka hem till %(branch)s.") % {"branch": self.destination}
        if self.action == Action.KEEP:
            return _("Behåll exemplaret här.")
        return _("Ställ tillbaka på hyllan.")


def hold_is_paused(hold: Hold, today: dt.date) -> bool:
    return hold.suspended and (hold.suspended_until is None or hold.suspended_until > today)


def holds_allowed(rows: tuple[rules.RuleRow, ...], hold: Hold, item: Item) -> bool:
    """Whether the rules let this hold's patron reserve this copy."""
    place = item.owning_branch if selectors.rules_from_owner() else hold.pickup_branch
    return rules.resolve(
        rows,
        municipality_id=place.municipality_id,
        branch_id=place.id,
        category_id=hold.patron.category_id,
        material_type=selectors.item_material(item),
    ).holds_allowed


#: ``_waiting_queue`` of a title with no waiting holds at all, paused ones included.
NO_WAITING_HOLDS: list[Hold] = []


_WAITING_IDS = Prepared(
    lambda record_id: (
        Hold.objects.select_for_update()
        .filter(record_id=record_id, status=HoldStatus.WAITING)
        .values_list("id", flat=True)
    )
)


def _waiting_queue(record_id: int, today: dt.date) -> list[Hold]:
    """The waiting, unpaused holds of a title, locked, in queue order."""
    # Locked without joins, then read with them: PostgreSQL would silently drop a hold
    # whose pickup branch a concurrent transaction changed from a joined, locked read
    # (see ``common.lock_row``). With no queue (most returns) this is one query.
    ids: list[int] = _WAITING_IDS.objects(record_id)
    if not ids:
        return NO_WAITING_HOLDS
    holds = (
        Hold.objects.filter(id__in=ids)
        .select_related("patron__category", "pickup_branch__municipality")
        .order_by("-priority", "placed_at", "id")
    )
    return [hold for hold in holds if not hold_is_paused(hold, today)]


def _queued(hold: Hold) -> routing.QueuedHold:
    return routing.QueuedHold(
        hold_id=hold.id,
        pickup_branch_id=hold.pickup_branch_id,
        pickup_municipality_id=hold.pickup_branch.municipality_id,
        item_id=hold.item_id,
        current_item_id=hold.allocated_item_id,
    )


def make_ready(
    hold: Hold, item: Item, *, now: dt.datetime, rows: tuple[rules.RuleRow, ...]
) -> None:
    """Put ``item`` on the hold shelf of ``hold``'s pickup branch, with its last pickup day."""
    today = local_date(now)
    rule = rules.resolve(
        rows,
        municipality_id=hold.pickup_branch.municipality_id,
        branch_id=hold.pickup_branch_id,
        category_id=hold.patron.category_id,
        material_type=selectors.item_material(item),
    )
    hold.status = HoldStatus.READY
    hold.allocated_item = item
    hold.ready_at = now
    hold.pickup_by = rules.pickup_deadline(
        rule, ready_on=today, calendar=calendar(hold.pickup_branch, today)
    )
    hold.save(update_fields=["status", "allocated_item", "ready_at", "pickup_by"])
    set_item(
        item,
        now=now,
        status=ItemStatus.ON_HOLD_SHELF,
        current_branch=hold.pickup_branch,
        due_back=None,
    )
    record_event(
        EventKind.HOLD_FILLED, day=today, branch=hold.pickup_branch, item=item, patron=hold.patron
    )


def send(
    item: Item, *, at: Branch, to: Branch, reason: str, hold: Hold | None, now: dt.datetime
) -> Routing:
    """Open a transit for ``item`` from ``at`` to ``to``; the routing says so."""
    transit = Transit.objects.create(
        item=item, from_branch=at, to_branch=to, reason=reason, hold=hold, sent_at=now
    )
    set_item(item, now=now, status=ItemStatus.IN_TRANSIT, current_branch=at, due_back=None)
    record_event(EventKind.TRANSIT, day=local_date(now), branch=at, item=item, patron=None)
    return Routing(Action.TRANSIT, to, reason, hold, transit)


def route_item(
    item: Item, *, at: Branch, now: dt.datetime, rows: tuple[rules.RuleRow, ...]
) -> Routing:
    """Decide where a copy that just came free at ``at`` goes, and record it.

    The first eligible waiting hold in the queue takes it (onto this hold shelf, or in
    transit to its pickup branch); with no such hold it goes home, or stays here when
    its municipality floats its collection and ``at`` belongs to that municipality.
    ``item`` must be locked by the caller.
    """
    today = local_date(now)
    queue = _waiting_queue(item.record_id, today)
    if queue is NO_WAITING_HOLDS:  # nothing to allocate, no hold counting on this copy
        return _home_or_here(item, at=at, now=now, rows=rows, waiting=False)
    by_id = {hold.id: hold for hold in queue}
    chosen = routing.first_eligible(
        [_queued(hold) for hold in queue],
        item_id=item.id,
        eligible=lambda q: holds_allowed(rows, by_id[q.hold_id], item),
    )
    # Another waiting hold may have counted on this copy; it is re-allocated below.
    counting_on_it = Hold.objects.filter(status=HoldStatus.WAITING, allocated_item=item)
    if chosen is not None:
        counting_on_it = counting_on_it.exclude(id=chosen.hold_id)
    counting_on_it.update(allocated_item=None)
    if chosen is not None:
        hold = by_id[chosen.hold_id]
        if hold.pickup_branch_id == at.id:
            make_ready(hold, item, now=now, rows=rows)
            result = Routing(Action.HOLD_SHELF, at, TransitReason.HOLD, hold)
        else:
            hold.status = HoldStatus.IN_TRANSIT
            hold.allocated_item = item
            hold.save(update_fields=["status", "allocated_item"])
            result = send(
                item, at=at, to=hold.pickup_branch, reason=TransitReason.HOLD, hold=hold, now=now
            )
        retarget(item.record_id, now=now, rows=rows)
        return result
    return _home_or_here(item, at=at, now=now, rows=rows, waiting=True)


def _home_or_here(
    item: Item, *, at: Branch, now: dt.datetime, rows: tuple[rules.RuleRow, ...], waiting: bool
) -> Routing:
    """No hold takes the copy: it goes home, or on the shelf here (home, or floating)."""
    home = item.owning_branch
    floats = home.municipality.floating_collection and at.municipality_id == home.municipality_id
    if at.id == home.id or floats:
        set_item(item, now=now, status=ItemStatus.AVAILABLE, current_branch=at, due_back=None)
        if waiting:  # paused holds wait too; with none at all there is nothing to allocate
            retarget(item.record_id, now=now, rows=rows)
        return Routing(Action.SHELVE, at)
    return send(item, at=at, to=home, reason=TransitReason.HOME, hold=None, now=now)


def retarget(record_id: int, *, now: dt.datetime, rows: tuple[rules.RuleRow, ...]) -> int:
    """Re-allocate the copies on shelves to the waiting holds of a title; returns changes."""
    today = local_date(now)
    queue = _waiting_queue(record_id, today)
    if queue is NO_WAITING_HOLDS:
        return 0
    paused_with_copy = Hold.objects.filter(
        record_id=record_id, status=HoldStatus.WAITING, allocated_item__isnull=False
    ).exclude(id__in=[hold.id for hold in queue])
    changed = paused_with_copy.update(allocated_item=None)
    if not queue:
        return changed
    items = {
        item.id: item
        for item in Item.objects.filter(
            record_id=record_id, status=ItemStatus.AVAILABLE
        ).select_related("record", "owning_branch__municipality", "current_branch__municipality")
    }
    copies = [
        routing.Copy(item.id, item.current_branch_id, item.current_branch.municipality_id)
        for item in items.values()
    ]
    branch_ids = {copy.branch_id for copy in copies}
    pickups = {hold.pickup_branch_id for hold in queue}
    distances = {
        (row.from_branch_id, row.to_branch_id): row.kilometres
        for row in BranchDistance.objects.filter(
            from_branch_id__in=branch_ids, to_branch_id__in=pickups
        )
    }
    by_id = {hold.id: hold for hold in queue}
    wanted = routing.allocate(
        [_queued(hold) for hold in queue],
        copies,
        distances=distances,
        open_branches=open_branch_ids(branch_ids, today),
        eligible=lambda q, copy: holds_allowed(rows, by_id[q.hold_id], items[copy.item_id]),
    )
    moving = [hold for hold in queue if hold.allocated_item_id != wanted[hold.id]]
    # Two steps, so that swapping copies between holds never trips the unique constraint.
    Hold.objects.filter(id__in=[hold.id for hold in moving]).update(allocated_item=None)
    for hold in moving:
        if wanted[hold.id] is not None:
            Hold.objects.filter(id=hold.id).update(allocated_item_id=wanted[hold.id])
        hold.allocated_item_id = wanted[hold.id]
    return changed + len(moving)
