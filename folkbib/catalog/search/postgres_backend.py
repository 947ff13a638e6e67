"""The PostgreSQL engine, for deployments with several app processes and no shared disk.

One row per record in ``catalog_search_document`` (model ``SearchDocumentRow``) with
three tsvector columns added by migration 0002 on PostgreSQL only:

- ``tsv_fold``: ``unaccent`` text under the ``swedish`` configuration (stemmed, stop
  words dropped) concatenated with the ``simple`` configuration (every word as
  written, so a query of stop words still matches); weights A title, B authors,
  C subjects, D series/summary/other. GIN-indexed; every text match uses it.
- ``tsv``: the same without ``unaccent``, only read for ranking, so exact
  diacritics rank above folded matches.
- ``tsv_series``: the series alone, for ``series:``.

A search is one SQL statement returning hits, total and facet counts as JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Any, Literal

from django.db import connection, connections, transaction

from folkbib.catalog.models import SearchDocumentRow
from folkbib.catalog.search.base import (
    AVAILABLE_VALUE,
    BROAD_SAMPLE,
    FACET_SIZES,
    EngineHit,
    EngineResult,
    SearchBackend,
    SearchFilters,
    SearchRequest,
    facet_size,
)
from folkbib.catalog.search.documents import SearchDocument
from folkbib.catalog.search.query import (
    AllOf,
    AnyOf,
    Clause,
    Isbn,
    Near,
    Not,
    ParsedQuery,
    Term,
    Text,
    YearRange,
)
from folkbib.core.db_routers import ReplicaRouter

TABLE = "catalog_search_document"
# "other" is weight D, which also holds the series (see _params).
_WEIGHT = {"title": "a", "author": "b", "subject": "c", "other": "d"}
# Fields whose part of tsv_fold has a GIN index of its own (migration 0005).
_FIELD_INDEXED = frozenset({"title", "author", "subject"})
_HAS_WORD = re.compile(r"\w")
# What a text's tsquery is made for (PostgresBackend._tsquery), and how many parameters
# each form takes ("match" of a text that is no prefix is PostgresBackend._match_condition,
# which counts its own).
_Form = Literal["rank", "match", "estimate"]
_FORM_PARAMETERS = {"rank": 2, "estimate": 3}
_WORDS = re.compile(r"\w+")
# ``Term`` field -> the condition testing it. Document numbers (ISSNs, control numbers)
# share the ISBN column: their "issn:"/"id:" prefixes keep them apart from ISBNs.
_TERM_CONDITIONS = {
    "language": "languages ?| %s",
    "material_type": "material_type = ANY(%s)",
    "number": "isbns ?| %s",
}


def _parameter(name: str) -> str:
    return f"%({name})s"


def _staged(name: str) -> str:
    return f"s.{name}"


def _vector(*, fold: bool, source: Callable[[str], str] = _parameter) -> str:
    """The tsvector of a document's texts; ``source`` names where each text comes from
    (a statement parameter, or a column of the staging table)."""

    def text(param: str) -> str:
        return f"unaccent({source(param)})" if fold else source(param)

    parts = []
    for config in ("swedish", "simple"):
        for param, weight in (("title", "A"), ("author", "B"), ("subject", "C"), ("other", "D")):
            parts.append(f"setweight(to_tsvector('{config}', {text(param)}), '{weight}')")
    return " || ".join(parts)


_COLUMNS = (
    "record_id",
    "sort_key",
    "newest",
    "year",
    "material_type",
    "languages",
    "authors",
    "subjects",
    "municipalities",
    "branches",
    "available_branches",
    "isbns",
    "available",
)
_JSON_COLUMNS = {
    "languages",
    "authors",
    "subjects",
    "municipalities",
    "branches",
    "available_branches",
    "isbns",
}


def _series_vector(source: Callable[[str], str]) -> str:
    series = source("series")
    return (
        f"to_tsvector('swedish', unaccent({series})) || to_tsvector('simple', unaccent({series}))"
    )


_ON_CONFLICT = f"""
ON CONFLICT (record_id) DO UPDATE SET
    {", ".join(f"{c} = EXCLUDED.{c}" for c in (*_COLUMNS[1:], "tsv", "tsv_fold", "tsv_series"))}
