"""Stamps: one-row tables whose number changes with every change of the tables they watch.

A process may keep rarely changed tables (the rules matrix, the branch table) in memory
only if it can tell cheaply that they are still current (DESIGN: nothing another
process needs may live only in one process's memory). A stamp table holds one row, a
random number that triggers replace in the same transaction as every insert, update or
delete of the watched tables, whoever writes them (services, the admin, bulk loads, raw
SQL), and on PostgreSQL also a TRUNCATE (test flushes). Random rather than a counter: a
rolled-back or truncated counter could count up to a number an old cache holds for
other rows. No row means "unknown": nothing is cached then.

A reader keeps what it read under the stamp it read *before* (or in the same statement
as) the rows: rows read after a stamp are at least as new as it, so a cache is never
older than the stamp it is kept under.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models.expressions import RawSQL

from folkbib.core.prepared import fetch_all


def stamp_sql(table: str) -> str:
    return f"SELECT stamp FROM {table} WHERE id = 1"


def read_stamp(connection: Any, table: str) -> int | None:
    """The stamp now (one query); None when unknown (never cache then)."""
    rows = fetch_all(connection, stamp_sql(table), ())
    return int(rows[0][0]) if rows else None


def stamp_annotation(table: str) -> RawSQL:
    """The stamp as an annotation, so a row a reader reads anyway brings it for free."""
    return RawSQL(stamp_sql(table), ())


# SQLite has row triggers, one per event; PostgreSQL one statement trigger for all.
_SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")


def _triggers(watched: Sequence[str], vendor: str) -> list[tuple[str, str, str]]:
    """``(name, watched table, event)`` of each trigger renewing a stamp (event "" on
    PostgreSQL, whose one trigger per table fires on every event)."""
    if vendor == "sqlite":
        return [
            (f"{watch}_stamp_{event.lower()}", watch, event)
            for watch in watched
            for event in _SQLITE_EVENTS
        ]
    return [(f"{watch}_stamp", watch, "") for watch in watched]


def trigger_names(watched: Sequence[str], vendor: str) -> list[str]:
    """The names of the triggers that renew a stamp watching ``watched``."""
    return [name for name, _watch, _event in _triggers(watched, vendor)]


def migration_statements(
    table: str, watched: Sequence[str]
) -> dict[str, tuple[list[str], list[str]]]:
    """By database vendor: the statements that create the stamp table and its triggers,
    and those that drop them."""
    sqlite_forward = [
        f"CREATE TABLE {table} (id integer NOT NULL PRIMARY KEY, stamp bigint NOT NULL)",
        *(
            f"CREATE TRIGGER {name} AFTER {event} ON {watch} "
            f"BEGIN INSERT OR REPLACE INTO {table} (id, stamp) VALUES (1, abs(random())); END"
            for name, watch, event in _triggers(watched, "sqlite")
        ),
        f"INSERT INTO {table} (id, stamp) VALUES (1, abs(random()))",
    ]
    sqlite_backward = [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in trigger_names(watched, "sqlite")),
        f"DROP TABLE IF EXISTS {table}",
    ]
    postgres_forward = [
        f"CREATE TABLE {table} (id integer NOT NULL PRIMARY KEY, stamp bigint NOT NULL)",
        f"""
    CREATE FUNCTION {table}_renew() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {table} (id, stamp)
        VALUES (1, floor(random() * 9007199254740991)::bigint)
        ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp;
        RETURN NULL;
    END $$
    """,
        *(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {watch} FOR EACH STATEMENT EXECUTE FUNCTION {table}_renew()"
            for name, watch, _event in _triggers(watched, "postgresql")
        ),
        f"INSERT INTO {table} (id, stamp) VALUES (1, floor(random() * 9007199254740991)::bigint)",
    ]
    postgres_backward = [
        *(
            f"DROP TRIGGER IF EXISTS {name} ON {watch}"
            for name, watch, _event in _triggers(watched, "postgresql")
        ),
        f"DROP FUNCTION IF EXISTS {table}_renew()",
        f"DROP TABLE IF EXISTS {table}",
    ]
    return {
        "sqlite": (sqlite_forward, sqlite_backward),
        "postgresql": (postgres_forward, postgres_backward),
    }


def migration_runner(table: str, watched: Sequence[str], *, forward: bool) -> Any:
    """A ``RunPython`` function creating (``forward``) or dropping the stamp."""
    statements = migration_statements(table, watched)

    def run(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"no stamp {table} for {vendor}")
        for statement in statements[vendor][0 if forward else 1]:
            schema_editor.execute(statement)

    return run
