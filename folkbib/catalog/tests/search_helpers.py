"""Shared pieces of the search tests: a small region, record/item factories, engines.

The ``search_backend`` fixture runs a test once per engine this database supports:
tantivy everywhere, PostgreSQL full-text search only when the database is PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from folkbib.catalog.models import Item, ItemStatus, Record
from folkbib.catalog.search import SearchDocument, get_backend, reindex_all
from folkbib.consortium.models import Branch, Municipality, Region

NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)


def backend_names() -> list[str]:
    return ["tantivy", "postgres"] if connection.vendor == "postgresql" else ["tantivy"]


@pytest.fixture(params=backend_names())
def search_backend(request: Any, settings: Any) -> str:
    settings.SEARCH_BACKEND = request.param
    return str(request.param)


@pytest.fixture
def places(db: Any) -> dict[str, Branch]:
    region = Region.objects.create(code="umearegionen", name="Umeåregionen")
    umea = Municipality.objects.create(region=region, code="2480", name="Umeå")
    vindeln = Municipality.objects.create(region=region, code="2404", name="Vindeln")
    return {
        "umea-stad": Branch.objects.create(
            municipality=umea, code="umea-stad", name="Umeå stadsbibliotek"
        ),
        "holmsund": Branch.objects.create(
            municipality=umea, code="holmsund", name="Holmsunds bibliotek"
        ),
        "vindeln": Branch.objects.create(
            municipality=vindeln, code="vindeln", name="Vindelns bibliotek"
        ),
    }


def make_record(title: str, **fields: Any) -> Record:
    values: dict[str, Any] = {
        "marc": b"",
        "title": title,
        "sort_title": title,
        "language": "swe",
        "languages": ["swe"],
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    return Record.objects.create(**values)


_barcode = iter(range(30000001, 40000000))


def make_item(
    record: Record, branch: Branch, status: str = ItemStatus.AVAILABLE, **fields: Any
) -> Item:
    values: dict[str, Any] = {
        "record": record,
        "barcode": str(next(_barcode)),
        "owning_branch": branch,
        "current_branch": branch,
        "status": status,
        "created_at": NOW,
        "updated_at": NOW,
    }
    values.update(fields)
    return Item.objects.create(**values)


def index_everything() -> None:
    reindex_all()


def ids(results: Any) -> list[int]:
    """Record ids of a selector result, in order."""
    return [hit.record.id for hit in results.hits]


def engine() -> Any:
    return get_backend()


def search_document(record_id: int, title: str, **fields: Any) -> SearchDocument:
    """A search engine's document with only what a test names; the rest empty."""
    values: dict[str, Any] = {
        "authors": [],
        "responsibility": "",
        "subjects": [],
        "series": [],
        "isbns": [],
        "other": "",
        "sort_key": title.lower(),
        "year": 2001,
        "material_type": "book",
        "languages": ["swe"],
    }
    return SearchDocument(record_id=record_id, title=title, **{**values, **fields})
