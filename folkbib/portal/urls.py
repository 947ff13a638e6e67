from django.urls import path

from folkbib.portal import account_urls, views

app_name = "portal"

urlpatterns = [
    path("", views.search, name="search"),
    path("post/<int:record_id>/", views.record, name="record"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    *account_urls.urlpatterns,
]
