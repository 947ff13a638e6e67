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
from typing import Any

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
BROAD_FROM = 5_000
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
# A broad search expected to match this many times more than its sample reads the
# newest share of the table where FLOOR_MARGIN samples' worth are expected (about 4,000
# rows of 70,000 matches of a common word at 1M records) ...
FLOOR_MARGIN = 4
# ... if that share is at most this much of the table (otherwise the index range costs
# about what reading every match does).
FLOOR_BELOW = 0.2


@contextmanager
def _planner_settings(cursor: Any, settings: dict[str, str]) -> Iterator[None]:
    names = list(settings)
    cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names), names)
    before = cursor.fetchone()

    def apply(values: Iterable[str]) -> None:
        pairs = [x for pair in zip(names, values, strict=True) for x in pair]
        cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names), pairs)

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
                f"({_FACET_SQL[key]} ORDER BY c DESC, v LIMIT {size}) f_{key})"
                for key, size in FACET_SIZES.items()
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
            estimate = 0 if identified else self._estimate(cursor, where, params)
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
            with (
                transaction.atomic(using=database.alias),
                database.cursor() as cursor,
                _planner_settings(cursor, _BITMAP_ONLY if has_text else _SERIAL),
            ):
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
                    has_text=has_text,
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
        has_text: bool,
    ) -> Any:
        """The payload of a broad search: its newest (or first by title) ``sample``
        matches, ranked and faceted, ``total`` counting at most ``sample``.

        A search for words finds its sample from the full-text index's bitmap: walking
        the ``newest`` index instead tests every row it passes, reading each one's
        vectors (seconds for a word in one record of a hundred); one of filters only
        may walk (``_SERIAL``). When the planner expects many matches of words,
        the bitmap is first intersected with the newest part of the table expected to
        hold a few samples' worth of them (``_newest_floor``), so that only those rows
        are read; if fewer than ``sample`` turn up there, the search is made again
        without that bound.
        """
        walk = 'sort_key COLLATE "C" ASC, record_id' if sort == "title" else "newest DESC"
        # The sample carries what ranking reads, so nothing is looked up again.
        carried = f"{columns}, tsv, tsv_fold" if score_params else columns
        floor = (
            self._newest_floor(cursor, estimate, sample) if has_text and sort != "title" else None
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

    @staticmethod
    def _newest_floor(cursor: Any, estimate: int, sample: int) -> int | None:
        """A ``newest`` value above which the table's statistics put about
        ``FLOOR_MARGIN * sample`` of ``estimate`` matches spread evenly over it; None
        when that part would be a large share of the table (no saving) or the table
        has no statistics yet."""
        share = FLOOR_MARGIN * sample / max(estimate, 1)
        if share > FLOOR_BELOW:
            return None
        cursor.execute(
            "SELECT histogram_bounds::text FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = %s AND attname = 'newest'",
            [TABLE],
        )
        row = cursor.fetchone()
        if row is None or row[0] is None:
            return None
        bounds = [int(v) for v in row[0].strip("{}").split(",")]
        buckets = len(bounds) - 1
        if buckets < 2:
            return None
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
    def _tsquery(text: Text, *, fold: bool) -> str:
        # The folkbib_* functions (migration 0004) are the immutable twins of unaccent and
        # *to_tsquery: made once while the statement is planned, not for every row.
        arg = "folkbib_unaccent(%s)" if fold else "%s"
        if text.prefix:  # one parameter: "word <-> word <-> prefix:*" (see _tsquery_params)
            return f"folkbib_to_tsquery('simple', {arg})"
        function = (
            "folkbib_phraseto_tsquery"
            if text.phrase or " " in text.text.strip()
            else "folkbib_plainto_tsquery"
        )
        return f"({function}('swedish', {arg}) || {function}('simple', {arg}))"

    @staticmethod
    def _tsquery_params(text: Text) -> list[Any]:
        """The parameters of one ``_tsquery`` of ``text``."""
        if text.prefix:
            words = _WORDS.findall(text.text.lower())
            # Several words are a phrase, as phraseto_tsquery makes them for plain Text.
            return [" <-> ".join([*words[:-1], f"{words[-1]}:*"])]
        return [text.text, text.text]

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

    def _text_condition(self, text: Text) -> tuple[str, list[Any]]:
        folded = self._tsquery(text, fold=True)
        params = self._tsquery_params(text)
        if text.field == "series":
            return f"tsv_series @@ {folded}", params
        if text.field:
            return _field_condition(folded, text.field), params
        return f"tsv_fold @@ {folded}", params

    def _where(
        self, query: ParsedQuery, filters: SearchFilters
    ) -> tuple[str, list[Any], list[str], list[str]]:
        conditions: list[str] = []
        params: list[Any] = []
        for text in self._text_clauses(query):
            condition, text_params = self._text_condition(text)
            conditions.append(condition)
            params += text_params
        for clause in query.clauses:
            if isinstance(clause, Isbn):
                conditions.append("isbns ?| %s")
                params.append(list(clause.values))
            elif isinstance(clause, YearRange):
                self._year(conditions, params, clause.start, clause.end)
            elif not isinstance(clause, Text):
                tree, tree_params = self._tree(clause)
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

    def _tree(self, clause: Clause) -> tuple[str | None, list[Any]]:
        """One clause as a condition; None matches every row (text of punctuation only)."""
        if isinstance(clause, Text):
            if not _HAS_WORD.search(clause.text):
                return None, []
            return self._text_condition(clause)
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
            parts = [self._tree(child) for child in clause.clauses]
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
            inner, params = self._tree(clause.clause)
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
