"""Staff routes for statistics; included by folkbib/staff/urls.py into the "staff" namespace."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
