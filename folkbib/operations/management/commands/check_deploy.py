"""``folkbib check-deploy``: is this configuration fit to face the public?

Django's ``check --deploy`` (cookies, HSTS, SSL redirect, secret key strength) plus
folkbib's own (``folkbib.operations.checks``: production mode, demo secrets gone,
hosts, e-mail) and a readiness probe (database, search index, speech engine). Exits
non-zero on any warning or error, so it can gate a deployment script.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from folkbib.operations.checks import check_deployment
from folkbib.operations.health import readiness


class Command(BaseCommand):
    help = (
        "Check the deployment: Django's check --deploy, folkbib's own checks (production "
        "mode, no demo secrets or accounts, HTTPS, e-mail), then database, search index "
        "and speech engine. Non-zero exit on any problem."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        problems = []
        try:
            call_command(
                "check",
                deploy=True,
                fail_level="WARNING",
                databases=["default"],
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except CommandError as error:
            problems.append(str(error))
        for message in check_deployment():
            self.stdout.write(str(message))  # "?: (folkbib.E101) ...", with its HINT line
            problems.append(str(message))
        report = readiness()
        for result in report.results:
            mark = "ok" if result.ok else "FAILED"
            self.stdout.write(f"{result.name}: {mark} ({result.detail})")
            if not result.ok:
                problems.append(f"{result.name}: {result.detail}")
        if problems:
            raise CommandError("Not ready to deploy:\n" + "\n".join(problems))
        self.stdout.write("Ready to deploy.")
