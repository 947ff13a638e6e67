"""A production deployment refuses to start with the demo's known secrets in it.

Registered from ``DemoConfig.ready``. With ``settings.PRODUCTION`` true:

- ``folkbib.E001``: ``SECRET_KEY`` is the demo key that ships in ``config/settings.py``;
- ``folkbib.E002``: a demo account still has its published credentials (the staff users
  ``bibliotekarie`` / ``admin`` with password ``demo-demo-demo``, the demo patrons'
  cards with PIN ``1234``, or the SIP2 terminal ``sip-umea`` / ``sip-umea``).

An account counts as a demo account only while its published password still works, so
a real administrator who happens to be called ``admin`` is not an error.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import CheckMessage, Error
from django.db import DatabaseError

from folkbib.demo import people


def demo_accounts_present() -> list[str]:
    """Names of accounts that still open with the demo credentials."""
    from django.contrib.auth.hashers import check_password

    from folkbib.patrons.models import Patron
    from folkbib.patrons.pins import pin_matches
    from folkbib.protocols.sip2 import services as sip2
    from folkbib.protocols.sip2.models import Sip2Terminal

    found = [
        user.get_username()
        for user in get_user_model()
        .objects.filter(username__in=people.DEMO_STAFF_USERNAMES)
        .order_by("username")
        if user.check_password(people.DEMO_STAFF_PASSWORD)
    ]
    fixed_cards = [str(people.FIRST_CARD), str(people.FIRST_CARD + 1)]
    found += [
        f"card {patron.card_number}"
        for patron in Patron.objects.filter(card_number__in=fixed_cards).order_by("card_number")
        if pin_matches(people.DEMO_PIN, patron.pin_hash)
    ]
    found += [
        f"SIP2 terminal {terminal.username}"
        for terminal in Sip2Terminal.objects.filter(username=sip2.DEMO_USERNAME)
        if check_password(sip2.DEMO_PASSWORD, terminal.password_hash)
    ]
    return found


def check_production_has_no_demo_secrets(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors: list[CheckMessage] = []
    if getattr(settings, "DEMO_SECRET_KEY", None) == settings.SECRET_KEY:
        errors.append(
            Error(
                "SECRET_KEY is the demo key that ships with folkbib.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value.",
                id="folkbib.E001",
            )
        )
    try:
        accounts = demo_accounts_present()
    except DatabaseError:
        # Not migrated yet (e.g. during the first `migrate`): no accounts can exist.
        accounts = []
    if accounts:
        errors.append(
            Error(
                "Demo accounts with published credentials exist: " + ", ".join(accounts) + ".",
                hint="Delete them or change their passwords and PINs; "
                "never run `folkbib load-demo` against a production database.",
                id="folkbib.E002",
            )
        )
    return errors
