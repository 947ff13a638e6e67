"""Notice keys: what makes two notices "the same", and whether a made one still holds.

A key names the notice's subject and the facts it states, so the same notice is never
made twice, while a changed fact earns a new one: a renewal changes the due date (a new
reminder), a hold sent on to another pickup branch is ready again (a new "ready" notice).

    due_soon:<loan>:<due date>
    overdue_<level>:<loan>:<due date>        level 1, 2, 3
    hold_ready:<hold>:<pickup branch>:<last pickup day>
    hold_expired:<hold>
    card_expiring:<patron>:<expiry date>
    librarian_reply:<message>                a staff answer to a patron's question
"""

from __future__ import annotations

import datetime as dt

from folkbib.circulation.models import Hold, HoldStatus, Loan, LoanStatus, Notice, NoticeKind
from folkbib.patrons.models import Patron

OVERDUE_KINDS = (NoticeKind.OVERDUE_1, NoticeKind.OVERDUE_2, NoticeKind.OVERDUE_3)


def due_soon(loan_id: int, due: dt.date) -> str:
    return f"due_soon:{loan_id}:{due.isoformat()}"


def overdue(level: int, loan_id: int, due: dt.date) -> str:
    return f"overdue_{level}:{loan_id}:{due.isoformat()}"


def hold_ready(hold_id: int, branch_id: int, pickup_by: dt.date | None) -> str:
    return f"hold_ready:{hold_id}:{branch_id}:{pickup_by.isoformat() if pickup_by else ''}"


def hold_expired(hold_id: int) -> str:
    return f"hold_expired:{hold_id}"


def card_expiring(patron_id: int, expires: dt.date) -> str:
    return f"card_expiring:{patron_id}:{expires.isoformat()}"


def librarian_reply(message_id: int) -> str:
    return f"librarian_reply:{message_id}"


def still_true(notice: Notice) -> bool:
    """Whether what the notice says still holds (checked again just before it is sent).

    A reminder about a loan returned or renewed since, a hold collected or cancelled, or
    a card renewed is not sent.
    """
    kind, _sep, rest = notice.key.partition(":")
    parts = rest.split(":")
    if kind == NoticeKind.DUE_SOON or kind in OVERDUE_KINDS:
        loan_id, due = int(parts[0]), dt.date.fromisoformat(parts[1])
        return Loan.objects.filter(pk=loan_id, status=LoanStatus.ACTIVE, due_date=due).exists()
    if kind == NoticeKind.HOLD_READY:
        return Hold.objects.filter(
            pk=int(parts[0]),
            status=HoldStatus.READY,
            pickup_branch_id=int(parts[1]),
            pickup_by=dt.date.fromisoformat(parts[2]) if parts[2] else None,
        ).exists()
    if kind == NoticeKind.CARD_EXPIRING:
        return Patron.objects.filter(
            pk=int(parts[0]), card_expires=dt.date.fromisoformat(parts[1])
        ).exists()
    return True
