"""Records for machines: a page of a structured query's hits, each with its full MARC.

The portal's ``selectors.search`` reads what a results page shows (availability,
facets); protocol edges (SRU) need the stored record itself and no facets, so they
read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Min

from folkbib.catalog.models import Record
from folkbib.catalog.search.base import SearchRequest
from folkbib.catalog.search.indexing import get_backend
from folkbib.catalog.search.query import ParsedQuery

# Deep pages cost the engine more for every record skipped; harvesting belongs to OAI-PMH.
MAX_OFFSET = 100_000


@dataclass(frozen=True)
class FoundRecords:
    total: int  # all hits, not only this page
    records: list[Record]  # the page, in hit order, ``marc`` loaded


def find_records(*, query: ParsedQuery, sort: str, offset: int, limit: int) -> FoundRecords:
    """One page of hits of ``query`` (``sort`` one of ``base.SORTS``); two reads.

    ``limit`` 0 counts only. A record deleted since it was indexed is left out of
    the page (the total still counts it until the index queue catches up).
    """
    offset = max(0, min(offset, MAX_OFFSET))
    result = get_backend().search(
        SearchRequest(query=query, sort=sort, offset=offset, limit=max(limit, 1), facets=False)
    )
    if limit <= 0:
        return FoundRecords(result.total, [])
    ids = [hit.record_id for hit in result.hits[:limit]]
    rows = Record.objects.in_bulk(ids)
    return FoundRecords(result.total, [rows[i] for i in ids if i in rows])


@dataclass(frozen=True)
class TitleTerm:
    key: str  # the sort title (lowercase, leading article left out)
    title: str  # one record's title as catalogued, for display
    count: int


def titles_around(*, start: str, before: int, after: int) -> list[TitleTerm]:
    """Distinct sort titles in order: ``before`` of them before ``start``, then ``after``
    from ``start`` on (SRU scan on the title index). Two reads on the sort-title index.
    """
    key = start.strip().lower()
    earlier = list(
        Record.objects.filter(sort_title__lt=key)
        .values("sort_title")
        .annotate(count=Count("id"), title=Min("title"))
        .order_by("-sort_title")[: max(0, before)]
    )
    later = list(
        Record.objects.filter(sort_title__gte=key)
        .values("sort_title")
        .annotate(count=Count("id"), title=Min("title"))
        .order_by("sort_title")[: max(0, after)]
    )
    return [
        TitleTerm(row["sort_title"], row["title"], row["count"])
        for row in [*reversed(earlier), *later]
    ]
