"""The language switch: a GET form, so no page has to carry a CSRF token for it.

Every page offers the other languages. Django's ``set_language`` takes a POST, which
put a CSRF token on every page: for a visitor without a token cookie that is two new
random strings (64 ``secrets.choice`` calls, each reading the kernel's random source)
and a cookie set on a mere visit, 12 % of a record page's instructions (callgrind,
docs/PERFORMANCE.md, Portal, session 10). The choice of language changes nothing but
how the visitor's own pages read, so a link-like GET is what it needs: the cookie is
SameSite=Lax (a cross-site image cannot set it) and the answer is never cached.
``/i18n/setlang/`` stays for clients that POST to it.
"""

from __future__ import annotations

from typing import Literal, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from folkbib.core.redirects import next_on_this_site


@never_cache
@require_safe
def choose_language(request: HttpRequest) -> HttpResponseRedirect:
    """Remember ``language`` in Django's language cookie and go back to ``next``."""
    response = HttpResponseRedirect(next_on_this_site(request) or "/")
    language = request.GET.get("language", "")
    if language in {code for code, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=cast(
                Literal["Lax", "Strict", "None"] | None, settings.LANGUAGE_COOKIE_SAMESITE
            ),
        )
    return response
