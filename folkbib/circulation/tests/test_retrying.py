"""A service that lost a race with another transaction is replayed, once it is safe to."""

from __future__ import annotations

import psycopg
import pytest
from django.db import IntegrityError, OperationalError, transaction

from folkbib.circulation.services.common import retrying


def deadlock() -> OperationalError:
    error = OperationalError("deadlock detected")
    error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
    return error


def flaky(failures: list[Exception]):  # type: ignore[no-untyped-def]
    calls = []

    @retrying
    def service() -> str:
        calls.append(1)
        if failures:
            raise failures.pop(0)
        return "done"

    return service, calls


def test_a_deadlock_or_a_locked_sqlite_database_is_replayed_until_it_succeeds():
    service, calls = flaky([deadlock(), OperationalError("database is locked")])
    assert service() == "done"
    assert len(calls) == 3


def test_a_unique_constraint_won_by_another_transaction_is_replayed():
    error = IntegrityError("UNIQUE constraint failed: circulation_loan.item_id")
    service, calls = flaky([error])
    assert service() == "done"
    assert len(calls) == 2


def test_other_database_errors_reach_the_caller_at_once():
    service, calls = flaky(
        [IntegrityError("NOT NULL constraint failed: circulation_loan.due_date")]
    )
    with pytest.raises(IntegrityError):
        service()
    assert len(calls) == 1


def test_a_replay_gives_up_after_a_few_attempts():
    service, calls = flaky([deadlock() for _ in range(20)])
    with pytest.raises(OperationalError):
        service()
    assert len(calls) == 6


@pytest.mark.django_db
def test_inside_a_callers_transaction_nothing_is_replayed():
    service, calls = flaky([deadlock()])
    with pytest.raises(OperationalError), transaction.atomic():
        service()
    assert len(calls) == 1
