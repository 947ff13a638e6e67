from django.apps import AppConfig


class Sip2Config(AppConfig):
    name = "folkbib.protocols.sip2"
    label = "sip2"
    verbose_name = "SIP2"
