"""PIN format and personnummer validation (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.patrons.errors import InvalidCardNumber, InvalidPersonnummer, InvalidPin
from folkbib.patrons.identity import normalize_card_number, normalize_personnummer, validate_pin

TODAY = dt.date(2026, 6, 15)


@pytest.mark.parametrize("pin", ["1234", "00000000", "123456"])
def test_a_pin_of_four_to_eight_digits_is_accepted(pin):
    assert validate_pin(pin) == pin


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", " 1234", "１２３４"])
def test_a_pin_that_is_not_four_to_eight_digits_is_refused_with_a_clear_message(pin):
    with pytest.raises(InvalidPin) as raised:
        validate_pin(pin)
    assert raised.value.message == "PIN-koden måste bestå av 4 till 8 siffror."
    assert raised.value.field == "pin"


@pytest.mark.parametrize(
    "given",
    ["19811218-9876", "198112189876", "811218-9876", "8112189876", " 19811218 9876 "],
)
def test_a_personnummer_is_stored_in_its_compact_twelve_digit_form(given):
    assert normalize_personnummer(given, today=TODAY) == "198112189876"


def test_a_plus_sign_means_the_person_is_a_hundred_or_older():
    assert normalize_personnummer("121212-1212", today=TODAY) == "201212121212"
    assert normalize_personnummer("121212+1212", today=TODAY) == "191212121212"
    assert normalize_personnummer("191212-1215", today=TODAY) == "201912121215"
    assert normalize_personnummer("191212+1215", today=TODAY) == "191912121215"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "19811218-9875",
            "Personnumrets kontrollsiffra stämmer inte. Kontrollera de fyra sista siffrorna.",
        ),
        ("1981121-9876", "Personnumret har fel längd. Skriv det som ÅÅÅÅMMDD-NNNN."),
        ("19811318-9876", "Personnumret börjar inte med ett giltigt födelsedatum."),
        ("1981121x-9876", "Personnumret får bara innehålla siffror och ett bindestreck."),
    ],
)
def test_a_bad_personnummer_gets_a_precise_error(given, message):
    with pytest.raises(InvalidPersonnummer) as raised:
        normalize_personnummer(given, today=TODAY)
    assert raised.value.message == message
    assert given not in raised.value.message


def test_a_card_number_may_be_typed_with_spaces():
    assert normalize_card_number(" 1000 0001 ") == "10000001"
    with pytest.raises(InvalidCardNumber):
        normalize_card_number("12-3")
