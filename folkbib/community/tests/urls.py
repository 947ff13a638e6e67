"""A test-only URLconf: the portal plus the community pages, as they will be wired.

Until ``folkbib.portal.urls`` includes ``community_urls``, this adds them, a login-as
helper for tests (never in real URLs), and the record page with the community block
included as ``record.html`` will include it.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import engines
from django.urls import include, path

from folkbib.catalog.models import Record
from folkbib.core.language import choose_language
from folkbib.patrons.auth import login_patron
from folkbib.patrons.models import Patron
from folkbib.portal import urls as portal_urls

RECORD_PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}{{ record.title }}{% endblock %}'
    "{% block content %}{% load community %}<h1>{{ record.title }}</h1>"
    "{% record_community_block record %}{% endblock %}"
)


def login_as(request: HttpRequest, patron_id: int) -> HttpResponse:
    login_patron(request, get_object_or_404(Patron, pk=patron_id))
    return redirect(request.GET.get("next", "/"))


def record_page(request: HttpRequest, record_id: int) -> HttpResponse:
    record = get_object_or_404(Record, pk=record_id)
    return HttpResponse(RECORD_PAGE.render({"record": record}, request))


portal_patterns = (
    [
        path("post/<int:record_id>/", record_page, name="record"),
        *portal_urls.urlpatterns,
        path("", include("folkbib.portal.community_urls")),
        path("test/logga-in-som/<int:patron_id>/", login_as, name="test_login_as"),
    ],
    "portal",
)

urlpatterns = [
    path("sprak/", choose_language, name="choose_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include(portal_patterns)),
]
