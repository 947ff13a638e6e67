"""Request middleware shared by every public page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class RegionLanguageMiddleware(LocaleMiddleware):
    """The region's language (Swedish) first, whatever the browser asks for.

    Django's own middleware follows ``Accept-Language``, so a visitor whose browser
    happens to be set to English would never see the default. Here only an explicit
    choice — the language switch, which sets Django's language cookie — changes it.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
