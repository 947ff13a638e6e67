"""``folkbib ensure-holidays [YEAR ...]``: write the public holidays as closed days.

Run once a year (or from a scheduled job) so due dates skip next year's holidays too.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from folkbib.consortium.models import Municipality
from folkbib.consortium.services import ensure_public_holidays
from folkbib.core.clock import today


class Command(BaseCommand):
    help = "Create closed days for the public holidays of the given years (default: this and next)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="*", type=int)
        parser.add_argument("--municipality", help="SCB code; default: every municipality")
        parser.add_argument("--country", default="SE")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"] or [today().year, today().year + 1]
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.get(code=options["municipality"])
        for year in years:
            created = ensure_public_holidays(
                year=year, municipality=municipality, country=options["country"]
            )
            self.stdout.write(f"{year}: {created} closed days created")
