"""A patron's account as circulation sees it: history, export, closing, merging, anonymising."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.circulation import selectors
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    Fee,
    Hold,
    HoldStatus,
    Loan,
    LoanStatus,
    Notice,
)
from folkbib.patrons import services as patron_services
from folkbib.patrons.models import Patron


class AccountNotClosable(CirculationError):
    """Closing or anonymising waits until nothing is on loan and nothing is owed."""


class PatronsNotMergeable(CirculationError):
    """The two accounts cannot become one as they stand; the message says what to do."""


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


@dataclass(frozen=True)
class MergeResult:
    patron: Patron
    loans: int
    holds: int
    fees: int
    notices: int
    contributions: int


def _locked(patron: Patron) -> Patron:
    return (
        Patron.objects.select_for_update()
        .select_related("category", "home_branch")
        .get(pk=patron.pk)
    )


@transaction.atomic
def merge_patrons(
    *,
    keep: Patron,
    merge: Patron,
    now: dt.datetime,
    staff: Any = None,
) -> MergeResult:
    """Make two accounts of one person one: everything of ``merge`` moves to ``keep``.

    Loans (current and any kept history), holds, fees, messages sent, blocks and what
    the person said in the community move; ``keep`` keeps its name, card and PIN and
    fills contact details it lacks from ``merge`` (``patrons.services.absorb_patron``).
    ``merge``'s card then works no more and says it was replaced. Refuses (with the
    titles) when both have an active hold on the same title, since one queue place
    would have to be given up: the librarian cancels the one the patron does not want
    first. Audited as ``merge_patrons`` with both accounts before and the kept one after.
    """
    if keep.pk == merge.pk:
        raise PatronsNotMergeable(_("Välj två olika låntagare."))
    keep, merge = _locked(keep), _locked(merge)
    if keep.anonymised_at is not None or merge.anonymised_at is not None:
        raise PatronsNotMergeable(_("En anonymiserad låntagare kan inte slås ihop."))
    active = {"status__in": ACTIVE_HOLD_STATUSES}
    clashing = Hold.objects.filter(patron=merge, **active).filter(
        record__holds__patron=keep, record__holds__status__in=ACTIVE_HOLD_STATUSES
    )
    titles = sorted({hold.record.title for hold in clashing.select_related("record")})
    if titles:
        raise PatronsNotMergeable(
            _(
                "Båda har en reservation på %(titles)s. Avboka den ena först, "
                "så att låntagaren inte står i kön två gånger."
            )
            % {"titles": ", ".join(titles)}
        )
    from folkbib.community.services.accounts import move_contributions

    before = {
        "kept": patron_services.audit_snapshot(keep),
        "merged": patron_services.audit_snapshot(merge),
    }
    moved = {
        "loans": Loan.objects.filter(patron=merge).update(patron=keep),
        "holds": Hold.objects.filter(patron=merge).update(patron=keep),
        "fees": Fee.objects.filter(patron=merge).update(patron=keep),
        "notices": Notice.objects.filter(patron=merge).update(patron=keep),
        "contributions": move_contributions(source=merge, target=keep, now=now),
    }
    keep = patron_services.absorb_patron(keep=keep, merge=merge, now=now)
    patron_services.audit_patron(
        staff,
        action="merge_patrons",
        patron=keep,
        before=before,
        after={"kept": patron_services.audit_snapshot(keep), "moved": moved},
        now=now,
    )
    return MergeResult(patron=keep, **moved)


@transaction.atomic
def anonymise_patron(*, patron: Patron, now: dt.datetime, staff: Any = None) -> Patron:
    """Remove the patron's personal data for good, keeping the anonymous statistics.

    Refuses (``AccountNotClosable``) while anything is on loan or lost-and-unpaid, or
    money is owed. Otherwise active holds are cancelled (a copy waiting on a hold shelf
    moves on to the next in line), then loan history, holds, messages sent and what the
    patron said in the community go, paid fees stay as amounts that name no title, and
    the patron row stays as an empty shell (``patrons.services.erase_identity``).
    ``CirculationEvent`` rows never named the patron and are untouched. Audited as
    ``anonymise_patron`` under the patron's id and old card number, never the name.
    """
    from folkbib.circulation.services.holds import cancel_hold
    from folkbib.community.services.accounts import erase_contributions

    patron = _locked(patron)
    if patron.anonymised_at is not None:
        raise AccountNotClosable(_("Låntagaren är redan anonymiserad."))
    if Loan.objects.filter(patron=patron, status__in=[LoanStatus.ACTIVE, LoanStatus.LOST]).exists():
        raise AccountNotClosable(
            _("Låntagaren har lån kvar. De måste lämnas tillbaka eller ersättas först.")
        )
    if selectors.outstanding_balance(patron) > 0:
        raise AccountNotClosable(_("Låntagaren har obetalda avgifter. De måste betalas först."))
    for hold in Hold.objects.filter(patron=patron, status__in=ACTIVE_HOLD_STATUSES):
        cancel_hold(hold=hold, now=now)
    old_card, municipality_id = patron.card_number, patron.home_branch.municipality_id
    Loan.objects.filter(patron=patron).update(patron=None)
    Hold.objects.filter(patron=patron).delete()
    Notice.objects.filter(patron=patron).delete()
    Fee.objects.filter(patron=patron).update(description="", loan=None, item=None)
    erase_contributions(patron=patron, now=now)
    patron = patron_services.erase_identity(patron=patron, now=now)
    patron_services.audit_patron(
        staff,
        action="anonymise_patron",
        # Text, not the row: the audit keeps a row's name as its label.
        patron=f"patron {patron.pk}",
        before={"card_number": old_card},
        after={"anonymised_at": now},
        now=now,
        municipality_id=municipality_id,
    )
    return patron


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
