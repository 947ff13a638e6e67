"""The circulation rules as pure functions: which rule applies, due dates, fees, renewals.

Nothing here touches the database. ``circulation.selectors.rule_rows`` loads the rules
matrix as :class:`RuleRow` values; the services pass them in with plain ids.

How the matrix resolves. A row matches when each of its scope fields is empty ("any")
or equal to the case at hand. Matching rows are ordered most specific first, by

    1. patron category set,   2. material type set,   3. branch set,   4. municipality set

and every setting is taken from the first row that has it; what no row sets comes from
:data:`DEFAULT_RULE`. Category before place is deliberate: a region-wide "children pay
no fees" row must win over a municipality's general fee, while a municipality's own row
for children wins over the region's row for children.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from folkbib.consortium import calendar as cal
from folkbib.consortium.errors import NoOpeningDay

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Rule:
    """The settings that govern one loan or hold, fully resolved."""

    loan_days: int = 28
    loan_days_when_queued: int = 14
    renewals: int = 3
    max_loans: int = 50
    max_loans_of_type: int | None = None
    holds_allowed: bool = True
    hold_shelf_days: int = 7
    fee_per_day: Decimal = ZERO
    fee_cap: Decimal = ZERO
    block_threshold: Decimal | None = None
    lost_item_fee: Decimal = Decimal("300.00")


DEFAULT_RULE = Rule()
SETTINGS = tuple(f.name for f in fields(Rule))


@dataclass(frozen=True)
class RuleRow:
    """One row of the matrix: its scope (None / "" for any) and the settings it sets."""

    municipality_id: int | None = None
    branch_id: int | None = None
    category_id: int | None = None
    material_type: str = ""
    values: tuple[tuple[str, object], ...] = ()

    def matches(
        self,
        *,
        municipality_id: int | None,
        branch_id: int | None,
        category_id: int | None,
        material_type: str,
    ) -> bool:
        return (
            self.municipality_id in (None, municipality_id)
            and self.branch_id in (None, branch_id)
            and self.category_id in (None, category_id)
            and self.material_type in ("", material_type)
        )

    @property
    def specificity(self) -> tuple[bool, bool, bool, bool]:
        return (
            self.category_id is not None,
            self.material_type != "",
            self.branch_id is not None,
            self.municipality_id is not None,
        )


def resolve(
    rows: Iterable[RuleRow],
    *,
    municipality_id: int | None,
    branch_id: int | None,
    category_id: int | None,
    material_type: str,
    default: Rule = DEFAULT_RULE,
) -> Rule:
    """The rule for this case; see the module docstring for the order."""
    matching = sorted(
        (
            row
            for row in rows
            if row.matches(
                municipality_id=municipality_id,
                branch_id=branch_id,
                category_id=category_id,
                material_type=material_type,
            )
        ),
        key=lambda row: row.specificity,
        reverse=True,
    )
    chosen: dict[str, object] = {}
    for row in matching:
        for name, value in row.values:
            if value is not None and name not in chosen:
                chosen[name] = value
    return replace(default, **chosen) if chosen else default  # type: ignore[arg-type]


def shift_to_open_day(calendar: cal.BranchCalendar | None, day: dt.date) -> dt.date:
    """``day``, or the first day after it the branch is open.

    A branch with no opening day on record (a bookmobile without fixed hours) keeps
    the day as computed rather than refusing the loan.
    """
    if calendar is None:
        return day
    try:
        return cal.next_open_day(calendar, day)
    except NoOpeningDay:
        return day


def due_date(
    rule: Rule, *, today: dt.date, others_queued: bool, calendar: cal.BranchCalendar | None
) -> dt.date:
    """The due date of a loan (or renewal) made ``today``.

    Shorter when others are queued for the title; moved forward to a day the branch
    that expects it back is open (closed days and public holidays skipped).
    """
    days = rule.loan_days_when_queued if others_queued else rule.loan_days
    return shift_to_open_day(calendar, today + dt.timedelta(days=days))


def pickup_deadline(
    rule: Rule, *, ready_on: dt.date, calendar: cal.BranchCalendar | None
) -> dt.date:
    """The last day a hold waits on the hold shelf: an open day of the pickup branch."""
    return shift_to_open_day(calendar, ready_on + dt.timedelta(days=rule.hold_shelf_days))


def days_overdue(*, due: dt.date, on: dt.date) -> int:
    return max(0, (on - due).days)


def overdue_fee(rule: Rule, *, due: dt.date, on: dt.date, is_child: bool) -> Decimal:
    """What a loan due on ``due`` costs if returned ``on``: per day, capped; children never pay.

    A cap of 0 means "no cap" only when there is a fee per day; with no fee per day
    nothing is charged at all.
    """
    if is_child or rule.fee_per_day <= 0:
        return ZERO
    fee = rule.fee_per_day * days_overdue(due=due, on=on)
    if rule.fee_cap > 0:
        fee = min(fee, rule.fee_cap)
    return fee.quantize(Decimal("0.01"))


def lost_item_charge(rule: Rule, *, price: Decimal | None, is_child: bool) -> Decimal:
    """The replacement charge for a lost item: its own price, else the rule's amount."""
    if is_child:
        return ZERO
    return (price if price is not None and price > 0 else rule.lost_item_fee).quantize(
        Decimal("0.01")
    )


def renewals_left(rule: Rule, *, renewals_done: int) -> int:
    return max(0, rule.renewals - renewals_done)


def is_blocked_by_fees(rule: Rule, *, owed: Decimal) -> bool:
    return (
        rule.block_threshold is not None
        and rule.block_threshold > 0
        and owed >= rule.block_threshold
    )


def estimated_wait_days(*, position: int, copies: int, loan_days: int) -> int | None:
    """A rough wait for queue ``position`` (1 = next) with ``copies`` circulating copies.

    Each copy serves one patron per loan period; the patron at ``position`` is served in
    round ``ceil(position / copies)``, on average half-way through it plus a week for
    transport and pickup. None when no copy circulates.
    """
    if copies <= 0:
        return None
    rounds = -(-position // copies)
    return max(1, (rounds - 1) * loan_days + loan_days // 2 + 7) if rounds else 0
