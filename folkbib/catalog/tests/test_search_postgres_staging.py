"""The PostgreSQL engine's two ways of writing documents give the same rows.

Few documents go one statement each; a batch is copied into a staging table and
upserted by one statement. Searches must not be able to tell which way a record came.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.db import connection

from folkbib.catalog.search import postgres_backend
from folkbib.catalog.search.indexing import documents_for
from folkbib.catalog.tests.search_helpers import make_item, make_record

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
]


def _rows() -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT record_id, sort_key, newest, year, material_type, languages, authors, "
            "subjects, municipalities, branches, available_branches, isbns, available, "
            "tsv::text, tsv_fold::text, tsv_series::text "
            f"FROM {postgres_backend.TABLE} ORDER BY record_id"
        )
        return cursor.fetchall()


def _catalogue(places: Any) -> list[int]:
    records = [
        make_record(
            "Göteborg förr och nu",
            authors=["Åkesson, Märta"],
            subjects=["Städer", "Historia"],
            series=["Svenska städer ; 3"],
            summary="En bok om hamnen och varven.",
            isbns=["9789127023456"],
        ),
        make_record("Bröderna Lejonhjärta", authors=["Lindgren, Astrid"], year=1973),
        make_record("The Hobbit", language="eng", languages=["eng"], material_type="audiobook"),
        make_record("och i att"),  # stop words only
        make_record(""),
    ]
    make_item(records[0], places["umea-stad"])
    make_item(records[1], places["vindeln"], status="on_loan")
    return [r.id for r in records]


def test_staged_and_statement_writes_store_the_same_rows(places: Any, monkeypatch: Any) -> None:
    ids = _catalogue(places)
    backend = postgres_backend.PostgresBackend()

    monkeypatch.setattr(postgres_backend, "STAGE_FROM", 10**9)
    assert backend.index_documents(documents_for(ids)) == len(ids)
    one_by_one = _rows()
    backend.clear()

    monkeypatch.setattr(postgres_backend, "STAGE_FROM", 1)
    assert backend.index_documents(documents_for(ids)) == len(ids)
    staged = _rows()

    assert len(one_by_one) == len(ids)
    assert staged == one_by_one


def test_a_staged_batch_replaces_existing_rows_and_the_last_of_two_documents_wins(
    places: Any, monkeypatch: Any
) -> None:
    ids = _catalogue(places)
    backend = postgres_backend.PostgresBackend()
    monkeypatch.setattr(postgres_backend, "STAGE_FROM", 1)
    backend.index_documents(documents_for(ids))

    first, *_ = documents_for(ids[:1])
    renamed = dataclasses.replace(first, title="Malmö förr och nu")
    assert backend.index_documents([first, renamed]) == 1
    backend.index_documents(documents_for(ids[1:]))  # the staging table is reused

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT record_id FROM {postgres_backend.TABLE} "
            "WHERE tsv_fold @@ to_tsquery('simple', 'malmo')"
        )
        assert cursor.fetchall() == [(ids[0],)]
        cursor.execute(f"SELECT count(*) FROM {postgres_backend.TABLE}")
        assert cursor.fetchone() == (len(ids),)
