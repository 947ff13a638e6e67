from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "folkbib.bench"
    label = "bench"
