"""Fixtures of the SRU tests: a catalogue of real LIBRIS records, indexed."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree

import pytest

from folkbib.catalog.search import reindex_all
from folkbib.catalog.services import import_records
from folkbib.catalog.tests.import_data.helpers import LIBRIS
from folkbib.catalog.tests.search_helpers import search_backend

__all__ = ["search_backend"]

NOW = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
NS = {
    "zs": "http://www.loc.gov/zing/srw/",
    "zs2": "http://docs.oasis-open.org/ns/search-ws/sruResponse",
    "diag": "http://www.loc.gov/zing/srw/diagnostic/",
    "marc": "http://www.loc.gov/MARC21/slim",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ex": "http://explain.z3950.org/dtd/2.0/",
}


@pytest.fixture
def catalogue(db: Any, search_backend: str) -> None:
    """The 29 LIBRIS records of the import tests, in the database and the index."""
    import_records(path=LIBRIS, now=NOW)
    reindex_all()


def xml(response: Any) -> ElementTree.Element:
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def diagnostic_uris(root: ElementTree.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{{{NS['diag']}}}uri")] + [
        element.text or ""
        for element in root.iter("{http://docs.oasis-open.org/ns/search-ws/diagnostic}uri")
    ]


def control_numbers(root: ElementTree.Element) -> list[str]:
    return [
        element.text or ""
        for element in root.iter(f"{{{NS['marc']}}}controlfield")
        if element.get("tag") == "001"
    ]
