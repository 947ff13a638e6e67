"""``folkbib bench search``: the portal's selector against the raw engine, in one run.

Each query runs three ways, interleaved so machine noise hits all of them alike:
the selector ``catalog.selectors.search`` (top 20 + total + every facet + the 20
hits' availability from the database), the engine alone with the very request the
selector sends (hits, total and facets, no database), and the engine asked for hits
and total only. The order of the three rotates per query; a warm-up pass first.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Max, Min

from folkbib.bench.queries import BenchQuery, QuerySample
from folkbib.bench.report import LatencySummary


@dataclass
class SearchBenchResult:
    backend: str
    records: int
    selector: LatencySummary
    engine: LatencySummary
    engine_hits_only: LatencySummary
    per_kind_p50: dict[str, tuple[float, float]]  # kind -> (selector p50, engine p50) in ms
    per_kind_hits: dict[str, int]  # kind -> median total of matching records
    zero_hit_queries: list[str]
    errors: list[str] = field(default_factory=list)

    @property
    def ratio_p50(self) -> float:
        return self.selector.p50 / self.engine.p50 if self.engine.p50 else float("inf")

    @property
    def ratio_p95(self) -> float:
        return self.selector.p95 / self.engine.p95 if self.engine.p95 else float("inf")


def sample_records(count: int, *, seed: int) -> list[QuerySample]:
    """``count`` records picked at random (by id, fixed seed) for the query builder."""
    from folkbib.catalog.models import Record

    bounds = Record.objects.aggregate(low=Min("id"), high=Max("id"))
    if bounds["low"] is None:
        return []
    rng = random.Random(seed)
    ids = sorted({rng.randint(bounds["low"], bounds["high"]) for _ in range(count)})
    rows = Record.objects.filter(pk__in=ids).values_list(
        "title", "authors", "subjects", "isbns", "year"
    )
    return [
        QuerySample(title=t, authors=a or [], subjects=s or [], isbns=i or [], year=y)
        for t, a, s, i, y in rows.order_by("id")
    ]


def _filters(query: BenchQuery) -> Any:
    from folkbib.catalog.search.base import SearchFilters

    return SearchFilters(**query.filters) if query.filters else None


def run_search_bench(
    queries: Sequence[BenchQuery], *, rounds: int = 2, seed: int = 1
) -> SearchBenchResult:
    from folkbib.catalog import selectors
    from folkbib.catalog.models import Record
    from folkbib.catalog.search import get_backend
    from folkbib.catalog.search.base import SearchFilters, SearchRequest
    from folkbib.catalog.search.query import parse_query
    from folkbib.portal.templatetags.portal import HIT_FIELDS

    # As a production web process runs (DEBUG off): with DEBUG on, Django records every
    # query and on SQLite runs a second query per query to quote its parameters for the
    # record, which the portal never pays in production.
    settings.DEBUG = False
    backend = get_backend()
    errors: list[str] = []
    zero_hits: list[str] = []
    totals: dict[str, list[int]] = defaultdict(list)

    def run_selector(q: BenchQuery) -> int:
        # As the portal's results page calls it: the records' columns a hit shows.
        results = selectors.search(q.query, _filters(q), "relevance", 1, record_fields=HIT_FIELDS)
        # Touch what a page renders, so nothing lazy escapes the measurement.
        for hit in results.hits:
            for name in HIT_FIELDS:
                getattr(hit.record, name)
            for availability in hit.availability:
                _ = availability.available
        if results.error:
            errors.append(f"{q.label()}: {results.error}")
        return int(results.total)

    def engine_request(q: BenchQuery, *, facets: bool) -> Any:
        return SearchRequest(
            query=parse_query(q.query),
            filters=_filters(q) or SearchFilters(),
            sort="relevance",
            offset=0,
            limit=20,
            facets=facets,
        )

    def run_engine(q: BenchQuery) -> int:
        return backend.search(engine_request(q, facets=True)).total

    def run_engine_hits(q: BenchQuery) -> int:
        return backend.search(engine_request(q, facets=False)).total

    runners: list[tuple[str, Callable[[BenchQuery], int]]] = [
        ("selector", run_selector),
        ("engine", run_engine),
        ("engine_hits", run_engine_hits),
    ]
    usable: list[BenchQuery] = []
    for q in queries:  # warm-up, and drop queries the parser refuses (reported)
        try:
            parse_query(q.query)
        except Exception as exc:
            errors.append(f"{q.label()}: {exc}")
            continue
        usable.append(q)
        total = run_selector(q)
        totals[q.kind].append(total)
        if total == 0:
            zero_hits.append(q.label())
        run_engine(q)
        run_engine_hits(q)

    times: dict[str, list[float]] = defaultdict(list)
    kind_times: dict[tuple[str, str], list[float]] = defaultdict(list)
    rng = random.Random(seed)
    clock = time.perf_counter
    for _ in range(rounds):
        order = list(usable)
        rng.shuffle(order)
        for i, q in enumerate(order):
            rotation = runners[i % 3 :] + runners[: i % 3]
            for name, run in rotation:
                started = clock()
                run(q)
                elapsed = clock() - started
                times[name].append(elapsed)
                kind_times[(q.kind, name)].append(elapsed)

    kinds = sorted({q.kind for q in usable})
    per_kind = {
        kind: (
            LatencySummary.of(kind_times[(kind, "selector")]).p50,
            LatencySummary.of(kind_times[(kind, "engine")]).p50,
        )
        for kind in kinds
    }
    return SearchBenchResult(
        backend=getattr(backend, "name", "") or type(backend).__name__,
        records=Record.objects.count(),
        selector=LatencySummary.of(times["selector"]),
        engine=LatencySummary.of(times["engine"]),
        engine_hits_only=LatencySummary.of(times["engine_hits"]),
        per_kind_p50=per_kind,
        per_kind_hits={kind: sorted(totals[kind])[len(totals[kind]) // 2] for kind in kinds},
        zero_hit_queries=zero_hits,
        errors=errors,
    )
