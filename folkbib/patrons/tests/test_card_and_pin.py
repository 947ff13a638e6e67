"""The one card: registration, PIN hashing, signing in, lost-card replacement."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from folkbib.patrons import selectors, services
from folkbib.patrons.errors import (
    AuthenticationFailed,
    CardExpired,
    CardNumberInUse,
    CardRetired,
    InvalidPersonnummer,
    InvalidPin,
    PersonnummerInUse,
    UnknownCard,
    WrongPin,
)
from folkbib.patrons.models import BlockReason, Patron, RetiredCard

pytestmark = pytest.mark.django_db


def test_the_pin_is_stored_only_as_a_hash(register, now, caplog):
    caplog.set_level(logging.DEBUG)
    patron = register(pin="48151623")
    stored = Patron.objects.get(pk=patron.pk)
    assert "48151623" not in stored.pin_hash
    assert stored.pin_hash.startswith("md5$")  # the tests' hasher; production uses PBKDF2
    assert services.authenticate_patron(card_number="10000001", pin="48151623", now=now) == patron
    assert "48151623" not in caplog.text


def test_a_wrong_pin_is_refused(register, now):
    register()
    with pytest.raises(WrongPin) as raised:
        services.authenticate_patron(card_number="10000001", pin="4321", now=now)
    assert raised.value.message == "Fel PIN-kod."


def test_a_pin_in_the_wrong_format_is_refused_at_registration_and_on_change(register, now):
    with pytest.raises(InvalidPin):
        register(pin="12")
    assert not Patron.objects.exists()
    patron = register()
    with pytest.raises(InvalidPin):
        services.change_pin(patron=patron, new_pin="abcd", now=now)
    services.authenticate_patron(card_number="10000001", pin="1234", now=now)


def test_a_changed_pin_replaces_the_old_one(register, now):
    patron = register()
    services.change_pin(patron=patron, new_pin="987654", now=now)
    with pytest.raises(WrongPin):
        services.authenticate_patron(card_number="10000001", pin="1234", now=now)
    assert services.authenticate_patron(card_number="10000001", pin="987654", now=now)


def test_an_unknown_card_is_refused_after_running_a_hash_anyway(register, now, monkeypatch):
    register()
    hashed = []
    from folkbib.patrons import pins

    real = pins.make_password
    monkeypatch.setattr(pins, "make_password", lambda pin: hashed.append(1) or real(pin))
    with pytest.raises(UnknownCard) as raised:
        services.authenticate_patron(card_number="99999999", pin="1234", now=now)
    assert raised.value.message.startswith("Kortnumret finns inte")
    assert hashed == [1]


def test_an_expired_card_is_refused_only_after_the_right_pin(register, now):
    register(card_expires=dt.date(2026, 6, 14))
    with pytest.raises(WrongPin):
        services.authenticate_patron(card_number="10000001", pin="0000", now=now)
    with pytest.raises(CardExpired):
        services.authenticate_patron(card_number="10000001", pin="1234", now=now)


def test_the_card_expires_after_the_categorys_validity(register):
    patron = register()
    assert patron.card_expires == dt.date(2031, 6, 15)


def test_a_replaced_card_is_refused_with_its_own_message_and_the_account_is_kept(register, now):
    patron = register(personnummer="19811218-9876", keep_loan_history=True)
    services.block_patron(patron=patron, reason=BlockReason.LOST_CARD, now=now)
    fee_block = services.block_patron(patron=patron, reason=BlockReason.FEES, now=now)

    services.replace_card(patron=patron, new_card_number="10000099", reason="Förlorat", now=now)

    with pytest.raises(CardRetired) as raised:
        services.authenticate_patron(card_number="10000001", pin="1234", now=now)
    assert "ersatts" in raised.value.message and "förlorat" in raised.value.message
    with pytest.raises(CardRetired):
        selectors.patron_by_card("10000001")
    same = services.authenticate_patron(card_number="10000099", pin="1234", now=now)
    assert same.pk == patron.pk
    assert (same.personnummer, same.keep_loan_history, same.email) == (
        "198112189876",
        True,
        "anna@example.org",
    )
    assert RetiredCard.objects.get(card_number="10000001").patron_id == patron.pk
    # The lost-card block is over (a new card is out); the fee block is not.
    assert list(selectors.active_blocks(same)) == [fee_block]


def test_a_retired_card_number_is_never_issued_again(register, now):
    patron = register()
    services.replace_card(patron=patron, new_card_number="10000099", reason="Stulet", now=now)
    with pytest.raises(CardNumberInUse):
        register(card_number="10000001", email="")
    other = register(card_number="10000002", email="")
    with pytest.raises(CardNumberInUse):
        services.replace_card(patron=other, new_card_number="10000001", reason="x", now=now)
    with pytest.raises(CardNumberInUse):
        services.replace_card(patron=other, new_card_number="10000099", reason="x", now=now)


def test_the_personnummer_is_stored_compact_and_only_when_given(register, now):
    without = register(card_number="10000002")
    assert without.personnummer is None
    with_pnr = register(card_number="10000003", personnummer="811218-9876")
    assert with_pnr.personnummer == "198112189876"
    assert with_pnr.birth_date == dt.date(1981, 12, 18)
    with pytest.raises(PersonnummerInUse):
        services.set_personnummer(patron=without, personnummer="198112189876", now=now)
    services.set_personnummer(patron=with_pnr, personnummer=None, now=now)
    assert Patron.objects.get(pk=with_pnr.pk).personnummer is None


def test_a_bad_personnummer_refuses_the_registration(register):
    with pytest.raises(InvalidPersonnummer):
        register(personnummer="19811218-9875")
    assert not Patron.objects.exists()


def test_every_sign_in_failure_is_an_authentication_failure():
    assert all(
        issubclass(error, AuthenticationFailed)
        for error in (UnknownCard, CardRetired, CardExpired, WrongPin)
    )


def test_renewing_an_expired_card_lets_the_patron_sign_in_again(register, now):
    patron = register(card_expires=dt.date(2026, 1, 1))
    services.renew_card(patron=patron, now=now)
    assert patron.card_expires == dt.date(2031, 6, 15)
    assert services.authenticate_patron(card_number="10000001", pin="1234", now=now) == patron
