from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "sru"

urlpatterns: list[URLPattern | URLResolver] = [path("", views.sru, name="sru")]
