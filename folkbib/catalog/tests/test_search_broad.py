"""A very broad search on the PostgreSQL engine reads a bounded sample, and says so.

Ranking, counting and faceting every match of a common word cost minutes at ten
million records. Past ``BROAD_FROM`` expected matches the engine reads the newest
``BROAD_SAMPLE`` matches, ranks and facets those, and gives the planner's estimate as
the total, flagged as an estimate all the way to the portal and the API.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from folkbib.catalog.search import postgres_backend
from folkbib.catalog.search.base import SearchFilters
from folkbib.catalog.search.query import parse_query
from folkbib.catalog.selectors import search
from folkbib.catalog.tests.search_helpers import ids, index_everything, make_record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,
]


@pytest.fixture
def broad(settings: Any, monkeypatch: Any) -> None:
    """Searches count as broad from 3 expected matches; a sample is 4 documents."""
    settings.SEARCH_BACKEND = "postgres"
    monkeypatch.setattr(postgres_backend, "BROAD_FROM", 3)
    monkeypatch.setattr(postgres_backend, "BROAD_SAMPLE", 4)
    monkeypatch.setattr(postgres_backend.PostgresBackend, "_estimate", staticmethod(_planner))


def _planner(cursor: Any, where: str, params: list[Any]) -> int:
    return 9_000  # what the planner would say of a common word in a large catalogue


def test_a_broad_search_ranks_and_facets_the_newest_matches_and_estimates_the_total(broad):
    for n in range(3):
        make_record(f"Skogen {n}", year=1990 + n)
    newer = [
        make_record(f"Skogen i regn {n}", year=2020 + n, language="eng", languages=["eng"])
        for n in range(4)
    ]
    index_everything()

    results = search("skogen", per_page=2)

    assert results.estimated
    assert results.total == 9_000
    assert set(ids(results)) <= {r.id for r in newer}  # ranked among the 4 newest only
    languages = dict((f.value, f.count) for f in results.facets["language"])
    assert languages == {"eng": 4}


def test_a_broad_search_that_finds_fewer_than_a_sample_gives_the_exact_total(broad):
    records = [make_record(f"Fjällen {n}") for n in range(3)]
    make_record("Havet")
    index_everything()

    results = search("fjällen", per_page=2)

    assert not results.estimated
    assert results.total == 3
    assert len(ids(results)) == 2
    assert set(ids(results)) <= {r.id for r in records}


def test_sorting_by_title_reads_the_first_titles_of_a_broad_search(broad):
    titles = ["Ö", "A", "C", "B", "D", "E"]
    records = {t: make_record(f"{t} bok", sort_title=f"{t} bok") for t in titles}
    index_everything()

    first = search("bok", sort="title", per_page=2)
    third = search("bok", sort="title", per_page=2, page=3)  # past the sample: read further

    assert first.estimated
    assert ids(first) == [records["A"].id, records["B"].id]
    assert ids(third) == [records["E"].id, records["Ö"].id]


def test_a_narrow_search_is_exact_as_before(settings):
    settings.SEARCH_BACKEND = "postgres"
    records = [make_record(f"Myren {n}") for n in range(3)]
    index_everything()

    results = search("myren")

    assert not results.estimated
    assert results.total == 3
    assert set(ids(results)) == {r.id for r in records}


def test_the_portal_says_about_how_many_and_what_the_facets_count(broad, client):
    for n in range(25):  # more than a page: the sample is the page, 20
        make_record(f"Skogen {n}", year=2000 + n)
    index_everything()

    html = unescape(client.get("/?q=skogen").content.decode())

    count = re.search(r'<h2 id="result-count">(.*?)</h2>', html, re.S)
    assert count is not None
    assert " ".join(count.group(1).split()) == "Cirka 9000 träffar för ”skogen”"
    assert "Antalen gäller de 20 nyaste träffarna." in html


def test_the_api_says_the_total_is_an_estimate(broad, client):
    for n in range(6):
        make_record(f"Skogen {n}", year=2000 + n)
    index_everything()

    body = client.get("/api/v1/search?q=skogen&per_page=2").json()

    assert body["total"] == 9_000
    assert body["total_estimated"] is True


def _analyse() -> None:
    """Planner statistics for the search table: the floor is read from them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_search_document")


def _sample_statements(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "ORDER BY newest DESC LIMIT" in q["sql"]]


@pytest.fixture
def half_table_floor(broad: None, monkeypatch: Any) -> None:
    """A broad search first reads the newest half of the table (9,000 expected
    matches, a margin of 1,125 samples of 4)."""
    monkeypatch.setattr(postgres_backend, "FLOOR_MARGIN", 1_125)
    monkeypatch.setattr(postgres_backend, "FLOOR_BELOW", 1.0)
    monkeypatch.setattr(postgres_backend, "WALK_FROM", 1_000.0)  # never common enough


