"""A database connection outlives the request that opened it.

Opening a SQLite connection parses the schema and runs the settings' PRAGMAs (~2 ms of
CPU, as much as a whole record page's queries) and starts with an empty page cache, so
every server thread keeps the one it opened (``CONN_MAX_AGE``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[3]


def _serve(handler: WSGIHandler, path: str) -> str:
    # The real handler, not the test client: the client switches off the request
    # signals that close connections, which is what this is about.
    statuses: list[str] = []
    environ = RequestFactory().get(path).environ
    response = handler(environ, lambda status, headers, *exc: statuses.append(status))
    b"".join(response)
    response.close()
    return statuses[0]


@pytest.mark.django_db(transaction=True)
def test_the_next_request_reuses_the_connection_the_last_one_opened():
    handler = WSGIHandler()
    assert _serve(handler, "/tillganglighet/").startswith("200")
    opened = connection.connection
    assert opened is not None, "the page read the database, so a connection was opened"
    assert _serve(handler, "/tillganglighet/").startswith("200")
    assert connection.connection is opened


def _printed_under_fresh_settings(tmp_path, variable: str, configured: str, code: str) -> str:
    """What ``code`` prints in a new process on a SQLite database in ``tmp_path``, with
    ``variable`` set to ``configured`` (unset if empty)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOLKBIB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop(variable, None)
    if configured:
        env[variable] = configured
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(("configured", "expected"), [("", "None"), ("0", "0")])
def test_sqlite_keeps_connections_unless_database_conn_max_age_says_otherwise(
    tmp_path, configured, expected
):
    show = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    printed = _printed_under_fresh_settings(tmp_path, "DATABASE_CONN_MAX_AGE", configured, show)
    assert printed == expected


@pytest.mark.parametrize(("configured", "expected"), [("", "-8192"), ("64", "-65536")])
def test_a_sqlite_connection_caches_8_mib_of_pages_unless_sqlite_cache_mib_says_otherwise(
    tmp_path, configured, expected
):
    # Each server thread keeps its connection and so its page cache: 16 threads at
    # 64 MiB grew workers past the memory target; a bulk import can ask for more.
    show = (
        "from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA cache_size').fetchone()[0])"
    )
    printed = _printed_under_fresh_settings(tmp_path, "SQLITE_CACHE_MIB", configured, show)
    assert printed == expected
