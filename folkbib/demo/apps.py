from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "folkbib.demo"
    label = "demo"

    def ready(self) -> None:
        from django.core.checks import Tags, register

        from folkbib.demo.checks import check_production_has_no_demo_secrets

        register(check_production_has_no_demo_secrets, Tags.security)
