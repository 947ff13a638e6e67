"""Current loans, holds and fees from another library system's CSV exports.

Run after the catalogue (``import-marc``, items with their barcodes) and the patrons
(``import-patrons``), in this order: loans, holds, fees. Koha's column names are the
defaults (see ``docs/migration.md``).

Loans are written as they stand in the old system (its due date, its renewals), not
through ``checkout``: the old system already applied its rules, and a migrated loan is
not a new loan, so no statistics row is written for it. Holds go through
``place_hold`` (placed at their old date, so the queues keep their order; copies on a
shelf are set aside for the first in line at once) and are refused for the same
reasons a new hold would be. Fees are what is still owed: the history of payments
stays in the old system; a fine still growing on a loan that is out is refused, since
folkbib charges the overdue fee of a migrated loan itself, from its due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.circulation.models import (
    ACTIVE_HOLD_STATUSES,
    Fee,
    FeeKind,
    Hold,
    Loan,
    LoanStatus,
)
from folkbib.circulation.services.common import set_item
from folkbib.circulation.services.holds import place_hold
from folkbib.consortium.models import Branch
from folkbib.core.csv_import import CREATED, EXISTING, CsvSummary, Row, RowRejected, import_csv
from folkbib.patrons.models import Patron
from folkbib.patrons.selectors import patron_by_card

#: folkbib field -> column of Koha's ``issues`` joined with borrowers and items.
KOHA_ISSUES: dict[str, str] = {
    "card_number": "cardnumber",
    "barcode": "barcode",
    "branch": "branchcode",
    "checked_out_at": "issuedate",
    "due_date": "date_due",
    "renewals": "renewals_count|renewals",
}
#: ... of Koha's ``reserves`` joined with borrowers (and items for a barcode).
KOHA_RESERVES: dict[str, str] = {
    "card_number": "cardnumber",
    "barcode": "barcode",
    "control_number": "biblionumber",
    "pickup_branch": "branchcode",
    "placed_at": "reservedate",
}
#: ... of Koha's ``accountlines`` joined with borrowers (and items for a barcode).
KOHA_ACCOUNTLINES: dict[str, str] = {
    "card_number": "cardnumber",
    "amount": "amountoutstanding",
    "kind": "debit_type_code|accounttype",
    "description": "description",
    "created_at": "date",
    "barcode": "barcode",
    "status": "status",
}
# Koha's status of a fine still growing on a loan that is out.
ACCRUING_STATUS = "UNRETURNED"
# Koha's debit types (and the older account types) that are overdue or lost-item fees.
OVERDUE_CODES = {"OVERDUE", "FU", "F", "O"}
LOST_CODES = {"LOST", "L"}

KINDS = ("loans", "holds", "fees")


def _midday(day: dt.date) -> dt.datetime:
    # Exports carry dates, not times; noon keeps the day the same in every time zone here.
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


class _Lookups:
    """Branch codes (through the translation given), patrons by card, items by barcode."""

    def __init__(self, branch_codes: Mapping[str, str] | None) -> None:
        self.branches = {b.code: b for b in Branch.objects.all()}
        self.branch_codes = dict(branch_codes or {})

    def branch(self, row: Row, name: str) -> Branch:
        code = row.required(name)
        branch = self.branches.get(self.branch_codes.get(code, code))
        if branch is None:
            raise RowRejected(f"unknown branch code {code!r}")
        return branch

    def patron(self, row: Row) -> Patron:
        return patron_by_card(row.required("card_number"))

    def item(self, row: Row) -> Item:
        barcode = row.required("barcode")
        item = Item.objects.select_related("record").filter(barcode=barcode).first()
        if item is None:
            raise RowRejected(f"no item has barcode {barcode!r} (import the catalogue first)")
        return item


def _loan_handler(lookups: _Lookups, now: dt.datetime) -> Any:
    def handle(row: Row) -> str:
        patron = lookups.patron(row)
        item = lookups.item(row)
        due = row.date("due_date")
        if due is None:
            raise RowRejected("due_date is empty")
        branch = lookups.branch(row, "branch") if row["branch"] else item.owning_branch
        current = Loan.objects.filter(item=item, status=LoanStatus.ACTIVE).first()
        if current is not None:
            if current.patron_id == patron.pk:
                return EXISTING
            raise RowRejected(f"item {item.barcode} is already on loan to another patron")
        if item.status != ItemStatus.AVAILABLE:
            raise RowRejected(f"item {item.barcode} is {item.get_status_display()}, not available")
        out_day = row.date("checked_out_at")
        Loan.objects.create(
            item=item,
            patron=patron,
            branch=branch,
            checked_out_at=_midday(out_day) if out_day else now,
            due_date=due,
            renewals=row.integer("renewals"),
        )
        set_item(item, now=now, status=ItemStatus.ON_LOAN, due_back=due)
        return CREATED

    return handle


def _record_of(row: Row, lookups: _Lookups) -> Record:
    if row["barcode"]:
        return lookups.item(row).record
    number = row["control_number"]
    if not number:
        raise RowRejected("neither barcode nor control_number given")
    matches = list(Record.objects.filter(control_number=number)[:2])
    if len(matches) != 1:
        found = "no record" if not matches else "more than one record"
        raise RowRejected(f"{found} has control number (001) {number!r}")
    return matches[0]


def _hold_handler(lookups: _Lookups, now: dt.datetime) -> Any:
    def handle(row: Row) -> str:
        patron = lookups.patron(row)
        record = _record_of(row, lookups)
        if Hold.objects.filter(
            patron=patron, record=record, status__in=ACTIVE_HOLD_STATUSES
        ).exists():
            return EXISTING
        placed = row.date("placed_at")
        place_hold(
            patron=patron,
            record=record,
            pickup_branch=lookups.branch(row, "pickup_branch"),
            now=_midday(placed) if placed else now,
        )
        return CREATED

    return handle


def _fee_kind(code: str) -> str:
    code = code.upper()
    if code in OVERDUE_CODES:
        return FeeKind.OVERDUE
    if code in LOST_CODES:
        return FeeKind.LOST
    return FeeKind.OTHER


def _fee_handler(lookups: _Lookups, now: dt.datetime) -> Any:
    def handle(row: Row) -> str:
        if row["status"].upper() == ACCRUING_STATUS:
            raise RowRejected(
                "a fine still growing on a loan that is out: folkbib charges the overdue fee "
                "of a migrated loan itself, from its due date"
            )
        patron = lookups.patron(row)
        amount = row.decimal("amount")
        if amount is None or amount <= 0:
            raise RowRejected("amount is not above zero: nothing is owed")
        amount = amount.quantize(Decimal("0.01"))
        day = row.date("created_at")
        created = _midday(day) if day else now
        item = lookups.item(row) if row["barcode"] else None
        values = {
            "patron": patron,
            "kind": _fee_kind(row["kind"]),
            "amount": amount,
            "description": row["description"][:300],
            "created_at": created,
            "item": item,
        }
        # No id of the old system to match on: the same fee twice is the same patron,
        # kind, amount, day and text, which a real second fee almost never is.
        if Fee.objects.filter(**values).exists():
            return EXISTING
        Fee.objects.create(**values, updated_at=now, is_final=True)
        return CREATED

    return handle


_HANDLERS = {"loans": _loan_handler, "holds": _hold_handler, "fees": _fee_handler}
_MAPPINGS = {"loans": KOHA_ISSUES, "holds": KOHA_RESERVES, "fees": KOHA_ACCOUNTLINES}
_REQUIRED = {
    "loans": ("card_number", "barcode", "due_date"),
    "holds": ("card_number", "pickup_branch"),
    "fees": ("card_number", "amount"),
}


def import_circulation(
    *,
    kind: str,
    path: Path,
    now: dt.datetime,
    mapping: Mapping[str, str] | None = None,
    branch_codes: Mapping[str, str] | None = None,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    encoding: str = "utf-8-sig",
    delimiter: str | None = None,
) -> CsvSummary:
    """Import current ``kind`` ("loans", "holds" or "fees") from a CSV file.

    Patrons are found by card number, items by barcode, titles by an item's barcode or
    the record's control number (001); branch codes are folkbib's unless
    ``branch_codes`` translates them. What is already there (the same loan, an active
    hold on the title, the same fee) counts as existing, so a file can be run again.
    Returns the counts; rejected rows go to the rejects file (``core.csv_import``).
    """
    if kind not in _HANDLERS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    lookups = _Lookups(branch_codes)
    return import_csv(
        path=path,
        mapping={**_MAPPINGS[kind], **(mapping or {})},
        required=_REQUIRED[kind],
        handle_row=_HANDLERS[kind](lookups, now),
        dry_run=dry_run,
        rejects_path=rejects_path,
        encoding=encoding,
        delimiter=delimiter,
    )
