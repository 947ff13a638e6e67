"""``load-demo``: the fixed accounts, the first 100 items, and the same state every time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.consortium import selectors as consortium
from folkbib.consortium.models import BranchDistance, ClosedDay, Municipality, StaffRole
from folkbib.demo.loader import DemoRefused
from folkbib.demo.tests.conftest import NOW
from folkbib.patrons import selectors as patrons
from folkbib.patrons.errors import CardExpired, CardRetired
from folkbib.patrons.models import Patron, PatronBlock, RetiredCard
from folkbib.patrons.services import authenticate_patron

pytestmark = pytest.mark.django_db


def test_the_fixed_patrons_can_sign_in_with_pin_1234(loaded):
    adult = authenticate_patron(card_number="10000001", pin="1234", now=NOW)
    child = authenticate_patron(card_number="10000002", pin="1234", now=NOW)
    assert (adult.category.code, adult.home_branch.code) == ("adult", "umea-stad")
    assert (child.category.code, child.home_branch.code) == ("child", "vindeln")
    assert child.category.is_child and adult.personnummer is None


def test_the_fixed_staff_can_sign_in_with_their_roles(loaded):
    librarian = authenticate(username="bibliotekarie", password="demo-demo-demo")
    admin = authenticate(username="admin", password="demo-demo-demo")
    assert librarian.is_staff and not librarian.is_superuser
    assert librarian.staff_profile.branch.code == "umea-stad"
    assert librarian.staff_profile.role == StaffRole.LIBRARIAN
    assert admin.is_superuser and admin.staff_profile.role == StaffRole.REGION_ADMIN


def test_there_is_a_demo_account_for_every_staff_role(loaded):
    roles = {}
    for username in ("bibliotekarie", "admin", "kommunadmin", "katalogisatör", "moderator"):
        user = authenticate(username=username, password="demo-demo-demo")
        roles[user.staff_profile.role] = user
    assert set(roles) == set(StaffRole.values)
    municipality_admin = roles[StaffRole.MUNICIPALITY_ADMIN].staff_profile
    assert municipality_admin.branch.municipality.name == "Vännäs"
    works_at = roles[StaffRole.LIBRARIAN].staff_profile.branches.values_list("code", flat=True)
    assert set(works_at) == {"umea-stad", "ersboda"}


def test_the_personas_show_a_block_an_expired_card_and_a_lost_card(loaded):
    assert patrons.is_blocked(patrons.patron_by_card("10000003"))
    with pytest.raises(CardExpired):
        authenticate_patron(card_number="10000004", pin="1234", now=NOW)
    with pytest.raises(CardRetired):
        authenticate_patron(card_number="10000000", pin="1234", now=NOW)
    assert authenticate_patron(card_number="10000005", pin="1234", now=NOW).language == "en"


def test_the_first_100_barcodes_are_on_the_shelf_at_umea_stadsbibliotek(loaded):
    first = Item.objects.filter(barcode__in=[str(30000001 + n) for n in range(100)])
    assert first.count() == 100
    assert set(first.values_list("owning_branch__code", "current_branch__code", "status")) == {
        ("umea-stad", "umea-stad", ItemStatus.AVAILABLE)
    }
    assert first.values("record").distinct().count() == 100
    assert loaded.items == Item.objects.count() > 100
    assert Item.objects.exclude(owning_branch__code="umea-stad").exists()


def test_every_record_of_the_data_files_is_imported_and_indexed(loaded):
    assert loaded.records == Record.objects.count() == 109
    assert loaded.indexed == 109
    assert Record.objects.filter(language="swe").exists()


def test_the_region_has_its_six_municipalities_and_a_bookmobile(loaded):
    assert dict(Municipality.objects.values_list("code", "name")) == {
        "2480": "Umeå",
        "2403": "Bjurholm",
        "2401": "Nordmaling",
        "2409": "Robertsfors",
        "2404": "Vindeln",
        "2460": "Vännäs",
    }
    branches = list(consortium.active_branches(region_code="umearegionen"))
    assert len(branches) == loaded.branches >= 20
    assert [b.code for b in branches if b.is_mobile] == ["umea-bokbuss"]
    assert BranchDistance.objects.count() == len(branches) * (len(branches) - 1)


def test_public_holidays_close_every_demo_library_this_year_and_next(loaded):
    for year in (2026, 2027):
        assert ClosedDay.objects.filter(date__year=year, reason="Midsommarafton").count() == 6
    vindeln = consortium.branch_by_code("vindeln")
    assert not consortium.is_open(branch=vindeln, day=dt.date(2026, 6, 19))
    assert consortium.next_open_day(branch=vindeln, day=dt.date(2026, 6, 19)) == dt.date(
        2026, 6, 22
    )


def snapshot():
    """Everything a user of the demo could notice, without database ids."""
    return {
        "patrons": sorted(
            Patron.objects.values_list(
                "card_number",
                "first_name",
                "last_name",
                "category__code",
                "home_branch__code",
                "card_expires",
                "notice_channel",
                "keep_loan_history",
            )
        ),
        "blocks": sorted(
            PatronBlock.objects.values_list("patron__card_number", "reason", "lifted_at")
        ),
        "retired": sorted(RetiredCard.objects.values_list("card_number", "patron__card_number")),
        "items": sorted(
            Item.objects.values_list(
                "barcode", "record__title", "owning_branch__code", "status", "shelf_mark"
            )
        ),
        "records": Record.objects.count(),
        "closed": sorted(ClosedDay.objects.values_list("municipality__code", "date", "reason")),
        "distances": sorted(
            BranchDistance.objects.values_list(
                "from_branch__code", "to_branch__code", "kilometres", "transit_days"
            )
        ),
    }


def test_loading_the_demo_again_gives_the_same_state(load):
    load()
    first = snapshot()
    Patron.objects.filter(card_number="10000001").update(first_name="Ändrad")
    load()
    assert snapshot() == first


def test_load_demo_refuses_to_run_in_production(db, load, settings):
    settings.PRODUCTION = True
    with pytest.raises(DemoRefused):
        load()
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not Patron.objects.exists()
