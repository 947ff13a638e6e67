"""PostgreSQL only: full-text indexes of the title, author and subject fields alone.

A fielded search ("title:sommar") tests ``ts_filter(tsv_fold, '{a}')``, the document's
vector kept to that field's weight. Without an index of that expression every record
with the word in any field was read and filtered (a word in 70,000 summaries: 70,000
rows for a few thousand titles), and the planner, which has no statistics of it,
guessed. GIN indexes of the expressions find the field's records directly, and
``ANALYZE`` gathers statistics of their values, so the estimate that decides between a
narrow and a broad search is the field's own.

Built ``CONCURRENTLY`` (the migration is not atomic): searches and writes go on while
they are built, about a minute each at 1M records. A failed build leaves an invalid
index, dropped and built again by running the migration again.
"""

from django.db import migrations

# Field -> its weight in tsv_fold (postgres_backend._WEIGHT).
FIELDS = {"title": "a", "author": "b", "subject": "c"}


def _index(field: str) -> str:
    return f"catalog_search_document_{field}_fold"


def postgres_forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field, weight in FIELDS.items():
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_index(field)}")
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY {_index(field)} ON catalog_search_document "
            f"USING gin (ts_filter(tsv_fold, '{{{weight}}}'))"
        )
    schema_editor.execute("ANALYZE catalog_search_document")


def postgres_backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {_index(field)}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("catalog", "0004_search_query_functions"),
    ]

    operations = [
        migrations.RunPython(postgres_forward, postgres_backward),
    ]
