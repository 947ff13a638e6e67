"""Every change to loans, holds, transits and fees goes through these functions.

The circulation desk, the portal, SIP2 and the talking kiosk call the same services,
so they obey exactly the same rules. Each is keyword-only, atomic and takes ``now``;
each returns what happened or raises a typed ``CirculationError`` whose message the
patron can read.
"""

from .accounts import (
    AccountNotClosable,
    MergeResult,
    PatronsNotMergeable,
    anonymise_patron,
    close_account,
    export_patron_data,
    merge_patrons,
    set_loan_history,
)
from .allocation import Action, Routing
from .fees import accrue_overdue_fees, pay_fee, waive_fee
from .holds import (
    HoldOutcome,
    cancel_hold,
    change_pickup_branch,
    expire_hold_shelf,
    place_hold,
    resume_hold,
    resume_paused_holds,
    retarget_waiting_holds,
    set_hold_priority,
    suspend_hold,
)
from .loans import (
    CheckoutResult,
    RenewOutcome,
    checkout,
    mark_claims_returned,
    mark_lost,
    renew,
    renew_all,
)
from .returns import CheckinResult, checkin

__all__ = [
    "AccountNotClosable",
    "Action",
    "CheckinResult",
    "CheckoutResult",
    "HoldOutcome",
    "MergeResult",
    "PatronsNotMergeable",
    "RenewOutcome",
    "Routing",
    "accrue_overdue_fees",
    "anonymise_patron",
    "cancel_hold",
    "change_pickup_branch",
    "checkin",
    "checkout",
    "close_account",
    "expire_hold_shelf",
    "export_patron_data",
    "mark_claims_returned",
    "mark_lost",
    "merge_patrons",
    "pay_fee",
    "place_hold",
    "renew",
    "renew_all",
    "resume_hold",
    "resume_paused_holds",
    "retarget_waiting_holds",
    "set_hold_priority",
    "set_loan_history",
    "suspend_hold",
    "waive_fee",
]
