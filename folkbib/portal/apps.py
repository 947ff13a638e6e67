from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "folkbib.portal"
    label = "portal"
