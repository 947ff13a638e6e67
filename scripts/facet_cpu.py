"""CPU of the tantivy facets of the portal's searches, by piece, and with a facet limit.

A development tool (docs/PERFORMANCE.md, Portal, session 9): each bench search is
prepared once (its query and total, as the selector makes them); then, per round, every
search is counted the whole way as before and with ``--limit`` one after the other on
the same searcher, and its one aggregation again without parts of it, so the machine's
noise falls on both sides alike.

    export FOLKBIB_VAR_DIR=$PWD/bench-data/n1m FOLKBIB_SEARCH_BACKEND=tantivy
    folkbib bench portal-plan --no-selectors | tail -1 > /tmp/plan.json
    python scripts/facet_cpu.py /tmp/plan.json 4    # rounds; --limit 10 by default
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("plan")
    parser.add_argument("rounds", type=int)
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.update(DEBUG="false", LOG_LEVEL="WARNING", FOLKBIB_SEARCH_BACKEND="tantivy")
    import django

    django.setup()
    from django.http import QueryDict

    from folkbib.catalog.search import get_backend
    from folkbib.catalog.search import tantivy_backend as tb
    from folkbib.catalog.search.base import SearchRequest
    from folkbib.catalog.search.query import parse_query
    from folkbib.portal.params import SearchParams

    backend = get_backend()
    assert isinstance(backend, tb.TantivyBackend), "FOLKBIB_SEARCH_BACKEND=tantivy"
    searches = []
    with open(args.plan) as plan_file:
        for url in json.load(plan_file)["search"]:
            params = SearchParams.from_query(QueryDict(urlsplit(url).query))
            request = SearchRequest(
                query=parse_query(params.q or ""), filters=params.to_filters(), sort=params.sort
            )
            total = backend._hits(backend.index.searcher(), request).total
            searches.append((backend._matching(request), total))

    def without(request: dict, *prefixes: str) -> dict:
        return {k: v for k, v in request.items() if not k.startswith(prefixes)}

    for _round in range(args.rounds):
        cpu: dict[str, float] = defaultdict(float)

        for query, total in searches:
            searcher = backend.index.searcher()
            _timed(cpu, "facets as before", backend._facets, searcher, query, total)
            _timed(cpu, f"limit {args.limit}", backend._facets, searcher, query, total, args.limit)
            whole = tb._facet_request(None, tb._sample_groups(total))
            parts = {
                "walk (count only)": {"c": {"value_count": {"field": "record_id"}}},
                "+ small facets": without(whole, "sample", "author", "subject", "f_"),
                "+ branch, municipality": without(whole, "sample", "author", "subject"),
                "+ author, subject (all)": whole,
            }
            for name, aggregation in parts.items():
                _timed(cpu, name, searcher.aggregate, query, aggregation)
        print(", ".join(f"{name} {s / len(searches) * 1000:.3f}" for name, s in cpu.items()))


def _timed(cpu: dict[str, float], name: str, call: Any, *call_args: Any) -> None:
    start = time.thread_time()
    call(*call_args)
    cpu[name] += time.thread_time() - start


if __name__ == "__main__":
    main()
