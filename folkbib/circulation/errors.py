"""Typed errors of circulation: why a loan, renewal, hold or payment cannot happen.

    FolkbibError                          (folkbib.core.errors)
    └── CirculationError
        ├── PatronCannotBorrow            the patron, not the item, is the reason
        │   ├── PatronBlocked             an active block (lost card, staff, …)
        │   ├── CardNotValid              the card has expired
        │   ├── FeesOverThreshold         unpaid fees at or above the block threshold
        │   ├── MaxLoansReached           total, or of this material type
        │   └── HoldsNotAllowed           the rules allow no holds for this patron and material
        ├── ItemCannotCirculate           the item, not the patron, is the reason
        │   ├── ItemNotLoanable           lost, withdrawn, damaged, missing, in transit …
        │   ├── ItemAlreadyOnLoan         on loan (to this patron or another)
        │   └── ItemReservedForAnother    waiting on the hold shelf or in transit for someone else
        ├── NotRenewable                  ``reason`` says why: queue, limit, lost …
        ├── HoldError
        │   ├── DuplicateHold             the patron already has an active hold on the title
        │   ├── NoHoldableCopies          no copy in the region can fill the hold
        │   ├── PickupBranchNotAllowed    inactive, or takes no holds
        │   ├── AlreadyBorrowed           the patron has this title on loan now
        │   └── HoldStateError            the hold is past the step asked for (e.g. ready)
        ├── LoanStateError                the loan is not active (returned, lost …)
        ├── FeeError                      a payment or waiver that does not fit the fee
        └── RuleScopeTaken                staff edit: another matrix row has that scope

Every ``message`` can be shown to the patron (Swedish source strings through gettext),
a SIP2 screen message or a spoken sentence is made from it as it stands.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from folkbib.core.errors import FolkbibError


class CirculationError(FolkbibError):
    """Base of every circulation error."""


class PatronCannotBorrow(CirculationError):
    pass


class PatronBlocked(PatronCannotBorrow):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(
            _("Lånekortet är spärrat: %(reasons)s. Kontakta biblioteket.")
            % {"reasons": ", ".join(reasons)}
        )
        self.reasons = reasons


class CardNotValid(PatronCannotBorrow):
    def __init__(self) -> None:
        super().__init__(_("Ditt lånekort har gått ut. Kontakta biblioteket för att förnya det."))


class FeesOverThreshold(PatronCannotBorrow):
    def __init__(self, owed: Decimal, threshold: Decimal) -> None:
        super().__init__(
            _(
                "Du har obetalda avgifter på %(owed)s kr. Från %(threshold)s kr kan du inte "
                "låna förrän du har betalat."
            )
            % {"owed": _kronor(owed), "threshold": _kronor(threshold)}
        )
        self.owed = owed
        self.threshold = threshold


class MaxLoansReached(PatronCannotBorrow):
    def __init__(self, limit: int, *, material_label: str | None = None) -> None:
        if material_label:
            message = _("Du har redan lånat det högsta antalet (%(limit)d) av typen %(type)s.") % {
                "limit": limit,
                "type": material_label,
            }
        else:
            message = _("Du har redan lånat det högsta antalet (%(limit)d) lån.") % {"limit": limit}
        super().__init__(message)
        self.limit = limit


class HoldsNotAllowed(PatronCannotBorrow):
    def __init__(self) -> None:
        super().__init__(_("Den här titeln går inte att reservera med ditt lånekort."))


class ItemCannotCirculate(CirculationError):
    pass


class ItemNotLoanable(ItemCannotCirculate):
    pass


class ItemAlreadyOnLoan(ItemCannotCirculate):
    def __init__(self, *, to_same_patron: bool) -> None:
        super().__init__(
            _("Du har redan lånat det här exemplaret. Du kan låna om det i stället.")
            if to_same_patron
            else _("Exemplaret är redan utlånat. Det måste återlämnas först.")
        )
        self.to_same_patron = to_same_patron


class ItemReservedForAnother(ItemCannotCirculate):
    def __init__(self) -> None:
        super().__init__(_("Exemplaret är reserverat för en annan låntagare."))


class NotRenewable(CirculationError):
    """``reason`` is one of the ``REASON_*`` codes; ``message`` explains it."""

    REASON_QUEUE = "queue"
    REASON_LIMIT = "limit"
    REASON_NOT_ACTIVE = "not_active"
    REASON_PATRON = "patron"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class HoldError(CirculationError):
    pass


class DuplicateHold(HoldError):
    def __init__(self) -> None:
        super().__init__(_("Du har redan en reservation på den här titeln."))


class NoHoldableCopies(HoldError):
    def __init__(self) -> None:
        super().__init__(_("Det finns inget exemplar i regionen som kan reserveras."))


class PickupBranchNotAllowed(HoldError):
    def __init__(self, branch_name: str) -> None:
        super().__init__(
            _("%(branch)s tar inte emot reservationer för avhämtning.") % {"branch": branch_name}
        )


class AlreadyBorrowed(HoldError):
    def __init__(self) -> None:
        super().__init__(_("Du har redan lånat den här titeln."))


class HoldStateError(HoldError):
    pass


class LoanStateError(CirculationError):
    pass


class FeeError(CirculationError):
    pass


class RuleScopeTaken(CirculationError):
    pass


def _kronor(amount: Decimal) -> str:
    """Swedish style: 50 or 12,50 (no thousands separator needed for fees)."""
    text = f"{amount:.2f}"
    return text[:-3] if text.endswith(".00") else text.replace(".", ",")
