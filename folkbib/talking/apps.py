from django.apps import AppConfig


class TalkingConfig(AppConfig):
    name = "folkbib.talking"
    label = "talking"
    verbose_name = "AudioIndex"