"""
_UPSERT = f"""
INSERT INTO {TABLE} ({", ".join(_COLUMNS)}, tsv, tsv_fold, tsv_series)
VALUES ({", ".join(f"%({c})s::jsonb" if c in _JSON_COLUMNS else f"%({c})s" for c in _COLUMNS)},
        {_vector(fold=False)}, {_vector(fold=True)}, {_series_vector(_parameter)})
{_ON_CONFLICT}"""  # only constant identifiers are interpolated; values are parameters

# The texts the vectors are made of (not stored: only their vectors are).
_TEXTS = ("title", "author", "subject", "other", "series")
# A batch of at least this many documents is staged: ``COPY`` into a temporary table,
# then one INSERT ... SELECT computes every vector. Per row that is a fifth of the
# cost of a parameterised statement (no bind, no per-row round of the pipeline).
STAGE_FROM = 200
_STAGING = "folkbib_search_staging"
_CREATE_STAGING = f"""
CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGING} (
    record_id bigint, sort_key text, newest bigint, year integer, material_type text,
    {", ".join(f"{c} jsonb" for c in _COLUMNS if c in _JSON_COLUMNS)},
    available boolean, {", ".join(f"{t} text" for t in _TEXTS)}
)"""
_FROM_STAGING = f"""
INSERT INTO {TABLE} ({", ".join(_COLUMNS)}, tsv, tsv_fold, tsv_series)
SELECT {", ".join(f"s.{c}" for c in _COLUMNS)},
       {_vector(fold=False, source=_staged)}, {_vector(fold=True, source=_staged)},
       {_series_vector(_staged)}
