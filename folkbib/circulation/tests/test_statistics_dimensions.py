"""What each statistics event carries: groups that describe use without naming anyone."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.circulation import services
from folkbib.circulation.models import ActiveBorrower, CirculationEvent, StatisticsSalt
from folkbib.circulation.reports import borrowers
from folkbib.circulation.reports.dimensions import age_group, shelf_class
from folkbib.circulation.tests.conftest import NOW, days


@pytest.mark.parametrize(
    ("born", "group"),
    [
        (dt.date(2013, 6, 16), "0-12"),  # 12 the day before the 13th birthday
        (dt.date(2013, 6, 15), "13-19"),  # 13 on the day
        (dt.date(2006, 6, 16), "13-19"),
        (dt.date(2006, 6, 15), "20-64"),
        (dt.date(1961, 6, 16), "20-64"),
        (dt.date(1961, 6, 15), "65+"),
        (dt.date(1920, 1, 1), "65+"),
        (None, ""),
        (dt.date(2030, 1, 1), ""),  # a birth date in the future is a typo, not a group
    ],
)
def test_an_age_group_is_the_band_on_the_day_of_the_event(born, group):
    assert age_group(born, dt.date(2026, 6, 15)) == group


def test_someone_born_on_leap_day_turns_a_year_older_on_the_first_of_march():
    assert age_group(dt.date(2012, 2, 29), dt.date(2025, 2, 28)) == "0-12"
    assert age_group(dt.date(2012, 2, 29), dt.date(2025, 3, 1)) == "13-19"


@pytest.mark.parametrize(
    ("mark", "klass"),
    [
        ("Hc", "Hc"),
        ("Hc.01", "Hc"),
        ("Hce Lindgren", "Hc"),
        ("uHc", "uHc"),
        ("uHce", "uHc"),
        ("Ab", "Ab"),
        ("K", "K"),
        ("839.7", "800"),
        ("", ""),
        ("  ", ""),
        ("u", "u"),
    ],
)
def test_a_shelf_class_is_the_sab_class_a_mark_is_shelved_under(mark, klass):
    assert shelf_class(mark) == klass


@pytest.mark.django_db
def test_a_loan_is_counted_with_age_group_language_and_shelf_class_but_no_birth_date(world):
    teenager = world.patron(birth_date=dt.date(2010, 1, 1))
    record = world.record(title="Bröderna Lejonhjärta")
    record.language = "swe"
    record.save()
    item = world.item(record, world.vannas, shelf_mark="uHc Lindgren")
    services.checkout(patron=teenager, item=item, branch=world.umea, now=NOW)
    event = CirculationEvent.objects.get()
    assert (event.age_group, event.language, event.shelf_class) == ("13-19", "swe", "uHc")
    assert "birth_date" not in {f.name for f in CirculationEvent._meta.get_fields()}


@pytest.mark.django_db
def test_a_patron_who_borrows_twice_in_a_year_is_one_active_borrower(world):
    patron = world.patron(home=world.vannas)
    other = world.patron()
    for n, who in enumerate([patron, patron, other]):
        item = world.item(world.record(f"Bok {n}"), world.umea)
        services.checkout(patron=who, item=item, branch=world.umea, now=NOW + days(n))
    assert borrowers.active_borrowers(year=2026) == {
        world.vannas_kommun.pk: 1,
        world.umea_kommun.pk: 1,
    }
    assert set(ActiveBorrower._meta.get_fields()) & {"patron", "loan"} == set()


@pytest.mark.django_db
def test_a_renewal_or_a_return_does_not_make_an_active_borrower(world):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    # Lent on 27 December 2025, renewed on 6 January and returned in 2026.
    services.checkout(patron=patron, item=item, branch=world.umea, now=NOW - days(170))
    services.renew(loan=item.loans.get(), now=NOW - days(160))
    services.checkin(item=item, branch=world.umea, now=NOW - days(150))
    assert borrowers.active_borrowers(year=2026) == {}
    assert borrowers.active_borrowers(year=2025) == {world.umea_kommun.pk: 1}


@pytest.mark.django_db
def test_once_the_year_is_over_its_salt_is_forgotten_and_tokens_cannot_be_matched(world):
    patron = world.patron()
    item = world.item(world.record(), world.umea)
    services.checkout(patron=patron, item=item, branch=world.umea, now=NOW)
    token = ActiveBorrower.objects.get().token
    salt = StatisticsSalt.objects.get(year=2026).salt
    assert borrowers.borrower_token(salt=salt, patron_id=patron.pk) == token
    assert borrowers.forget_salts(now=NOW) == 0  # still 2026: loans are still being made
    assert borrowers.forget_salts(now=NOW.replace(year=2027, month=1, day=1)) == 1
    assert not StatisticsSalt.objects.exists()
    assert ActiveBorrower.objects.get().token == token  # the count survives
    # A new salt for 2026 (should one be made) gives the same patron another token.
    assert borrowers.borrower_token(salt="another", patron_id=patron.pk) != token


@pytest.mark.django_db
def test_the_first_loan_of_a_new_year_forgets_the_salt_of_the_last(world):
    patron = world.patron()
    for n, when in enumerate([NOW, NOW.replace(year=2027, month=1, day=4)]):
        item = world.item(world.record(f"Bok {n}"), world.umea)
        services.checkout(patron=patron, item=item, branch=world.umea, now=when)
    assert list(StatisticsSalt.objects.values_list("year", flat=True)) == [2027]
    assert sorted(ActiveBorrower.objects.values_list("year", flat=True)) == [2026, 2027]
