"""searchRetrieve on /sru: what a union catalogue or a discovery layer gets back."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from .conftest import NS, control_numbers, diagnostic_uris, xml

pytestmark = [pytest.mark.usefixtures("catalogue", "search_backend")]


def search(client, query, **params):
    return xml(
        client.get(
            "/sru", {"version": "1.2", "operation": "searchRetrieve", "query": query, **params}
        )
    )


def total(root):
    return int(root.findtext("zs:numberOfRecords", namespaces=NS))


def test_a_title_search_returns_the_record_as_marcxml(client):
    root = search(client, 'dc.title="anteckningar från en ö"')

    assert root.tag == f"{{{NS['zs']}}}searchRetrieveResponse"
    assert root.findtext("zs:version", namespaces=NS) == "1.2"
    assert total(root) == 1
    assert control_numbers(root) == ["7149593"]
    record = root.find("zs:records/zs:record", NS)
    assert record.findtext("zs:recordSchema", namespaces=NS) == "info:srw/schema/1/marcxml-v1.1"
    assert record.findtext("zs:recordPosition", namespaces=NS) == "1"


def test_an_author_search_with_or_and_not(client):
    either = search(client, "dc.creator=jansson or dc.creator=guillou")
    without = search(client, "dc.creator=jansson or dc.creator=guillou not dc.title=ondskan")

    assert sorted(control_numbers(either)) == ["11850823", "7149593"]
    assert control_numbers(without) == ["7149593"]


def test_any_all_and_adj_relations(client):
    # "The lie of the land" has "gender" in its subtitle.
    assert total(search(client, 'dc.title any "ondskan gender"')) == 3
    assert total(search(client, 'dc.title all "lie land"')) == 2
    assert total(search(client, 'dc.title adj "land lie"')) == 0
    assert total(search(client, 'dc.title adj "lie of the land"')) == 2


def test_a_bare_word_searches_everywhere_and_a_star_finds_everything(client):
    assert control_numbers(search(client, "Lovecraft")) == ["4582889"]
    assert total(search(client, "*")) == 29
    assert total(search(client, "cql.allRecords=1")) == 29


def test_right_truncation(client):
    assert control_numbers(search(client, "dc.title=ondsk*")) == ["11850823"]


def test_year_relations(client):
    assert total(search(client, "dc.date=1971")) == 2
    assert total(search(client, "dc.date<1971")) == 2  # 1948 and 1966
    assert total(search(client, "dc.date>=2013")) == 4
    assert total(search(client, 'dc.date within "1999 2000"')) == 4
    assert total(search(client, "dc.date<>2012 and dc.date>2011")) == 4


def test_identifiers_isbn_issn_and_control_number(client):
    assert control_numbers(search(client, "bath.isbn=91-0-056322-6")) == ["7149593"]
    assert control_numbers(search(client, "dc.identifier=9789100563226")) == ["7149593"]
    assert control_numbers(search(client, "bath.issn=0345-1569")) == ["3678656"]
    assert control_numbers(search(client, "rec.identifier=7149593")) == ["7149593"]


def test_language_and_type(client):
    assert total(search(client, "dc.language=ger")) == 1
    assert total(search(client, "dc.language=de")) == 1
    assert total(search(client, "dc.type=map")) == 2
    assert total(search(client, "dc.type=sound")) == 2  # an audiobook and a CD


def test_paging_with_start_record_and_maximum_records(client):
    page = {"maximumRecords": "5", "sortKeys": "dc.title,,1"}
    first = search(client, "dc.language=eng", **page)
    second = search(client, "dc.language=eng", startRecord="6", **page)

    assert total(first) == total(second) == 15
    assert len(control_numbers(first)) == len(control_numbers(second)) == 5
    assert not set(control_numbers(first)) & set(control_numbers(second))
    assert first.findtext("zs:nextRecordPosition", namespaces=NS) == "6"
    positions = [e.text for e in second.iter(f"{{{NS['zs']}}}recordPosition")]
    assert positions == ["6", "7", "8", "9", "10"]


def test_maximum_records_zero_counts_only(client):
    root = search(client, "dc.language=eng", maximumRecords="0")

    assert total(root) == 15
    assert root.find("zs:records", NS) is None


def test_sort_by_title_in_cql(client):
    # Swedish order: V before Ö, whichever order the records were imported in.
    assert control_numbers(search(client, "dc.type=map sortBy dc.title")) == [
        "11601582",
        "11691597",
    ]
    # Newest first: 1966 before 1948.
    assert control_numbers(search(client, "dc.type=magazine sortBy dc.date")) == [
        "3678656",
        "8261338",
    ]


def test_dublin_core_records(client):
    root = search(client, "dc.title=ondskan", recordSchema="dc")

    record = root.find("zs:records/zs:record", NS)
    assert record.findtext("zs:recordSchema", namespaces=NS) == "info:srw/schema/1/dc-v1.1"
    assert root.findtext(".//dc:title", namespaces=NS) == "Ondskan"
    assert "Guillou, Jan" in root.findtext(".//dc:creator", namespaces=NS)


def test_string_packing_escapes_the_record(client):
    root = search(client, "dc.title=ondskan", recordPacking="string")

    data = root.find("zs:records/zs:record/zs:recordData", NS)
    assert len(data) == 0
    assert control_numbers(ElementTree.fromstring(data.text)) == ["11850823"]


def test_post_is_answered_like_get(client):
    response = client.post(
        "/sru", {"version": "1.2", "operation": "searchRetrieve", "query": "dc.title=ondskan"}
    )

    assert control_numbers(xml(response)) == ["11850823"]


def test_sru_2_0_answers_in_its_own_namespace(client):
    root = xml(client.get("/sru", {"query": "dc.title=ondskan", "recordXMLEscaping": "xml"}))

    assert root.tag == f"{{{NS['zs2']}}}searchRetrieveResponse"
    assert root.findtext("zs2:version", namespaces=NS) == "2.0"
    record = root.find("zs2:records/zs2:record", NS)
    assert record.findtext("zs2:recordXMLEscaping", namespaces=NS) == "xml"
    assert control_numbers(root) == ["11850823"]


def test_result_set_ttl_is_ignored_politely(client):
    root = search(client, "dc.title=ondskan", resultSetTTL="300")

    assert diagnostic_uris(root) == []
    assert total(root) == 1


def test_a_page_of_records_costs_one_database_read_besides_the_engine(
    client, django_assert_num_queries, search_backend
):
    # PostgreSQL engine: its estimate of the matches, then its one statement
    with django_assert_num_queries(1 if search_backend == "tantivy" else 3):
        root = search(client, "dc.language=eng", maximumRecords="10")

    assert len(control_numbers(root)) == 10


def test_proximity_finds_words_near_each_other(client):
    # "Anteckningar från en ö": "anteckningar" and "ö" are three words apart.
    assert control_numbers(search(client, "anteckningar prox/distance<=3 ö")) == ["7149593"]
    assert total(search(client, "anteckningar prox/distance<=2 ö")) == 0
