"""A patron's own account as circulation sees it: history choice, export, closing it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.circulation import selectors
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
)
from folkbib.patrons import services as patron_services
from folkbib.patrons.models import Patron


class AccountNotClosable(CirculationError):
    pass


@transaction.atomic
def set_loan_history(*, patron: Patron, keep: bool, now: dt.datetime) -> Patron:
    """Opt in to or out of a loan history; opting out deletes the history kept so far."""
    patron = patron_services.update_privacy_choices(patron=patron, now=now, keep_loan_history=keep)
    if not keep:
        Loan.objects.filter(patron=patron).exclude(status=LoanStatus.ACTIVE).exclude(
            status=LoanStatus.LOST
        ).update(patron=None)
    return patron


@transaction.atomic
def close_account(*, patron: Patron, now: dt.datetime) -> None:
    """Delete the patron's account, if nothing is on loan and nothing is owed.

    Active holds are cancelled first (a copy waiting on a hold shelf moves on); the
    anonymous statistics stay, as they never named the patron.
    """
    from folkbib.circulation.services.holds import cancel_hold

    if Loan.objects.filter(patron=patron, status__in=[LoanStatus.ACTIVE, LoanStatus.LOST]).exists():
        raise AccountNotClosable(_("Du har lån kvar. Lämna tillbaka dem först."))
    if selectors.outstanding_balance(patron) > 0:
        raise AccountNotClosable(_("Du har obetalda avgifter. Betala dem först."))
    for hold in Hold.objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES):
        cancel_hold(hold=hold, now=now)
    Loan.objects.filter(patron=patron).update(patron=None)
    patron.delete()


def export_patron_data(patron: Patron, *, today: dt.date) -> dict[str, Any]:
    """Everything the library holds about the patron, as plain JSON-able data."""
    loans = Loan.objects.filter(patron=patron).select_related("item__record", "branch")
    holds = Hold.objects.filter(patron=patron).select_related("record", "pickup_branch")
    return {
        "patron": {
            "card_number": patron.card_number,
            "first_name": patron.first_name,
            "last_name": patron.last_name,
            "birth_date": patron.birth_date.isoformat() if patron.birth_date else None,
            "personnummer_registered": bool(patron.personnummer),
            "email": patron.email,
            "phone": patron.phone,
            "street_address": patron.street_address,
            "postal_code": patron.postal_code,
            "city": patron.city,
            "home_branch": patron.home_branch.name,
            "category": patron.category.name,
            "card_expires": patron.card_expires.isoformat(),
            "keep_loan_history": patron.keep_loan_history,
            "notice_channel": patron.notice_channel,
            "language": patron.language,
            "created_at": patron.created_at.isoformat(),
        },
        "loans": [
            {
                "title": loan.item.record.title,
                "barcode": loan.item.barcode,
                "status": loan.status,
                "branch": loan.branch.name,
                "checked_out_at": loan.checked_out_at.isoformat(),
                "due_date": loan.due_date.isoformat(),
                "closed_at": loan.closed_at.isoformat() if loan.closed_at else None,
                "renewals": loan.renewals,
            }
            for loan in loans
        ],
        "holds": [
            {
                "title": hold.record.title,
                "status": hold.status,
                "pickup_branch": hold.pickup_branch.name,
                "placed_at": hold.placed_at.isoformat(),
                "pickup_by": hold.pickup_by.isoformat() if hold.pickup_by else None,
                "paused": hold.suspended,
            }
            for hold in holds
            if hold.status in ACTIVE_HOLD_STATUSES or hold.status == HoldStatus.FULFILLED
        ],
        "fees": [
            {
                "kind": fee.kind,
                "description": fee.description,
                "amount": str(fee.amount),
                "paid": str(fee.paid),
                "waived": str(fee.waived),
                "created_at": fee.created_at.isoformat(),
            }
            for fee in patron.fees.all()
        ],
        "notices": [
            {
                "kind": notice.kind,
                "channel": notice.channel,
                "subject": notice.subject,
                "created_at": notice.created_at.isoformat(),
                "status": notice.status,
            }
            for notice in patron.notices.all()
        ],
        "exported_on": today.isoformat(),
    }
