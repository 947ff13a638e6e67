from __future__ import annotations

import io

import pymarc

from folkbib.bench.queries import (
    KINDS,
    MIN_QUERIES,
    QuerySample,
    build_query_set,
    dump_queries,
    load_queries,
)
from folkbib.bench.report import LatencySummary, percentile


def _samples(data: bytes) -> list[QuerySample]:
    samples = []
    for r in pymarc.MARCReader(io.BytesIO(data), to_unicode=True):
        samples.append(
            QuerySample(
                title=r["245"]["a"].rstrip(" /:"),
                authors=[f["a"] for f in r.get_fields("100", "700")],
                subjects=[f["a"] for f in r.get_fields("650")],
                isbns=[f["a"] for f in r.get_fields("020")],
                year=int(r["008"].data[7:11]),
            )
        )
    return samples


def test_the_query_set_has_at_least_200_queries_of_every_kind(generated):
    queries = build_query_set(_samples(generated), seed=1)
    assert len(queries) >= MIN_QUERIES
    assert {q.kind for q in queries} == set(KINDS)
    assert any(q.query.startswith('"') for q in queries)
    assert any("year:" in q.query for q in queries)
    assert any(q.filters.get("available_now") for q in queries)
    assert any(q.kind == "isbn" and q.query.startswith("9798") for q in queries)
    assert any("ä" in q.query or "å" in q.query or "ö" in q.query for q in queries)


def test_the_same_data_and_seed_give_the_same_queries(generated):
    samples = _samples(generated)
    assert build_query_set(samples, seed=3) == build_query_set(samples, seed=3)


def test_a_query_set_survives_a_round_trip_through_a_file(generated, tmp_path):
    queries = build_query_set(_samples(generated), seed=1)
    path = tmp_path / "queries.jsonl"
    dump_queries(queries, path)
    assert load_queries(path) == queries


def test_percentiles_are_latencies_that_were_observed():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    summary = LatencySummary.of([0.001, 0.002, 0.010])
    assert (summary.p50, summary.max) == (2.0, 10.0)
