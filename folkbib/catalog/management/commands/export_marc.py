"""``folkbib export-marc``: the catalogue as ISO 2709 or MARCXML, items as holdings fields."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.catalog.services import export_records
from folkbib.catalog.services.exporting import FORMATS

from ._holdings_options import add_holdings_options, holdings_map


class Command(BaseCommand):
    help = (
        "Export every record as MARC (UTF-8), each item as a holdings field (Koha 952 by "
        "default), so that importing the file again yields the same records and items."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="iso2709")
        parser.add_argument(
            "-o", "--output", type=Path, metavar="PATH", help="output file (default: stdout)"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        add_holdings_options(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        progress = not options["no_progress"] and sys.stderr.isatty()
        output: Path | None = options["output"]
        try:
            if output is None:
                count = export_records(
                    out=sys.stdout.buffer,
                    format=options["format"],
                    holdings_map=holdings_map(options),
                    progress=progress,
                )
            else:
                with output.open("wb") as out:
                    count = export_records(
                        out=out,
                        format=options["format"],
                        holdings_map=holdings_map(options),
                        progress=progress,
                    )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if output is not None:
            self.stdout.write(f"exported {count:,} records to {output}")