def test_a_very_broad_search_reads_only_the_newest_part_of_the_table(half_table_floor):
    skogen = [make_record(f"Skogen {n}", year=2000 + n) for n in range(20)]
    for n in range(20):
        make_record(f"Havet {n}", year=1950 + n)
    index_everything()
    _analyse()

    with CaptureQueriesContext(connection) as captured:
        results = search("skogen", per_page=4)

    assert results.estimated
    assert ids(results) == [r.id for r in reversed(skogen[-4:])]  # equal rank: newest first
    (statement,) = _sample_statements(captured)
    assert "newest >=" in statement


def test_a_broad_search_whose_matches_are_old_reads_the_whole_table_after_all(half_table_floor):
    skogen = [make_record(f"Skogen {n}", year=1950 + n) for n in range(20)]
    for n in range(20):
        make_record(f"Havet {n}", year=2000 + n)
    index_everything()
    _analyse()

    with CaptureQueriesContext(connection) as captured:
        results = search("skogen", per_page=4)

    assert results.estimated
    assert ids(results) == [r.id for r in reversed(skogen[-4:])]
    first, second = _sample_statements(captured)
    assert "newest >=" in first  # the newest half: no Skogen there
    assert "newest >=" not in second


def test_a_broad_search_of_filters_only_lists_the_newest_matches(broad):
    talking = [
        make_record(f"Talbok {n}", year=2000 + n, material_type="talking_book") for n in range(6)
    ]
    for n in range(6):
        make_record(f"Bok {n}", year=2010 + n, material_type="book")
    index_everything()

    results = search("", SearchFilters(material_types=["talking_book"]), per_page=4)

    assert results.estimated
    assert ids(results) == [r.id for r in reversed(talking[-4:])]
    types = dict((f.value, f.count) for f in results.facets["material_type"])
    assert types == {"talking_book": 4}  # counted over the sample of 4


@pytest.mark.django_db(transaction=True)
def test_a_broad_search_leaves_the_planner_settings_as_they_were(broad):
    # Outside a transaction the search's own ends its settings: none are read or put
    # back. Inside a caller's they are put back before it goes on.
    for n in range(6):
        make_record(f"Skogen {n}", year=2000 + n)
    index_everything()

    def settings_now() -> tuple[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
            row = cursor.fetchone()
        return row[0], row[1]

    before = settings_now()
    with CaptureQueriesContext(connection) as captured:
        alone = search("skogen", per_page=2)
    after_alone = settings_now()
    with transaction.atomic():
        inside = search("skogen", per_page=2)
        after_inside = settings_now()

    assert alone.estimated and inside.estimated
    assert before == after_alone == after_inside
    assert not any("current_setting" in q["sql"] for q in captured)


def test_a_search_the_planner_took_for_narrow_becomes_broad_past_broad_from(broad, monkeypatch):
    # The planner multiplies the chances of two words: "united states" at 1M records
    # was expected a few hundred times and is in 28,000 records.
    monkeypatch.setattr(
        postgres_backend.PostgresBackend, "_estimate", staticmethod(lambda *args: 2)
    )
    older = [make_record(f"Skogen {n}", year=1990 + n) for n in range(3)]
    newer = [make_record(f"Skogen {n}", year=2020 + n) for n in range(4)]
    index_everything()

    with CaptureQueriesContext(connection) as captured:
        results = search("skogen", per_page=2)

    assert results.estimated
    assert results.total >= 4
    assert set(ids(results)) <= {r.id for r in newer}
    assert not set(ids(results)) & {r.id for r in older}
    assert len(_sample_statements(captured)) == 1  # narrow first, then the broad sample


def _planned_where(raw: str, form: str) -> tuple[int, str]:
    """The planner's expected rows and its condition for ``raw`` in ``form``."""
    backend = postgres_backend.PostgresBackend()
    where, params, _fold, _exact = backend._where(parse_query(raw), SearchFilters(), form)
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {postgres_backend.TABLE} WHERE {where}", params
        )
        (plan,) = cursor.fetchone()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"]), json.dumps(plan)


def _a_quarter_titled(word: str) -> None:
    """100 records, every fourth titled ``word`` and the rest "Havet", indexed and
    analysed."""
    for n in range(100):
        make_record(f"{word} {n}" if n % 4 == 0 else f"Havet {n}")
    index_everything()
    _analyse()


def test_a_word_that_stems_to_itself_is_looked_up_once(settings):
    settings.SEARCH_BACKEND = "postgres"
    make_record("Skog")
    index_everything()

    _rows, plan = _planned_where("skog", "match")
    _rows, stemmed = _planned_where("skogen", "match")

    # The plan quotes the query's constant: '''skog'''::tsquery is the tsquery 'skog'.
    assert "'''skog'''::tsquery" in plan  # not 'skog' | 'skog'
    assert "'''skog'' | ''skogen'''::tsquery" in stemmed  # both halves where they differ


