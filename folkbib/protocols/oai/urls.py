from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "oai"

urlpatterns: list[URLPattern | URLResolver] = [path("", views.oai, name="oai")]
