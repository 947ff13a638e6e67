"""Reading a request's arguments: each verb's arguments, datestamps, and the errors."""

from __future__ import annotations

import datetime as dt

import pytest

from folkbib.protocols.oai.arguments import (
    GetRecord,
    ListRequest,
    ListSets,
    Selection,
    parse_request,
)
from folkbib.protocols.oai.errors import BadArgument, BadVerb, CannotDisseminateFormat


def parse(**arguments: str | list[str]):
    return parse_request(
        {
            name.rstrip("_"): value if isinstance(value, list) else [value]
            for name, value in arguments.items()
        }
    )


@pytest.mark.parametrize(
    "arguments",
    [{}, {"verb": "ListStuff"}, {"verb": ["Identify", "Identify"]}, {"verb": "identify"}],
)
def test_a_missing_unknown_or_repeated_verb_is_a_bad_verb(arguments):
    with pytest.raises(BadVerb):
        parse(**arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        {"verb": "Identify", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords"},
        {"verb": "ListRecords", "metadataPrefix": ["oai_dc", "marc21"]},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "abc"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "identifier": "x"},
        {"verb": "GetRecord", "identifier": "oai:x:1"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "ListMetadataFormats", "resumptionToken": "abc"},
        {"verb": "ListSets", "set": "material"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from_": "2025-03-01T12:00Z"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from_": "2025-02-30"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2025-03-01T12:00:00+01:00"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2025-03-01T12:00:00.5Z"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from_": "2025-03-01",
            "until": "2025-03-02T00:00:00Z",
        },
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from_": "2025-03-02",
            "until": "2025-03-01",
        },
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "municipality::2480"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "bok med mellanslag"},
        {"verb": "ListRecords", "metadataPrefix": "oai dc"},
        {"verb": "GetRecord", "identifier": "oai:x:1", "metadataPrefix": ""},
    ],
    ids=lambda arguments: "&".join(f"{k}={v}" for k, v in arguments.items()),
)
def test_unknown_repeated_missing_or_malformed_arguments_are_bad_arguments(arguments):
    with pytest.raises(BadArgument):
        parse(**arguments)


def test_a_format_we_do_not_offer_cannot_be_disseminated():
    with pytest.raises(CannotDisseminateFormat):
        parse(verb="ListRecords", metadataPrefix="mods")
    with pytest.raises(CannotDisseminateFormat):
        parse(verb="GetRecord", identifier="oai:x:1", metadataPrefix="mods")


def test_until_a_day_takes_in_the_whole_day_and_until_a_second_the_whole_second():
    by_day = parse(
        verb="ListRecords", metadataPrefix="oai_dc", from_="2025-03-01", until="2025-03-01"
    )
    by_second = parse(
        verb="ListIdentifiers",
        metadataPrefix="marc21",
        from_="2025-03-01T12:00:00Z",
        until="2025-03-01T12:00:00Z",
        set="municipality:2480",
    )

    assert by_day == ListRequest(
        verb="ListRecords",
        selection=Selection(
            metadata_prefix="oai_dc",
            start=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
            end=dt.datetime(2025, 3, 2, tzinfo=dt.UTC),
        ),
        resumption_token=None,
    )
    assert by_second.selection == Selection(
        metadata_prefix="marc21",
        start=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC),
        end=dt.datetime(2025, 3, 1, 12, 0, 1, tzinfo=dt.UTC),
        set_spec="municipality:2480",
    )


def test_a_resumption_token_comes_alone_and_is_read_later():
    assert parse(verb="ListRecords", resumptionToken="abc") == ListRequest(
        verb="ListRecords", selection=None, resumption_token="abc"
    )
    assert parse(verb="ListSets", resumptionToken="abc") == ListSets(resumption_token="abc")


def test_get_record_takes_an_identifier_and_a_format():
    assert parse(verb="GetRecord", identifier="oai:x:7", metadataPrefix="marc21") == GetRecord(
        identifier="oai:x:7", metadata_prefix="marc21"
    )
