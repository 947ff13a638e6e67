"""``folkbib import-marc FILE``: import MARC records (and their items) into the catalogue."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.catalog.errors import CatalogError
from folkbib.catalog.services import ImportSummary, ItemsPolicy, import_records
from folkbib.core import clock

from ._holdings_options import add_holdings_options, holdings_map

PROBLEMS_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Import a MARC file (ISO 2709 or MARCXML, MARC-8 or UTF-8, auto-detected). Records "
        "matching an existing one on 003+001, 035 or ISBN update it; items come from holdings "
        "fields (Koha 952) or, with --items, one per listed branch. Broken records go "
        "byte-for-byte to FILE.rejects.mrc with offsets and reasons in FILE.rejects.txt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the MARC file")
        parser.add_argument(
            "--rejects",
            type=Path,
            metavar="PATH",
            help="where rejected records go (default FILE.rejects.mrc; log PATH minus "
            "suffix + .txt)",
        )
        parser.add_argument(
            "--items",
            metavar="CODES",
            help="comma-separated branch codes: one item per branch per record (holdings "
            "fields are then ignored); barcodes count up from --barcode-start",
        )
        parser.add_argument(
            "--barcode-start",
            type=int,
            metavar="N",
            help="first generated barcode (default: one above the highest all-digit "
            "barcode, 10000001 in an empty catalogue)",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help="decoding processes (default 2 for files over 4 MB, else 0 = in process)",
        )
        parser.add_argument("--batch-size", type=int, default=5000, metavar="N")
        add_holdings_options(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        items = None
        if options["items"]:
            codes = tuple(c.strip() for c in options["items"].split(",") if c.strip())
            items = ItemsPolicy(branch_codes=codes, barcode_start=options["barcode_start"])
        elif options["barcode_start"] is not None:
            raise CommandError("--barcode-start only applies with --items")
        progress = not options["no_progress"] and sys.stderr.isatty()
        try:
            summary = import_records(
                path=options["file"],
                rejects_path=options["rejects"],
                items=items,
                holdings_map=holdings_map(options),
                progress=progress,
                workers=options["workers"],
                batch_size=options["batch_size"],
                now=clock.now(),
            )
        except (CatalogError, ValueError) as error:
            raise CommandError(getattr(error, "message", str(error))) from error
        self._report(summary)

    def _report(self, summary: ImportSummary) -> None:
        for problem in summary.problems[:PROBLEMS_SHOWN]:
            self.stderr.write(f"offset {problem.offset}: {problem.reason}")
        hidden = summary.rejected + summary.holdings_skipped - PROBLEMS_SHOWN
        if hidden > 0:
            self.stderr.write(f"... and {hidden:,} more (see the log)")
        self.stdout.write(
            f"read {summary.read:,}, created {summary.created:,}, updated {summary.updated:,}, "
            f"unchanged {summary.unchanged:,}, rejected {summary.rejected:,}\n"
            f"items created {summary.items_created:,}, updated {summary.items_updated:,}; "
            f"holdings skipped {summary.holdings_skipped:,}\n"
            f"{summary.seconds:.1f} s, {summary.records_per_second:,.0f} records/s"
        )
        if summary.rejects_path:
            self.stdout.write(f"rejected records: {summary.rejects_path}")
        if summary.log_path:
            self.stdout.write(f"log: {summary.log_path}")
