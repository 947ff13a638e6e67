from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "folkbib.operations"
    label = "operations"

    def ready(self) -> None:
        from django.core.checks import Tags, register

        from folkbib.operations import checks, receivers

        receivers.connect()
        register(checks.check_deployment, Tags.security, deploy=True)
