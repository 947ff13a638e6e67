"""Rules and calendars kept in memory: cheap while unchanged, never stale after a change.

A change made anywhere else — another process, the admin, a bulk load, plain SQL — is
simulated here by SQL that bypasses Django entirely: only the database's triggers can
tell the services about it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from folkbib.circulation import services
from folkbib.circulation.tests.conftest import NOW

pytestmark = pytest.mark.django_db


def _sql(statement: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_a_loan_period_changed_by_plain_sql_sets_the_very_next_due_date(world):
    first = world.item(world.record(), world.umea)
    second = world.item(world.record("Hemsöborna"), world.umea)
    before = services.checkout(patron=world.patron(), item=first, branch=world.umea, now=NOW)
    assert before.due_date == dt.date(2026, 7, 13)  # 28 days, read and now kept in memory
    _sql("UPDATE circulation_loanrule SET loan_days = %s WHERE loan_days = %s", [10, 28])
    after = services.checkout(patron=world.patron(), item=second, branch=world.umea, now=NOW)
    assert after.due_date == dt.date(2026, 6, 25)  # Monday 15 June + 10: a Thursday


def test_a_closed_day_inserted_by_plain_sql_moves_the_very_next_due_date(world):
    first = world.item(world.record(), world.umea)
    second = world.item(world.record("Hemsöborna"), world.umea)
    before = services.checkout(patron=world.patron(), item=first, branch=world.umea, now=NOW)
    assert before.due_date == dt.date(2026, 7, 13)
    _sql(
        "INSERT INTO consortium_closedday (municipality_id, branch_id, date, reason) "
        "VALUES (%s, %s, %s, %s)",
        [world.umea.municipality_id, world.umea.id, dt.date(2026, 7, 13), "Inventering"],
    )
    after = services.checkout(patron=world.patron(), item=second, branch=world.umea, now=NOW)
    assert after.due_date == dt.date(2026, 7, 14)


def test_opening_hours_removed_by_plain_sql_move_the_next_due_date(world):
    first = world.item(world.record(), world.umea)
    second = world.item(world.record("Hemsöborna"), world.umea)
    services.checkout(patron=world.patron(), item=first, branch=world.umea, now=NOW)
    _sql(
        "DELETE FROM consortium_openinghours WHERE branch_id = %s AND weekday = 0", [world.umea.id]
    )
    after = services.checkout(patron=world.patron(), item=second, branch=world.umea, now=NOW)
    assert after.due_date == dt.date(2026, 7, 14)  # Mondays closed now: Tuesday


def test_an_unchanged_configuration_costs_a_checkout_and_a_checkin_no_reads_of_it(world):
    items = [world.item(world.record(f"Bok {n}"), world.umea) for n in range(2)]
    services.checkout(patron=world.patron(), item=items[0], branch=world.umea, now=NOW)
    services.checkin(item=items[0], branch=world.umea, now=NOW)
    with CaptureQueriesContext(connection) as captured:
        services.checkout(patron=world.patron(), item=items[1], branch=world.umea, now=NOW)
        services.checkin(item=items[1], branch=world.umea, now=NOW)
    read = " ".join(query["sql"] for query in captured.captured_queries)
    for table in ("circulation_loanrule", "consortium_openinghours", "consortium_closedday"):
        assert f'FROM "{table}"' not in read, table
