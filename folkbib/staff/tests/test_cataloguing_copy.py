"""Copy cataloguing from the staff screen, against a small SRU server on a real socket."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from folkbib.audit.models import AuditEntry
from folkbib.catalog.models import Record
from folkbib.staff.tests.helpers import text
from folkbib.staff.tests.test_cataloguing_editor import cataloguer as cataloguer

pytestmark = pytest.mark.django_db

MARC = "http://www.loc.gov/MARC21/slim"


def _marcxml(number: str, title: str, isbn: str) -> str:
    return (
        f'<record xmlns="{MARC}"><leader>00000nam a2200000 i 4500</leader>'
        f'<controlfield tag="001">{number}</controlfield>'
        f'<controlfield tag="003">UNION</controlfield>'
        f'<controlfield tag="008">261130s2024    sw            000 f swe  </controlfield>'
        f'<datafield tag="020" ind1=" " ind2=" "><subfield code="a">{isbn}</subfield></datafield>'
        f'<datafield tag="100" ind1="1" ind2=" "><subfield code="a">Lindgren, Astrid</subfield>'
        f"</datafield>"
        f'<datafield tag="245" ind1="1" ind2="0"><subfield code="a">{title}</subfield></datafield>'
        f"</record>"
    )


RECORDS = [
    _marcxml("u1", "Ronja rövardotter", "9789129688313"),
    _marcxml("u2", "Bröderna Lejonhjärta", "9789113084909"),
]


def _response(query: str) -> bytes:
    if query == "fel(":
        return (
            b'<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/"><version>1.2</version>'
            b"<numberOfRecords>0</numberOfRecords><diagnostics><diagnostic>"
            b"<uri>info:srw/diagnostic/1/10</uri><message>Query syntax error</message>"
            b"</diagnostic></diagnostics></searchRetrieveResponse>"
        )
    records = "".join(
        f"<record><recordSchema>marcxml</recordSchema><recordPacking>xml</recordPacking>"
        f"<recordData>{marc}</recordData><recordPosition>{n}</recordPosition></record>"
        for n, marc in enumerate(RECORDS, 1)
    )
    return (
        f'<searchRetrieveResponse xmlns="http://www.loc.gov/zing/srw/"><version>1.2</version>'
        f"<numberOfRecords>2</numberOfRecords><records>{records}</records>"
        f"</searchRetrieveResponse>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query).get("query", [""])[0]
        body = _response(query)
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def sru_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sru"
    server.shutdown()
    server.server_close()


def test_a_search_lists_the_remote_hits_and_imports_nothing(cataloguer, sru_server):
    response = cataloguer.get(
        reverse("staff:copy_catalogue"), {"server": sru_server, "query": "dc.author=lindgren"}
    )
    body = text(response)
    assert "2 träffar" in body
    assert "Ronja rövardotter – Lindgren, Astrid" in body
    assert not Record.objects.exists()


def test_importing_the_chosen_records_adds_them_and_is_audited(cataloguer, sru_server):
    response = cataloguer.post(
        reverse("staff:copy_catalogue"),
        {"server": sru_server, "query": "dc.author=lindgren", "start": "1", "post": ["2"]},
    )
    assert "Hämtat: 1 nya poster, 0 uppdaterade, 0 avvisade." in text(response)
    assert list(Record.objects.values_list("title", flat=True)) == ["Bröderna Lejonhjärta"]
    entry = AuditEntry.objects.get(action="catalog.copy_catalogued")
    assert entry.after["titles"] == ["Bröderna Lejonhjärta"] and entry.after["created"] == 1
    # Fetched again: the record is updated, never duplicated.
    cataloguer.post(
        reverse("staff:copy_catalogue"),
        {"server": sru_server, "query": "dc.author=lindgren", "start": "1", "post": ["2"]},
    )
    assert Record.objects.count() == 1


def test_the_remote_servers_diagnostic_is_shown(cataloguer, sru_server):
    response = cataloguer.get(
        reverse("staff:copy_catalogue"), {"server": sru_server, "query": "fel("}
    )
    assert response.status_code == 502
    assert "Den andra katalogen svarade: Query syntax error" in text(response)


def test_a_server_that_does_not_answer_is_said_so(cataloguer):
    response = cataloguer.get(
        reverse("staff:copy_catalogue"), {"server": "http://127.0.0.1:9/sru", "query": "x"}
    )
    assert response.status_code == 502
    assert "Kunde inte nå" in text(response)
