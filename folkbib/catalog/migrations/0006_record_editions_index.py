"""The index a record page's "other editions" reads in order (``selectors.other_editions``).

On PostgreSQL it is built ``CONCURRENTLY`` (the migration is not atomic), so loans,
cataloguing and searches go on while it is built: tens of seconds at 1M records. A
failed build leaves an invalid index; drop it and run the migration again. On SQLite
it is a plain ``CREATE INDEX`` (writers wait a few seconds per million records).
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class AddIndexOnline(AddIndexConcurrently):
    """``AddIndexConcurrently`` on PostgreSQL, a plain ``AddIndex`` on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        operation = self._for(schema_editor)
        operation.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        operation = self._for(schema_editor)
        operation.database_backwards(self, app_label, schema_editor, from_state, to_state)

    @staticmethod
    def _for(schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            return AddIndexConcurrently
        return migrations.AddIndex


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("catalog", "0005_search_field_indexes"),
    ]

    operations = [
        AddIndexOnline(
            model_name="record",
            index=models.Index(
                fields=["sort_title", "material_type", "-year", "id"],
                name="catalog_record_editions",
            ),
        ),
    ]
