"""What every desk view shares: the time, running a service and keeping its outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from folkbib.core import clock
from folkbib.core.errors import FolkbibError
from folkbib.staff import session


def now() -> Any:
    return clock.now()


def attempt(
    request: HttpRequest,
    action: Callable[[], None],
    *,
    back: str,
    keep: str = "",
) -> HttpResponseRedirect:
    """Run ``action``; a typed error becomes the message shown on ``back``."""
    try:
        action()
    except FolkbibError as error:
        session.show(request, session.ERROR, error.message, keep=keep)
    return redirect(back)


def form_error(request: HttpRequest, form: Any, *, back: str) -> HttpResponseRedirect:
    """A form that does not validate: its first message, shown like a service error."""
    messages = [str(message) for errors in form.errors.values() for message in errors]
    session.show(request, session.ERROR, messages[0] if messages else _("Kontrollera uppgifterna."))
    return redirect(back)
