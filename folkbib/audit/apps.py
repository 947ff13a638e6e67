from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "folkbib.audit"
    label = "audit"
