from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "folkbib.core"
    label = "core"
