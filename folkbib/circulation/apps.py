from django.apps import AppConfig


class CirculationConfig(AppConfig):
    name = "folkbib.circulation"
    label = "circulation"
