"""``folkbib import-circulation KIND FILE``: current loans, holds or fees from a CSV export."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.circulation.services.importing import KINDS, import_circulation
from folkbib.core import clock
from folkbib.core.csv_command import add_csv_options, report
from folkbib.core.csv_import import parse_mapping
from folkbib.core.errors import FolkbibError


class Command(BaseCommand):
    help = (
        "Import current loans, holds or fees from a CSV file with a header row (Koha's "
        "column names by default), after the catalogue and the patrons, in that order: "
        "loans, holds, fees. Rows already there are left alone; rejected rows go to "
        "FILE.rejects.csv with reasons in FILE.rejects.txt. See docs/migration.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="what the file holds")
        add_csv_options(parser)
        parser.add_argument(
            "--branch-map",
            metavar="OLD=NEW,...",
            help="translate the old system's branch codes to folkbib's",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = import_circulation(
                kind=options["kind"],
                path=options["file"],
                now=clock.now(),
                mapping=parse_mapping(options["map"]),
                branch_codes=parse_mapping(options["branch_map"]),
                dry_run=options["dry_run"],
                rejects_path=options["rejects"],
                encoding=options["encoding"],
                delimiter=options["delimiter"],
            )
        except (FolkbibError, UnicodeDecodeError) as error:
            raise CommandError(getattr(error, "message", str(error))) from error
        report(self, summary, what=options["kind"])
