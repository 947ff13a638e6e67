"""Backups a restore can prove: the database copy plus a manifest of every table's rows.

A backup is a directory::

    manifest.json       vendor, time, the migrations applied, per table: rows and a checksum
    database.sqlite3    SQLite: an online copy (sqlite3's backup API, pages copied under
                        a read lock, so writers keep working and the copy is consistent)
    database.pgdump     PostgreSQL: ``pg_dump -Fc`` of the database

The manifest is computed from exactly the data in the copy: the SQLite copy itself is
read; for PostgreSQL the dump and the manifest share one exported snapshot. ``restore``
loads the copy and refuses to call it done unless every table's count and checksum
match the manifest. The search index and the speech cache are not copied: both are
rebuilt from the database (``restore`` reindexes; audio is synthesised on demand).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
_BATCH = 2000


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class TableSum:
    rows: int
    checksum: str


# -- fingerprints: per table, the number of rows and a hash over them in key order ---------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(cursor: Any) -> dict[str, list[str]]:
    """Table -> its ordering columns (the primary key, else every column)."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    tables = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f"PRAGMA table_info({_quote(name)})")
        columns = cursor.fetchall()  # (cid, name, type, notnull, default, pk)
        key = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
        tables[name] = key or [c[1] for c in columns]
    return tables


def _postgres_tables(cursor: Any) -> dict[str, list[str]]:
    cursor.execute(
        "SELECT c.relname, "
        "  coalesce((SELECT array_agg(a.attname ORDER BY k.ord) "
        "            FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(attnum, ord), "
        "                 pg_attribute a "
        "            WHERE i.indrelid = c.oid AND i.indisprimary "
        "              AND a.attrelid = c.oid AND a.attnum = k.attnum), "
        "           (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a "
        "            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
    )
    return {name: list(key) for name, key in cursor.fetchall()}


