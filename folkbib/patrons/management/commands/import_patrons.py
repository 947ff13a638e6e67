"""``folkbib import-patrons FILE``: patrons from another system's CSV export (docs/migration.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.core import clock
from folkbib.core.csv_command import add_csv_options, report
from folkbib.core.csv_import import parse_mapping
from folkbib.core.errors import FolkbibError
from folkbib.patrons.importing import import_patrons


class Command(BaseCommand):
    help = (
        "Import patrons from a CSV file with a header row; Koha's borrowers columns by "
        "default (cardnumber, surname, firstname, dateofbirth, email, mobile|phone, address, "
        "zipcode, city, branchcode, categorycode, dateexpiry, lang). Existing card numbers "
        "are left alone; rejected rows go to FILE.rejects.csv with reasons in "
        "FILE.rejects.txt. See docs/migration.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_csv_options(parser)
        parser.add_argument(
            "--branch-map",
            metavar="OLD=NEW,...",
            help="translate the old system's branch codes to folkbib's",
        )
        parser.add_argument(
            "--category-map",
            metavar="OLD=NEW,...",
            help="translate the old system's patron categories to folkbib's",
        )
        parser.add_argument(
            "--report-duplicates",
            action="store_true",
            help="note in the log each patron who may be someone already there "
            "(personnummer, or name and birth date), to merge afterwards",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = import_patrons(
                path=options["file"],
                now=clock.now(),
                mapping=parse_mapping(options["map"]),
                branch_codes=parse_mapping(options["branch_map"]),
                category_codes=parse_mapping(options["category_map"]),
                dry_run=options["dry_run"],
                rejects_path=options["rejects"],
                encoding=options["encoding"],
                delimiter=options["delimiter"],
                report_duplicates=options["report_duplicates"],
            )
        except (FolkbibError, UnicodeDecodeError) as error:
            raise CommandError(getattr(error, "message", str(error))) from error
        report(self, summary, what="patrons")
