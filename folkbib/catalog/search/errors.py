"""Typed errors of the search layer.

``str(error)`` is a sentence a patron can read; the selector puts it into
``SearchResults.error`` instead of failing the page::

    SearchError                 anything the search layer refuses
    ├── QuerySyntaxError        the query cannot be understood (e.g. ``year:abc``)
    └── IndexLocked             another process holds the index writer; retry later
"""

from __future__ import annotations


class SearchError(Exception):
    """Base class of every search error."""


class QuerySyntaxError(SearchError):
    """A query the parser cannot understand; the message says what and how to fix it."""


class IndexLocked(SearchError):
    """The embedded index is being written by another process.

    Queued updates stay in ``IndexQueue`` and the next drain picks them up.
    """