def test_a_phrase_with_a_stop_word_tests_each_half_on_its_own(settings):
    # One tsquery of both halves made GIN meet every entry of "i"; two conditions let
    # the planner OR two index scans. The same records either way, folded and fielded.
    settings.SEARCH_BACKEND = "postgres"
    wanted = make_record("Julmyr i Hörnefors")
    stop_word = make_record("Julmyr och Hörnefors")  # the stemmed half skips stop words
    make_record("Hörnefors i julmyr")
    about = make_record("Annat", subjects=["Julmyr i Hörnefors"])
    index_everything()

    _rows, plan = _planned_where('"julmyr i hörnefors"', "match")
    _rows, word = _planned_where("skogen", "match")

    assert "(tsv_fold @@ '''julmyr'' <2> ''hornefor'''::tsquery) OR " in plan
    assert "(tsv_fold @@ '''julmyr'' <-> ''i'' <-> ''hornefors'''::tsquery)" in plan
    assert "'''skog'' | ''skogen'''::tsquery" in word  # no stop word: one tsquery
    assert set(ids(search('"Julmyr i Hörnefors"'))) == {wanted.id, stop_word.id, about.id}
    assert set(ids(search('title:"julmyr i hörnefors"'))) == {wanted.id, stop_word.id}


def test_the_planner_counts_a_word_in_a_quarter_of_the_records_once(settings):
    # Every record with "Skogen" as written also has its stem "skog": the planner, which
    # takes the two halves of the query for independent, expected both added up.
    settings.SEARCH_BACKEND = "postgres"
    _a_quarter_titled("Skogen")

    estimated, _plan = _planned_where("skogen", "estimate")
    both, _plan = _planned_where("skogen", "match")

    assert 20 <= estimated <= 30
    assert both >= 40


def test_a_stop_word_is_estimated_from_its_simple_half(settings):
    settings.SEARCH_BACKEND = "postgres"
    _a_quarter_titled("Och")

    estimated, _plan = _planned_where("och", "estimate")

    assert 20 <= estimated <= 30
    assert len(ids(search("och", per_page=50))) == 25


def test_words_within_a_few_years_are_found_through_the_years_newest_range(settings, monkeypatch):
    # 'war year:1939-1945': the years are a range of the newest index to intersect with
    # the word's, not a test of every record with the word. Same records, to the year.
    settings.SEARCH_BACKEND = "postgres"
    monkeypatch.setattr(postgres_backend, "YEARS_RANGE_SHARE", 0.0)  # "skogen" is common
    by_year = {year: make_record(f"Skogen {year}", year=year) for year in range(1950, 2050)}
    make_record("Skogen utan år", year=None)
    index_everything()
    _analyse()

    with CaptureQueriesContext(connection) as captured:
        results = search("skogen year:1990-1991", per_page=50)
    filtered = search("skogen", SearchFilters(year_from=2040), per_page=50)
    wide = search("skogen year:1950-2040", per_page=50)

    assert set(ids(results)) == {by_year[1990].id, by_year[1991].id}
    assert any("newest >= " in q["sql"] and "newest < " in q["sql"] for q in captured)
    assert set(ids(filtered)) == {by_year[year].id for year in range(2040, 2050)}
    assert wide.total == 91


def test_years_are_a_newest_range_when_the_words_alone_are_common_beside_the_years(
    settings, monkeypatch
):
    # At a million records spread as this table's are, the years 1990-1991 hold
    # ~30,000 (3 of 99 histogram buckets): words expected 10 times there (~330 alone)
    # are tested faster than the range is read; words expected 200 times there
    # (~6,600 alone, 'religion year:1895-1905') are not.
    settings.SEARCH_BACKEND = "postgres"
    for year in range(1950, 2050):
        make_record(f"Skogen {year}", year=year)
    index_everything()
    _analyse()
    table_rows = staticmethod(lambda cursor: 1_000_000.0)
    monkeypatch.setattr(postgres_backend.PostgresBackend, "_table_rows", table_rows)
    backend = postgres_backend.PostgresBackend()

    with connection.cursor() as cursor:
        rare = backend._newest_range(cursor, 1990, 1991, estimate=10)
        common = backend._newest_range(cursor, 1990, 1991, estimate=200)
        wide = backend._newest_range(cursor, 1950, 2000, estimate=1_000_000)

    assert rare is None
    assert common == f"newest >= {1990 << 40:d} AND newest < {1992 << 40:d}"
    assert wide is None  # half the table: past YEARS_BELOW


def test_a_word_in_many_of_the_records_walks_the_newest_matches(broad):
    # The stubbed planner expects 9,000 matches of 40 records: past WALK_FROM of them.
    skogen = [make_record(f"Skogen {n}", year=2000 + 2 * n) for n in range(20)]
    havet = [make_record(f"Havet {n}", year=2001 + 2 * n) for n in range(20)]
    index_everything()
    _analyse()

    with CaptureQueriesContext(connection) as captured:
        results = search("skogen", per_page=4)

    assert results.estimated
    assert ids(results) == [r.id for r in reversed(skogen[-4:])]  # equal rank: newest first
    assert not set(ids(results)) & {r.id for r in havet}
    assert any("'enable_bitmapscan', 'off'" in q["sql"] for q in captured)
