"""``folkbib restore DIR``: load a backup, prove it by the manifest, rebuild the search index."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from folkbib.operations.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by `folkbib backup`, check "
        "every table's rows and checksum against its manifest, then rebuild the search "
        "index. Stop the site, run-jobs and sip2-server first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("source", type=Path, help="a directory made by `folkbib backup`")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask first"
        )
        parser.add_argument(
            "--no-reindex",
            action="store_false",
            dest="reindex",
            help="leave the search index as it is (rebuild it later with `folkbib reindex`)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["source"]
        try:
            manifest = read_manifest(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["interactive"]:
            answer = input(
                f"Replace everything in the database with the backup of {manifest['created']}? "
                "Type 'yes': "
            )
            if answer != "yes":
                raise CommandError("Nothing restored.")
        try:
            sums = restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(s.rows for s in sums.values())
        self.stdout.write(f"Restored {len(sums)} tables, {rows} rows; every checksum matches.")
        if options["reindex"]:
            from folkbib.catalog.search import reindex_all

            count = reindex_all()
            self.stdout.write(f"Search index rebuilt: {count} records.")
