"""explain (what the server supports, read by clients before they search) and scan."""

from __future__ import annotations

import pytest

from folkbib.protocols.sru import translate

from .conftest import NS, diagnostic_uris, xml

pytestmark = [pytest.mark.usefixtures("catalogue")]


def test_a_bare_request_is_an_sru_2_explain(client):
    root = xml(client.get("/sru"))

    assert root.tag == f"{{{NS['zs2']}}}explainResponse"
    assert root.find(".//ex:explain", NS) is not None


def test_explain_lists_every_supported_index_and_schema(client):
    root = xml(client.get("/sru", {"version": "1.2", "operation": "explain"}))

    names = {
        (name.get("set"), name.text) for name in root.iterfind(".//ex:index/ex:map/ex:name", NS)
    }
    assert names == set(translate.INDEXES)
    schemas = {schema.get("name") for schema in root.iterfind(".//ex:schema", NS)}
    assert schemas == {"marcxml", "dc"}
    assert root.findtext(".//ex:setting[@type='maximumRecords']", namespaces=NS) == "100"
    assert root.findtext(".//ex:serverInfo/ex:database", namespaces=NS) == "sru"


def test_scan_lists_titles_in_order_from_the_term(client):
    root = xml(
        client.get(
            "/sru",
            {
                "version": "1.2",
                "operation": "scan",
                "scanClause": "dc.title=lie",
                "maximumTerms": "3",
            },
        )
    )

    terms = list(root.iterfind(".//zs:term", NS))
    values = [term.findtext("zs:value", namespaces=NS) for term in terms]
    counts = [term.findtext("zs:numberOfRecords", namespaces=NS) for term in terms]
    assert len(values) == 3
    assert values == sorted(values)
    assert values[0] >= "lie"
    assert all(count.isdigit() and int(count) >= 1 for count in counts)


def test_scan_with_a_response_position_shows_terms_before_the_start(client):
    root = xml(
        client.get(
            "/sru",
            {
                "version": "1.2",
                "operation": "scan",
                "scanClause": "dc.title=lie",
                "maximumTerms": "4",
                "responsePosition": "3",
            },
        )
    )

    values = [term.findtext("zs:value", namespaces=NS) for term in root.iterfind(".//zs:term", NS)]
    assert len(values) == 4
    assert values[1] < "lie" <= values[2]


def test_scan_of_another_index_is_refused(client):
    root = xml(
        client.get("/sru", {"version": "1.2", "operation": "scan", "scanClause": "dc.creator=x"})
    )

    assert diagnostic_uris(root) == ["info:srw/diagnostic/1/16"]
