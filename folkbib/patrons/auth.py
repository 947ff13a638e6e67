"""Signing a patron in and out of a web session (portal, kiosk).

Patrons are not Django users: the session holds the patron's id and a keyed hash of the
card number and PIN hash, so changing the PIN or replacing a lost card ends every
other session of that patron (the same idea as Django's session auth hash).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac

from folkbib.patrons.models import Patron

SESSION_PATRON_ID = "folkbib_patron_id"
SESSION_PATRON_HASH = "folkbib_patron_hash"


def _session_hash(patron: Patron) -> str:
    return salted_hmac(
        "folkbib.patrons.auth", f"{patron.card_number}:{patron.pin_hash}", algorithm="sha256"
    ).hexdigest()


def login_patron(request: HttpRequest, patron: Patron) -> None:
    """Bind ``patron`` to the session, under a new session key (no session fixation)."""
    request.session.cycle_key()
    request.session[SESSION_PATRON_ID] = patron.pk
    request.session[SESSION_PATRON_HASH] = _session_hash(patron)


def logout_patron(request: HttpRequest) -> None:
    """Forget everything in the session (the staff user, if any, is in another session)."""
    request.session.flush()


def session_patron(request: HttpRequest) -> Patron | None:
    """The signed-in patron, or None; a stale session (new PIN, new card) is cleared."""
    patron_id = request.session.get(SESSION_PATRON_ID)
    if patron_id is None:
        return None
    patron = Patron.objects.select_related("home_branch", "category").filter(pk=patron_id).first()
    if patron is None or not constant_time_compare(
        request.session.get(SESSION_PATRON_HASH, ""), _session_hash(patron)
    ):
        request.session.flush()
        return None
    return patron
