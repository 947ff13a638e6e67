"""``folkbib run-jobs``: expire the hold shelf, retarget holds, accrue fees, make and send notices.

Meant for cron: no prompts, silent unless something fails (``-v 1`` prints one line per
job), exit status 1 when any job failed (the others still ran). Safe to start while a
previous run is still going.
"""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from folkbib.circulation.jobs import JOBS, run_jobs


class Command(BaseCommand):
    help = (
        "Run the periodic circulation jobs: "
        + ", ".join(JOBS)
        + ". Silent unless a job fails; -v 1 prints a line per job."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.set_defaults(verbosity=0)  # cron mails whatever a job prints
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--only",
            action="append",
            choices=list(JOBS),
            metavar="JOB",
            help=f"run only this job (repeatable): {', '.join(JOBS)}",
        )
        parser.add_argument(
            "--now",
            help="run as of this ISO date-time instead of the clock (catching up, testing)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = self._now(options["now"])
        report = run_jobs(now=now, only=options["only"])
        for result in report.results:
            line = f"{result.name}: {result.summary} ({result.seconds:.1f} s)"
            if not result.ok:
                self.stderr.write(f"FAILED {line}")
            elif options["verbosity"] >= 1:
                self.stdout.write(line)
        if not report.ok:
            names = ", ".join(result.name for result in report.failed)
            raise CommandError(f"{len(report.failed)} job(s) failed: {names}")

    def _now(self, text: str | None) -> dt.datetime:
        if not text:
            return timezone.now()
        parsed = parse_datetime(text)
        if parsed is None:
            raise CommandError(f"--now: not an ISO date-time: {text!r}")
        return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
