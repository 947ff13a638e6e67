"""Reading a CSV export from another library system, row by row, with a rejects file.

Shared by ``folkbib import-patrons`` and ``folkbib import-circulation``. A *mapping*
says which CSV column holds each folkbib field (``{"card_number": "cardnumber"}``); a
column spec ``"phone|mobile"`` takes the first of those columns that is not empty. Each
row goes to a handler that creates what it describes and says ``"created"`` or
``"existing"`` (already there: running an import twice creates nothing new), or raises
``RowRejected`` / a typed ``FolkbibError``; then the row is copied to the rejects file
(the same header and columns, so it can be fixed and imported again) and a line
``line N<TAB>reason`` goes to the log next to it.

A dry run does all the work, checks included, inside one transaction that is rolled
back at the end: the counts and the rejects are exactly what a real run would give.
A real run commits every ``batch_size`` rows; each row is its own savepoint, so a
rejected row leaves nothing half-written.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from folkbib.core.errors import FolkbibError

PROBLEMS_KEPT = 1000
DELIMITERS = ",;\t|"
CREATED = "created"
EXISTING = "existing"


class ImportFileProblem(FolkbibError):
    """The file cannot be read as the import expects (missing, no header, no such column)."""


class RowRejected(FolkbibError):
    """One row cannot be imported; the message says why, in words for the log."""


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    reason: str


@dataclass
class CsvSummary:
    read: int = 0
    created: int = 0
    existing: int = 0
    rejected: int = 0
    noted: int = 0
    dry_run: bool = False
    seconds: float = 0.0
    rejects_path: Path | None = None
    log_path: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def rows_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


class Row:
    """One CSV row seen through the mapping: ``row["card_number"]`` is stripped text."""

    def __init__(self, line: int, values: dict[str, str], mapping: Mapping[str, str]) -> None:
        self.line = line
        self.notes: list[str] = []
        self._values = values
        self._mapping = mapping

    def __getitem__(self, name: str) -> str:
        spec = self._mapping.get(name, "")
        for column in spec.split("|") if spec else []:
            value = (self._values.get(column) or "").strip()
            if value:
                return value
        return ""

    def note(self, text: str) -> None:
        """Something to look at after the import, about a row that did import."""
        self.notes.append(text)

    def required(self, name: str) -> str:
        value = self[name]
        if not value:
            raise RowRejected(f"{name} is empty (column {self._mapping.get(name) or '-'})")
        return value

    def date(self, name: str) -> dt.date | None:
        """ISO ``YYYY-MM-DD`` (a time after it is ignored) or ``YYYYMMDD``; empty is None."""
        value = self[name]
        if not value or value.startswith("0000"):
            return None
        text = value[:10]
        for pattern in ("%Y-%m-%d", "%Y%m%d"):
            try:
                return dt.datetime.strptime(text if "-" in text else value[:8], pattern).date()
            except ValueError:
                continue
        raise RowRejected(f"{name} is not a date (YYYY-MM-DD): {value!r}")

    def decimal(self, name: str) -> Decimal | None:
        value = self[name].replace(" ", "").replace(",", ".")
        if not value:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            raise RowRejected(f"{name} is not a number: {self[name]!r}") from None

    def integer(self, name: str, default: int = 0) -> int:
        value = self[name]
        if not value:
            return default
        if not value.isdigit():
            raise RowRejected(f"{name} is not a whole number: {value!r}")
        return int(value)


def parse_mapping(text: str | None) -> dict[str, str]:
    """``"card_number=cardnumber,phone=phone|mobile"`` -> a dict; empty text, empty dict."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        if not sep or not name.strip():
            raise ImportFileProblem(f"not FIELD=COLUMN: {part.strip()!r}")
        mapping[name.strip()] = column.strip()
    return mapping


def default_rejects_path(path: Path) -> Path:
    return path.with_name(path.name + ".rejects.csv")


