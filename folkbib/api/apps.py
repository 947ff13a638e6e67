from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "folkbib.api"
    label = "api"
