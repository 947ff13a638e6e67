from django.urls import path  # noqa: F401 - the endpoint's routes are added here

app_name = "oai"

urlpatterns: list = []
