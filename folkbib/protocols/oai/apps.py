from django.apps import AppConfig


class OaiConfig(AppConfig):
    name = "folkbib.protocols.oai"
    label = "oai"
    verbose_name = "OAI-PMH"
