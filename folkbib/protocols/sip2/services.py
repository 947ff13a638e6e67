"""Writes and checks of SIP2 terminal accounts (the terminal's password is hashed here)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from folkbib.consortium.models import Branch
from folkbib.core.errors import ValidationFailed
from folkbib.protocols.sip2.errors import UnknownTerminal
from folkbib.protocols.sip2.models import Sip2Encoding, Sip2Terminal

#: The demo region's self-check at Umeå stadsbibliotek (listed in the README).
DEMO_USERNAME = "sip-umea"
DEMO_PASSWORD = "sip-umea"
DEMO_INSTITUTION = "UMEA"


@transaction.atomic
def define_terminal(
    *,
    username: str,
    password: str,
    branch: Branch,
    institution_id: str,
    now: dt.datetime,
    language: str = "sv",
    encoding: str = Sip2Encoding.UTF8,
    location_code: str = "",
    pin_required: bool = True,
    shows_hold_patron: bool = False,
) -> Sip2Terminal:
    """Create the terminal ``username`` or bring it to exactly these settings."""
    if encoding not in Sip2Encoding.values:
        raise ValidationFailed(f"unknown encoding {encoding!r}")
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationFailed(f"unknown language {language!r}")
    if not username or not password:
        raise ValidationFailed("a terminal needs a name and a password")
    terminal, _created = Sip2Terminal.objects.update_or_create(
        username=username,
        defaults={
            "password_hash": make_password(password),
            "branch": branch,
            "institution_id": institution_id,
            "language": language,
            "encoding": encoding,
            "location_code": location_code,
            "pin_required": pin_required,
            "shows_hold_patron": shows_hold_patron,
            "is_active": True,
        },
        create_defaults={
            "password_hash": make_password(password),
            "branch": branch,
            "institution_id": institution_id,
            "language": language,
            "encoding": encoding,
            "location_code": location_code,
            "pin_required": pin_required,
            "shows_hold_patron": shows_hold_patron,
            "is_active": True,
            "created_at": now,
        },
    )
    return terminal


def authenticate_terminal(*, username: str, password: str) -> Sip2Terminal:
    """The active terminal with this name and password, or :class:`UnknownTerminal`.

    An unknown name costs a hash too, so timing does not tell which names exist.
    """
    terminal = (
        Sip2Terminal.objects.select_related("branch__municipality")
        .filter(username=username, is_active=True)
        .first()
    )
    if terminal is None:
        make_password(password)
        raise UnknownTerminal()
    if not check_password(password, terminal.password_hash):
        raise UnknownTerminal()
    return terminal


def ensure_demo_terminal(*, branch: Branch, now: dt.datetime) -> Sip2Terminal:
    """The demo region's terminal ``sip-umea`` / ``sip-umea`` at ``branch``, institution UMEA."""
    return define_terminal(
        username=DEMO_USERNAME,
        password=DEMO_PASSWORD,
        branch=branch,
        institution_id=DEMO_INSTITUTION,
        now=now,
        location_code=branch.code,
    )
