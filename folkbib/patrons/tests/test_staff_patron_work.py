"""What the staff workspace needs from patrons: duplicates, search, editing, erasing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.hashers import check_password

from folkbib.patrons import services
from folkbib.patrons.errors import CardRetired, InvalidChoice, PersonnummerInUse
from folkbib.patrons.models import LoginThrottle, NoticeChannel, RetiredCard
from folkbib.patrons.selectors import find_possible_duplicates, patron_by_card, search_patrons
from folkbib.patrons.tests.conftest import NOW

pytestmark = pytest.mark.django_db

BORN = dt.date(1981, 12, 18)


def names(found):
    return [(d.patron.first_name, d.patron.last_name) for d in found]


def test_a_patron_with_the_same_name_and_birth_date_is_a_possible_duplicate(register):
    register(first_name="Åsa", last_name="Öberg", birth_date=BORN)
    register(
        card_number="10000002", first_name="Åsa", last_name="Öberg", birth_date=dt.date(1990, 1, 1)
    )
    found = find_possible_duplicates(first_name="ÅSA MARIA", last_name="öberg", birth_date=BORN)
    assert names(found) == [("Åsa", "Öberg")]
    assert found[0].same_name and found[0].same_birth_date and not found[0].same_personnummer


def test_accents_do_not_hide_a_duplicate_born_the_same_day(register):
    register(first_name="Åsa", last_name="Öberg", birth_date=BORN)
    found = find_possible_duplicates(first_name="Asa", last_name="OBERG", birth_date=BORN)
    assert names(found) == [("Åsa", "Öberg")]


def test_the_same_personnummer_is_a_duplicate_whatever_the_name(register):
    register(first_name="Anna", last_name="Lindqvist", personnummer="19811218-9876")
    found = find_possible_duplicates(
        first_name="Anna", last_name="Berg", birth_date=BORN, personnummer="198112189876"
    )
    assert names(found) == [("Anna", "Lindqvist")] and found[0].same_personnummer


def test_a_same_named_patron_without_a_birth_date_is_listed_as_possible(register):
    register(first_name="Karin", last_name="Ek")
    assert names(find_possible_duplicates(first_name="Karin", last_name="Ek", birth_date=BORN)) == [
        ("Karin", "Ek")
    ]


def test_a_different_person_is_not_a_duplicate(register):
    register(first_name="Karin", last_name="Ek", birth_date=dt.date(1950, 3, 3))
    assert find_possible_duplicates(first_name="Karin", last_name="Ek", birth_date=BORN) == []
    assert find_possible_duplicates(first_name="Sven", last_name="Ek", birth_date=None) == []


def test_staff_find_a_patron_by_card_name_or_personnummer(register):
    anna = register(first_name="Anna", last_name="Lindqvist", personnummer="19811218-9876")
    register(card_number="10000002", first_name="Bo", last_name="Lindgren")
    assert list(search_patrons(anna.card_number)) == [anna]
    assert [p.first_name for p in search_patrons("lind")] == ["Bo", "Anna"]
    assert list(search_patrons("Anna Lind")) == [anna]
    assert list(search_patrons("811218-9876")) == [anna]
    assert list(search_patrons("   ")) == []


def test_editing_a_patron_changes_name_contact_and_personnummer(register, branch, adult):
    patron = register()
    services.update_patron(
        patron=patron,
        now=NOW,
        first_name=" Anna-Karin ",
        last_name="Lindqvist Berg",
        home_branch=branch,
        category=adult,
        card_expires=dt.date(2030, 1, 1),
        personnummer="811218-9876",
        email="ak@example.org",
        city="Umeå",
    )
    patron.refresh_from_db()
    assert (patron.first_name, patron.last_name) == ("Anna-Karin", "Lindqvist Berg")
    assert patron.personnummer == "198112189876" and patron.birth_date == BORN
    assert (patron.email, patron.city, patron.card_expires) == (
        "ak@example.org",
        "Umeå",
        dt.date(2030, 1, 1),
    )


def test_editing_refuses_to_remove_the_only_way_to_reach_the_patron(register, branch, adult):
    patron = register(email="anna@example.org")
    with pytest.raises(InvalidChoice) as error:
        services.update_patron(
            patron=patron,
            now=NOW,
            first_name="Anna",
            last_name="Lindqvist",
            home_branch=branch,
            category=adult,
            card_expires=patron.card_expires,
        )
    assert error.value.field == "notice_channel"


def test_editing_refuses_another_patrons_personnummer(register, branch, adult):
    register(personnummer="19811218-9876")
    other = register(card_number="10000002")
    with pytest.raises(PersonnummerInUse):
        services.update_patron(
            patron=other,
            now=NOW,
            first_name="Bo",
            last_name="Ek",
            home_branch=branch,
            category=adult,
            card_expires=other.card_expires,
            personnummer="19811218-9876",
            email="bo@example.org",
        )


def test_erasing_an_identity_leaves_a_shell_no_card_or_pin_opens(register):
    patron = register(personnummer="19811218-9876", phone="070-1234567", street_address="Storg 1")
    card = patron.card_number
    services.block_patron(patron=patron, reason="staff", note="Ring Anna", now=NOW)
    LoginThrottle.objects.create(key=f"card:{card}", failures=2, window_started_at=NOW)
    services.erase_identity(patron=patron, now=NOW)
    patron.refresh_from_db()
    assert patron.anonymised_at == NOW
    assert (patron.first_name, patron.email, patron.phone, patron.street_address) == (
        "Anonymiserad",
        "",
        "",
        "",
    )
    assert patron.personnummer is None and patron.birth_date is None
    assert patron.notice_channel == NoticeChannel.NONE
    assert not check_password("1234", patron.pin_hash)
    assert not patron.blocks.exists()
    assert not LoginThrottle.objects.exists()
    with pytest.raises(CardRetired):
        patron_by_card(card)
    assert find_possible_duplicates(first_name="Anonymiserad", last_name="låntagare") == []


def test_absorbing_a_duplicate_keeps_the_kept_card_and_retires_the_other(register):
    keep = register(email="", phone="070-1", notice_channel="sms")
    merge = register(card_number="10000002", email="anna@example.org", personnummer="811218-9876")
    services.block_patron(patron=merge, reason="staff", now=NOW)
    services.absorb_patron(keep=keep, merge=merge, now=NOW)
    keep.refresh_from_db()
    assert keep.card_number == "10000001" and keep.email == "anna@example.org"
    assert keep.personnummer == "198112189876"
    assert keep.blocks.count() == 1
    assert RetiredCard.objects.get(card_number="10000002").patron == keep
    with pytest.raises(CardRetired):
        patron_by_card("10000002")


def test_staff_changes_are_audited_with_before_and_after(
    register, branch, adult, django_user_model
):
    from folkbib.audit.models import AuditEntry

    staff = django_user_model.objects.create_user("bibbi")
    patron = register(staff=staff, personnummer="19811218-9876")
    services.update_patron(
        patron=patron,
        now=NOW,
        first_name="Anna",
        last_name="Berg",
        home_branch=branch,
        category=adult,
        card_expires=patron.card_expires,
        personnummer="19811218-9876",
        email="anna@example.org",
        staff=staff,
    )
    block = services.block_patron(patron=patron, reason="staff", note="Ring", now=NOW, staff=staff)
    services.lift_block(block=block, now=NOW, staff=staff)
    services.replace_card(
        patron=patron, new_card_number="10000099", reason="Tappat", now=NOW, staff=staff
    )
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "register_patron",
        "update_patron",
        "block_patron",
        "lift_block",
        "replace_card",
    ]
    edit = AuditEntry.objects.get(action="update_patron")
    assert (edit.before["last_name"], edit.after["last_name"]) == ("Lindqvist", "Berg")
    assert "198112189876" not in str(edit.before) + str(edit.after)
    assert edit.after["personnummer_registered"] is True


def test_self_service_changes_are_not_in_the_staff_audit(register):
    from folkbib.audit.models import AuditEntry

    register()
    assert not AuditEntry.objects.exists()
