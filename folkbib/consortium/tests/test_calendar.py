"""The pure opening-day rules, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.consortium.calendar import (
    BranchCalendar,
    is_open,
    is_open_at,
    next_open_day,
    opening_periods,
    public_holidays,
)
from folkbib.consortium.errors import NoOpeningDay

WEEKDAYS = {day: ((dt.time(10), dt.time(18)),) for day in range(5)}
MIDSUMMER_EVE_2026 = dt.date(2026, 6, 19)  # a Friday


def calendar(**kwargs) -> BranchCalendar:
    return BranchCalendar(branch_code="vindeln", weekly=kwargs.pop("weekly", WEEKDAYS), **kwargs)


def test_midsommarafton_and_midsommardagen_2026_are_holidays_a_library_closes_on():
    holidays = public_holidays(2026)
    assert holidays[MIDSUMMER_EVE_2026] == "Midsommarafton"
    assert holidays[dt.date(2026, 6, 20)] == "Midsommardagen"
    assert holidays[dt.date(2026, 12, 24)] == "Julafton"


def test_ordinary_sundays_are_not_listed_as_holidays():
    holidays = public_holidays(2026)
    assert dt.date(2026, 6, 21) not in holidays  # the Sunday after midsummer
    assert dt.date(2026, 4, 5) in holidays  # påskdagen is a Sunday but a named holiday


def test_a_weekday_without_hours_is_closed():
    assert is_open(calendar(), dt.date(2026, 6, 15))  # Monday
    assert not is_open(calendar(), dt.date(2026, 6, 13))  # Saturday


def test_a_closed_day_closes_a_day_that_has_hours():
    cal = calendar(closed={MIDSUMMER_EVE_2026: "Midsommarafton"})
    assert not is_open(cal, MIDSUMMER_EVE_2026)
    assert opening_periods(cal, MIDSUMMER_EVE_2026) == ()


def test_next_open_day_skips_a_holiday_and_the_weekend_after_it():
    cal = calendar(closed={MIDSUMMER_EVE_2026: "Midsommarafton", dt.date(2026, 6, 20): "x"})
    assert next_open_day(cal, MIDSUMMER_EVE_2026) == dt.date(2026, 6, 22)


def test_next_open_day_is_the_day_itself_when_the_branch_is_open():
    assert next_open_day(calendar(), dt.date(2026, 6, 18)) == dt.date(2026, 6, 18)


def test_a_branch_with_no_hours_has_no_next_open_day():
    with pytest.raises(NoOpeningDay):
        next_open_day(calendar(weekly={}), dt.date(2026, 6, 18))


def test_next_open_day_does_not_look_past_what_the_calendar_knows():
    cal = calendar(until=dt.date(2026, 6, 21))
    with pytest.raises(NoOpeningDay):
        next_open_day(cal, dt.date(2026, 6, 20))


def test_is_open_at_respects_the_hours_of_the_day():
    assert is_open_at(calendar(), dt.datetime(2026, 6, 18, 10, 0))
    assert not is_open_at(calendar(), dt.datetime(2026, 6, 18, 18, 0))
    assert not is_open_at(calendar(), dt.datetime(2026, 6, 18, 9, 59))
