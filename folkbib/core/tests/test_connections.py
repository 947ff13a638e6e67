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


@pytest.mark.parametrize(("configured", "expected"), [("", "None"), ("0", "0")])
def test_sqlite_keeps_connections_unless_database_conn_max_age_says_otherwise(
    tmp_path, configured, expected
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOLKBIB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("DATABASE_CONN_MAX_AGE", None)
    if configured:
        env["DATABASE_CONN_MAX_AGE"] = configured
    show = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(("configured", "expected"), [("", "-8192"), ("64", "-65536")])
def test_a_sqlite_connection_caches_8_mib_of_pages_unless_sqlite_cache_mib_says_otherwise(
    tmp_path, configured, expected
):
    # Each server thread keeps its connection and so its page cache: 16 threads at
    # 64 MiB grew workers past the memory target; a bulk import can ask for more.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "FOLKBIB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("SQLITE_CACHE_MIB", None)
    if configured:
        env["SQLITE_CACHE_MIB"] = configured
    show = (
        "from django.db import connection; cursor = connection.cursor(); "
        "print(cursor.execute('PRAGMA cache_size').fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {show}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected
