"""Staff changes to the region's machines: talking kiosks and SIP2 terminals, audited.

The models belong to their apps (``talking.Kiosk``, ``protocols.sip2.Sip2Terminal``);
a new terminal is made by ``sip2.services.define_terminal`` with its checks. What is
added here is the editing of an existing one without retyping its password, and the
audit entry. A terminal's password never enters the audit: only that it was changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from folkbib.audit.services import record_change, save_audited, snapshot
from folkbib.protocols.sip2 import services as sip2
from folkbib.protocols.sip2.models import Sip2Terminal
from folkbib.talking.models import Kiosk

KIOSK_FIELDS = ("name", "branch", "default_language", "is_active")
TERMINAL_FIELDS = (
    "username",
    "branch",
    "institution_id",
    "location_code",
    "language",
    "encoding",
    "pin_required",
    "shows_hold_patron",
    "is_active",
)


def save_kiosk(
    *, staff: Any, kiosk: Kiosk | None, values: Mapping[str, Any], now: dt.datetime
) -> Kiosk:
    """Register a kiosk (``kiosk`` None) or set these values on it."""
    return save_audited(
        staff=staff,
        instance=kiosk or Kiosk(),
        fields=KIOSK_FIELDS,
        values=values,
        action="kiosk",
        now=now,
    )


@transaction.atomic
def save_terminal(
    *,
    staff: Any,
    terminal: Sip2Terminal | None,
    values: Mapping[str, Any],
    password: str,
    now: dt.datetime,
) -> Sip2Terminal:
    """Create a terminal (``terminal`` None; ``password`` required) or change one.

    For an existing terminal an empty ``password`` keeps the old one.
    """
    before = snapshot(terminal, TERMINAL_FIELDS)
    if terminal is None:
        fields = {k: v for k, v in values.items() if k in TERMINAL_FIELDS and k != "is_active"}
        terminal = sip2.define_terminal(password=password, now=now, **fields)
        if values.get("is_active") is False:
            terminal.is_active = False
            terminal.save(update_fields=["is_active"])
    else:
        for name in TERMINAL_FIELDS:
            if name in values:
                setattr(terminal, name, values[name])
        if password:
            terminal.password_hash = make_password(password)
        terminal.save()
    after = snapshot(terminal, TERMINAL_FIELDS)
    if before is not None and password and after is not None:
        after = {**after, "password": "***"}
    record_change(
        staff=staff,
        action="sip2_terminal.create" if before is None else "sip2_terminal.update",
        subject=terminal,
        before=before,
        after=after,
        now=now,
        municipality=terminal.branch.municipality_id,
    )
    return terminal
