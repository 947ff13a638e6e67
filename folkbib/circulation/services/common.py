"""What every circulation service shares: locking, the patron checks, events, the audit trail."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import random
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from django.db import IntegrityError, OperationalError, connection
from django.db.models import BooleanField, DecimalField
from django.db.models.expressions import RawSQL

from folkbib.catalog import search
from folkbib.catalog.models import Item, Record
from folkbib.circulation import rules, selectors
from folkbib.circulation.errors import (
    CardNotValid,
    FeesOverThreshold,
    PatronBlocked,
)
from folkbib.circulation.models import CirculationEvent, EventKind, StaffAction
from folkbib.circulation.reports import dimensions
from folkbib.circulation.reports.borrowers import note_active_borrower
from folkbib.consortium import calendar as cal
from folkbib.consortium.models import Branch
from folkbib.consortium.selectors import branch_calendar
from folkbib.core.prepared import Prepared, insert_row, update_row
from folkbib.patrons.models import Patron, PatronBlock

#: How far ahead a due-date calendar looks; loans are weeks, not years.
CALENDAR_DAYS = 120

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

#: Attempts of a service whose transaction lost a race with another (see ``retrying``).
ATTEMPTS = 6
# PostgreSQL: deadlock_detected, serialization_failure.
_RETRY_SQLSTATES = {"40P01", "40001"}
# The partial unique constraints a concurrent transaction can win between our read
# and our write; the retry re-reads and then refuses with the typed error.
_RACE_CONSTRAINTS = {
    "one_active_loan_per_item": "circulation_loan.item_id",
    "one_active_hold_per_allocated_item": "circulation_hold.allocated_item_id",
    "one_open_transit": "circulation_transit.item_id",
    # Two runs (or a checkin and the nightly job) creating a loan's first overdue fee.
    "one_fee_per_loan_and_kind": "circulation_fee.loan_id",
}


def violates(error: IntegrityError, constraint: str) -> bool:
    """Whether ``error`` is ``constraint`` (one of ``_RACE_CONSTRAINTS``) refusing a row."""
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None:  # PostgreSQL names the constraint
        return getattr(diag, "constraint_name", None) == constraint
    return f"UNIQUE constraint failed: {_RACE_CONSTRAINTS[constraint]}" in str(error)


def _lost_a_race(error: Exception) -> bool:
    cause = error.__cause__
    if isinstance(error, OperationalError):
        if getattr(cause, "sqlstate", None) in _RETRY_SQLSTATES:
            return True
        return "database is locked" in str(error) or "database table is locked" in str(error)
    if isinstance(error, IntegrityError):
        return any(violates(error, name) for name in _RACE_CONSTRAINTS)
    return False


def retrying(service: Callable[P, R]) -> Callable[P, R]:
    """Run an atomic service again when its transaction lost a race with another one.

    Under concurrency a correct transaction can still be aborted by the database: a
    deadlock between two desks locking the same rows in another order, or a unique
    constraint another transaction won a moment earlier. Neither is the caller's
    business, so the whole transaction is replayed (it re-reads everything), after a
    short random pause; the replay ends in success or in the typed error a plain
    sequential run would give. Only an outermost transaction can be replayed: inside
    a caller's ``atomic`` block the error propagates to that caller.
    """

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if connection.in_atomic_block:
            return service(*args, **kwargs)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return service(*args, **kwargs)
            except (OperationalError, IntegrityError, LockOrderChanged) as error:
                if attempt == ATTEMPTS or not (
                    isinstance(error, LockOrderChanged) or _lost_a_race(error)
                ):
                    raise
                logger.info("%s lost a race (%s); attempt %d", service.__name__, error, attempt)
                time.sleep(random.uniform(0, 0.002 * 2**attempt))
        raise AssertionError("unreachable")

    return run


def lock_row(queryset: Any, pk: int, *, of: tuple[str, ...] = ("self",)) -> Any:
    """``queryset.get(pk=pk)`` locked FOR UPDATE OF the row itself, joins and all.

    PostgreSQL, having waited for the lock, re-checks the row's new version against the
    joined rows of its first snapshot: if the transaction it waited for changed a joined
    foreign key (a checkout moves ``current_branch``, staff move a patron's home branch),
    the row silently drops out and ``get`` raises DoesNotExist for a row that exists.
    Then the row is locked alone and its relations load lazily, from the fresh version.
    """
    # NO KEY UPDATE: rows of other transactions may still point at this one (a fee for
    # this patron, a hold on this copy) without waiting for us, which would deadlock.
    try:
        return queryset.select_for_update(of=of, no_key=True).get(pk=pk)
    except queryset.model.DoesNotExist:
        joins = [name for name in of if name != "self"]
        locked = queryset.model.objects.select_related(*joins)
        return locked.select_for_update(of=of, no_key=True).get(pk=pk)


class LockOrderChanged(Exception):
    """What was read before locking changed meanwhile; ``retrying`` replays the service."""


# Lock order, so that two transactions never wait for each other (a deadlock costs
# PostgreSQL's deadlock_timeout, a second, before one of them is aborted):
#   patron -> item -> its record (the title's queue) -> holds -> loans, transits, fees.
# Every service that touches the holds of a title locks the title's record first, so
# holds of one title are only ever locked by one transaction at a time.


def _locking(queryset: Any, pk: Any, of: tuple[str, ...]) -> Any:
    """``queryset`` narrowed to row ``pk`` and locked as ``lock_row`` locks it."""
    return queryset.select_for_update(of=of, no_key=True).filter(pk=pk).order_by()


def lock_prepared(prepared: Prepared, model: Any, pk: int, *, of: tuple[str, ...]) -> Any:
    """``lock_row`` over a queryset compiled once (``prepared``), with the same fallback.

    ``prepared`` must be ``_locking(queryset, pk, of)`` of the queryset ``lock_row`` would get.
    """
    found = prepared.first(pk)
    if found is not None:
        return found
    # The row changed a joined foreign key while we waited (or does not exist): as lock_row.
    joins = [name for name in of if name != "self"]
    locked = model.objects.select_related(*joins)
    return locked.select_for_update(of=of, no_key=True).get(pk=pk)


_ITEM_OF = ("self", "record")
_LOCKED_ITEM = Prepared(
    lambda pk: _locking(
        Item.objects.select_related("record", "owning_branch__municipality")
        .defer("record__marc")  # kilobytes no circulation step or edge reads
        .annotate(configuration_stamp=selectors.with_configuration_stamp()),
        pk,
        _ITEM_OF,
    )
)


def lock_item(item_id: int) -> Item:
    """The item and its record (the title's queue), locked, with what routing needs.

    Comes with the configuration stamp (see ``stamp_of``) read in the same statement.
    """
    item: Item = lock_prepared(_LOCKED_ITEM, Item, item_id, of=_ITEM_OF)
    return item


def stamp_of(row: Any) -> int | None:
    """The configuration stamp ``lock_item`` or ``lock_patron`` read with ``row``, if any.

    Handing it to ``selectors.rule_rows`` and ``calendar`` lets them answer from this
    process's memory without a query while the rules and calendars are unchanged.
    """
    stamp = getattr(row, "configuration_stamp", None)
    return None if stamp is None else int(stamp)


def lock_record(record_id: int) -> None:
    """Lock the title: its queue of holds is ours until the transaction ends."""
    list(Record.objects.select_for_update(no_key=True).filter(pk=record_id).values_list("id"))


_HAS_BLOCKS = (
    'EXISTS (SELECT 1 FROM "patrons_patronblock" pb WHERE pb."patron_id" = '
    '"patrons_patron"."id" AND pb."lifted_at" IS NULL)'
)
_OWED = (
    'SELECT SUM(f."amount" - f."paid" - f."waived") FROM "circulation_fee" f '
    'WHERE f."patron_id" = "patrons_patron"."id"'
)


# Plain SQL for the two annotations: the ORM's Exists and grouped Subquery cost ~1 ms of
# CPU to compile. The whole statement is now compiled once per process (``Prepared``).
_LOCKED_PATRON = Prepared(
    lambda pk: _locking(
        Patron.objects.select_related("category", "home_branch__municipality").annotate(
            has_blocks=RawSQL(_HAS_BLOCKS, (), output_field=BooleanField()),
            owed=RawSQL(_OWED, (), output_field=DecimalField(max_digits=12, decimal_places=2)),
            configuration_stamp=selectors.with_configuration_stamp(),
        ),
        pk,
        ("self",),
    )
)


def lock_patron(patron_id: int) -> Patron:
    """The patron, locked: two desks lending to one patron count each other's loans.

    Comes with ``has_blocks`` and ``owed`` read in the same statement, so that
    ``check_patron_may_borrow`` costs no query of its own for a patron in good standing,
    and with the configuration stamp (``stamp_of``).
    """
    patron: Patron = lock_prepared(_LOCKED_PATRON, Patron, patron_id, of=("self",))
    return patron


def calendar(branch: Branch, today: dt.date, *, stamp: int | None = None) -> cal.BranchCalendar:
    """The branch's calendar for due dates; unchanged ones come from memory (``stamp_of``)."""
    if stamp is None:
        stamp = selectors.configuration_stamp()
    return branch_calendar(branch=branch, start=today, days=CALENDAR_DAYS, stamp=stamp)


def check_patron_may_borrow(
    patron: Patron, *, today: dt.date, rows: tuple[rules.RuleRow, ...]
) -> None:
    """Raise the first reason ``patron`` may not borrow or reserve now, if any."""
    if patron.card_expires < today:
        raise CardNotValid()
    # ``lock_patron`` read these along with the patron; other callers pay a query each.
    if getattr(patron, "has_blocks", True):
        blocks = list(
            PatronBlock.objects.filter(patron=patron, lifted_at__isnull=True).order_by("created_at")
        )
        if blocks:
            raise PatronBlocked([str(block.get_reason_display()) for block in blocks])
    rule = selectors.patron_rule(rows, patron=patron)
    if rule.block_threshold is not None and rule.block_threshold > 0:
        if hasattr(patron, "owed"):
            owed = money(patron.owed or 0)
        else:
            owed = selectors.outstanding_balance(patron)
        if rules.is_blocked_by_fees(rule, owed=owed):
            raise FeesOverThreshold(owed, rule.block_threshold)


def set_item(item: Item, *, now: dt.datetime, **changes: Any) -> None:
    """Change the item's circulation fields and refresh its record in the search index."""
    for name, value in changes.items():
        setattr(item, name, value)
    item.updated_at = now
    update_row(item, [*changes, "updated_at"])  # item.save(update_fields=...), uncompiled
    search.enqueue_records([item.record_id])


def record_event(
    kind: str, *, day: dt.date, branch: Branch, item: Item, patron: Patron | None
) -> None:
    """Write one anonymous statistics row: no patron, no item, no time of day.

    A checkout also counts the patron among the year's active borrowers, as a salted
    hash (``reports.borrowers``).
    """
    event = CirculationEvent(
        day=day,
        kind=kind,
        branch=branch,
        owning_municipality_id=item.owning_branch.municipality_id,
        patron_municipality_id=patron.home_branch.municipality_id if patron else None,
        patron_category=patron.category.code if patron else "",
        material_type=selectors.item_material(item),
        age_group=dimensions.age_group(patron.birth_date, day) if patron else "",
        language=item.record.language[:3],
        shelf_class=dimensions.shelf_class(item.shelf_mark),
    )
    insert_row(event)  # objects.create(), signals and all, without compiling an INSERT
    if kind == EventKind.CHECKOUT and patron is not None:
        note_active_borrower(patron=patron, day=day)


def audit(
    staff: Any, *, branch: Branch | None, now: dt.datetime, action: str, subject: str
) -> None:
    """Record a librarian's action (who, where, when, what); nothing for self-service."""
    if staff is None or not getattr(staff, "is_authenticated", False):
        return
    insert_row(StaffAction(user=staff, branch=branch, at=now, action=action, subject=subject))


def money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
