"""Writing the region's structure and reading its calendars back."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.consortium import selectors, services
from folkbib.consortium.errors import InvalidDistance, InvalidOpeningHours
from folkbib.consortium.models import BranchDistance, ClosedDay
from folkbib.consortium.tests.factories import make_branch, make_municipality

MIDSUMMER_EVE_2026 = dt.date(2026, 6, 19)

pytestmark = pytest.mark.django_db


def test_public_holidays_become_closed_days_of_the_municipality():
    branch = make_branch()
    created = services.ensure_public_holidays(year=2026, municipality=branch.municipality)
    assert created == 16
    closed = ClosedDay.objects.get(municipality=branch.municipality, date=MIDSUMMER_EVE_2026)
    assert closed.reason == "Midsommarafton" and closed.branch is None
    assert not selectors.is_open(branch=branch, day=MIDSUMMER_EVE_2026)
    assert selectors.is_open(branch=branch, day=dt.date(2026, 6, 18))


def test_ensure_public_holidays_is_idempotent_and_covers_every_municipality():
    make_branch("vindeln", municipality=make_municipality("2404", "Vindeln"))
    make_branch("vannas", municipality=make_municipality("2460", "Vännäs"))
    assert services.ensure_public_holidays(year=2026) == 32
    assert services.ensure_public_holidays(year=2026) == 0
    assert ClosedDay.objects.filter(date=MIDSUMMER_EVE_2026).count() == 2


def test_next_open_day_skips_midsummer_and_the_weekend():
    branch = make_branch()
    services.ensure_public_holidays(year=2026, municipality=branch.municipality)
    assert selectors.next_open_day(branch=branch, day=MIDSUMMER_EVE_2026) == dt.date(2026, 6, 22)


def test_a_branch_that_opens_on_sundays_reopens_the_sunday_after_midsummer():
    every_day = {day: ((dt.time(11), dt.time(16)),) for day in range(7)}
    branch = make_branch("umea-stad", hours=every_day)
    services.ensure_public_holidays(year=2026, municipality=branch.municipality)
    assert selectors.next_open_day(branch=branch, day=MIDSUMMER_EVE_2026) == dt.date(2026, 6, 21)


def test_a_branch_closed_day_does_not_close_the_other_branches():
    municipality = make_municipality()
    one = make_branch("vindeln", municipality=municipality)
    other = make_branch("hallnas", municipality=municipality)
    services.add_closed_day(
        municipality=municipality, branch=one, date=dt.date(2026, 3, 3), reason="Inventering"
    )
    assert not selectors.is_open(branch=one, day=dt.date(2026, 3, 3))
    assert selectors.is_open(branch=other, day=dt.date(2026, 3, 3))
    assert selectors.next_open_day(branch=one, day=dt.date(2026, 3, 3)) == dt.date(2026, 3, 4)


def test_weekly_hours_are_replaced_not_added():
    branch = make_branch()
    services.set_weekly_hours(branch=branch, hours={2: ((dt.time(13), dt.time(19)),)})
    assert [(h.weekday, h.opens) for h in branch.opening_hours.all()] == [(2, dt.time(13))]


@pytest.mark.parametrize(
    "hours",
    [
        {0: ((dt.time(18), dt.time(10)),)},
        {7: ((dt.time(10), dt.time(18)),)},
        {0: ((dt.time(10), dt.time(14)), (dt.time(13), dt.time(18)))},
    ],
)
def test_impossible_opening_hours_are_refused(hours):
    branch = make_branch()
    with pytest.raises(InvalidOpeningHours):
        services.set_weekly_hours(branch=branch, hours=hours)
    assert branch.opening_hours.count() == 5  # the old hours stand


def test_a_distance_is_recorded_both_ways():
    municipality = make_municipality()
    a = make_branch("vindeln", municipality=municipality)
    b = make_branch("hallnas", municipality=municipality)
    services.set_distance(from_branch=a, to_branch=b, kilometres=15)
    assert selectors.distance(from_branch=b, to_branch=a).kilometres == 15
    services.set_distance(from_branch=a, to_branch=b, kilometres=17, transit_days=2)
    assert BranchDistance.objects.count() == 2
    assert selectors.distance_table()[("hallnas", "vindeln")].transit_days == 2


def test_a_branch_has_no_distance_to_itself():
    branch = make_branch()
    with pytest.raises(InvalidDistance):
        services.set_distance(from_branch=branch, to_branch=branch, kilometres=0)


def test_the_distance_table_is_replaced_as_a_whole():
    municipality = make_municipality()
    make_branch("vindeln", municipality=municipality)
    make_branch("hallnas", municipality=municipality)
    entries = [
        services.DistanceEntry("vindeln", "hallnas", 15),
        services.DistanceEntry("hallnas", "vindeln", 15),
    ]
    assert services.replace_distance_table(entries=entries) == 2
    assert services.replace_distance_table(entries=entries[:1]) == 1
    assert list(selectors.distance_table()) == [("vindeln", "hallnas")]
