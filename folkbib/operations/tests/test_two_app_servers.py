"""Two app servers on one PostgreSQL behave as one site (docs/deploy.md, two machines).

Each server is a real ``folkbib serve`` (gunicorn) in its own working directory with
its own var/ directory (no shared disk, as on two machines), started the way the
systemd unit in deploy/ starts it, with the PostgreSQL search engine that a
multi-machine deployment must use. One browser (one cookie jar) talks to both, as
behind a load balancer without sticky sessions.
"""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from folkbib.catalog.models import ItemStatus
from folkbib.catalog.search import reindex_all
from folkbib.circulation import services
from folkbib.circulation.models import Fee, Loan, Notice
from folkbib.circulation.tests.conftest import NOW, build_world, days
from folkbib.consortium import services as consortium

FOLKBIB = str(Path(sys.executable).with_name("folkbib"))
PASSWORD = "lösen-för-test-9"
#: A checkout answered by one server is in the other's search results within this.
VISIBILITY_BOUND_SECONDS = 5.0

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{db.get('USER') or 'postgres'}@{host}/{db['NAME']}"


def server_environment(work: Path) -> dict[str, str]:
    """What /etc/folkbib/folkbib.env gives the unit on each machine (docs/deploy.md)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "SECRET_KEY": "two-servers-" + "k3Vb8" * 10,  # the same on every machine
        "ALLOWED_HOSTS": "127.0.0.1",
        "FOLKBIB_VAR_DIR": str(work / "var"),
        "FOLKBIB_SEARCH_BACKEND": "postgres",
        "FOLKBIB_SPEECH_ENGINE": "fake",
        "WEB_CONCURRENCY": "1",
        "FOLKBIB_THREADS": "2",
        "LOG_FORMAT": "json",
    }


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    work: Path


def start(work: Path) -> Server:
    work.mkdir()
    port = free_port()
    log = (work / "server.log").open("wb")
    process = subprocess.Popen(
        [FOLKBIB, "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=work,
        env=server_environment(work),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return Server(f"http://127.0.0.1:{port}", process, work)


def wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(server.base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if server.process.poll() is not None:
            break
        time.sleep(0.2)
    server.process.kill()
    pytest.fail("folkbib serve did not start:\n" + (server.work / "server.log").read_text())


@pytest.fixture(scope="module")
def servers(django_db_setup: Any, tmp_path_factory: Any) -> Iterator[tuple[Server, Server]]:
    """Both machines for the whole module: starting them takes seconds."""
    tmp_path = tmp_path_factory.mktemp("two-machines")
    a, b = start(tmp_path / "machine-a"), start(tmp_path / "machine-b")
    try:
        wait_until_up(a)
        wait_until_up(b)
        yield a, b
    finally:
        for server in (a, b):
            server.process.terminate()
        for server in (a, b):
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()


class Browser:
    """One person's browser: one cookie jar, whichever server answers."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, fields: dict[str, str]) -> tuple[int, str]:
        if not any(cookie.name == "csrftoken" for cookie in self.jar):
            self.get(url)  # the form page sets the CSRF cookie
        token = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=body, headers={"X-CSRFToken": token or ""})
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@pytest.fixture
def region(settings: Any) -> Any:
    # The servers check PINs and passwords with the production hasher, not the suite's.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    world = build_world()
    librarian = get_user_model().objects.create_user(username="bibliotekarie", password=PASSWORD)
    consortium.assign_staff(user=librarian, branch=world.umea)
    return world


