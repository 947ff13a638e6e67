"""A stamp that changes whenever a branch or a municipality changes.

Every search and record page needs the branches and their municipalities (names,
grouping of holdings); they change a few times a year. The catalogue's readers keep
them in memory under ``consortium_places_stamp`` (``folkbib.core.stamps``), renewed by
triggers in the same transaction as every change of either table.
"""

from django.db import migrations

from folkbib.core.stamps import migration_runner

TABLE = "consortium_places_stamp"
WATCHED = ("consortium_branch", "consortium_municipality")


class Migration(migrations.Migration):
    dependencies = [
        ("consortium", "0006_municipality_shares_patrons"),
    ]

    operations = [
        migrations.RunPython(
            migration_runner(TABLE, WATCHED, forward=True),
            migration_runner(TABLE, WATCHED, forward=False),
        ),
    ]
