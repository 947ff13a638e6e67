"""Checkin at any branch: the loan ends, the fee is settled, the copy is routed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from folkbib.catalog.models import Item, ItemStatus
from folkbib.circulation import selectors
from folkbib.circulation.errors import ItemNotLoanable
from folkbib.circulation.models import (
    EventKind,
    Fee,
    FeeKind,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
    Transit,
    TransitReason,
)
from folkbib.circulation.rules import RuleRow
from folkbib.circulation.services import fees as fee_services
from folkbib.circulation.services.allocation import (
    Action,
    Routing,
    make_ready,
    route_item,
    send,
)
from folkbib.circulation.services.common import (
    audit,
    lock_item,
    record_event,
    retrying,
    stamp_of,
)
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.core.prepared import Prepared, update_row
from folkbib.patrons.models import Patron


@dataclass(frozen=True)
class CheckinResult:
    """What happened, and what the librarian holding the copy must do with it."""

    item: Item
    routing: Routing
    loan: Loan | None = None  # the loan that ended, if the copy was on loan
    fee: Fee | None = None  # an overdue fee this return settled
    was_overdue: bool = False


def _forget_reader(loan: Loan, patron: Patron) -> None:
    """Keep who borrowed it only if that patron asked for a loan history."""
    if not patron.keep_loan_history:
        Loan.objects.filter(pk=loan.pk).update(patron=None)
        loan.patron = None


def _end_loan(
    loan: Loan, item: Item, *, branch: Branch, now: dt.datetime, rows: tuple[RuleRow, ...]
) -> Fee | None:
    patron = loan.patron  # read with the loan
    assert patron is not None  # an active loan always has its patron
    rule = selectors.rule_for_item(rows, patron=patron, item=item, branch=loan.branch)
    fee = fee_services.settle_overdue(loan, rule=rule, patron=patron, now=now)
    loan.status = LoanStatus.RETURNED
    loan.closed_at = now
    loan.return_branch = branch
    fields = ["status", "closed_at", "return_branch"]
    if not patron.keep_loan_history:  # who borrowed it is forgotten in the same write
        loan.patron = None
        fields.append("patron")
    update_row(loan, fields)  # loan.save(update_fields=fields), uncompiled
    record_event(EventKind.CHECKIN, day=local_date(now), branch=branch, item=item, patron=patron)
    return fee


def _found(item: Item, *, now: dt.datetime) -> Loan | None:
    """A lost or missing copy is back: its last loan is closed, a replacement charge waived."""
    loan = (
        Loan.objects.select_for_update(of=("self",))
        .filter(item=item, status__in=[LoanStatus.LOST, LoanStatus.CLAIMS_RETURNED])
        .order_by("-closed_at")
        .first()
    )
    if loan is None:
        return None
    for fee in Fee.objects.filter(loan=loan, kind=FeeKind.LOST):
        if fee.outstanding > 0:
            fee_services.waive_fee(fee=fee, now=now, note=_("Exemplaret har hittats."))
    loan.status = LoanStatus.RETURNED
    loan.save(update_fields=["status"])
    if loan.patron_id is not None:
        _forget_reader(loan, Patron.objects.get(pk=loan.patron_id))
    return loan


def _arrive(item: Item, transit: Transit, *, branch: Branch, now: dt.datetime) -> Routing | None:
    """Close an open transit at ``branch``; a copy arriving for its hold goes on the shelf."""
    transit.arrived_at = now
    transit.save(update_fields=["arrived_at"])
    hold = transit.hold
    if hold is None or hold.status != HoldStatus.IN_TRANSIT or hold.allocated_item_id != item.id:
        return None
    rows = selectors.rule_rows()
    if hold.pickup_branch_id == branch.id:
        make_ready(hold, item, now=now, rows=rows)
        return Routing(Action.HOLD_SHELF, branch, transit.reason, hold)
    # It landed somewhere else (or the pickup branch changed on the way): send it on.
    return send(item, at=branch, to=hold.pickup_branch, reason=transit.reason, hold=hold, now=now)


_ACTIVE_LOAN = Prepared(
    lambda item_id: (
        Loan.objects.select_for_update(of=("self",))
        .filter(item_id=item_id, status=LoanStatus.ACTIVE)
        .select_related("patron__category", "patron__home_branch", "branch")
        .annotate(
            has_overdue_fee=Exists(Fee.objects.filter(loan=OuterRef("pk"), kind=FeeKind.OVERDUE))
        )
    ),
    first=True,
)


@retrying
@transaction.atomic
def checkin(*, item: Item, branch: Branch, now: dt.datetime, staff: Any = None) -> CheckinResult:
    """Take ``item`` back at ``branch`` (any branch of the region).

    Ends its loan (settling an overdue fee; forgetting the borrower unless they keep a
    history), closes its transit if it arrived, and routes it: onto this hold shelf,
    in transit to a hold or home, or back on the shelf here. Checking in a copy that
    already sits on this hold shelf changes nothing. Withdrawn copies are refused.
    """
    item = lock_item(item.id)
    if item.status == ItemStatus.WITHDRAWN:
        raise ItemNotLoanable(_("Exemplaret är gallrat."))
    audit(staff, branch=branch, now=now, action="checkin", subject=item.barcode)
    loan = None
    fee = None
    overdue = False
    rows = selectors.rule_rows(stamp=stamp_of(item))
    # The item's status says which rows it has (the invariants of circulation.models),
    # so a checkin reads only those. The loan comes with its patron and branch: the
    # item's lock serialises everything that changes them.
    active: Loan | None = None
    if item.status == ItemStatus.ON_LOAN:
        active = _ACTIVE_LOAN.first(item.id)
    if active is not None:
        overdue = active.due_date < local_date(now)
        fee = _end_loan(active, item, branch=branch, now=now, rows=rows)
        loan = active
    elif item.status in (ItemStatus.LOST, ItemStatus.MISSING):
        loan = _found(item, now=now)
    transit = None
    if item.status == ItemStatus.IN_TRANSIT:
        transit = (
            Transit.objects.select_for_update(of=("self",))
            .filter(item=item, arrived_at__isnull=True)
            .select_related("hold__patron__category", "hold__pickup_branch__municipality")
            .first()
        )
    if transit is not None:
        arrived = _arrive(item, transit, branch=branch, now=now)
        if arrived is not None:
            return CheckinResult(item, arrived, loan, fee, overdue)
    if item.status == ItemStatus.ON_HOLD_SHELF:
        routing = _on_hold_shelf(item, branch=branch, now=now, rows=rows)
        return CheckinResult(item, routing, loan, fee, overdue)
    if item.status == ItemStatus.DAMAGED:
        return CheckinResult(item, Routing(Action.KEEP, branch), loan, fee, overdue)
    routing = route_item(item, at=branch, now=now, rows=rows)
    return CheckinResult(item, routing, loan, fee, overdue)


def _on_hold_shelf(item: Item, *, branch: Branch, now: dt.datetime, rows: Any) -> Routing:
    """A copy scanned again while it waits for its patron stays put; elsewhere it moves on."""
    hold = (
        Hold.objects.select_for_update(of=("self",))
        .filter(allocated_item=item, status=HoldStatus.READY)
        .select_related("pickup_branch__municipality", "patron__category")
        .first()
    )
    if hold is not None and hold.pickup_branch_id == branch.id:
        return Routing(Action.HOLD_SHELF, branch, TransitReason.HOLD, hold)
    if hold is not None:
        # Found at the wrong branch: the hold goes back to in transit, the copy with it.
        hold.status = HoldStatus.IN_TRANSIT
        hold.save(update_fields=["status"])
        return send(
            item, at=branch, to=hold.pickup_branch, reason=TransitReason.HOLD, hold=hold, now=now
        )
    return route_item(item, at=branch, now=now, rows=rows)
