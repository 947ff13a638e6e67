"""Staff routes for patrons; included by folkbib/staff/urls.py into the "staff" namespace."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
