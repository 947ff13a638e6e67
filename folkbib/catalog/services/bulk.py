"""Raw bulk writes for the import: executemany over the ORM's own tables and columns.

Django's ``bulk_create`` costs tens of microseconds per row in Python and on
SQLite binds at most 999 parameters per statement; an import of a million records
cannot afford either. These helpers take table and column names from the model's
``_meta`` (so they stay in step with the models) and expect values the database
takes as they are: JSON as text (``json_text``), datetimes through ``db_datetime``,
bytes, numbers and strings. They must run inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction

from folkbib.catalog.models import Item, Record, RecordIdentifier, SearchDocumentRow


def cursor() -> Any:
    """A cursor that skips Django's query logging, even with ``DEBUG`` on.

    An import runs thousands of statements with up to a thousand parameters each;
    logging them cost more than running them (on SQLite every logged query is
    followed by a second one that quotes its parameters for the log).
    """
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection.make_cursor(connection.create_cursor())


# SQLite pages (4 KiB) the WAL may grow to during a bulk load before a checkpoint
# copies it into the database: 256 MiB instead of the default 4 MiB.
BULK_WAL_AUTOCHECKPOINT = 65_536
# The page cache of the loading connection (negative: KiB), 64 MiB: the indexes of a
# million records' tables are written all over; a server's connections keep a small
# cache each (SQLITE_CACHE_MIB), measured on that setting's own terms. 1 GB was slower.
BULK_CACHE_SIZE = -65_536


@contextmanager
def bulk_load_settings() -> Iterator[None]:
    """Around a bulk load on SQLite: rare WAL checkpoints and a 64 MiB page cache,
    both restored afterwards.

    With the default (a checkpoint every 4 MiB of WAL) a million-record import spent
    about a tenth of its writer's time in checkpoints, copying the same index pages
    into the database again and again and syncing the file each time. Durability is
    unchanged: in WAL mode with ``synchronous=NORMAL`` a commit never syncs anyway,
    a checkpoint does; fewer checkpoints only mean a larger WAL for a while. The
    setting belongs to this connection only and is put back even if the load fails.
    Elsewhere (PostgreSQL) this does nothing.
    """
    if connection.vendor == "postgresql":
        with _postgres_bulk_settings():
            yield
        return
    if connection.vendor != "sqlite":
        yield
        return
    with cursor() as db:
        db.execute("PRAGMA wal_autocheckpoint")
        before = int(db.fetchone()[0])
        db.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_AUTOCHECKPOINT:d}")
        db.execute("PRAGMA cache_size")
        cache_before = int(db.fetchone()[0])
        db.execute(f"PRAGMA cache_size = {BULK_CACHE_SIZE:d}")
    try:
        yield
    finally:
        with cursor() as db:
            db.execute(f"PRAGMA wal_autocheckpoint = {before:d}")
            db.execute(f"PRAGMA cache_size = {cache_before:d}")


@contextmanager
def indexes_built_afterwards() -> Iterator[list[str]]:
    """SQLite, loading into an empty catalogue: the records' secondary indexes are dropped
    for the load and created again when it ends, failed or not.

    Sort title, editions (sort title first), year, material type and last update: none
    unique, none read by the import. The sort titles arrive in no order, so both their
    indexes were updated all over and each commit wrote their pages to the WAL again.
    1M records, 3M items, main thread CPU per record: record inserts 22.2 -> 9.4 µs,
    commits 18.9 -> 7.6, building the indexes at the end ~6. The items' indexes are
    kept: building them from 3M rows cost what maintaining them did, and the unique
    ones (barcode: a barcode twice in the file is reported as before) cannot be dropped.

    Yields the names of the dropped indexes (none when the catalogue was not empty, or
    on PostgreSQL). A load killed outright leaves them missing: the next import creates
    them first (``create_missing_indexes``).
    """
    create_missing_indexes()
    dropped = _drop_secondary_indexes() if _empty_catalogue() else {}
    try:
        yield list(dropped)
    finally:
        _create_indexes(dropped.values())


def _empty_catalogue() -> bool:
    if connection.vendor != "sqlite":
        return False
    with cursor() as db:
        for model in (Record, Item):
            db.execute(f"SELECT 1 FROM {connection.ops.quote_name(model._meta.db_table)} LIMIT 1")
            if db.fetchone() is not None:
                return False
    return True


def _drop_secondary_indexes() -> dict[str, str]:
    """Drop the indexes ``indexes_built_afterwards`` defers; their names and SQL."""
    dropped: dict[str, str] = {}
    with cursor() as db:
        # Made by CREATE INDEX (not a UNIQUE or PRIMARY KEY constraint), not unique.
        db.execute(
            "SELECT il.name, m.sql FROM pragma_index_list(%s) il "
            "JOIN sqlite_master m ON m.name = il.name "
            "WHERE il.origin = 'c' AND il.\"unique\" = 0 AND m.sql IS NOT NULL ORDER BY il.name",
            [Record._meta.db_table],
        )
        for name, sql in db.fetchall():
            db.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
            dropped[name] = sql
    return dropped


def _create_indexes(statements: Iterable[str]) -> None:
    """Run CREATE INDEX statements in one transaction, each only if its index is missing
    (another import may have created it meanwhile: ``create_missing_indexes``)."""
    statements = list(statements)
    if not statements:
        return
    with transaction.atomic(), cursor() as db:
        for sql in statements:
            db.execute(_if_missing(sql))


def _if_missing(sql: str) -> str:
    for plain in ("CREATE INDEX ", "CREATE UNIQUE INDEX "):
        if sql.startswith(plain):
            return f"{plain}IF NOT EXISTS {sql[len(plain) :]}"
    return sql


def create_missing_indexes() -> list[str]:
    """SQLite: create the records' and items' indexes their models define but the
    database lacks (a bulk load killed before it could create them again); their names.
    """
    if connection.vendor != "sqlite":
        return []
    with cursor() as db:
        db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        present = {row[0] for row in db.fetchall()}
    # Django's own statements for the models' indexes, as its migrations made them. The
    # editor only builds SQL here: entering it would switch constraint checks off, which
    # SQLite refuses inside a transaction.
    editor: Any = connection.schema_editor(collect_sql=True)  # stubs lack the helper
    missing: dict[str, str] = {}
    for model in (Record, Item):
        for statement in editor._model_indexes_sql(model):
            name = str(statement.parts["name"]).strip('"')
            if name not in present:
                missing[name] = str(statement)
    _create_indexes(missing.values())
    return list(missing)


# The search documents' GIN indexes take new entries into a pending list, merged into
# the index when it exceeds this: merging 64 MB at a time instead of 4 MB touches each
# index page once where it was touched 16 times.
GIN_PENDING_LIST = "64MB"


@contextmanager
def _postgres_bulk_settings() -> Iterator[None]:
    """PostgreSQL: commits that do not wait for the WAL flush (``synchronous_commit``),
    larger GIN pending lists, then, if the load succeeded, ``ANALYZE`` of the tables it
    fills and the merge of what is left in the pending lists (a search reads a pending
    list from end to end).

    A crash may lose the last few committed batches, never corrupts anything, and
    running the import again restores them (matching makes it idempotent).
    """
    settings = {"synchronous_commit": "off", "gin_pending_list_limit": GIN_PENDING_LIST}
    before = {}
    with cursor() as db:
        for name, value in settings.items():
            db.execute("SELECT current_setting(%s)", [name])
            before[name] = db.fetchone()[0]
            db.execute("SELECT set_config(%s, %s, false)", [name, value])
    try:
        yield
    finally:
        with cursor() as db:
            for name, value in before.items():
                db.execute("SELECT set_config(%s, %s, false)", [name, value])
    # Fresh planner statistics for what the load changed: autovacuum may not have got to
    # the tables yet, and a million-row table the planner thinks empty is searched by
    # scanning it (1M records: ISBN lookups took 42 ms instead of under one).
    analyze_loaded_tables()
    tables = _loaded_tables()
    with cursor() as db:
        db.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND i.indrelid = ANY(%s::regclass[])",
            [tables],
        )


def _loaded_tables() -> list[str]:
    return [m._meta.db_table for m in (Record, Item, RecordIdentifier, SearchDocumentRow)]


def analyze_loaded_tables() -> None:
    """PostgreSQL: ``ANALYZE`` the tables a bulk load fills (elsewhere nothing)."""
    if connection.vendor != "postgresql":
        return
    with cursor() as db:
        db.execute(f"ANALYZE {', '.join(connection.ops.quote_name(t) for t in _loaded_tables())}")


class GrowingTables:
    """During a long load, planner statistics each time the loaded rows have doubled.

    Planned on the statistics of a much smaller table, the import's own lookups go
    wrong as the table grows: at 7M records (autovacuum off, so never analysed) the
    planner took ``kind = 'isbn'`` for a few thousand rows and read 5M index entries
    for each batch's ISBNs: 1.7 s a lookup instead of 0.05 s, the import at 1,080
    records/s instead of 2,400. Doubling keeps it to a few ``ANALYZE`` runs (nine up to
    10M records, seconds each) whatever autovacuum does.
    """

    FIRST = 20_000

    def __init__(self) -> None:
        self.next_at = self.FIRST

    def written(self, records: int) -> None:
        if records >= self.next_at:
            analyze_loaded_tables()
            self.next_at = 2 * records


def json_text(value: Any) -> str:
    """A JSONField value as the text the column stores (what Django itself would write)."""
    return json.dumps(value)


def db_datetime(value: dt.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def _columns(model: type[models.Model], names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Quoted column names and their placeholders (JSON text is cast on PostgreSQL)."""
    quote = connection.ops.quote_name
    cast_json = connection.vendor == "postgresql"
    columns, placeholders = [], []
    for name in names:
        field: Any = model._meta.get_field(name)
        columns.append(quote(field.column))
        placeholders.append(
            "%s::jsonb" if cast_json and isinstance(field, models.JSONField) else "%s"
        )
    return columns, placeholders


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Reserve ``count`` primary keys for rows the caller will insert with explicit ids.

    SQLite: the import holds the database's write lock for its transaction (Django's
    IMMEDIATE mode), so nobody else can take ids between this read and the insert;
    ``sqlite_sequence`` keeps ids of deleted rows from being reused. PostgreSQL: the
    ids come from the column's own sequence, so concurrent writers never collide.
    """
    if count == 0:
        return []
    table = model._meta.db_table
    with cursor() as db:
        if connection.vendor == "postgresql":
            db.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in db.fetchall()]
        db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        highest = db.fetchone()[0]
        if connection.vendor == "sqlite":
            db.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = db.fetchone()
            highest = max(highest, row[0] if row else 0)
        return list(range(highest + 1, highest + 1 + count))


def insert_rows(
    model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """INSERT ``rows`` (values in the order of ``names``): one executemany, or on
    PostgreSQL one ``COPY`` (a fifth of the cost there: no statement per row)."""
    if not rows:
        return
    columns, placeholders = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    if connection.vendor == "postgresql" and COPY_ON_POSTGRESQL:
        copy_rows(table, columns, rows)
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(placeholders)})"
    with cursor() as db:
        db.executemany(sql, rows)


# Off only to compare the two paths (a test imports the same file both ways).
COPY_ON_POSTGRESQL = True


def copy_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL: ``COPY`` the rows into ``table`` (quoted names) through psycopg.

    Values go through psycopg's own adapters, as parameters would: JSON text into
    ``jsonb``, bytes into ``bytea``, ``None`` as NULL. Same transaction as the caller.
    """
    with cursor() as db:
        raw = db.cursor  # psycopg's cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def update_rows(
    model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """UPDATE by primary key: each row is the values of ``names`` followed by the id."""
    if not rows:
        return
    columns, placeholders = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{c} = {p}" for c, p in zip(columns, placeholders, strict=True))
    with cursor() as db:
        db.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)


