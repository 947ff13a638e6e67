"""Lending: checkout, renewal (one or all), lost and claims-returned loans."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from folkbib.catalog.models import Item, ItemStatus, MaterialType
from folkbib.circulation import rules, selectors
from folkbib.circulation.errors import (
    CirculationError,
    ItemAlreadyOnLoan,
    ItemNotLoanable,
    ItemReservedForAnother,
    LoanStateError,
    MaxLoansReached,
    NotRenewable,
)
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    EventKind,
    Fee,
    FeeKind,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
)
from folkbib.circulation.services import fees as fee_services
from folkbib.circulation.services.allocation import hold_is_paused, retarget
from folkbib.circulation.services.common import (
    audit,
    calendar,
    check_patron_may_borrow,
    lock_item,
    lock_patron,
    lock_row,
    record_event,
    retrying,
    set_item,
    stamp_of,
    violates,
)
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.core.prepared import Prepared, insert_row
from folkbib.patrons.models import Patron

P = ParamSpec("P")
R = TypeVar("R")

NOT_LOANABLE: dict[str, Promise] = {
    ItemStatus.LOST: gettext_lazy("Exemplaret är registrerat som förlorat. Återlämna det först."),
    ItemStatus.MISSING: gettext_lazy("Exemplaret är registrerat som saknat. Återlämna det först."),
    ItemStatus.DAMAGED: gettext_lazy("Exemplaret är skadat och lånas inte ut."),
    ItemStatus.WITHDRAWN: gettext_lazy("Exemplaret är gallrat och lånas inte ut."),
    ItemStatus.IN_TRANSIT: gettext_lazy("Exemplaret är under transport. Återlämna det först."),
}


@dataclass(frozen=True)
class CheckoutResult:
    loan: Loan
    due_date: dt.date
    filled_hold: Hold | None


@dataclass(frozen=True)
class RenewOutcome:
    """One loan of a "renew all": the new due date, or the error that refused it."""

    loan: Loan
    due_date: dt.date | None
    error: CirculationError | None


def _check_item_for(item: Item, patron: Patron, waiting: list[Hold]) -> Hold | None:
    """Raise why ``item`` cannot go to ``patron`` now; return the hold it fills, if any.

    ``waiting`` is the title's waiting holds, locked (see ``_waiting_holds``).
    """
    if item.status == ItemStatus.ON_LOAN:
        loan = Loan.objects.filter(item=item, status=LoanStatus.ACTIVE).first()
        raise ItemAlreadyOnLoan(to_same_patron=loan is not None and loan.patron_id == patron.id)
    if item.status in NOT_LOANABLE:
        raise ItemNotLoanable(str(NOT_LOANABLE[item.status]))
    if item.status == ItemStatus.ON_HOLD_SHELF:
        allocated = (
            Hold.objects.select_for_update(of=("self",))
            .filter(allocated_item=item, status__in=ACTIVE_HOLD_STATUSES)
            .first()
        )
        if allocated is None or allocated.patron_id != patron.id:
            raise ItemReservedForAnother()
        return allocated
    # On the shelf: the patron's own waiting hold on the title (or this copy) is filled.
    own = next((hold for hold in waiting if hold.patron_id == patron.id), None)
    if own is not None and own.item_id not in (None, item.id):
        return None
    return own


def _waiting_holds(record_id: int) -> list[Hold]:
    """The title's waiting holds, locked: one query serves the checks of a checkout.

    The title's record is locked already (``lock_item``), so no one else changes them.
    """
    return _WAITING_HOLDS.objects(record_id)


_WAITING_HOLDS = Prepared(
    lambda record_id: Hold.objects.select_for_update(of=("self",)).filter(
        record_id=record_id, status=HoldStatus.WAITING
    )
)
_LOANED_TYPES = Prepared(
    lambda patron_id: Loan.objects.filter(
        patron_id=patron_id, status=LoanStatus.ACTIVE
    ).values_list("item__material_type", "item__record__material_type")
)


def _check_limits(patron: Patron, item: Item, rule: rules.Rule) -> None:
    material = selectors.item_material(item)
    loans: list[tuple[str, str]] = _LOANED_TYPES.objects(patron.id)
    if len(loans) >= rule.max_loans:
        raise MaxLoansReached(rule.max_loans)
    if rule.max_loans_of_type is not None:
        of_type = sum(1 for own, record in loans if (own or record) == material)
        if of_type >= rule.max_loans_of_type:
            label = str(dict(MaterialType.choices).get(material, material))
            raise MaxLoansReached(rule.max_loans_of_type, material_label=label)


def _others_queued(
    item: Item, patron_id: int, today: dt.date, waiting: list[Hold] | None = None
) -> bool:
    """Whether another patron waits for this title (or this very copy)."""
    if waiting is None:
        waiting = list(Hold.objects.filter(record_id=item.record_id, status=HoldStatus.WAITING))
    for hold in waiting:
        if hold.patron_id == patron_id:
            continue
        if hold.item_id in (None, item.id) and not hold_is_paused(hold, today):
            return True
    return False


def _second_loan_is_on_loan(service: Callable[P, R]) -> Callable[P, R]:
    """The database refusing a second active loan of an item is ``ItemAlreadyOnLoan``.

    ``retrying`` replays a checkout that lost that race, and the replay refuses with the
    typed error by itself; this is for what replays cannot mend (an item whose status
    disagrees with its loans): the patron still gets a sentence, not a crash.
    """

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except IntegrityError as error:
            if not violates(error, "one_active_loan_per_item"):
                raise
            raise ItemAlreadyOnLoan(to_same_patron=False) from error

    return run


@_second_loan_is_on_loan
@retrying
@transaction.atomic
def checkout(
    *,
    patron: Patron,
    item: Item,
    branch: Branch,
    now: dt.datetime,
    staff: Any = None,
) -> CheckoutResult:
    """Lend ``item`` to ``patron`` at ``branch``.

    Refuses with a typed error a patron can read: card expired, blocked, fees over the
    threshold, too many loans (in all or of the type), item not loanable, on loan, or
    waiting for someone else. Fills the patron's own hold on the title when there is
    one. The due date follows the rules (shorter when others queue) and falls on a day
    ``branch`` is open.
    """
    today = local_date(now)
    patron = lock_patron(patron.id)
    stamp = stamp_of(patron)
    rows = selectors.rule_rows(stamp=stamp)
    check_patron_may_borrow(patron, today=today, rows=rows)
    item = lock_item(item.id)
    waiting = _waiting_holds(item.record_id) if item.status == ItemStatus.AVAILABLE else []
    filled = _check_item_for(item, patron, waiting)
    rule = selectors.rule_for_item(rows, patron=patron, item=item, branch=branch)
    _check_limits(patron, item, rule)
    if item.status != ItemStatus.AVAILABLE:  # from the hold shelf: the queue is read here
        waiting = _waiting_holds(item.record_id)
    due = rules.due_date(
        rule,
        today=today,
        others_queued=_others_queued(item, patron.id, today, waiting),
        calendar=calendar(branch, today, stamp=stamp),
    )
    loan = Loan(item=item, patron=patron, branch=branch, checked_out_at=now, due_date=due)
    insert_row(loan)  # Loan.objects.create(...) without compiling an INSERT
    set_item(item, now=now, status=ItemStatus.ON_LOAN, current_branch=branch, due_back=due)
    if filled is not None:
        filled.status = HoldStatus.FULFILLED
        filled.closed_at = now
        filled.allocated_item = None
        filled.save(update_fields=["status", "closed_at", "allocated_item"])
    # A waiting hold that counted on this copy on the shelf must look for another.
    counting_on_it = [h.id for h in waiting if h.allocated_item_id == item.id and h != filled]
    if counting_on_it:
        Hold.objects.filter(id__in=counting_on_it).update(allocated_item=None)
    if counting_on_it or filled is not None:
        retarget(item.record_id, now=now, rows=rows)
    record_event(EventKind.CHECKOUT, day=today, branch=branch, item=item, patron=patron)
    audit(staff, branch=branch, now=now, action="checkout", subject=item.barcode)
    return CheckoutResult(loan=loan, due_date=due, filled_hold=filled)


def _lock_item_then_loan(loan: Loan) -> Item:
    """Lock the loan's item (the lock order: item before its loans); a loan's item never changes."""
    item_id = loan.item_id or Loan.objects.values_list("item_id", flat=True).get(pk=loan.pk)
    return lock_item(item_id)


def _lock_active_loan(loan: Loan) -> Loan:
    locked: Loan = lock_row(
        Loan.objects.select_related(
            "patron__category", "patron__home_branch__municipality", "branch__municipality"
        ),
        loan.pk,
    )
    if locked.status != LoanStatus.ACTIVE:
        raise NotRenewable(_("Lånet är inte längre aktivt."), reason=NotRenewable.REASON_NOT_ACTIVE)
    return locked


@retrying
@transaction.atomic
def renew(*, loan: Loan, now: dt.datetime, staff: Any = None, branch: Branch | None = None) -> Loan:
    """Extend ``loan`` from today by the loan period; never shortens it.

    Raises :class:`NotRenewable` (``reason`` queue, limit, patron or not_active) with a
    message the patron can read.
    """
    today = local_date(now)
    item = _lock_item_then_loan(loan)
    stamp = stamp_of(item)
    rows = selectors.rule_rows(stamp=stamp)
    loan = _lock_active_loan(loan)
    patron = loan.patron
    assert patron is not None  # an active loan always has its patron
    try:
        check_patron_may_borrow(patron, today=today, rows=rows)
    except CirculationError as error:
        raise NotRenewable(error.message, reason=NotRenewable.REASON_PATRON) from error
    rule = selectors.rule_for_item(rows, patron=patron, item=item, branch=loan.branch)
    if _others_queued(item, patron.id, today):
        raise NotRenewable(
            _("Kan inte lånas om: någon annan har reserverat titeln."),
            reason=NotRenewable.REASON_QUEUE,
        )
    if rules.renewals_left(rule, renewals_done=loan.renewals) == 0:
        raise NotRenewable(
            _("Kan inte lånas om fler gånger (högst %(count)d omlån).") % {"count": rule.renewals},
            reason=NotRenewable.REASON_LIMIT,
        )
    due = max(
        loan.due_date,
        rules.due_date(
            rule,
            today=today,
            others_queued=False,
            calendar=calendar(loan.branch, today, stamp=stamp),
        ),
    )
    loan.due_date = due
    loan.renewals += 1
    loan.last_renewed_at = now
    loan.save(update_fields=["due_date", "renewals", "last_renewed_at"])
    set_item(item, now=now, due_back=due)
    record_event(
        EventKind.RENEWAL, day=today, branch=branch or loan.branch, item=item, patron=patron
    )
    audit(staff, branch=branch, now=now, action="renew", subject=item.barcode)
    return loan


def renew_all(
    *, patron: Patron, now: dt.datetime, staff: Any = None, branch: Branch | None = None
) -> list[RenewOutcome]:
    """Try to renew every active loan of ``patron``; each loan succeeds or fails alone."""
    outcomes = []
    for loan in selectors.active_loans(patron):
        try:
            renewed = renew(loan=loan, now=now, staff=staff, branch=branch)
        except CirculationError as error:
            outcomes.append(RenewOutcome(loan, None, error))
        else:
            outcomes.append(RenewOutcome(renewed, renewed.due_date, None))
    return outcomes


def _close_active(loan: Loan, *, status: str, now: dt.datetime) -> tuple[Loan, Item]:
    item = _lock_item_then_loan(loan)
    locked = Loan.objects.select_for_update(of=("self",)).get(pk=loan.pk)
    if locked.status != LoanStatus.ACTIVE:
        raise LoanStateError(_("Lånet är inte längre aktivt."))
    locked.status = status
    locked.closed_at = now
    locked.save(update_fields=["status", "closed_at"])
    return locked, item


@retrying
@transaction.atomic
def mark_lost(
    *, loan: Loan, now: dt.datetime, staff: Any = None, branch: Branch | None = None
) -> Fee | None:
    """The patron reports the item lost: the loan ends, a replacement charge is made.

    The overdue fee stops growing at today's amount. Children are never charged. If
    the item turns up and is checked in, the unpaid replacement charge is waived.
    """
    loan, item = _close_active(loan, status=LoanStatus.LOST, now=now)
    patron = _patron_of(loan)
    rows = selectors.rule_rows()
    rule = selectors.rule_for_item(rows, patron=patron, item=item, branch=loan.branch)
    fee_services.settle_overdue(loan, rule=rule, patron=patron, now=now)
    set_item(item, now=now, status=ItemStatus.LOST, due_back=None)
    audit(staff, branch=branch, now=now, action="mark_lost", subject=item.barcode)
    charge = rules.lost_item_charge(rule, price=item.price, is_child=patron.category.is_child)
    if charge <= 0:
        return None
    return Fee.objects.create(
        patron=patron,
        loan=loan,
        item=item,
        kind=FeeKind.LOST,
        description=item.record.title[:300],
        amount=charge,
        created_at=now,
        updated_at=now,
    )


@retrying
@transaction.atomic
def mark_claims_returned(
    *, loan: Loan, now: dt.datetime, staff: Any = None, branch: Branch | None = None
) -> Loan:
    """The patron says it was returned: the loan ends, no more fees, the item is missing."""
    loan, item = _close_active(loan, status=LoanStatus.CLAIMS_RETURNED, now=now)
    patron = _patron_of(loan)
    rows = selectors.rule_rows()
    rule = selectors.rule_for_item(rows, patron=patron, item=item, branch=loan.branch)
    fee_services.settle_overdue(loan, rule=rule, patron=patron, now=now)
    set_item(item, now=now, status=ItemStatus.MISSING, due_back=None)
    audit(staff, branch=branch, now=now, action="claims_returned", subject=item.barcode)
    return loan


def _patron_of(loan: Loan) -> Patron:
    assert loan.patron_id is not None  # an active loan always has its patron
    return Patron.objects.select_related("category", "home_branch__municipality").get(
        pk=loan.patron_id
    )
