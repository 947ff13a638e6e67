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
"unknown": nothing is cached then. The statements are ``folkbib.core.stamps``'s.
"""

from django.db import migrations

from folkbib.core.stamps import migration_runner

TABLE = "circulation_configuration_stamp"
WATCHED = ("circulation_loanrule", "consortium_openinghours", "consortium_closedday")


class Migration(migrations.Migration):
    dependencies = [
        ("circulation", "0005_event_dimensions_active_borrowers"),
        ("consortium", "0005_notice_texts"),
    ]

    operations = [
        migrations.RunPython(
            migration_runner(TABLE, WATCHED, forward=True),
            migration_runner(TABLE, WATCHED, forward=False),
        ),
    ]
