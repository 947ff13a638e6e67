"""``folkbib backup DIR``: an online copy of the database and a manifest to verify it by."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from folkbib.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database into a new directory (SQLite: online copy; PostgreSQL: "
        "pg_dump -Fc) with a manifest of every table's rows and checksum. Safe while "
        "the site runs."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("target", type=Path, help="a directory that does not exist yet")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["target"]
        try:
            sums = backup(target=target, now=timezone.now())
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(s.rows for s in sums.values())
        self.stdout.write(f"Backed up {len(sums)} tables, {rows} rows, to {target}")
