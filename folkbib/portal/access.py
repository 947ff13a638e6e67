"""Who may see a portal page, and where a form may send the browser back to."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from folkbib.core.redirects import next_on_this_site
from folkbib.patrons.auth import session_patron

View = Callable[..., HttpResponse]


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The ``next`` a form or link carries, if it stays on this site; else ``default``.

    With no usable ``next`` and no ``default``: the search page.
    """
    return next_on_this_site(request) or default or reverse("portal:search")


def patron_required(view: View) -> View:
    """Hand the view the signed-in patron; send everyone else to sign in and back.

    Back means the page itself for a GET, and the form's own ``next`` for a POST (a
    POST-only address cannot be opened again). Pages behind it are never cached.
    """

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        patron = session_patron(request)
        if patron is None:
            back = request.get_full_path() if request.method == "GET" else safe_next(request)
            login = reverse("portal:login")
            return HttpResponseRedirect(f"{login}?next={quote(back, safe='/')}")
        return view(request, patron, *args, **kwargs)

    return wrapper
