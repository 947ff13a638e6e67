"""folkbib's own deployment checks, run by ``folkbib check-deploy`` after ``check --deploy``.

Django's deploy checks cover cookies, HSTS and SSL redirects once they are set; these
cover what only folkbib knows: production mode on, the demo's published secrets gone
(``folkbib.demo.checks`` does that at every start in production; here it runs even
when ``FOLKBIB_PRODUCTION`` was forgotten), hosts named, e-mail able to reach patrons.
They are not registered with Django's ``check --deploy``: a site may run without mail
for a while (a warning there would stop every command run with ``--fail-level``), but
``check-deploy`` is the question "is this ready for the public?", and asks it all.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.db import DatabaseError

# Backends that never deliver a message to a patron.
_LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver", "::1", "*"}


def check_deployment(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    production = getattr(settings, "PRODUCTION", False)
    if not production:
        messages.append(
            Error(
                "FOLKBIB_PRODUCTION is not set: cookies are sent without HTTPS, "
                "no HSTS, no redirect to HTTPS.",
                hint="Set FOLKBIB_PRODUCTION=true (and DEBUG=false) on the server.",
                id="folkbib.E101",
            )
        )
        messages += _demo_secrets()
    if settings.DEBUG:
        messages.append(
            Error(
                "DEBUG is on: error pages show settings and code to anyone.",
                hint="Set DEBUG=false.",
                id="folkbib.E102",
            )
        )
    if not set(settings.ALLOWED_HOSTS) - _LOCAL_HOSTS:
        messages.append(
            Error(
                "ALLOWED_HOSTS names no public host name.",
                hint="Set ALLOWED_HOSTS=bibliotek.example.se (comma-separated).",
                id="folkbib.E103",
            )
        )
    messages += _email()
    return messages


def _demo_secrets() -> list[CheckMessage]:
    """The demo's published key and accounts (in production ``folkbib.demo.checks`` says it)."""
    from folkbib.demo.checks import demo_accounts_present

    messages: list[CheckMessage] = []
    if getattr(settings, "DEMO_SECRET_KEY", None) == settings.SECRET_KEY:
        messages.append(
            Error(
                "SECRET_KEY is the demo key that ships with folkbib.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value.",
                id="folkbib.E104",
            )
        )
    try:
        accounts = demo_accounts_present()
    except DatabaseError:
        accounts = []  # not migrated yet: no accounts exist
    if accounts:
        messages.append(
            Error(
                "Demo accounts with published credentials exist: " + ", ".join(accounts) + ".",
                hint="Delete them or change their passwords and PINs.",
                id="folkbib.E105",
            )
        )
    return messages


def _email() -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    if settings.EMAIL_BACKEND in _LOCAL_EMAIL_BACKENDS:
        messages.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: notices never reach patrons.",
                hint="Use the SMTP backend (the production default) and set EMAIL_HOST.",
                id="folkbib.E106",
            )
        )
    elif settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend" and (
        settings.EMAIL_HOST in {"", "localhost", "127.0.0.1"}
    ):
        messages.append(
            Warning(
                "EMAIL_HOST is this machine: notices reach patrons only if a mail "
                "server runs here and relays.",
                hint="Set EMAIL_HOST to the region's mail relay, or confirm a local relay.",
                id="folkbib.W107",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        messages.append(
            Error(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL}: mail from it is refused.",
                hint="Set DEFAULT_FROM_EMAIL=bibliotek@<the region's domain>.",
                id="folkbib.E108",
            )
        )
    return messages
