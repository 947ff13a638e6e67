"""Lock-out after repeated wrong PINs, per card and per address.

A card is locked for ``LOCK_MINUTES`` after ``CARD_LIMIT`` failures within
``WINDOW_MINUTES``; an address after ``ADDRESS_LIMIT`` (a family behind one router
may share it, so the limit is higher). A successful sign-in clears the card's count.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from folkbib.patrons.errors import TooManyAttempts
from folkbib.patrons.models import LoginThrottle

CARD_LIMIT = 5
ADDRESS_LIMIT = 30
WINDOW_MINUTES = 15
LOCK_MINUTES = 15


def card_key(card_number: str) -> str:
    return f"card:{card_number.strip()[:32]}"


def address_key(address: str) -> str:
    return f"ip:{address[:64]}"


def _limit(key: str) -> int:
    return CARD_LIMIT if key.startswith("card:") else ADDRESS_LIMIT


def check(keys: list[str], *, now: dt.datetime) -> None:
    """Raise :class:`TooManyAttempts` if any of ``keys`` is locked now."""
    locked = LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now).order_by(
        "-locked_until"
    )
    row = locked.first()
    if row is not None and row.locked_until is not None:
        minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
        raise TooManyAttempts(
            _(
                "För många felaktiga försök. Vänta %(minutes)d minuter och försök igen, "
                "eller kontakta biblioteket."
            )
            % {"minutes": minutes}
        )


@transaction.atomic
def record_failure(keys: list[str], *, now: dt.datetime) -> None:
    """Count one failed sign-in against each key; lock a key that reaches its limit."""
    window = dt.timedelta(minutes=WINDOW_MINUTES)
    for key in keys:
        row = LoginThrottle.objects.select_for_update().filter(key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = LoginThrottle.objects.create(key=key, failures=0, window_started_at=now)
            except IntegrityError:  # another request created it a moment ago
                row = LoginThrottle.objects.select_for_update().get(key=key)
        if now - row.window_started_at > window:
            row.failures = 0
            row.window_started_at = now
        row.failures += 1
        if row.failures >= _limit(key):
            row.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
        row.save()


def clear(keys: list[str]) -> None:
    LoginThrottle.objects.filter(key__in=keys).delete()