FROM {_STAGING} s
{_ON_CONFLICT}"""


# Facet key -> SQL counting its values over the matching rows ``m``.
# Facet key -> the column a filter on it tests.
_FILTER_COLUMNS = {
    "material_type": "material_type",
    "language": "languages",
    "author": "authors",
    "subject": "subjects",
    "municipality": "municipalities",
    "branch": "branches",
}


def _array_facet(column: str) -> str:
    # The set-returning function in the select list (a ProjectSet) rather than in FROM
    # (a Function Scan, which fills a tuplestore for every matching row): up to 3x
    # faster over thousands of matches, same rows.
    return (
        f"SELECT v, count(*) AS c FROM (SELECT jsonb_array_elements_text(m.{column}) AS v "
        "FROM m) e GROUP BY 1"
    )


_FACET_SQL = {
    "material_type": "SELECT material_type AS v, count(*) AS c FROM m GROUP BY 1",
    "language": _array_facet("languages"),
    "year": "SELECT year::text AS v, count(*) AS c FROM m WHERE year IS NOT NULL GROUP BY 1",
    "author": _array_facet("authors"),
    "subject": _array_facet("subjects"),
    "municipality": _array_facet("municipalities"),
    "branch": _array_facet("branches"),
    "available": (
        f"SELECT '{AVAILABLE_VALUE}' AS v, count(*) AS c FROM m WHERE available HAVING count(*) > 0"
    ),
}


# Searches the planner expects to match more documents than this are "broad": instead
# of ranking, counting and faceting every match (a common word at 10M records: minutes),
# they read only the newest ``base.BROAD_SAMPLE`` matches (or the first by title), rank and
# facet those, and report the planner's estimate as the total, marked as an estimate.
# The estimate is of one half of the query and about right (see PostgresBackend._tsquery);
# from 2,500 records up, counting and faceting every match costs more than the sample.
BROAD_FROM = 2_500
# The statement that finds a broad search's sample (transaction-local, put back after
# it): no JIT compilation (a sample's plan costs more than the server's threshold;
# compiling took 20-50 ms of a statement that runs in a few) and no parallel workers
# (as the table's own setting, migration 0004).
_SERIAL = {"jit": "off", "max_parallel_workers_per_gather": "0"}
# With words to find, also bitmap scans of the indexes only, and memory enough for the
# bitmap to stay exact (a lossy one re-tests whole pages). Without words (filters
# only: every talking book) the planner walks the ``newest`` index testing plain
# columns, which stops after the sample: 40,000 talking books at 1M records in 64 ms
# instead of 240 ms of bitmap over the newest fifth of the table.
_BITMAP_ONLY = {"enable_indexscan": "off", "enable_seqscan": "off", "work_mem": "64MB", **_SERIAL}
# Words expected in at least this share of the table are found by walking the
# ``newest`` index too, testing each row: a word in 15% of the records is met about
# 7,000 rows into it (30 ms at 1M records), where its bitmap alone has 150,000 entries
# (60 ms). At 7% both cost about the same; below, the walk reads ever more rows per match.
WALK_FROM = 0.08
_WALK = {"enable_bitmapscan": "off", **_SERIAL}
# A broad search expected to match this many times more than its sample reads the
# newest share of the table where FLOOR_MARGIN samples' worth are expected (about 2,000
# rows of 70,000 matches of a common word at 1M records; the estimate is of one half of
# the query, see PostgresBackend._tsquery) ...
FLOOR_MARGIN = 2
# ... if that share is at most this much of the table (otherwise the index range costs
# about what reading every match does).
FLOOR_BELOW = 0.2
# A search for words within years that hold at most this share of the table also tests
# the years as a range of ``newest`` (the year is its high bits), which the planner can
# intersect with the words' bitmap: 'war year:1939-1945' reads the few hundred records
# of those years with the word instead of all 50,000 with it. A wider range costs more
# to intersect than it saves.
YEARS_BELOW = 0.1
# ... and whose words alone are expected in at least this share of the records the
# range holds: testing a match of the words costs about 8 times what reading an entry
# of the range does (1M records: 'religion year:1895-1905', 6,300 records with the word,
# 34,000 in the years, 14.6 -> 7.9 ms with the range; 'sin year:1865-1875' 28 -> 11;
# 'Puketeraki year:1996-2006', 2,300 expected, 82,000 in the years, 3.0 -> 9.5).
YEARS_RANGE_SHARE = 1 / 8


@contextmanager
def _planner_settings(cursor: Any, settings: dict[str, str], *, restore: bool) -> Iterator[None]:
    """``settings`` for the rest of the transaction, and back as they were afterwards
    if ``restore`` (a transaction of our own ends them itself: two round trips fewer)."""
    names = list(settings)

    def apply(values: Iterable[str]) -> None:
        pairs = [x for pair in zip(names, values, strict=True) for x in pair]
        cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names), pairs)

    if not restore:
        apply(settings.values())
        yield
        return
    cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), names)
    before = cursor.fetchone()
    apply(settings.values())
    try:
        yield
    finally:
        apply(before)


class PostgresBackend(SearchBackend):
    name = "postgres"
    in_database = True

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        # One row per record, the last document given winning (an upsert may not
        # touch the same row twice in one statement).
        rows = {doc.record_id: self._params(doc) for doc in docs}
        if len(rows) >= STAGE_FROM:
            self._index_staged(list(rows.values()))
            return len(rows)
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(_UPSERT, list(rows.values()))
        return len(rows)

    @staticmethod
    def _index_staged(rows: list[dict[str, Any]]) -> None:
        """Many documents: ``COPY`` them into the connection's staging table, then
        one statement computes their vectors and upserts them (same rows as _UPSERT)."""
        columns = (*_COLUMNS, *_TEXTS)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_CREATE_STAGING)
            cursor.execute(f"TRUNCATE {_STAGING}")
            with cursor.cursor.copy(f"COPY {_STAGING} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[c] for c in columns])
            cursor.execute(_FROM_STAGING)
            cursor.execute(f"TRUNCATE {_STAGING}")

    def delete(self, record_ids: Iterable[int]) -> None:
        ids = list(record_ids)
        if ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE record_id = ANY(%s)", [ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    @staticmethod
    def _params(doc: SearchDocument) -> dict[str, Any]:
        authors = " ".join([*doc.authors, doc.responsibility])
        return {
            "record_id": doc.record_id,
            "sort_key": doc.sort_key,
            "newest": doc.newest_key,
            "year": doc.year,
            "material_type": doc.material_type,
            "languages": json.dumps(doc.languages),
            "authors": json.dumps(doc.authors),
            "subjects": json.dumps(doc.subjects),
            "municipalities": json.dumps(doc.municipalities),
            "branches": json.dumps(doc.branches),
            "available_branches": json.dumps(doc.available_branches),
            "isbns": json.dumps([*doc.isbns, *doc.numbers] if doc.numbers else doc.isbns),
            "available": doc.available,
            "title": doc.title,
            "author": authors,
            "subject": " ".join(doc.subjects),
            "other": " ".join([*doc.series, doc.other]),
            "series": " ".join(doc.series),
        }

    # -- searching ------------------------------------------------------------------

    def search(self, request: SearchRequest) -> EngineResult:
        where, params, rank_fold, rank_exact = self._where(request.query, request.filters)
        has_text = bool(rank_fold)
        years = _years(request) if has_text else None
        sort = request.sort if has_text or request.sort != "relevance" else "newest"
        score = "0::float"
        score_params: list[Any] = []
        if sort == "relevance":
            score = (
                f"ts_rank(tsv_fold, {' && '.join(rank_fold)}) "
                f"+ ts_rank(tsv, {' && '.join(rank_exact)})"
            )
            score_params = self._rank_params(request.query)
        order = {
            "relevance": "score DESC, newest DESC",
            "newest": "newest DESC",
            "title": 'sort_key COLLATE "C" ASC, record_id',
        }[sort]
        facets = ""
        if request.facets:
            facets = ", " + ", ".join(
                f"'{key}', (SELECT coalesce(json_agg(json_build_array(v, c)), '[]') FROM "
                f"({_FACET_SQL[key]} ORDER BY c DESC, v "
                f"LIMIT {facet_size(key, request.facet_limit):d}) f_{key})"
                for key in FACET_SIZES
            )
        facet_columns = (
            "record_id, sort_key, newest, year, material_type, languages, authors, "
            "subjects, municipalities, branches, available"
        )
        result = f"""
            SELECT json_build_object(
                'total', (SELECT count(*) FROM m),
                'hits', (SELECT coalesce(json_agg(json_build_array(record_id, score)), '[]')
                         FROM (SELECT record_id, score FROM m ORDER BY {order}
                               LIMIT %s OFFSET %s) h)
                {facets}
            )
        """  # identifiers and SQL fragments are constants; values are parameters
        page = [request.limit, request.offset]
        sample = max(BROAD_SAMPLE, request.offset + request.limit)
        # A search tolerates lag: on a view that opted in, the read replica answers it.
        database = connections[ReplicaRouter().db_for_read(SearchDocumentRow)]
        with database.cursor() as cursor:
            # An ISBN matches a record or two: asking the planner would cost more than
            # the search itself.
            identified = any(isinstance(c, Isbn) for c in request.query.clauses)
            if identified:
                estimate = 0
            else:
                estimate_where, estimate_params, _fold, _exact = self._where(
                    request.query, request.filters, "estimate"
                )
                estimate = self._estimate(cursor, estimate_where, estimate_params)
            newest_range = None
            if years is not None and estimate:
                newest_range = self._newest_range(cursor, *years, estimate=estimate)
            if newest_range is not None:
                where = f"{where} AND {newest_range}"
            broad = estimate > BROAD_FROM
            if not broad:
                # Its plan costs less than what the server compiles (JIT), and the table
                # has no parallel workers (migration 0004): the server's settings do.
                # The planner takes words for independent: "united states" was expected
                # in a few hundred records and is in 28,000. Past BROAD_FROM read rows
                # the statement stops and answers how far into the table it got instead
                # (its hits and facets, subqueries of the other branch, are never
                # computed); the search is then broad, its total extrapolated from that.
                sql = f"""
                    WITH m AS MATERIALIZED (
                        SELECT ctid AS row, {facet_columns}, {score} AS score
                        FROM {TABLE} WHERE {where} LIMIT {BROAD_FROM + 1:d}
                    )
                    SELECT CASE WHEN (SELECT count(*) FROM m) <= {BROAD_FROM:d}
                                THEN ({result})
                                ELSE json_build_object('read_share', (
                                    SELECT (max((row::text::point)[0]) + 1)
                                           / greatest(c.relpages, 1)
                                    FROM m, pg_class c WHERE c.oid = '{TABLE}'::regclass
                                    GROUP BY c.relpages))
                           END
                """
                cursor.execute(sql, [*score_params, *params, *page])
                (payload,) = cursor.fetchone()
                data = payload if isinstance(payload, dict) else json.loads(payload)
                if "read_share" in data:
                    # A bitmap reads the table in its physical order, where a record's
                    # words do not matter: BROAD_FROM + 1 matches in that share of it.
                    share = min(max(float(data["read_share"]), 1e-6), 1.0)
                    estimate = round((BROAD_FROM + 1) / share)
                    broad = True
        if broad:
            # Settings made with set_config(..., true) last until the transaction ends:
            # the end of our own, or, inside a caller's, until they are put back.
            nested = database.in_atomic_block
            with transaction.atomic(using=database.alias), database.cursor() as cursor:
                walk = has_text and sort != "title" and self._common(cursor, estimate)
                settings = _WALK if walk else _BITMAP_ONLY if has_text else _SERIAL
                with _planner_settings(cursor, settings, restore=nested):
                    payload = self._broad(
                        cursor,
                        where=where,
                        params=params,
                        score=score,
                        score_params=score_params,
                        columns=facet_columns,
                        result=result,
                        page=page,
                        sort=sort,
                        sample=sample,
                        estimate=estimate,
                        # Within a few years' range the newest matches are not where
                        # the whole table's newest are.
                        floored=has_text and not walk and newest_range is None,
                    )
        data = payload if isinstance(payload, dict) else json.loads(payload)
        estimated = broad and int(data["total"]) >= sample
        if estimated:  # more than the sample matched: the planner's estimate, said as such
            data["total"] = max(estimate, sample)
        hits = [EngineHit(record_id=int(r), score=float(s)) for r, s in data["hits"]]
        result_facets = (
            {key: [(str(v), int(c)) for v, c in data.get(key, [])] for key in FACET_SIZES}
            if request.facets
            else {}
        )
        return EngineResult(
            total=int(data["total"]),
            hits=hits,
            facets=result_facets,
            sampled=sample if estimated else 0,
        )

    def _broad(
        self,
        cursor: Any,
        *,
        where: str,
        params: list[Any],
        score: str,
        score_params: list[Any],
        columns: str,
        result: str,
        page: list[int],
        sort: str,
        sample: int,
        estimate: int,
        floored: bool,
    ) -> Any:
        """The payload of a broad search: its newest (or first by title) ``sample``
        matches, ranked and faceted, ``total`` counting at most ``sample``.

        A search for words finds its sample from the full-text index's bitmap: walking
        the ``newest`` index instead tests every row it passes, reading each one's
        vectors (seconds for a word in one record of a hundred); one of filters only
        may walk (``_SERIAL``), and so does one of words in at least ``WALK_FROM`` of
        the records (``_WALK``). When the planner expects many matches of words,
        the bitmap is first intersected with the newest part of the table expected to
        hold a few samples' worth of them (``_newest_floor``), so that only those rows
        are read; if fewer than ``sample`` turn up there, the search is made again
        without that bound.
        """
        walk = 'sort_key COLLATE "C" ASC, record_id' if sort == "title" else "newest DESC"
        # The sample carries what ranking reads, so nothing is looked up again.
        carried = f"{columns}, tsv, tsv_fold" if score_params else columns
        floor = (
            self._newest_floor(cursor, estimate, sample) if floored and sort != "title" else None
        )
        while True:
            bound = "" if floor is None else f" AND newest >= {floor:d}"
            sql = f"""
                WITH m AS MATERIALIZED (
                    SELECT {columns}, {score} AS score FROM (
                        SELECT {carried} FROM {TABLE} WHERE {where}{bound}
                        ORDER BY {walk} LIMIT {sample:d}
                    ) c
                )
                {result}
            """
            cursor.execute(sql, [*score_params, *params, *page])
            (payload,) = cursor.fetchone()
            data = payload if isinstance(payload, dict) else json.loads(payload)
            if floor is None or int(data["total"]) >= sample:
                return data
            floor = None

    @classmethod
    def _common(cls, cursor: Any, estimate: int) -> bool:
        """Whether ``estimate`` matches are at least ``WALK_FROM`` of the table."""
        return 0 < cls._table_rows(cursor) * WALK_FROM <= estimate

    @staticmethod
    def _table_rows(cursor: Any) -> float:
        """The planner's count of the table's rows (0 before statistics)."""
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [TABLE])
        row = cursor.fetchone()
        return max(float(row[0]), 0.0) if row is not None else 0.0

    @staticmethod
    def _newest_histogram(cursor: Any) -> list[int] | None:
        """The bounds of the table's ``newest`` histogram (equally many rows between each
        two), None without statistics."""
        cursor.execute(
            "SELECT histogram_bounds::text FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = %s AND attname = 'newest'",
            [TABLE],
        )
        row = cursor.fetchone()
        if row is None or row[0] is None:
            return None
        bounds = [int(v) for v in row[0].strip("{}").split(",")]
        return bounds if len(bounds) > 2 else None

    @classmethod
    def _newest_range(
        cls, cursor: Any, start: int | None, end: int | None, *, estimate: int
    ) -> str | None:
        """The years ``start``-``end`` as a condition on ``newest``, when the statistics
        put them in at most ``YEARS_BELOW`` of the table and the search's words are
        common enough (``estimate`` matches within the years; without them, at least
        ``YEARS_RANGE_SHARE`` of the records in the years); otherwise None."""
        bounds = cls._newest_histogram(cursor)
        rows = cls._table_rows(cursor)
        if bounds is None or not rows:
            return None
        low = None if start is None else start << 40
        high = None if end is None else (end + 1) << 40
        inside = sum(
            1
            for a, b in pairwise(bounds)
            if (high is None or a < high) and (low is None or b >= low)
        )
        share = inside / (len(bounds) - 1)
        # The planner takes words and years for independent: the words alone are
        # expected in estimate / share records, and the range holds share * rows.
        if share > YEARS_BELOW or estimate < YEARS_RANGE_SHARE * rows * share * share:
            return None
        parts = []
        if low is not None:
            parts.append(f"newest >= {low:d}")
        if high is not None:
            parts.append(f"newest < {high:d}")
        return " AND ".join(parts)

    @classmethod
    def _newest_floor(cls, cursor: Any, estimate: int, sample: int) -> int | None:
        """A ``newest`` value above which the table's statistics put about
        ``FLOOR_MARGIN * sample`` of ``estimate`` matches spread evenly over it; None
        when that part would be a large share of the table (no saving) or the table
        has no statistics yet."""
        share = FLOOR_MARGIN * sample / max(estimate, 1)
        if share > FLOOR_BELOW:
            return None
        bounds = cls._newest_histogram(cursor)
        if bounds is None:
            return None
        buckets = len(bounds) - 1
        # Each bucket holds about the same number of rows: the rows at or above
        # bounds[i] are about (buckets - i) / buckets of the table.
        return bounds[min(int((1 - share) * buckets), buckets - 1)]

    @staticmethod
    def _estimate(cursor: Any, where: str, params: list[Any]) -> int:
        """How many documents the planner expects to match (no rows are read)."""
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} WHERE {where}", params)
        (plan,) = cursor.fetchone()
        plan = plan if isinstance(plan, list) else json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    @staticmethod
    def _halves(text: Text, *, fold: bool) -> tuple[str, str]:
        """The Swedish (stemmed) and simple (as written) tsqueries of a ``text`` that is
        not a prefix, one parameter each."""
        # The folkbib_* functions (migration 0004) are the immutable twins of unaccent and
        # *to_tsquery: made once while the statement is planned, not for every row.
        arg = "folkbib_unaccent(%s)" if fold else "%s"
        function = (
            "folkbib_phraseto_tsquery"
            if text.phrase or " " in text.text.strip()
            else "folkbib_plainto_tsquery"
        )
        return f"{function}('swedish', {arg})", f"{function}('simple', {arg})"

    @classmethod
    def _tsquery(cls, text: Text, *, fold: bool, form: _Form = "rank") -> str:
        """The tsquery of ``text``: its Swedish (stemmed) and simple (as written) halves.

        ``form`` "rank" is their union; "estimate" is the Swedish half alone (the simple
        half if stop words left it empty): every record with a word as written also has
        its stem, so that half alone is about what the union matches, where the planner
        adds the two halves up as independent (kärlek: 19,633 expected, 9,322 found).
        Records are matched by ``_match_condition`` (each half apart when stop words
        left the Swedish half shorter).
        """
        if text.prefix:  # one parameter: "word <-> word <-> prefix:*" (see _tsquery_params)
            arg = "folkbib_unaccent(%s)" if fold else "%s"
            return f"folkbib_to_tsquery('simple', {arg})"
        swedish, simple = cls._halves(text, fold=fold)
        if form == "estimate":
            return f"(CASE WHEN numnode({swedish}) = 0 THEN {simple} ELSE {swedish} END)"
        return f"({swedish} || {simple})"

    @staticmethod
    def _tsquery_params(text: Text, form: _Form = "rank") -> list[Any]:
        """The parameters of one ``_tsquery`` of ``text`` in ``form``."""
        if text.prefix:
            words = _WORDS.findall(text.text.lower())
            # Several words are a phrase, as phraseto_tsquery makes them for plain Text.
            return [" <-> ".join([*words[:-1], f"{words[-1]}:*"])]
        return [text.text] * _FORM_PARAMETERS[form]

    def _text_clauses(self, query: ParsedQuery) -> list[Text]:
        return [c for c in query.clauses if isinstance(c, Text) and _HAS_WORD.search(c.text)]

    def _ranked_texts(self, query: ParsedQuery) -> list[Text]:
        """The texts relevance is ranked by: top-level ones, then those inside trees."""
        texts = self._text_clauses(query)
        for clause in query.clauses:
            if isinstance(clause, AllOf | AnyOf):
                texts += _positive_texts(clause)
        return texts

    def _rank_params(self, query: ParsedQuery) -> list[Any]:
        texts = self._ranked_texts(query)
        return [param for text in texts for param in self._tsquery_params(text)] * 2

    def _text_condition(self, text: Text, form: _Form) -> tuple[str, list[Any]]:
        if form == "match" and not text.prefix:
            return self._match_condition(text)
        folded = self._tsquery(text, fold=True, form=form)
        return _matched(folded, text.field), self._tsquery_params(text, form)

    def _match_condition(self, text: Text) -> tuple[str, list[Any]]:
        """The condition finding the records ``text`` (not a prefix) matches.

        Normally the union of its halves in one tsquery, or the Swedish half alone when
        both are the same query ("history": its index entries read once, not twice).
        When stop words left the Swedish half shorter ("julmyr i hörnefors"), each half
        is tested on its own and the planner ORs two index scans: one GIN scan of the
        union met every entry of "i" ('julmyr' <2> 'hornefor' 0.7 ms, 'julmyr' <-> 'i'
        <-> 'hornefors' 2.9 ms, the two in one tsquery 16.5 ms). The choice is made
        while the statement is planned (the conditions on constants fold away), as is
        the choice between the halves.
        """
        swedish, simple = self._halves(text, fold=True)
        dropped = f"numnode({swedish}) < numnode({simple})"
        split = f"({_matched(swedish, text.field)} OR {_matched(simple, text.field)})"
        union = _matched(
            f"(CASE WHEN {swedish} = {simple} THEN {swedish} ELSE {swedish} || {simple} END)",
            text.field,
        )
        condition = f"(({dropped} AND {split}) OR (NOT {dropped} AND {union}))"
        return condition, [text.text] * condition.count("%s")

    def _where(
        self, query: ParsedQuery, filters: SearchFilters, form: _Form = "match"
    ) -> tuple[str, list[Any], list[str], list[str]]:
        """The condition of ``query`` and ``filters`` and its parameters, and the folded
        and exact tsqueries relevance is ranked by; ``form`` "estimate" for the
        statement that asks the planner how many records match (see ``_tsquery``)."""
        conditions: list[str] = []
        params: list[Any] = []
        for text in self._text_clauses(query):
            condition, text_params = self._text_condition(text, form)
            conditions.append(condition)
            params += text_params
        for clause in query.clauses:
            if isinstance(clause, Isbn):
                conditions.append("isbns ?| %s")
                params.append(list(clause.values))
            elif isinstance(clause, YearRange):
                self._year(conditions, params, clause.start, clause.end)
            elif not isinstance(clause, Text):
                tree, tree_params = self._tree(clause, form)
                if tree is not None:
                    conditions.append(tree)
                    params += tree_params
        for key, values in filters.term_lists().items():
            column = _FILTER_COLUMNS[key]
            # material_type is a plain column; the others are JSON arrays of values.
            operator = "= ANY(%s)" if key == "material_type" else "?| %s"
            conditions.append(f"{column} {operator}")
            params.append(list(values))
        self._year(conditions, params, filters.year_from, filters.year_to)
        if filters.available_now:
            conditions.append("available")
        if filters.available_at:
            conditions.append("available_branches ? %s")
            params.append(filters.available_at)
        ranked = self._ranked_texts(query)
        rank_fold = [self._tsquery(text, fold=True) for text in ranked]
        rank_exact = [self._tsquery(text, fold=False) for text in ranked]
        return " AND ".join(conditions) or "TRUE", params, rank_fold, rank_exact

    def _tree(self, clause: Clause, form: _Form) -> tuple[str | None, list[Any]]:
        """One clause as a condition; None matches every row (text of punctuation only)."""
        if isinstance(clause, Text):
            if not _HAS_WORD.search(clause.text):
                return None, []
            return self._text_condition(clause, form)
        if isinstance(clause, Isbn):
            return "isbns ?| %s", [list(clause.values)]
        if isinstance(clause, YearRange):
            conditions: list[str] = []
            params: list[Any] = []
            self._year(conditions, params, clause.start, clause.end)
            return (f"({' AND '.join(conditions)})" if conditions else None), params
        if isinstance(clause, Term):
            return _TERM_CONDITIONS[clause.field], [list(clause.values)]
        if isinstance(clause, AllOf | AnyOf):
            parts = [self._tree(child, form) for child in clause.clauses]
            if isinstance(clause, AnyOf):
                if not parts:
                    return "FALSE", []
                if any(sql is None for sql, _params in parts):
                    return None, []  # one alternative matches every row
            kept = [(sql, params) for sql, params in parts if sql is not None]
            if not kept:
                return None, []
            joiner = " OR " if isinstance(clause, AnyOf) else " AND "
            return (
                "(" + joiner.join(sql for sql, _params in kept) + ")",
                [param for _sql, params in kept for param in params],
            )
        if isinstance(clause, Near):
            return self._near(clause)
        if isinstance(clause, Not):
            inner, params = self._tree(clause.clause, form)
            if inner is None:
                return "FALSE", []
            # NULL (a record without a year) is "not matching", so NOT of it matches.
            return f"NOT coalesce({inner}, FALSE)", params
        raise TypeError(clause)

    @staticmethod
    def _near(clause: Near) -> tuple[str | None, list[Any]]:
        """Both orders at each distance up to ``distance`` ("a <1> b | b <1> a | a <2> b ...").

        The Swedish half of ``tsv_fold`` keeps word positions (stop words leave gaps),
        so distances count words as written, as tantivy's do.
        """
        first, second = _WORDS.findall(clause.first.lower()), _WORDS.findall(clause.second.lower())
        if len(first) != 1 or len(second) != 1:
            return "FALSE", []
        a, b = first[0], second[0]
        expression = " | ".join(
            f"{x} <{n}> {y}" for n in range(1, clause.distance + 1) for x, y in ((a, b), (b, a))
        )
        query = "folkbib_to_tsquery('swedish', folkbib_unaccent(%s))"
        if clause.field == "series":
            return f"tsv_series @@ {query}", [expression]
        if clause.field:
            return _field_condition(query, clause.field), [expression]
        return f"tsv_fold @@ {query}", [expression]

    @staticmethod
    def _year(conditions: list[str], params: list[Any], start: int | None, end: int | None) -> None:
        if start is not None:
            conditions.append("year >= %s")
            params.append(start)
        if end is not None:
            conditions.append("year <= %s")
            params.append(end)


def _years(request: SearchRequest) -> tuple[int | None, int | None] | None:
    """The years every match lies within (a top-level ``year:`` of the query and the
    year filters), None if any year does."""
    starts = [request.filters.year_from]
    ends = [request.filters.year_to]
    for clause in request.query.clauses:
        if isinstance(clause, YearRange):
            starts.append(clause.start)
            ends.append(clause.end)
    start = max((y for y in starts if y is not None), default=None)
    end = min((y for y in ends if y is not None), default=None)
    return None if start is None and end is None else (start, end)


def _matched(tsquery: str, field: str | None) -> str:
    """The condition that a document matches ``tsquery`` in ``field`` (None: anywhere)."""
    if field == "series":
        return f"tsv_series @@ {tsquery}"
    if field:
        return _field_condition(tsquery, field)
    return f"tsv_fold @@ {tsquery}"


def _field_condition(tsquery: str, field: str) -> str:
    """``tsquery`` matched in one field of ``tsv_fold`` (title, author, subject, other)."""
    if field in _FIELD_INDEXED:
        # The index of the field's part of the vector (migration 0005), with statistics
        # of its own: found and estimated as the field's words, not the words anywhere.
        return f"ts_filter(tsv_fold, '{{{_WEIGHT[field]}}}') @@ {tsquery}"
    return f"tsv_fold @@ {_in_field(tsquery, field)}"


# A quoted lexeme of a tsquery's text form, and its prefix mark: 'word' or 'word':*
_LEXEME = r"'((?:[^']|'')*)'(?::(\*))?"


def _in_field(tsquery: str, field: str) -> str:
    """``tsquery`` with every lexeme restricted to ``field``'s weight (``'word':A``).

    Matches what ``ts_filter(tsv_fold, '{a}') @@ tsquery`` matches, phrases included
    (each word of a phrase must carry the weight), but tests the stored vector in place
    instead of building a filtered copy of it for every row that has the words in any
    field. The lexemes of the query's text form get the weight label; a prefix keeps
    its ``*``.
    """
    weight = _WEIGHT[field].upper()
    pattern = _LEXEME.replace("'", "''")
    return f"regexp_replace(({tsquery})::text, '{pattern}', '''\\1'':{weight}\\2', 'g')::tsquery"


def _positive_texts(clause: Clause) -> list[Text]:
    """The ``Text`` leaves of a tree that are not under a ``Not``."""
    if isinstance(clause, Text):
        return [clause] if _HAS_WORD.search(clause.text) else []
    if isinstance(clause, AllOf | AnyOf):
        return [text for child in clause.clauses for text in _positive_texts(child)]
    return []
