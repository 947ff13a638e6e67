"""``folkbib reindex``: rebuild the search index from the database (the source of truth)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.catalog.search import IndexLocked, drain_queue, reindex_all


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the catalogue, or with --pending index only queued records."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Only index the records waiting in the index queue (cheap; safe to run often).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            if options["pending"]:
                count = drain_queue()
                what = "queued records indexed"
            else:
                count = reindex_all(
                    progress=not options["no_progress"] and options["verbosity"] > 0
                )
                what = "records indexed"
        except IndexLocked as error:
            raise CommandError(
                "The search index is being written by another process; try again shortly."
            ) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{count} {what} in {elapsed:.1f} s")
