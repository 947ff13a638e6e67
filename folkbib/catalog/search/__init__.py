"""Catalogue search: engine-neutral documents and queries, two engines, and the index queue.

The public names other apps use are re-exported here; see ``selectors.search`` for
what the portal, SRU and the kiosk call.
"""

from folkbib.catalog.search.base import (
    EngineHit,
    EngineResult,
    SearchBackend,
    SearchFilters,
    SearchRequest,
)
from folkbib.catalog.search.documents import (
    Holding,
    SearchDocument,
    build_document,
    isbn_variants,
    swedish_sort_key,
)
from folkbib.catalog.search.errors import IndexLocked, QuerySyntaxError, SearchError
from folkbib.catalog.search.indexing import (
    documents_for,
    drain_queue,
    enqueue_records,
    get_backend,
    holdings_for,
    index_bulk,
    reindex_all,
)
from folkbib.catalog.search.query import ParsedQuery, parse_query

__all__ = [
    "EngineHit",
    "EngineResult",
    "Holding",
    "IndexLocked",
    "ParsedQuery",
    "QuerySyntaxError",
    "SearchBackend",
    "SearchDocument",
    "SearchError",
    "SearchFilters",
    "SearchRequest",
    "build_document",
    "documents_for",
    "drain_queue",
    "enqueue_records",
    "get_backend",
    "holdings_for",
    "index_bulk",
    "isbn_variants",
    "parse_query",
    "reindex_all",
    "swedish_sort_key",
]
