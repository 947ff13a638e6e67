"""Real SRU clients against /sru in a live server: YAZ's zoomsh and yaz-client
(Debian package yaz), and folkbib's own copy-cataloguing client."""

from __future__ import annotations

import subprocess
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from folkbib.catalog.models import Record
from folkbib.catalog.search import reindex_all
from folkbib.catalog.services import import_records
from folkbib.catalog.services.copy_cataloguing import import_remote, search_remote
from folkbib.catalog.tests.import_data.helpers import LIBRIS
from folkbib.core.testing import require_tool

from .conftest import NOW


@pytest.fixture
def live_catalogue(transactional_db: Any, search_backend: str, live_server: Any) -> str:
    import_records(path=LIBRIS, now=NOW)
    reindex_all()
    return f"{live_server.url}/sru"


def zoomsh(*commands: str) -> str:
    executable = require_tool("zoomsh")
    completed = subprocess.run(
        [executable, "set sru get", *commands, "quit"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout + completed.stderr


def test_zoomsh_finds_a_title_and_shows_the_record(live_catalogue):
    output = zoomsh(
        f"connect {live_catalogue}", 'search cql:dc.title="anteckningar från en ö"', "show 0 1"
    )
    print(output)

    assert "1 hits" in output
    assert "7149593" in output
    assert "Jansson, Tove" in output


def yaz_client(url: str, *commands: str) -> str:
    executable = require_tool("yaz-client")
    script = "\n".join(["sru get 1.2", f"open {url}", "querytype cql", *commands, "quit"]) + "\n"
    completed = subprocess.run(
        [executable], input=script, capture_output=True, text=True, timeout=60, check=False
    )
    return completed.stdout + completed.stderr


def test_zoomsh_posts_a_boolean_query_and_counts_the_hits(live_catalogue):
    output = zoomsh(
        "set sru post",
        f"connect {live_catalogue}",
        "search cql:dc.creator=jansson or dc.creator=guillou not dc.title=ondskan",
        "show 0 1",
    )

    assert "1 hits" in output
    assert "7149593" in output


def test_zoomsh_speaks_sru_2_and_gets_dublin_core(live_catalogue):
    output = zoomsh(
        "set sru_version 2.0",
        "set schema dc",
        f"connect {live_catalogue}",
        "search cql:bath.isbn=9789100563226",
        "show 0 1",
    )

    assert "1 hits" in output
    assert "<dc:title>Anteckningar från en ö</dc:title>" in output


def test_zoomsh_is_told_about_an_unsupported_index(live_catalogue):
    output = zoomsh(f"connect {live_catalogue}", "search cql:dc.titel=jansson")

    assert "Unsupported index" in output
    assert "info:srw/diagnostic/1:16" in output or "info:srw/diagnostic/1/16" in output


def test_zoomsh_scans_titles(live_catalogue):
    output = zoomsh(f"connect {live_catalogue}", "scan cql:dc.title=lie")

    lines = [line for line in output.splitlines() if line.strip()]
    assert lines[0].startswith("Lie of the land 2")
    assert "Ondskan 1" in lines


def test_yaz_client_searches_and_shows_a_record(live_catalogue):
    output = yaz_client(live_catalogue, "find dc.creator=jansson or dc.creator=guillou", "show 1")

    assert "Number of hits: 2" in output
    assert "schema=info:srw/schema/1/marcxml-v1.1" in output
    assert '<controlfield tag="001">' in output


def _catalogue_snapshot() -> dict[str, tuple[Any, ...]]:
    return {
        record.control_number: (record.title, record.authors, record.isbns, bytes(record.marc))
        for record in Record.objects.all()
    }


def test_copy_cataloguing_round_trip_through_our_own_sru(live_catalogue, tmp_path):
    before = _catalogue_snapshot()
    fetched = search_remote(url=live_catalogue, query="cql.allRecords=1", maximum_records=50)
    Record.objects.all().delete()

    summary = import_remote(records=fetched.records, now=NOW, rejects_path=tmp_path / "r.xml")

    assert fetched.total == len(fetched.records) == 29
    assert (summary.created, summary.rejected) == (29, 0)
    assert _catalogue_snapshot() == before  # the very same MARC, byte for byte


def test_sru_import_command_matches_what_it_fetches_instead_of_duplicating(live_catalogue):
    out = StringIO()

    call_command("sru_import", live_catalogue, "dc.creator=jansson", "--maximum", "5", stdout=out)

    # Fetched from ourselves, so the record matched itself on 003+001/ISBN.
    assert "1 found, 1 fetched: 0 created, 0 updated, 1 unchanged" in out.getvalue()
    assert Record.objects.count() == 29


def test_sru_import_command_reports_a_remote_diagnostic(live_catalogue):
    with pytest.raises(CommandError, match="Unsupported index"):
        call_command("sru_import", live_catalogue, "dc.titel=x")
