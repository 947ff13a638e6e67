"""A stamp that changes whenever the rules matrix, opening hours or closed days change.

A checkout needs the rules matrix and the branch calendar; reading them costs three
statements each time, while they change a few times a year. A process may keep them
in memory only if it can tell cheaply that they are still current (DESIGN: nothing
another process needs may live only in one process's memory): the one-row table
``circulation_configuration_stamp`` holds a random number that triggers replace in
the same transaction as every insert, update or delete of those tables — whoever
writes them (services, the admin, bulk loads, raw SQL) and on PostgreSQL also a
TRUNCATE (test flushes). Random rather than a counter: a rolled-back or truncated
counter could count up to a number an old cache holds for other rows. No row means
"unknown": nothing is cached then.
"""

from typing import Any

from django.db import migrations

TABLE = "circulation_configuration_stamp"
WATCHED = ("circulation_loanrule", "consortium_openinghours", "consortium_closedday")

SQLITE_FORWARD = [
    f"CREATE TABLE {TABLE} (id integer NOT NULL PRIMARY KEY, stamp bigint NOT NULL)",
    *(
        f"CREATE TRIGGER {table}_stamp_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN INSERT OR REPLACE INTO {TABLE} (id, stamp) VALUES (1, abs(random())); END"
        for table in WATCHED
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    f"INSERT INTO {TABLE} (id, stamp) VALUES (1, abs(random()))",
]
SQLITE_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_stamp_{event.lower()}"
        for table in WATCHED
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    f"DROP TABLE IF EXISTS {TABLE}",
]

POSTGRES_FORWARD = [
    f"CREATE TABLE {TABLE} (id integer NOT NULL PRIMARY KEY, stamp bigint NOT NULL)",
    f"""
    CREATE FUNCTION {TABLE}_renew() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {TABLE} (id, stamp)
        VALUES (1, floor(random() * 9007199254740991)::bigint)
        ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp;
        RETURN NULL;
    END $$
    """,
    *(
        f"CREATE TRIGGER {table}_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_renew()"
        for table in WATCHED
    ),
    f"INSERT INTO {TABLE} (id, stamp) VALUES (1, floor(random() * 9007199254740991)::bigint)",
]
POSTGRES_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {table}_stamp ON {table}" for table in WATCHED),
    f"DROP FUNCTION IF EXISTS {TABLE}_renew()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"no configuration stamp for {vendor}")
        for statement in statements[vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0005_event_dimensions_active_borrowers"),
        ("consortium", "0005_notice_texts"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