def _normal(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _rows(cursor: Any, table: str, order: list[str]) -> Iterator[tuple[Any, ...]]:
    columns = ", ".join(_quote(c) for c in order)
    cursor.execute(f"SELECT * FROM {_quote(table)} ORDER BY {columns}")
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def fingerprint(cursor: Any, vendor: str) -> dict[str, TableSum]:
    """Rows and a SHA-256 per table, over the rows in key order; comparable on one vendor."""
    tables = _sqlite_tables(cursor) if vendor == "sqlite" else _postgres_tables(cursor)
    sums = {}
    for table, order in tables.items():
        digest = hashlib.sha256()
        count = 0
        for row in _rows(cursor, table, order):
            digest.update(repr(tuple(_normal(v) for v in row)).encode())
            digest.update(b"\n")
            count += 1
        sums[table] = TableSum(count, digest.hexdigest())
    return sums


def live_fingerprint() -> dict[str, TableSum]:
    """The fingerprint of the database the site uses now."""
    if connection.vendor == "sqlite":
        # Django's connection turns SQLite's text into dates and decimals; the backup
        # file is read without that, so the live database must be read the same way.
        raw = _raw_sqlite()
        try:
            return fingerprint(raw.cursor(), "sqlite")
        finally:
            raw.close()
    with connection.cursor() as cursor:
        return fingerprint(cursor, connection.vendor)


def _raw_sqlite() -> sqlite3.Connection:
    """A plain connection to the live SQLite database: no type conversion."""
    params = connection.get_connection_params()
    return sqlite3.connect(params["database"], uri=params.get("uri", False))


def differences(expected: dict[str, TableSum], found: dict[str, TableSum]) -> list[str]:
    """Human-readable lines for every table whose rows differ (empty when all match)."""
    lines = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want is None:
            lines.append(f"{table}: not in the backup")
        elif got is None:
            lines.append(f"{table}: missing after restore")
        elif want != got:
            lines.append(f"{table}: {got.rows} rows, {want.rows} expected; checksums differ")
    return lines


# -- backup -----------------------------------------------------------------------------


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def _write_manifest(
    target: Path, *, vendor: str, sums: dict[str, TableSum], now: dt.datetime
) -> None:
    manifest = {
        "format": FORMAT,
        "vendor": vendor,
        "created": now.isoformat(),
        "migrations": _migrations(),
        "tables": {t: {"rows": s.rows, "checksum": s.checksum} for t, s in sums.items()},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{source} is not a folkbib backup (no {MANIFEST}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: backup format {manifest.get('format')} is not {FORMAT}.")
    return manifest


def manifest_sums(manifest: dict[str, Any]) -> dict[str, TableSum]:
    return {t: TableSum(v["rows"], v["checksum"]) for t, v in manifest["tables"].items()}


def backup(*, target: Path, now: dt.datetime) -> dict[str, TableSum]:
    """Write a backup of the live database to the new directory ``target``.

    Safe while the site runs. Returns the manifest's table sums.
    """
    if target.exists():
        raise BackupError(f"{target} exists; a backup goes into a new directory.")
    target.mkdir(parents=True)
    try:
        if connection.vendor == "sqlite":
            sums = _backup_sqlite(target)
        elif connection.vendor == "postgresql":
            sums = _backup_postgres(target)
        else:
            raise BackupError(f"No backup for the {connection.vendor} database.")
        _write_manifest(target, vendor=connection.vendor, sums=sums, now=now)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return sums


def _backup_sqlite(target: Path) -> dict[str, TableSum]:
    connection.ensure_connection()
    live = connection.connection
    copy = sqlite3.connect(target / SQLITE_FILE)
    try:
        # Pages are copied in steps; a write to the live database meanwhile restarts
        # the copy, so what lands in the file is one consistent state.
        live.backup(copy)
        # A plain rollback-journal file: a single file to move around, no -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return fingerprint(copy.cursor(), "sqlite")
    finally:
        copy.close()


def _postgres_environment() -> dict[str, str]:
    """libpq's environment for the pg_* tools: the same database Django uses now."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings.get(key):
            env[variable] = str(settings[key])
    return env


def _check_tool(tool: str) -> str:
    """The tool's path, if its major version can read this server's data."""
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} is not installed (Debian: postgresql-client).")
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
    tool_major = int(output.stdout.split()[-1].split(".")[0])
    connection.ensure_connection()
    server_major = connection.connection.info.server_version // 10000
    if tool_major < server_major:
        raise BackupError(
            f"{tool} {tool_major} is older than the server ({server_major}); "
            f"install postgresql-client-{server_major}."
        )
    return path


def _backup_postgres(target: Path) -> dict[str, TableSum]:
    pg_dump = _check_tool("pg_dump")
    # The dump and the manifest read one snapshot: export it from a transaction that
    # stays open until pg_dump has started reading it (and is then read here too).
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            result = subprocess.run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target / POSTGRES_FILE}",
                ],
                env=_postgres_environment(),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            return fingerprint(cursor, "postgresql")
        finally:
            cursor.execute("ROLLBACK")


# -- restore ----------------------------------------------------------------------------


def restore(*, source: Path) -> dict[str, TableSum]:
    """Replace the live database's contents with the backup in ``source``, then verify it.

    Stop the site (and ``run-jobs``, ``sip2-server``) first: requests during a restore
    would see a half-loaded database. Raises ``BackupError`` when the restored tables
    differ from the manifest. Returns the restored fingerprint.
    """
    manifest = read_manifest(source)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['vendor']} database; this site uses {connection.vendor}."
        )
    if connection.in_atomic_block:
        raise BackupError("restore cannot run inside a transaction.")
    if connection.vendor == "sqlite":
        _restore_sqlite(source / SQLITE_FILE)
    else:
        _restore_postgres(source / POSTGRES_FILE)
    found = live_fingerprint()
    problems = differences(manifest_sums(manifest), found)
    if problems:
        raise BackupError("The restored database differs from the backup:\n" + "\n".join(problems))
    return found


def _restore_sqlite(path: Path) -> None:
    if not path.exists():
        raise BackupError(f"{path} is missing.")
    connection.ensure_connection()
    backup_copy = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # The backup API replaces every page of the live database in one step, under
        # its write lock: other connections see either the old or the restored data.
        backup_copy.backup(connection.connection)
    finally:
        backup_copy.close()


def _restore_postgres(path: Path) -> None:
    if not path.exists():
        raise BackupError(f"{path} is missing.")
    pg_restore = _check_tool("pg_restore")
    # Our own idle connection holds no locks, but close it so no cached statement or
    # type OID survives the tables being dropped and made again.
    connections.close_all()
    result = subprocess.run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_postgres_environment()['PGDATABASE']}",
            str(path),
        ],
        env=_postgres_environment(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
