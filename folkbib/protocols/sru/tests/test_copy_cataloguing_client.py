"""The copy-cataloguing client against canned SRU responses (no network).

The round trip against folkbib's own ``/sru`` in a live server is in
``test_sru_round_trip.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from folkbib.catalog.models import Record
from folkbib.catalog.services.copy_cataloguing import (
    RemoteDiagnostic,
    RemoteUnreachable,
    copy_catalogue,
    search_remote,
)
from folkbib.catalog.tests.import_data.helpers import KOHA_XML, raw_records

NOW = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
SRW = "http://www.loc.gov/zing/srw/"


def _response(records: list[bytes], *, total: int | None = None, packing: str = "xml") -> bytes:
    parts = []
    for position, raw in enumerate(records, 1):
        text = raw.decode()
        if "xmlns=" not in text.split(">", 1)[0]:
            text = text.replace("<record", '<record xmlns="http://www.loc.gov/MARC21/slim"', 1)
        data = escape(text) if packing == "string" else text
        parts.append(
            f"<record><recordSchema>marcxml</recordSchema><recordPacking>{packing}</recordPacking>"
            f"<recordData>{data}</recordData><recordPosition>{position}</recordPosition></record>"
        )
    return (
        f'<searchRetrieveResponse xmlns="{SRW}"><version>1.2</version>'
        f"<numberOfRecords>{len(records) if total is None else total}</numberOfRecords>"
        f"<records>{''.join(parts)}</records></searchRetrieveResponse>"
    ).encode()


class Server:
    """Answers every request with ``body`` and remembers the URLs asked for."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        self.urls.append(url)
        return self.body


def test_a_search_shows_titles_before_anything_is_imported(db):
    server = Server(_response(raw_records(KOHA_XML)[:3], total=41))

    result = search_remote(url="http://union.example/sru", query='dc.title="x"', fetch=server)

    assert result.total == 41
    assert [record.position for record in result.records] == [1, 2, 3]
    assert all(record.title for record in result.records)
    assert Record.objects.count() == 0
    assert "operation=searchRetrieve" in server.urls[0]
    assert "recordSchema=marcxml" in server.urls[0]
    assert "query=dc.title%3D%22x%22" in server.urls[0]


@pytest.mark.parametrize("packing", ["xml", "string"])
def test_fetched_records_are_imported_and_a_second_fetch_updates_them(db, tmp_path, packing):
    records = raw_records(KOHA_XML)
    server = Server(_response(records, packing=packing))

    first = copy_catalogue(
        url="http://union.example/sru",
        query="dc.title=x",
        now=NOW,
        fetch=server,
        rejects_path=tmp_path / "rejects.xml",
    )
    again = copy_catalogue(
        url="http://union.example/sru",
        query="dc.title=x",
        now=NOW,
        fetch=server,
        rejects_path=tmp_path / "rejects.xml",
    )

    assert (first.fetched, first.imported.created) == (len(records), len(records))
    assert again.imported.created == 0
    assert Record.objects.count() == len(records)


def test_a_record_that_is_not_marc_is_counted_as_rejected(db, tmp_path):
    body = _response(raw_records(KOHA_XML)[:1]).replace(
        b"<records>",
        b"<records><record><recordSchema>dc</recordSchema><recordData><dc>x</dc></recordData>"
        b"<recordPosition>9</recordPosition></record>",
    )

    summary = copy_catalogue(
        url="http://union.example/sru",
        query="x",
        now=NOW,
        fetch=Server(body),
        rejects_path=tmp_path / "rejects.xml",
    )

    assert (summary.imported.created, summary.imported.rejected) == (1, 1)


def test_a_diagnostic_from_the_remote_server_is_an_error_that_names_it(db):
    body = (
        f'<searchRetrieveResponse xmlns="{SRW}"><version>1.2</version>'
        "<numberOfRecords>0</numberOfRecords><diagnostics>"
        '<diagnostic xmlns="http://www.loc.gov/zing/srw/diagnostic/">'
        "<uri>info:srw/diagnostic/1/10</uri><details>dc.titel</details>"
        "<message>Query syntax error</message></diagnostic></diagnostics>"
        "</searchRetrieveResponse>"
    ).encode()

    with pytest.raises(RemoteDiagnostic) as raised:
        search_remote(url="http://union.example/sru", query="(", fetch=Server(body))

    assert raised.value.uri == "info:srw/diagnostic/1/10"
    assert "Query syntax error" in raised.value.message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://union.example/sru", "union"])
def test_only_http_addresses_are_fetched(db, url):
    with pytest.raises(RemoteUnreachable):
        search_remote(url=url, query="x", fetch=Server(b""))


def test_an_answer_that_is_not_sru_is_an_error(db):
    with pytest.raises(RemoteUnreachable):
        search_remote(url="http://union.example/", query="x", fetch=Server(b"<html></html>"))


def test_an_unreachable_server_is_an_error(db):
    with pytest.raises(RemoteUnreachable):
        search_remote(url="http://127.0.0.1:9/sru", query="x", timeout=2)


def test_rejects_default_to_a_file_under_var(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    body = _response(raw_records(KOHA_XML)[:1])

    copy_catalogue(url="http://union.example/sru", query="x", now=NOW, fetch=Server(body))

    assert Path(tmp_path / "copy-cataloguing").is_dir()
