from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "folkbib.catalog"
    label = "catalog"
