from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "folkbib.demo"
    label = "demo"
