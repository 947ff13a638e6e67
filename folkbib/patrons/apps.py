from django.apps import AppConfig


class PatronsConfig(AppConfig):
    name = "folkbib.patrons"
    label = "patrons"
