"""Staff routes for statistics; included by folkbib/staff/urls.py into the "staff" namespace."""

from django.urls import URLPattern, URLResolver, path

from folkbib.staff.views import statistics

urlpatterns: list[URLPattern | URLResolver] = [
    path("statistik/", statistics.index, name="statistics"),
    path("statistik/verksamhet/", statistics.activity, name="statistics_activity"),
    path("statistik/fordelning/", statistics.breakdown, name="statistics_breakdown"),
    path("statistik/floden/", statistics.flows, name="statistics_flows"),
    path("statistik/reservationer/", statistics.holds, name="statistics_holds"),
    path("statistik/bestand/", statistics.collection, name="statistics_collection"),
    path("statistik/arsrapport/", statistics.yearly, name="statistics_yearly"),
]
