"""Signing in to the REST API: card and PIN for a bearer token, and back.

Services in the house style (keyword-only, atomic, ``now`` passed in). The token is
returned once and only its hash is kept (``PatronToken``). Wrong PINs count against
the card and the address in ``patrons.throttle``, the same lock-out as the portal
and the kiosk, so an app is no side door for guessing PINs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.crypto import constant_time_compare, salted_hmac

from folkbib.api.models import PatronToken
from folkbib.core.errors import FolkbibError
from folkbib.patrons import services as patron_services
from folkbib.patrons import throttle
from folkbib.patrons.errors import TooManyAttempts
from folkbib.patrons.models import LoginThrottle, Patron

#: A token lasts this long from sign-in; the app then asks for card and PIN again.
TOKEN_LIFETIME = dt.timedelta(days=30)
#: ``last_used_at`` is written at most this often, so reads do not each cost a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedToken:
    token: str  # shown to the caller once; never stored
    patron: Patron
    expires_at: dt.datetime


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def credentials_hash(patron: Patron) -> str:
    return salted_hmac(
        "folkbib.api.tokens", f"{patron.card_number}:{patron.pin_hash}", algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def issue_token(*, patron: Patron, now: dt.datetime) -> IssuedToken:
    """A new token for ``patron`` (already authenticated by the caller).

    The patron's own expired tokens are deleted on the way, so the table holds at most
    the live tokens plus the expired ones of patrons who never signed in again.
    """
    PatronToken.objects.filter(patron=patron, expires_at__lte=now).delete()
    token = secrets.token_urlsafe(32)
    expires_at = now + TOKEN_LIFETIME
    PatronToken.objects.create(
        patron=patron,
        key_hash=hash_token(token),
        credentials_hash=credentials_hash(patron),
        created_at=now,
        expires_at=expires_at,
    )
    return IssuedToken(token=token, patron=patron, expires_at=expires_at)


def sign_in(*, card_number: str, pin: str, address: str, now: dt.datetime) -> IssuedToken:
    """A token for the patron whose card and PIN these are.

    Raises ``TooManyAttempts`` while the card or the address is locked, else the
    typed ``AuthenticationFailed`` of ``authenticate_patron``; each failure counts.
    """
    keys = [throttle.card_key(card_number), throttle.address_key(address)]
    throttle.check(keys, now=now)
    try:
        patron = patron_services.authenticate_patron(card_number=card_number, pin=pin, now=now)
    except FolkbibError as error:
        if not isinstance(error, TooManyAttempts):
            throttle.record_failure(keys, now=now)
        raise
    throttle.clear(keys[:1])
    return issue_token(patron=patron, now=now)


def patron_for_token(token: str, *, now: dt.datetime) -> PatronToken | None:
    """The live token row (with its patron) for a presented token, or None.

    An expired token is as good as none, and so is one issued before the patron's PIN
    changed or their card was replaced. ``last_used_at`` is refreshed at most every
    few minutes.
    """
    row = (
        PatronToken.objects.select_related("patron__home_branch", "patron__category")
        .filter(key_hash=hash_token(token), expires_at__gt=now)
        .first()
    )
    if row is None or not constant_time_compare(row.credentials_hash, credentials_hash(row.patron)):
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        PatronToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row


@transaction.atomic
def revoke_token(*, token: PatronToken, now: dt.datetime) -> None:
    """Sign this app out: the token stops working at once."""
    PatronToken.objects.filter(pk=token.pk).delete()


def retry_after_seconds(*, card_number: str, address: str, now: dt.datetime) -> int:
    """Seconds until neither the card nor the address is locked out (at least 1)."""
    keys = [throttle.card_key(card_number), throttle.address_key(address)]
    until = LoginThrottle.objects.filter(key__in=keys, locked_until__gt=now).aggregate(
        until=Max("locked_until")
    )["until"]
    if until is None:
        return 1
    return max(1, math.ceil((until - now).total_seconds()))