def run_jobs_on(work: Path, now: dt.datetime) -> subprocess.Popen[str]:
    """``folkbib run-jobs`` as the timer starts it on one machine."""
    return subprocess.Popen(
        [FOLKBIB, "run-jobs", "--now", now.isoformat()],
        cwd=work,
        env=server_environment(work),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_patron_signed_in_on_one_server_is_signed_in_on_the_other(region, servers):
    a, b = servers
    patron = region.patron(first_name="Astrid", pin="2468")
    browser = Browser()

    status, _page = browser.post(
        a.base + "/logga-in/", {"card_number": patron.card_number, "pin": "2468"}
    )
    assert status == 200

    status, page = browser.get(b.base + "/mina-sidor/")
    assert status == 200
    assert "Astrid" in page
    assert "/logga-in/" not in browser.opener.open(b.base + "/mina-sidor/").geturl()


def test_wrong_pins_count_across_both_servers_and_lock_the_card_on_each(region, servers):
    a, b = servers
    patron = region.patron(pin="1357")
    browser = Browser()

    # Five wrong PINs (the card's limit), spread over the two servers.
    for server in (a, b, a, b, a):
        _status, page = browser.post(
            server.base + "/logga-in/", {"card_number": patron.card_number, "pin": "0000"}
        )
        assert "För många" not in page

    # The right PIN is now refused on both: neither server kept its own count.
    for server in (b, a):
        _status, page = browser.post(
            server.base + "/logga-in/", {"card_number": patron.card_number, "pin": "1357"}
        )
        assert "För många felaktiga försök" in page
    assert "/logga-in/" in browser.opener.open(b.base + "/mina-sidor/").geturl()


def test_a_checkout_on_one_server_shows_in_search_availability_on_the_other(
    region, servers, settings
):
    a, b = servers
    settings.SEARCH_BACKEND = "postgres"
    record = region.record("Midnattssolens hemlighet")
    item = region.item(record, region.umea)
    reindex_all()
    patron = region.patron()
    available_search = b.base + "/?q=Midnattssolens&available=1"
    link = f"/post/{record.id}/"
    assert link in Browser().get(available_search)[1]

    desk = Browser()
    status, _ = desk.post(
        a.base + "/personal/logga-in/", {"username": "bibliotekarie", "password": PASSWORD}
    )
    assert status == 200
    desk.post(a.base + "/personal/utlan/kort/", {"card": patron.card_number})
    _status, page = desk.post(a.base + "/personal/utlan/exemplar/", {"barcode": item.barcode})
    answered = time.monotonic()
    item.refresh_from_db()
    assert item.status == ItemStatus.ON_LOAN, page

    while link in Browser().get(available_search)[1]:
        assert time.monotonic() - answered < VISIBILITY_BOUND_SECONDS, "still shown on the shelf"
        time.sleep(0.05)
    seen_after = time.monotonic() - answered
    print(f"checkout on A seen in B's search after {seen_after * 1000:.0f} ms")
    assert link in Browser().get(b.base + "/?q=Midnattssolens")[1]  # still found, not available


def test_jobs_started_on_both_machines_at_once_do_their_work_once(region, servers):
    a, b = servers
    patron = region.patron(email="sen@example.org")
    item = region.item(region.record("Försenad bok"), region.umea)
    loan = services.checkout(patron=patron, item=item, branch=region.umea, now=NOW - days(40)).loan
    assert loan.due_date < (NOW - days(2)).date()

    runs = [run_jobs_on(server.work, NOW) for server in (a, b)]
    outputs = [run.communicate(timeout=60)[0] for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    assert Fee.objects.filter(loan=loan).count() == 1
    notices = Notice.objects.filter(patron=patron)
    assert notices.count() == 1
    # Sent once: the console mail backend prints each message on the machine that sent it.
    assert sum(len(re.findall(r"^To: sen@example\.org$", out, re.M)) for out in outputs) == 1
    assert Loan.objects.get(pk=loan.pk).overdue_notices == 1


def test_the_deployment_recipe_runs_on_this_machine():
    """scripts/deploy-check.sh: docs/deploy.md's units, files and commands, started here."""
    db = connection.settings_dict
    server = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}"
    result = subprocess.run(
        ["bash", str(Path(__file__).parents[3] / "scripts" / "deploy-check.sh")],
        env={**os.environ, "FOLKBIB_TEST_PG_URL": f"{server}:{db.get('PORT') or 5432}/x"},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deploy-check: every step passed" in result.stdout
    assert "web: /healthz and /readyz answer" in result.stdout
