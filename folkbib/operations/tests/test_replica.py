"""A real streaming replica: lag-tolerant pages read it, writes and the writer never do.

The fixture builds a PostgreSQL primary and a hot standby of it (``pg_basebackup -R``,
as docs/deploy.md does across two machines) in a temporary directory on free ports,
with the binaries of the machine's PostgreSQL. It does not touch the machine's own
cluster, which does not accept replication connections. The primary gets the test
database's schema and rows with ``pg_dump``. A real ``folkbib serve`` then runs with
``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URL`` on the standby.

Pausing the standby's replay (``pg_wal_replay_pause``) makes the lag as long as the
test likes: what a page shows then tells which database answered it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from folkbib.catalog.search import reindex_all
from folkbib.circulation.tests.conftest import build_world
from folkbib.core.db_routers import PIN_COOKIE
from folkbib.core.testing import missing
from folkbib.operations.tests.test_two_app_servers import (
    FOLKBIB,
    Browser,
    Server,
    free_port,
    server_environment,
    wait_until_up,
)

#: Once replay runs, a change on the primary is on the standby's pages within this.
REPLICA_BOUND_SECONDS = 5.0

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
]


def postgres_bin() -> Path:
    """The machine's PostgreSQL server programs; missing ones fail in CI."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
    if not found or shutil.which("runuser") is None:
        missing("PostgreSQL server programs (initdb, pg_basebackup) are not installed")
    return found[-1].parent


def as_postgres(*command: str | Path) -> None:
    # The server refuses to run as root; the machine's "postgres" user owns the clusters.
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, command)],
        check=True,
        capture_output=True,
        timeout=120,
    )


@dataclass
class Pair:
    primary: str  # connection URLs
    replica: str


def cluster_url(port: int, name: str = "folkbib") -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{name}"


@pytest.fixture
def replicated() -> Iterator[Pair]:
    bin_dir = postgres_bin()
    # Not under pytest's own temporary directory, which only root may enter.
    root = Path(tempfile.mkdtemp(prefix="folkbib-pg-pair-"))
    shutil.chown(root, "postgres", "postgres")
    primary, replica = root / "primary", root / "replica"
    primary_port, replica_port = free_port(), free_port()
    as_postgres(bin_dir / "initdb", "-D", primary, "-A", "trust", "-U", "postgres", "--no-sync")
    with (primary / "postgresql.conf").open("a") as conf:
        conf.write(
            f"port = {primary_port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{root}'\nwal_level = replica\n"
            "max_wal_senders = 4\nfsync = off\n"
        )
    with (primary / "pg_hba.conf").open("a") as hba:
        hba.write("host replication postgres 127.0.0.1/32 trust\n")
    started: list[Path] = []
    try:
        as_postgres(bin_dir / "pg_ctl", "-D", primary, "-l", root / "primary.log", "-w", "start")
        started.append(primary)
        as_postgres(
            bin_dir / "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(primary_port), "-U", "postgres"),
            *("-D", replica, "-R", "-X", "stream"),
        )
        with (replica / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {replica_port}\nhot_standby = on\n")
        as_postgres(bin_dir / "pg_ctl", "-D", replica, "-l", root / "replica.log", "-w", "start")
        started.append(replica)
        yield Pair(cluster_url(primary_port), cluster_url(replica_port))
    finally:
        for data in reversed(started):
            as_postgres(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def copy_test_database_to(pair: Pair, bin_dir: Path) -> None:
    """The test database's schema and rows into the primary; the standby follows."""
    with psycopg.connect(pair.primary.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute("CREATE DATABASE folkbib")
    db = connection.settings_dict
    source = [
        *("-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)),
        *("-U", db.get("USER") or "postgres", db["NAME"]),
    ]
    dump = subprocess.run(
        [bin_dir / "pg_dump", "--no-owner", *source],
        check=True,
        capture_output=True,
        timeout=120,
    ).stdout
    subprocess.run(
        [bin_dir / "psql", "-q", "-v", "ON_ERROR_STOP=1", pair.primary],
        input=dump,
        check=True,
        capture_output=True,
        timeout=120,
    )


def wait_for(condition: Any, *, seconds: float) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > seconds:
            pytest.fail(f"not within {seconds} s")
        time.sleep(0.05)
    return time.monotonic() - started


@pytest.fixture
def served(replicated: Pair, tmp_path: Path, settings: Any) -> Iterator[tuple[Server, Any]]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    settings.SEARCH_BACKEND = "postgres"
    world = build_world()
    world.item(world.record("Gamla titeln"), world.umea)
    world.patron(card_number="20001", pin="2468")
    reindex_all()
    copy_test_database_to(replicated, postgres_bin())
    with psycopg.connect(replicated.replica, autocommit=True) as standby:
        wait_for(
            lambda: standby.execute("SELECT count(*) FROM catalog_record").fetchone() == (1,),
            seconds=10,
        )
    work = tmp_path / "machine"
    work.mkdir()
    environment = {
        **server_environment(work),
        "DATABASE_URL": replicated.primary,
        "DATABASE_REPLICA_URL": replicated.replica,
    }
    port = free_port()
    with (work / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [FOLKBIB, "serve", "--bind", f"127.0.0.1:{port}"],
            cwd=work,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, work)
    try:
        wait_until_up(server)
        yield server, replicated
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_lag_tolerant_pages_read_the_replica_and_a_browser_that_wrote_reads_the_primary(
    served,
):
    server, pair = served
    primary = psycopg.connect(pair.primary, autocommit=True)
    standby = psycopg.connect(pair.replica, autocommit=True)
    (record_id,) = primary.execute("SELECT id FROM catalog_record").fetchone()
    record_page = f"{server.base}/post/{record_id}/"
    search = f"{server.base}/?q=Gamla"
    visitor = Browser()
    assert "Gamla titeln" in visitor.get(record_page)[1]
    assert f"/post/{record_id}/" in visitor.get(search)[1]

    # The standby stops replaying: from now on it lags as long as we like.
    standby.execute("SELECT pg_wal_replay_pause()")
    primary.execute("UPDATE catalog_record SET title = 'Nya titeln' WHERE id = %s", [record_id])
    primary.execute("DELETE FROM catalog_search_document WHERE record_id = %s", [record_id])

    # Anyone who has not written still gets the standby's (old) answer.
    assert "Gamla titeln" in visitor.get(record_page)[1]
    assert f"/post/{record_id}/" in visitor.get(search)[1]

    # Signing in writes (the session and the throttle), on the primary: the standby is
    # read-only, so a write sent there would have failed.
    patron = Browser()
    status, page = patron.post(server.base + "/logga-in/", {"card_number": "20001", "pin": "2468"})
    assert status == 200 and "/logga-ut/" in page
    assert any(cookie.name == PIN_COOKIE for cookie in patron.jar)
    # The browser that wrote reads the primary: the change shows at once.
    assert "Nya titeln" in patron.get(record_page)[1]
    assert f"/post/{record_id}/" not in patron.get(search)[1]

    # Replay resumes: everybody sees the change within the bound.
    standby.execute("SELECT pg_wal_replay_resume()")
    waited = wait_for(
        lambda: "Nya titeln" in visitor.get(record_page)[1], seconds=REPLICA_BOUND_SECONDS
    )
    print(f"the standby's record page showed the change {waited * 1000:.0f} ms after resuming")
    assert f"/post/{record_id}/" not in visitor.get(search)[1]
    primary.close()
    standby.close()
