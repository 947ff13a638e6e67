"""What ``import-patrons`` and ``import-circulation`` share on the command line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from folkbib.core.csv_import import CsvSummary

PROBLEMS_SHOWN = 20


def add_csv_options(parser: CommandParser) -> None:
    parser.add_argument("file", type=Path, help="the CSV file (first row: column names)")
    parser.add_argument(
        "--map",
        metavar="FIELD=COLUMN,...",
        help="override the column of a field; COLUMN may be a|b (first non-empty)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="check everything and report, then roll back: nothing is saved",
    )
    parser.add_argument(
        "--rejects",
        type=Path,
        metavar="PATH",
        help="where rejected rows go (default FILE.rejects.csv; log PATH minus suffix + .txt)",
    )
    parser.add_argument(
        "--encoding", default="utf-8-sig", help="default utf-8 (with or without BOM)"
    )
    parser.add_argument("--delimiter", help="default: detected among , ; tab |")


def report(command: BaseCommand, summary: CsvSummary, *, what: str) -> None:
    for problem in summary.problems[:PROBLEMS_SHOWN]:
        command.stderr.write(f"line {problem.line}: {problem.reason}")
    hidden = summary.rejected - PROBLEMS_SHOWN
    if hidden > 0:
        command.stderr.write(f"... and {hidden:,} more (see the log)")
    for note in summary.notes[:PROBLEMS_SHOWN]:
        command.stderr.write(f"line {note.line}: note: {note.reason}")
    verb = "would be created" if summary.dry_run else "created"
    command.stdout.write(
        f"{'DRY RUN (nothing saved): ' if summary.dry_run else ''}"
        f"read {summary.read:,} rows: {what} {verb} {summary.created:,}, "
        f"already there {summary.existing:,}, rejected {summary.rejected:,}"
        f"{f', notes {summary.noted:,}' if summary.noted else ''}\n"
        f"{summary.seconds:.1f} s, {summary.rows_per_second:,.0f} rows/s"
    )
    if summary.rejects_path:
        command.stdout.write(f"rejected rows: {summary.rejects_path}")
    if summary.log_path:
        command.stdout.write(f"log: {summary.log_path}")
