"""The six verbs over HTTP, as a harvester sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from folkbib.catalog.models import Record
from folkbib.catalog.services import delete_record
from folkbib.catalog.tests.search_helpers import make_record

from .conftest import NOW, NS, error_code, make_book, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("oai_settings")]

ID = "oai:bibliotek.example.se:"


def oai(client, **arguments):
    return client.get("/oai", {name.rstrip("_"): value for name, value in arguments.items()})


def texts(root, path):
    return [element.text for element in root.iterfind(path, NS)]


def test_identify_describes_the_repository(client, places):
    make_book(1, "Gösta Berlings saga", now=NOW)
    make_book(2, "Kejsarn av Portugallien", now=NOW - dt.timedelta(days=3))

    response = oai(client, verb="Identify")

    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = parse(response.content)
    identify = root.find("oai:Identify", NS)
    assert texts(identify, "oai:repositoryName") == ["Testregionens bibliotek"]
    assert texts(identify, "oai:baseURL") == ["http://testserver/oai"]
    assert texts(identify, "oai:protocolVersion") == ["2.0"]
    assert texts(identify, "oai:adminEmail") == ["oai@bibliotek.example.se"]
    assert texts(identify, "oai:earliestDatestamp") == ["2025-02-26T12:00:00Z"]
    assert texts(identify, "oai:deletedRecord") == ["persistent"]
    assert texts(identify, "oai:granularity") == ["YYYY-MM-DDThh:mm:ssZ"]
    sample = identify.find(
        ".//{http://www.openarchives.org/OAI/2.0/oai-identifier}sampleIdentifier"
    )
    assert sample.text == ID + "1"
    assert root.find("oai:request", NS).attrib == {"verb": "Identify"}


def test_the_two_metadata_formats_are_offered_for_every_record(client, places):
    record = make_book(1, "Gösta Berlings saga")

    for arguments in ({}, {"identifier": f"{ID}{record.pk}"}):
        root = parse(oai(client, verb="ListMetadataFormats", **arguments).content)
        assert texts(root, ".//oai:metadataPrefix") == ["oai_dc", "marc21"]
        assert texts(root, ".//oai:metadataNamespace") == [
            "http://www.openarchives.org/OAI/2.0/oai_dc/",
            "http://www.loc.gov/MARC21/slim",
        ]


def test_formats_of_an_unknown_identifier_or_a_record_without_marc_are_errors(client, places):
    without_marc = make_record("Utan MARC")

    unknown = oai(client, verb="ListMetadataFormats", identifier=f"{ID}999999")
    huge = oai(client, verb="ListMetadataFormats", identifier=f"{ID}{'9' * 19}")
    foreign = oai(client, verb="ListMetadataFormats", identifier="oai:annat.example.se:1")
    empty = oai(client, verb="ListMetadataFormats", identifier=f"{ID}{without_marc.pk}")

    assert error_code(unknown.content) == "idDoesNotExist"
    assert error_code(huge.content) == "idDoesNotExist"
    assert error_code(foreign.content) == "idDoesNotExist"
    assert error_code(empty.content) == "noMetadataFormats"


def test_list_sets_names_every_municipality_and_material_type(client, places):
    root = parse(oai(client, verb="ListSets").content)

    sets = dict(zip(texts(root, ".//oai:setSpec"), texts(root, ".//oai:setName"), strict=True))
    assert sets["municipality:2480"] == "Umeå"
    assert sets["municipality:2404"] == "Vindeln"
    assert "municipality" in sets and "material" in sets
    assert sets["material:talking_book"] == "Talbok (DAISY)"
    assert error_code(oai(client, verb="ListSets", resumptionToken="x").content) == (
        "badResumptionToken"
    )


def test_get_record_gives_dublin_core_and_marcxml_with_the_sets(client, places):
    record = make_book(1, "Gösta Berlings saga", branches=(places["vindeln"], places["holmsund"]))
    identifier = f"{ID}{record.pk}"

    dc = parse(
        oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc").content
    )
    marc = parse(
        oai(client, verb="GetRecord", identifier=identifier, metadataPrefix="marc21").content
    )

    header = dc.find(".//oai:header", NS)
    assert texts(header, "oai:identifier") == [identifier]
    assert texts(header, "oai:datestamp") == ["2025-03-01T12:00:00Z"]
    assert texts(header, "oai:setSpec") == [
        "municipality:2404",
        "municipality:2480",
        "material:book",
    ]
    assert texts(dc, ".//oai_dc:dc/dc:title") == ["Gösta Berlings saga"]
    assert texts(dc, ".//oai_dc:dc/dc:creator") == ["Lagerlöf, Selma"]
    assert texts(marc, ".//oai:metadata/marc:record/marc:datafield[@tag='245']/marc:subfield") == [
        "Gösta Berlings saga"
    ]
    assert texts(marc, ".//marc:controlfield[@tag='001']") == ["oai1"]


def test_get_record_errors(client, places):
    record = make_book(1, "Gösta Berlings saga")
    without_marc = make_record("Utan MARC")

    assert error_code(
        oai(client, verb="GetRecord", identifier=f"{ID}{record.pk}", metadataPrefix="mods").content
    ) == ("cannotDisseminateFormat")
    assert error_code(
        oai(
            client, verb="GetRecord", identifier=f"{ID}{without_marc.pk}", metadataPrefix="oai_dc"
        ).content
    ) == ("cannotDisseminateFormat")
    assert error_code(
        oai(client, verb="GetRecord", identifier=f"{ID}0", metadataPrefix="oai_dc").content
    ) == ("idDoesNotExist")
    assert error_code(oai(client, verb="GetRecord", identifier=f"{ID}1").content) == "badArgument"


def test_a_deleted_record_stays_harvestable_as_deleted_with_its_sets(client, places):
    record = make_book(1, "Gösta Berlings saga", branches=(places["vindeln"],))
    later = NOW + dt.timedelta(days=2)
    delete_record(record=record, now=later)

    got = parse(
        oai(
            client, verb="GetRecord", identifier=f"{ID}{record.pk}", metadataPrefix="oai_dc"
        ).content
    )
    listed = parse(
        oai(client, verb="ListRecords", metadataPrefix="marc21", set="municipality:2404").content
    )

    for root in (got, listed):
        header = root.find(".//oai:record/oai:header", NS)
        assert header.get("status") == "deleted"
        assert texts(header, "oai:datestamp") == ["2025-03-03T12:00:00Z"]
        assert texts(header, "oai:setSpec") == ["municipality:2404", "material:book"]
        assert root.find(".//oai:metadata", NS) is None
    formats = oai(client, verb="ListMetadataFormats", identifier=f"{ID}{record.pk}")
    assert error_code(formats.content) is None


def test_from_and_until_select_by_datestamp_to_the_second(client, places):
    early = make_book(1, "Tidig", now=NOW)
    late = make_book(2, "Sen", now=NOW + dt.timedelta(seconds=1))
    next_day = make_book(3, "Nästa dag", now=NOW + dt.timedelta(days=1))

    def identifiers(**selection):
        response = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **selection)
        return texts(parse(response.content), ".//oai:header/oai:identifier")

    assert identifiers(until="2025-03-01T12:00:00Z") == [f"{ID}{early.pk}"]
    assert identifiers(from_="2025-03-01T12:00:01Z") == [f"{ID}{late.pk}", f"{ID}{next_day.pk}"]
    assert identifiers(from_="2025-03-01", until="2025-03-01") == [
        f"{ID}{early.pk}",
        f"{ID}{late.pk}",
    ]
    nothing = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", from_="2025-04-01")
    assert error_code(nothing.content) == "noRecordsMatch"


def test_sets_select_by_owning_municipality_and_material_type(client, places):
    umea = make_book(1, "I Umeå", branches=(places["umea-stad"],))
    vindeln = make_book(2, "I Vindeln", branches=(places["vindeln"],))
    both = make_book(3, "Överallt", branches=(places["holmsund"], places["vindeln"]))
    nowhere = make_book(4, "Karta utan exemplar", material_type="map")

    def identifiers(set_spec):
        response = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=set_spec)
        if error_code(response.content) == "noRecordsMatch":
            return []
        return texts(parse(response.content), ".//oai:header/oai:identifier")

    assert identifiers("municipality:2480") == [f"{ID}{umea.pk}", f"{ID}{both.pk}"]
    assert identifiers("municipality:2404") == [f"{ID}{vindeln.pk}", f"{ID}{both.pk}"]
    assert identifiers("municipality") == [f"{ID}{r.pk}" for r in (umea, vindeln, both)]
    assert identifiers("material:map") == [f"{ID}{nowhere.pk}"]
    assert len(identifiers("material")) == 4
    assert identifiers("municipality:9999") == []
    assert identifiers("publisher:x") == []


def test_a_long_list_comes_in_pages_with_tokens(client, places, settings):
    settings.OAI_PAGE_SIZE = 2
    records = [make_book(n, f"Bok {n}", now=NOW + dt.timedelta(minutes=n)) for n in range(5)]

    pages = []
    response = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    while True:
        root = parse(response.content)
        pages.append(texts(root, ".//oai:header/oai:identifier"))
        token = root.find(".//oai:resumptionToken", NS)
        assert token is not None
        assert token.get("completeListSize") == "5"
        assert token.get("cursor") == str(2 * (len(pages) - 1))
        if not token.text:
            assert token.get("expirationDate") is None
            break
        expires = dt.datetime.strptime(token.get("expirationDate"), "%Y-%m-%dT%H:%M:%S%z")
        assert dt.timedelta(hours=23) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=24)
        response = oai(client, verb="ListRecords", resumptionToken=token.text)

    assert pages == [
        [f"{ID}{records[0].pk}", f"{ID}{records[1].pk}"],
        [f"{ID}{records[2].pk}", f"{ID}{records[3].pk}"],
        [f"{ID}{records[4].pk}"],
    ]


def test_a_record_changed_during_a_harvest_is_neither_lost_nor_shifts_the_pages(
    client, places, settings
):
    settings.OAI_PAGE_SIZE = 2
    records = [make_book(n, f"Bok {n}", now=NOW + dt.timedelta(minutes=n)) for n in range(4)]
    first = parse(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").content)
    token = first.find(".//oai:resumptionToken", NS).text

    # One record already sent and one not yet sent are changed before the next page.
    for record in (records[0], records[2]):
        Record.objects.filter(pk=record.pk).update(updated_at=NOW + dt.timedelta(hours=1))

    seen = texts(first, ".//oai:header/oai:identifier")
    while token:
        root = parse(oai(client, verb="ListIdentifiers", resumptionToken=token).content)
        seen += texts(root, ".//oai:header/oai:identifier")
        token = root.find(".//oai:resumptionToken", NS).text

    assert set(seen) == {f"{ID}{record.pk}" for record in records}
    assert seen[2] == f"{ID}{records[3].pk}"  # page two did not skip record 3
    assert seen[-2:] == [f"{ID}{records[0].pk}", f"{ID}{records[2].pk}"]


def test_forged_edited_expired_or_foreign_tokens_are_bad_resumption_tokens(
    client, places, settings
):
    settings.OAI_PAGE_SIZE = 1
    make_book(1, "Ett")
    make_book(2, "Två")
    token = (
        parse(oai(client, verb="ListRecords", metadataPrefix="oai_dc").content)
        .find(".//oai:resumptionToken", NS)
        .text
    )

    assert error_code(oai(client, verb="ListRecords", resumptionToken=token).content) is None
    assert error_code(oai(client, verb="ListRecords", resumptionToken="junk").content) == (
        "badResumptionToken"
    )
    edited = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert error_code(oai(client, verb="ListRecords", resumptionToken=edited).content) == (
        "badResumptionToken"
    )
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=token).content) == (
        "badResumptionToken"
    )
    settings.SECRET_KEY = "another-key-after-a-key-rotation"
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token).content) == (
        "badResumptionToken"
    )


def test_an_expired_token_says_where_to_pick_the_harvest_up(client, places, settings):
    settings.OAI_PAGE_SIZE = 1
    settings.OAI_TOKEN_HOURS = 0
    make_book(1, "Ett", now=NOW)
    make_book(2, "Två", now=NOW + dt.timedelta(hours=1))
    token = (
        parse(oai(client, verb="ListRecords", metadataPrefix="oai_dc").content)
        .find(".//oai:resumptionToken", NS)
        .text
    )

    root = parse(oai(client, verb="ListRecords", resumptionToken=token).content)

    error = root.find("oai:error", NS)
    assert error.get("code") == "badResumptionToken"
    assert "from=2025-03-01T12:00:00Z" in error.text


def test_post_answers_like_get(client, places):
    record = make_book(1, "Gösta Berlings saga")
    arguments = {"verb": "GetRecord", "identifier": f"{ID}{record.pk}", "metadataPrefix": "oai_dc"}

    posted = client.post("/oai", arguments)
    got = client.get("/oai", arguments)

    assert posted.status_code == 200

    def answer(content):
        return etree.tostring(parse(content).find("oai:GetRecord", NS))

    assert answer(posted.content) == answer(got.content)
    assert client.put("/oai").status_code == 405


def test_the_request_is_echoed_except_after_bad_verbs_and_arguments(client, places):
    make_book(1, "Gösta Berlings saga")

    fine = parse(
        oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", from_="2025-01-01").content
    )
    bad = parse(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", color="red").content)
    no_verb = parse(oai(client).content)

    assert fine.find("oai:request", NS).attrib == {
        "verb": "ListIdentifiers",
        "metadataPrefix": "oai_dc",
        "from": "2025-01-01",
    }
    assert fine.find("oai:request", NS).text == "http://testserver/oai"
    assert bad.find("oai:request", NS).attrib == {}
    assert bad.find("oai:error", NS).get("code") == "badArgument"
    assert no_verb.find("oai:error", NS).get("code") == "badVerb"


def test_a_page_of_a_hundred_records_costs_three_queries(
    client, places, settings, django_assert_num_queries
):
    settings.OAI_PAGE_SIZE = 100
    for n in range(210):
        make_book(n, f"Bok {n}", now=NOW + dt.timedelta(seconds=n), branches=(places["vindeln"],))
    tombstone = make_book(999, "Borta", now=NOW, branches=(places["umea-stad"],))
    delete_record(record=tombstone, now=NOW + dt.timedelta(seconds=150))

    # The first page also counts the list (records and tombstones) once.
    with django_assert_num_queries(5):
        first = parse(oai(client, verb="ListRecords", metadataPrefix="marc21").content)
    token = first.find(".//oai:resumptionToken", NS)
    assert token.get("completeListSize") == "211"
    with django_assert_num_queries(3):
        second = parse(oai(client, verb="ListRecords", resumptionToken=token.text).content)

    assert len(second.findall(".//oai:record", NS)) == 100
    assert len(second.findall(".//oai:header[@status='deleted']", NS)) == 1
    assert texts(second, ".//oai:header/oai:setSpec")[:2] == ["municipality:2404", "material:book"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("<responseDate>", "<responseDate>2025-03-01</responseDate><responseDate>"),
        ("<datestamp>2025-03-01T12:00:00Z", "<datestamp>2025-03-01T12:00:00.250Z"),
        ('<resumptionToken completeListSize="2"', '<resumptionToken completeListSize="0"'),
        ("<setSpec>material:book</setSpec>", "<setSpec>material book</setSpec>"),
    ],
)
def test_the_structure_check_catches_what_a_harvester_would_choke_on(
    client, places, settings, old, new
):
    settings.OAI_PAGE_SIZE = 1
    make_book(1, "Ett")
    make_book(2, "Två")
    first = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = parse(first.content).find(".//oai:resumptionToken", NS).text
    last = oai(client, verb="ListRecords", resumptionToken=token).content.decode()
    assert old in last
    parse(last.encode())

    with pytest.raises(etree.DocumentInvalid):
        parse(last.replace(old, new, 1).encode())


def test_a_tombstone_is_in_the_sets_its_record_was_in_when_deleted(client, places):
    owned = make_book(1, "Ägd i Vindeln", branches=(places["vindeln"],))
    unowned = make_book(2, "Utan exemplar", material_type="map")
    for record in (owned, unowned):
        delete_record(record=record, now=NOW + dt.timedelta(days=1))

    def identifiers(set_spec):
        response = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=set_spec)
        if error_code(response.content) == "noRecordsMatch":
            return []
        return texts(parse(response.content), ".//oai:header/oai:identifier")

    assert identifiers("municipality") == [f"{ID}{owned.pk}"]
    assert identifiers("municipality:2404") == [f"{ID}{owned.pk}"]
    assert identifiers("municipality:2480") == []
    assert identifiers("material:map") == [f"{ID}{unowned.pk}"]
    assert identifiers("material") == [f"{ID}{owned.pk}", f"{ID}{unowned.pk}"]
