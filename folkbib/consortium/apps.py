from django.apps import AppConfig


class ConsortiumConfig(AppConfig):
    name = "folkbib.consortium"
    label = "consortium"
