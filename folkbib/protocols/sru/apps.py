from django.apps import AppConfig


class SruConfig(AppConfig):
    name = "folkbib.protocols.sru"
    label = "sru"
    verbose_name = "SRU"
