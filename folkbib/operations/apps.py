from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "folkbib.operations"
    label = "operations"

    def ready(self) -> None:
        from folkbib.operations import receivers

        receivers.connect()
