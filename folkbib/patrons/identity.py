"""Pure checks of what identifies a patron: card numbers, PINs, Swedish personnummer.

No ORM and no hashing here (see ``patrons.pins``); every function returns the value in
the one form the database stores, or raises a typed error whose message says exactly
what is wrong without repeating the secret.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.se import personnummer as stdnum_personnummer

from folkbib.patrons.errors import InvalidCardNumber, InvalidPersonnummer, InvalidPin

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 8
_PIN_RE = re.compile(rf"[0-9]{{{PIN_MIN_LENGTH},{PIN_MAX_LENGTH}}}")
_CARD_RE = re.compile(r"[0-9A-Za-z]{4,32}")


def validate_pin(pin: str) -> str:
    """A PIN is 4 to 8 digits; returns it unchanged or raises :class:`InvalidPin`."""
    if not isinstance(pin, str) or not _PIN_RE.fullmatch(pin):
        raise InvalidPin(
            _("PIN-koden måste bestå av %(min)d till %(max)d siffror.")
            % {"min": PIN_MIN_LENGTH, "max": PIN_MAX_LENGTH}
        )
    return pin


def normalize_card_number(card_number: str) -> str:
    """Strip spaces; a card number is 4-32 letters or digits."""
    value = "".join(str(card_number).split())
    if not _CARD_RE.fullmatch(value):
        raise InvalidCardNumber(_("Kortnumret måste bestå av 4 till 32 siffror eller bokstäver."))
    return value


def normalize_personnummer(value: str, *, today: dt.date) -> str:
    """Validate a personnummer and return its compact 12-digit form ``YYYYMMDDNNNN``.

    Accepts ``YYYYMMDD-NNNN``, ``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (aged 100 or more) and
    the same without separator. A 10-digit number gets its century from ``today``.
    """
    try:
        compact = stdnum_personnummer.validate(value)
    except stdnum_errors.InvalidLength as exc:
        raise InvalidPersonnummer(
            _("Personnumret har fel längd. Skriv det som ÅÅÅÅMMDD-NNNN.")
        ) from exc
    except stdnum_errors.InvalidFormat as exc:
        raise InvalidPersonnummer(
            _("Personnumret får bara innehålla siffror och ett bindestreck.")
        ) from exc
    except stdnum_errors.InvalidComponent as exc:
        raise InvalidPersonnummer(
            _("Personnumret börjar inte med ett giltigt födelsedatum.")
        ) from exc
    except stdnum_errors.InvalidChecksum as exc:
        raise InvalidPersonnummer(
            _("Personnumrets kontrollsiffra stämmer inte. Kontrollera de fyra sista siffrorna.")
        ) from exc
    except stdnum_errors.ValidationError as exc:
        raise InvalidPersonnummer(_("Personnumret är inte giltigt.")) from exc
    separator, digits = compact[-5], compact[:-5] + compact[-4:]
    if len(digits) == 12:
        full = digits
    else:
        yy = int(digits[:2])
        century = today.year // 100 - (1 if yy > today.year % 100 else 0)
        if separator == "+":
            century -= 1
        full = f"{century:02d}{digits}"
    try:
        dt.date(int(full[:4]), int(full[4:6]), int(full[6:8]))
    except ValueError as exc:
        raise InvalidPersonnummer(
            _("Personnumret börjar inte med ett giltigt födelsedatum.")
        ) from exc
    if full[:8] > today.strftime("%Y%m%d"):
        raise InvalidPersonnummer(_("Födelsedatumet i personnumret ligger i framtiden."))
    return full


def birth_date_of(personnummer: str) -> dt.date:
    """The birth date in a compact 12-digit personnummer."""
    return dt.date(int(personnummer[:4]), int(personnummer[4:6]), int(personnummer[6:8]))