# Far below SQLite's and PostgreSQL's limits on bound parameters per statement.
IN_CHUNK = 900


def select_in(
    model: type[models.Model],
    columns: Sequence[str],
    key: str,
    values: Sequence[Any],
    *,
    where: str = "",
    params: Sequence[Any] = (),
) -> list[tuple[Any, ...]]:
    """Rows of ``columns`` (column names) whose ``key`` column is in ``values``.

    The ORM spends microseconds per ``__in`` value preparing it; with thousands
    of values per import batch that is most of the cost of the query. ``where``
    (with ``params``) adds a condition, e.g. ``"kind = %s"``.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    selected = ", ".join(quote(c) for c in columns)
    condition = f"{where} AND " if where else ""
    rows: list[tuple[Any, ...]] = []
    with cursor() as db:
        for test, chunk in _key_in(quote(key), values):
            db.execute(f"SELECT {selected} FROM {table} WHERE {condition}{test}", [*params, *chunk])
            rows.extend(db.fetchall())
    return rows


def _key_in(column: str, values: Sequence[Any]) -> Iterator[tuple[str, list[Any]]]:
    """``column`` in ``values`` as SQL conditions and their parameters.

    PostgreSQL: one condition, ``= ANY`` of one array parameter (planning an IN list of
    900 parameters cost more than running it: a 1M import spent a tenth of its time
    there). SQLite: IN lists of at most ``IN_CHUNK`` parameters.
    """
    if not values:
        return
    if connection.vendor == "postgresql":
        yield f"{column} = ANY(%s)", [list(values)]
        return
    for start in range(0, len(values), IN_CHUNK):
        chunk = list(values[start : start + IN_CHUNK])
        yield f"{column} IN ({', '.join(['%s'] * len(chunk))})", chunk


def delete_in(
    model: type[models.Model],
    key: str,
    values: Sequence[Any],
    *,
    where: str = "",
    params: Sequence[Any] = (),
) -> None:
    """DELETE the rows whose ``key`` column is in ``values`` (no signals, no cascades)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    condition = f"{where} AND " if where else ""
    with cursor() as db:
        for test, chunk in _key_in(quote(key), values):
            db.execute(f"DELETE FROM {table} WHERE {condition}{test}", [*params, *chunk])
