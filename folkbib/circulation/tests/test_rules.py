"""The rules are pure: which row wins, due dates over holidays, fees, waits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from folkbib.circulation import rules
from folkbib.circulation.rules import RuleRow
from folkbib.consortium.calendar import BranchCalendar

WEEKDAYS = {d: ((dt.time(10), dt.time(18)),) for d in range(5)}
MIDSUMMER = BranchCalendar(
    branch_code="umea",
    weekly=WEEKDAYS,
    closed={dt.date(2026, 6, 19): "Midsommarafton"},
    until=dt.date(2027, 1, 1),
)

REGION = RuleRow(
    values=(("loan_days", 28), ("fee_per_day", Decimal("5")), ("fee_cap", Decimal("100")))
)
FILMS = RuleRow(material_type="film", values=(("loan_days", 7),))
CHILDREN = RuleRow(category_id=2, values=(("fee_per_day", Decimal("0")),))
UMEA = RuleRow(municipality_id=1, values=(("loan_days", 21), ("fee_per_day", Decimal("10"))))
UMEA_CHILD_FILMS = RuleRow(
    municipality_id=1, category_id=2, material_type="film", values=(("loan_days", 3),)
)
ROWS = (REGION, FILMS, CHILDREN, UMEA, UMEA_CHILD_FILMS)


def resolve(municipality_id=1, category_id=1, material_type="book", branch_id=10):
    return rules.resolve(
        ROWS,
        municipality_id=municipality_id,
        branch_id=branch_id,
        category_id=category_id,
        material_type=material_type,
    )


def test_the_most_specific_row_wins_setting_by_setting():
    assert resolve(municipality_id=2).loan_days == 28
    assert resolve(municipality_id=1).loan_days == 21
    assert resolve(municipality_id=1, material_type="film").loan_days == 7
    assert resolve(municipality_id=1, category_id=2, material_type="film").loan_days == 3


def test_a_region_row_for_children_beats_a_municipality_row_for_everyone():
    assert resolve(municipality_id=1, category_id=2).fee_per_day == 0
    assert resolve(municipality_id=1, category_id=1).fee_per_day == 10


def test_settings_no_row_sets_come_from_the_default():
    assert resolve().renewals == rules.DEFAULT_RULE.renewals


def test_a_due_date_on_a_holiday_moves_to_the_next_open_day():
    rule = rules.Rule(loan_days=4)
    # Monday 15 June + 4 days = midsommarafton (closed), then a weekend: Monday 22 June.
    due = rules.due_date(rule, today=dt.date(2026, 6, 15), others_queued=False, calendar=MIDSUMMER)
    assert due == dt.date(2026, 6, 22)


def test_the_loan_is_shorter_when_others_queue():
    rule = rules.Rule(loan_days=28, loan_days_when_queued=14)
    today = dt.date(2026, 6, 1)
    assert rules.due_date(rule, today=today, others_queued=True, calendar=None) == dt.date(
        2026, 6, 15
    )
    assert rules.due_date(rule, today=today, others_queued=False, calendar=None) == dt.date(
        2026, 6, 29
    )


def test_overdue_fees_grow_per_day_up_to_the_cap_and_children_never_pay():
    rule = rules.Rule(fee_per_day=Decimal("5"), fee_cap=Decimal("100"))
    due = dt.date(2026, 6, 1)
    assert rules.overdue_fee(rule, due=due, on=due, is_child=False) == 0
    assert rules.overdue_fee(rule, due=due, on=dt.date(2026, 6, 4), is_child=False) == Decimal(
        "15.00"
    )
    assert rules.overdue_fee(rule, due=due, on=dt.date(2026, 9, 1), is_child=False) == Decimal(
        "100.00"
    )
    assert rules.overdue_fee(rule, due=due, on=dt.date(2026, 9, 1), is_child=True) == 0


def test_a_municipality_without_late_fees_charges_nothing():
    rule = rules.Rule(fee_per_day=Decimal("0"), fee_cap=Decimal("0"))
    assert (
        rules.overdue_fee(rule, due=dt.date(2026, 1, 1), on=dt.date(2026, 3, 1), is_child=False)
        == 0
    )


def test_the_fee_block_starts_at_the_threshold():
    rule = rules.Rule(block_threshold=Decimal("50"))
    assert not rules.is_blocked_by_fees(rule, owed=Decimal("49.99"))
    assert rules.is_blocked_by_fees(rule, owed=Decimal("50"))
    assert not rules.is_blocked_by_fees(
        rules.Rule(block_threshold=Decimal("0")), owed=Decimal("500")
    )


def test_a_lost_item_costs_its_price_or_the_rules_amount_but_nothing_for_children():
    rule = rules.Rule(lost_item_fee=Decimal("300"))
    assert rules.lost_item_charge(rule, price=Decimal("189"), is_child=False) == Decimal("189.00")
    assert rules.lost_item_charge(rule, price=None, is_child=False) == Decimal("300.00")
    assert rules.lost_item_charge(rule, price=Decimal("189"), is_child=True) == 0


def test_the_estimated_wait_grows_with_the_position_and_shrinks_with_copies():
    one_copy = [rules.estimated_wait_days(position=p, copies=1, loan_days=14) for p in (1, 2, 3)]
    assert one_copy == sorted(one_copy) and len(set(one_copy)) == 3
    assert rules.estimated_wait_days(position=3, copies=3, loan_days=14) == one_copy[0]
    assert rules.estimated_wait_days(position=1, copies=0, loan_days=14) is None
