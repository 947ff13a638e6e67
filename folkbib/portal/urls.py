from django.urls import path

from folkbib.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.search, name="search"),
]
