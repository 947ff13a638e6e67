"""What a web process checks before it serves: production never starts with demo secrets."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_demo_secrets_in_production() -> None:
    """Raise if ``settings.PRODUCTION`` and the demo key or demo accounts are present.

    ``runserver`` and management commands run Django's system checks themselves; a WSGI
    or ASGI server does not, so the entry points call this.
    """
    if not settings.PRODUCTION:
        return
    from folkbib.demo.checks import check_production_has_no_demo_secrets

    errors = check_production_has_no_demo_secrets()
    if errors:
        raise ImproperlyConfigured(
            "folkbib refuses to start: " + " ".join(f"[{e.id}] {e.msg}" for e in errors)
        )
