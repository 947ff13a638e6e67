from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "folkbib.staff"
    label = "staff"
    verbose_name = "Staff"
