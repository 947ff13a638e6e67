"""Plain data for the desk's templates: the patron panel, slip labels, dates and money."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats

from folkbib.circulation import selectors
from folkbib.circulation.models import Fee, Loan
from folkbib.consortium.models import Branch
from folkbib.patrons import selectors as patron_selectors
from folkbib.patrons.models import Patron


def day(value: dt.date) -> str:
    """A date as the current language writes it (15 juni 2026 / June 15, 2026)."""
    return formats.date_format(value, "DATE_FORMAT")


def kronor(amount: Decimal) -> str:
    return formats.number_format(amount, 2)


def shelf_label(patron: Patron) -> str:
    """How a patron is named on a hold shelf: last four of the card, surname initial.

    Never the full name: the shelf is in the open, where anyone can read it.
    """
    initial = patron.last_name[:1].upper()
    return f"{patron.card_number[-4:]} {initial}." if initial else patron.card_number[-4:]


@dataclass(frozen=True)
class LoanRow:
    loan: Loan
    overdue: bool


def patron_panel(patron: Patron, *, today: dt.date) -> dict[str, Any]:
    """Everything the desk shows about one patron, in a fixed number of queries."""
    fees: list[Fee] = list(selectors.open_fees(patron))
    return {
        "patron": patron,
        "card_expired": patron.card_expires < today,
        "blocks": list(patron_selectors.active_blocks(patron)),
        "fees": fees,
        "owed": sum((fee.outstanding for fee in fees), Decimal("0")),
        "loans": [LoanRow(loan, loan.due_date < today) for loan in selectors.active_loans(patron)],
        "holds": selectors.patron_holds(patron, today=today),
        "pickup_branches": list(
            Branch.objects.filter(is_active=True, accepts_holds=True).order_by("name")
        ),
    }
