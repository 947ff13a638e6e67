"""What a client is told when it asks for something /sru cannot do: the standard
diagnostic URI, never an HTTP error or an empty answer."""

from __future__ import annotations

import pytest

from .conftest import NS, diagnostic_uris, xml

pytestmark = [pytest.mark.usefixtures("catalogue")]

DIAGNOSTIC = "info:srw/diagnostic/1/"


def ask(client, **params):
    return xml(client.get("/sru", {"version": "1.2", "operation": "searchRetrieve", **params}))


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("(dc.title=ondskan", 13),
        ("dc.title=ondskan)", 13),
        ("dc.title=", 10),
        ("cat dog", 10),
        ('"unterminated', 14),
        ("dc.titel=ondskan", 16),
        ("foo.title=ondskan", 15),
        ('>x="urn:unknown" x.title=ondskan', 15),
        ("dc.title encloses ondskan", 19),
        ("dc.date any 2000", 19),
        ("dc.title =/locale=sv ondskan", 20),
        ('dc.title=""', 27),
        ("dc.title=o*dskan", 28),
        ("dc.title=?ndskan", 28),
        ("dc.title=o*", 29),
        ("dc.date=last-year", 36),
        ("bath.isbn=12345", 36),
        ("ondskan prox/ordered guillou", 43),
        ("ondskan and/rel.algorithm=cori guillou", 46),
        ("ondskan sortBy dc.publisher", 80),
        ("ondskan sortBy dc.title/sort.descending", 90),
        ("ondskan sortBy dc.title dc.date", 84),
    ],
)
def test_a_query_that_cannot_be_run_names_its_diagnostic(client, query, number):
    root = ask(client, query=query)

    assert diagnostic_uris(root) == [f"{DIAGNOSTIC}{number}"]
    assert root.findtext("zs:numberOfRecords", namespaces=NS) == "0"


@pytest.mark.parametrize(
    ("params", "number", "details"),
    [
        ({}, 7, "query"),
        ({"query": "ondskan", "startRecord": "0"}, 6, "startRecord"),
        ({"query": "ondskan", "startRecord": "100002"}, 6, "startRecord"),
        ({"query": "ondskan", "maximumRecords": "many"}, 6, "maximumRecords"),
        ({"query": "ondskan", "recordSchema": "mods"}, 66, "mods"),
        ({"query": "ondskan", "recordPacking": "json"}, 71, "recordPacking=json"),
        ({"query": "ondskan", "recordXPath": "/record"}, 72, "recordXPath"),
        ({"query": "ondskan", "stylesheet": "/s.xsl"}, 110, "/s.xsl"),
        ({"query": "ondskan", "colour": "blue"}, 8, "colour"),
    ],
)
def test_a_parameter_that_cannot_be_honoured_names_its_diagnostic(client, params, number, details):
    root = ask(client, **params)

    assert diagnostic_uris(root) == [f"{DIAGNOSTIC}{number}"]
    assert root.findtext(".//diag:details", namespaces=NS) == details


def test_an_extension_parameter_is_ignored(client):
    root = ask(client, query="dc.title=ondskan", **{"x-client": "zoomsh"})

    assert diagnostic_uris(root) == []


def test_a_start_record_past_the_end_is_out_of_range_but_the_count_is_told(client):
    root = ask(client, query="dc.title=ondskan", startRecord="2")

    assert diagnostic_uris(root) == [f"{DIAGNOSTIC}61"]
    assert root.findtext("zs:numberOfRecords", namespaces=NS) == "1"


def test_a_start_record_past_an_empty_result_is_just_empty(client):
    root = ask(client, query="dc.title=nonexistentword", startRecord="5")

    assert diagnostic_uris(root) == []
    assert root.findtext("zs:numberOfRecords", namespaces=NS) == "0"


def test_an_unknown_version_and_operation(client):
    version = xml(client.get("/sru", {"version": "3.0", "operation": "explain"}))
    operation = xml(client.get("/sru", {"version": "1.2", "operation": "update"}))

    assert diagnostic_uris(version) == [f"{DIAGNOSTIC}5"]
    assert diagnostic_uris(operation) == [f"{DIAGNOSTIC}4"]


def test_a_record_whose_stored_marc_is_broken_is_replaced_by_a_surrogate_diagnostic(client):
    from folkbib.catalog.models import Record

    Record.objects.filter(control_number="11850823").update(marc=b"broken")

    root = ask(client, query="dc.title=ondskan")

    record = root.find("zs:records/zs:record", NS)
    assert record.findtext("zs:recordSchema", namespaces=NS) == (
        "info:srw/schema/1/diagnostics-v1.1"
    )
    assert diagnostic_uris(root) == [f"{DIAGNOSTIC}64"]


def test_sru_2_diagnostics_use_the_oasis_namespace(client):
    root = xml(client.get("/sru", {"query": "dc.titel=x"}))

    assert diagnostic_uris(root) == [f"{DIAGNOSTIC}16"]
    assert (
        root.find(".//{http://docs.oasis-open.org/ns/search-ws/diagnostic}diagnostic") is not None
    )
