"""``folkbib load-demo``: reset the demo region (Umeåregionen) to its fixed state.

Refuses to run when ``FOLKBIB_PRODUCTION`` is set. See ``folkbib/demo/people.py`` for
the fixed demo accounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from folkbib.core.clock import now
from folkbib.demo.catalogue import DATA_DIR
from folkbib.demo.loader import DemoRefused, load_demo


class Command(BaseCommand):
    help = "Reset the demo region: branches, hours, holidays, patrons, staff, records, items."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patrons", type=int, default=300, help="number of patrons")
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
        parser.add_argument("--no-reindex", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = load_demo(
                now=now(),
                data_dir=options["data_dir"],
                patron_count=options["patrons"],
                reindex=not options["no_reindex"],
                log=self.stdout.write,
            )
        except DemoRefused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo region loaded in {summary.seconds:.1f} s: "
                f"{summary.branches} branches, {summary.patrons} patrons, "
                f"{summary.records} records ({summary.rejected} rejected), {summary.items} items."
            )
        )
        self.stdout.write(
            "Patrons: card 10000001 / PIN 1234 (adult, Umeå stadsbibliotek), "
            "card 10000002 / PIN 1234 (child, Vindeln). "
            "Staff, password demo-demo-demo: bibliotekarie (librarian), admin (region), "
            "kommunadmin (Vännäs), katalogisatör (cataloguer), moderator."
        )
