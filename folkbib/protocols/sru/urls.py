from django.urls import URLPattern, URLResolver, path  # noqa: F401 - routes go here

app_name = "sru"

urlpatterns: list[URLPattern | URLResolver] = []
