from django.urls import include, path

from folkbib.portal import account_urls, browse_views, views

app_name = "portal"

urlpatterns = [
    path("", views.search, name="search"),
    path("post/<int:record_id>/", views.record, name="record"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("bladdra/", browse_views.browse, name="browse"),
    path("forslag/", browse_views.suggestions, name="suggestions"),
    path("nytt/<str:code>/", browse_views.new_arrivals, name="new_arrivals"),
    *account_urls.urlpatterns,
    path("", include("folkbib.portal.community_urls")),
]
