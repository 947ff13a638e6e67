"""PostgreSQL only: the search engine's query functions, evaluated once per statement.

``unaccent`` and the ``*to_tsquery`` functions are STABLE (a dictionary could change),
so the planner keeps ``plainto_tsquery('swedish', unaccent('word'))`` as a call and the
executor makes the query again for every row it ranks or re-checks: four queries per
row for ``ts_rank`` over two vectors, ~20 us a row, 30 ms for a thousand matches. These
IMMUTABLE wrappers with constant arguments are evaluated once, while the statement is
planned (the planner also estimates from the real query then). A changed dictionary
applies to the next statement, as before; nothing stored depends on them.

The search table also gets ``parallel_workers = 0``: starting workers costs more than
they save on the few thousand rows a search reads, and on a web server the other
requests want the cores.

Both steps only change the catalogue (no rows are touched): instant at any size, safe
on a running system.
"""

from django.db import migrations

FUNCTIONS = {
    "folkbib_unaccent(text) RETURNS text": "SELECT unaccent($1)",
    "folkbib_plainto_tsquery(regconfig, text) RETURNS tsquery": "SELECT plainto_tsquery($1, $2)",
    "folkbib_phraseto_tsquery(regconfig, text) RETURNS tsquery": (
        "SELECT phraseto_tsquery($1, $2)"
    ),
    "folkbib_to_tsquery(regconfig, text) RETURNS tsquery": "SELECT to_tsquery($1, $2)",
}
POSTGRES_FORWARD = [
    *(
        f"CREATE OR REPLACE FUNCTION {signature} LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        f"AS $$ {body} $$"
        for signature, body in FUNCTIONS.items()
    ),
    "ALTER TABLE catalog_search_document SET (parallel_workers = 0)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE catalog_search_document RESET (parallel_workers)",
    *(f"DROP FUNCTION IF EXISTS {signature.split(' RETURNS ')[0]}" for signature in FUNCTIONS),
]


def postgres_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)


def postgres_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_deleted_records"),
    ]

    operations = [
        migrations.RunPython(postgres_forward, postgres_backward),
    ]