class RejectsFile:
    """The rejected rows (as read, under the file's header) and a log, made on first use."""

    def __init__(self, path: Path, header: list[str], dialect: Any, summary: CsvSummary):
        self.path = path
        self.log_path = path.with_suffix(".txt")
        self.header = header
        self.dialect = dialect
        self.summary = summary
        self._rows: IO[str] | None = None
        self._writer: Any = None
        self._log: IO[str] | None = None

    def _log_file(self) -> IO[str]:
        if self._log is None:
            self._log = self.log_path.open("w", encoding="utf-8")
            self.summary.log_path = self.log_path
        return self._log

    def reject(self, line: int, raw: list[str], reason: str) -> None:
        if self._writer is None:
            self._rows = self.path.open("w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._rows, dialect=self.dialect)
            self._writer.writerow(self.header)
            self.summary.rejects_path = self.path
        self._writer.writerow(raw)
        self._log_file().write(f"line {line}\t{reason}\n")
        self.summary.rejected += 1
        if len(self.summary.problems) < PROBLEMS_KEPT:
            self.summary.problems.append(Problem(line, reason))

    def note(self, line: int, text: str) -> None:
        self._log_file().write(f"line {line}\tnote: {text}\n")
        self.summary.noted += 1
        if len(self.summary.notes) < PROBLEMS_KEPT:
            self.summary.notes.append(Problem(line, text))

    def close(self) -> None:
        for handle in (self._rows, self._log):
            if handle is not None:
                handle.close()


def _dialect(sample: str, delimiter: str | None) -> Any:
    if delimiter:

        class Given(csv.excel):
            pass

        Given.delimiter = delimiter
        return Given
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def _rows(handle: IO[str], dialect: Any) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    reader = csv.reader(handle, dialect=dialect)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise ImportFileProblem("the file is empty: a header row is needed") from None

    def numbered() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        for raw in reader:
            if any(cell.strip() for cell in raw):
                yield start, raw
            start = reader.line_num + 1

    return header, numbered()


class _DryRunDone(Exception):
    pass


def import_csv(
    *,
    path: Path,
    mapping: Mapping[str, str],
    required: tuple[str, ...],
    handle_row: Callable[[Row], str],
    dry_run: bool = False,
    rejects_path: Path | None = None,
    encoding: str = "utf-8-sig",
    delimiter: str | None = None,
    batch_size: int = 1000,
) -> CsvSummary:
    """Run ``handle_row`` over every data row of the CSV file at ``path``.

    ``required`` fields must be mapped to columns the header has, or nothing is read
    (``ImportFileProblem``). Returns the counts; see the module docstring for rejects,
    dry runs and transactions.
    """
    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise ImportFileProblem(f"no such file: {path}")
    summary = CsvSummary(dry_run=dry_run)
    with path.open(encoding=encoding, newline="") as handle:
        dialect = _dialect(handle.read(64 * 1024), delimiter)
        handle.seek(0)
        header, rows = _rows(handle, dialect)
        missing = [
            f"{name} (column {mapping.get(name) or '-'})"
            for name in required
            if not any(column in header for column in (mapping.get(name) or "").split("|"))
        ]
        if missing:
            raise ImportFileProblem(
                "the header lacks the columns for: " + ", ".join(missing) + f"; it has {header}"
            )
        rejects = RejectsFile(
            Path(rejects_path) if rejects_path else default_rejects_path(path),
            header,
            dialect,
            summary,
        )

        def run(batch: list[tuple[int, list[str]]]) -> None:
            for line, raw in batch:
                summary.read += 1
                row = Row(line, dict(zip(header, raw, strict=False)), mapping)
                try:
                    with transaction.atomic():
                        outcome = handle_row(row)
                except FolkbibError as error:
                    rejects.reject(line, raw, str(getattr(error, "message", error)))
                    continue
                for text in row.notes:
                    rejects.note(line, text)
                if outcome == EXISTING:
                    summary.existing += 1
                else:
                    summary.created += 1

        try:
            if dry_run:
                try:
                    with transaction.atomic():
                        run(list(rows))
                        raise _DryRunDone
                except _DryRunDone:
                    pass
            else:
                batch: list[tuple[int, list[str]]] = []
                for numbered in rows:
                    batch.append(numbered)
                    if len(batch) >= batch_size:
                        with transaction.atomic():
                            run(batch)
                        batch = []
                if batch:
                    with transaction.atomic():
                        run(batch)
        finally:
            rejects.close()
    summary.seconds = time.perf_counter() - started
    return summary
