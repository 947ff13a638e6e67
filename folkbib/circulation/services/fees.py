"""Fees: overdue fees that grow daily until the loan ends, payments and waivers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.circulation import rules, selectors
from folkbib.circulation.errors import FeeError
from folkbib.circulation.models import (
    Fee,
    FeeKind,
    FeeTransaction,
    FeeTransactionKind,
    Loan,
    LoanStatus,
)
from folkbib.circulation.services.common import audit, money, retrying
from folkbib.consortium.models import Branch
from folkbib.core.clock import local_date
from folkbib.patrons.models import Patron


def _overdue_fee(
    loan: Loan, *, rule: rules.Rule, patron: Patron, now: dt.datetime, final: bool
) -> Fee | None:
    """Create or update the overdue fee of ``loan`` as of ``now``; None when it costs nothing."""
    amount = rules.overdue_fee(
        rule, due=loan.due_date, on=local_date(now), is_child=patron.category.is_child
    )
    if getattr(loan, "has_overdue_fee", True):
        fee = Fee.objects.select_for_update().filter(loan=loan, kind=FeeKind.OVERDUE).first()
    else:  # read with the locked loan (``returns.checkin``): most returns owe nothing
        fee = None
    if fee is None:
        if amount <= 0:
            return None
        return Fee.objects.create(
            patron=patron,
            loan=loan,
            item_id=loan.item_id,
            kind=FeeKind.OVERDUE,
            description=_("%(days)d dagar försenad")
            % {"days": rules.days_overdue(due=loan.due_date, on=local_date(now))},
            amount=amount,
            created_at=now,
            updated_at=now,
            is_final=final,
        )
    if fee.is_final:
        return fee
    fee.amount = max(fee.amount, amount)
    fee.is_final = final
    fee.updated_at = now
    fee.description = _("%(days)d dagar försenad") % {
        "days": rules.days_overdue(due=loan.due_date, on=local_date(now))
    }
    fee.save(update_fields=["amount", "is_final", "updated_at", "description"])
    return fee


def settle_overdue(loan: Loan, *, rule: rules.Rule, patron: Patron, now: dt.datetime) -> Fee | None:
    """The loan has ended: its overdue fee is fixed at what it is now."""
    return _overdue_fee(loan, rule=rule, patron=patron, now=now, final=True)


def accrue_overdue_fees(*, now: dt.datetime) -> int:
    """Bring the growing fee of every overdue active loan up to today; returns fees touched.

    Idempotent: running it twice on a day changes nothing the second time.
    """
    today = local_date(now)
    rows = selectors.rule_rows()
    touched = 0
    overdue = (
        Loan.objects.filter(status=LoanStatus.ACTIVE, due_date__lt=today)
        .select_related(
            "patron__category",
            "patron__home_branch__municipality",
            "item__record",
            "item__owning_branch",
            "branch",
        )
        .order_by("id")
    )
    for loan in overdue.iterator(chunk_size=500):
        assert loan.patron is not None
        rule = selectors.rule_for_item(rows, patron=loan.patron, item=loan.item, branch=loan.branch)
        if _accrue(loan, rule=rule, patron=loan.patron, now=now):
            touched += 1
    return touched


@retrying
@transaction.atomic
def _accrue(loan: Loan, *, rule: rules.Rule, patron: Patron, now: dt.datetime) -> bool:
    return _overdue_fee(loan, rule=rule, patron=patron, now=now, final=False) is not None


def _locked_fee(fee: Fee) -> Fee:
    return Fee.objects.select_for_update().get(pk=fee.pk)


@retrying
@transaction.atomic
def pay_fee(
    *,
    fee: Fee,
    amount: Decimal,
    now: dt.datetime,
    staff: Any = None,
    branch: Branch | None = None,
) -> Fee:
    """Record a payment of ``amount`` (at most what is outstanding) against ``fee``."""
    fee = _locked_fee(fee)
    amount = money(amount)
    if amount <= 0:
        raise FeeError(_("Beloppet måste vara större än noll."))
    if amount > fee.outstanding:
        raise FeeError(
            _("Beloppet är större än det som återstår (%(left)s kr).") % {"left": fee.outstanding}
        )
    fee.paid += amount
    fee.updated_at = now
    fee.save(update_fields=["paid", "updated_at"])
    FeeTransaction.objects.create(
        fee=fee,
        kind=FeeTransactionKind.PAYMENT,
        amount=amount,
        at=now,
        staff=_user(staff),
        branch=branch,
    )
    audit(staff, branch=branch, now=now, action="pay_fee", subject=f"fee {fee.id}: {amount}")
    return fee


@retrying
@transaction.atomic
def waive_fee(
    *,
    fee: Fee,
    now: dt.datetime,
    amount: Decimal | None = None,
    note: str = "",
    staff: Any = None,
    branch: Branch | None = None,
) -> Fee:
    """Write off ``amount`` of ``fee`` (all that is outstanding when not given)."""
    fee = _locked_fee(fee)
    amount = fee.outstanding if amount is None else money(amount)
    if amount <= 0 or amount > fee.outstanding:
        raise FeeError(
            _("Det går att skriva av högst %(left)s kr av avgiften.") % {"left": fee.outstanding}
        )
    fee.waived += amount
    fee.updated_at = now
    fee.save(update_fields=["waived", "updated_at"])
    FeeTransaction.objects.create(
        fee=fee,
        kind=FeeTransactionKind.WAIVER,
        amount=amount,
        at=now,
        staff=_user(staff),
        branch=branch,
        note=note[:300],
    )
    audit(staff, branch=branch, now=now, action="waive_fee", subject=f"fee {fee.id}: {amount}")
    return fee


def _user(staff: Any) -> Any:
    return staff if getattr(staff, "is_authenticated", False) else None
