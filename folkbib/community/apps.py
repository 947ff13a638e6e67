from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "folkbib.community"
    label = "community"
