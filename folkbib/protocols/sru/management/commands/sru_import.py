"""``folkbib sru-import URL QUERY``: copy cataloguing from another library's SRU server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.catalog.errors import CatalogError
from folkbib.catalog.services import ItemsPolicy
from folkbib.catalog.services.copy_cataloguing import (
    DEFAULT_TIMEOUT,
    PAGE_SIZE,
    copy_catalogue,
)
from folkbib.core import clock

PROBLEMS_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Fetch the records a CQL query finds on another SRU server (for example LIBRIS, "
        "https://libris.kb.se/sru/libris) as MARCXML and import them like import-marc: "
        "records matching one in the catalogue on 003+001, 035 or ISBN update it, broken "
        "records go to the rejects file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help="the SRU server's base address")
        parser.add_argument("query", help="a CQL query, e.g. 'dc.title=\"Pippi Långstrump\"'")
        parser.add_argument(
            "--maximum",
            type=int,
            default=PAGE_SIZE,
            metavar="N",
            help=f"import at most N records (default {PAGE_SIZE})",
        )
        parser.add_argument("--rejects", type=Path, metavar="PATH", help="rejects file")
        parser.add_argument(
            "--items",
            metavar="CODES",
            help="comma-separated branch codes: one item per branch per record",
        )
        parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS")

    def handle(self, *args: Any, **options: Any) -> None:
        items = None
        if options["items"]:
            codes = tuple(c.strip() for c in options["items"].split(",") if c.strip())
            items = ItemsPolicy(branch_codes=codes)
        if options["maximum"] < 1:
            raise CommandError("--maximum must be at least 1")
        try:
            result = copy_catalogue(
                url=options["url"],
                query=options["query"],
                now=clock.now(),
                maximum_records=options["maximum"],
                items=items,
                rejects_path=options["rejects"],
                timeout=options["timeout"],
            )
        except CatalogError as error:
            raise CommandError(error.message) from error
        summary = result.imported
        self.stdout.write(
            f"{result.total:,} found, {result.fetched:,} fetched: {summary.created:,} created, "
            f"{summary.updated:,} updated, {summary.unchanged:,} unchanged, "
            f"{summary.rejected:,} rejected, {summary.items_created:,} items created"
        )
        for problem in summary.problems[:PROBLEMS_SHOWN]:
            self.stdout.write(f"  {problem.reason}")
        if summary.rejects_path:
            self.stdout.write(f"rejected records: {summary.rejects_path}")
