"""The small interface every search engine implements, and the values it exchanges."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from folkbib.catalog.search.documents import SearchDocument
from folkbib.catalog.search.query import ParsedQuery

SORTS = ("relevance", "newest", "title")

# Facet key -> how many values an engine returns (most frequent first).
FACET_SIZES: dict[str, int] = {
    "material_type": 20,
    "language": 20,
    "year": 30,
    "author": 15,
    "subject": 15,
    "municipality": 50,
    "branch": 100,
    "available": 2,
}
AVAILABLE_VALUE = "1"  # the one value of the "available" facet that is shown


@dataclass(frozen=True)
class SearchFilters:
    """Facet selections: OR within one list, AND between lists."""

    material_types: Sequence[str] = ()
    languages: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    authors: Sequence[str] = ()
    subjects: Sequence[str] = ()
    municipalities: Sequence[str] = ()  # municipality codes
    branches: Sequence[str] = ()  # branch codes
    available_now: bool = False
    available_at: str | None = None  # a branch code: an item is on its shelf now

    def term_lists(self) -> dict[str, Sequence[str]]:
        """The chosen values of every list-valued facet, by facet key (empty ones left out)."""
        lists = {
            "material_type": self.material_types,
            "language": self.languages,
            "author": self.authors,
            "subject": self.subjects,
            "municipality": self.municipalities,
            "branch": self.branches,
        }
        return {key: values for key, values in lists.items() if values}

    def selected(self) -> dict[str, set[str]]:
        """The selected values per facet key, for ``FacetValue.selected``."""
        years = set()
        if self.year_from is not None and self.year_from == self.year_to:
            years.add(str(self.year_from))
        return {
            "material_type": set(self.material_types),
            "language": set(self.languages),
            "year": years,
            "author": set(self.authors),
            "subject": set(self.subjects),
            "municipality": set(self.municipalities),
            "branch": set(self.branches),
            "available": {AVAILABLE_VALUE} if self.available_now else set(),
        }


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    # At most this many values of each facet (None: FACET_SIZES). A caller that shows
    # fewer asks for fewer: tantivy turns every value it returns back into a string
    # through the field's dictionary (0.21-0.33 ms of a results page asking 10, not 15-30).
    facet_limit: int | None = None


def facet_size(key: str, limit: int | None) -> int:
    """``FACET_SIZES[key]``, or fewer if a caller's ``limit`` is smaller (at least 1)."""
    return FACET_SIZES[key] if limit is None else max(1, min(FACET_SIZES[key], limit))


# How many matches of a very broad search an engine that bounds its work ranks and
# counts facets over (the newest ones); see ``EngineResult.estimated``.
BROAD_SAMPLE = 1_000


@dataclass(frozen=True)
class EngineHit:
    record_id: int
    score: float


@dataclass
class EngineResult:
    total: int
    hits: list[EngineHit]
    facets: dict[str, list[tuple[str, int]]]  # facet key -> [(value, count)], most first
    # Non-zero: a very broad search on an engine that bounds its work (see
    # postgres_backend.BROAD_FROM): the total is an estimate, and ranking and facets
    # are of this many newest matches only.
    sampled: int = 0
    # The facets whose counts are estimated from a uniform sample of the matches (a
    # broad search on an engine that samples, see tantivy_backend.SAMPLED_FROM): their
    # values are the sample's most frequent, their counts scaled to all matches.
    estimated_facets: frozenset[str] = frozenset()


class SearchBackend(ABC):
    """A search engine over ``SearchDocument``s; the database stays the source of truth."""

    name: str = ""
    # The documents live in the application's database, written in its transactions.
    in_database: bool = False

    @abstractmethod
    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by record id) and commit; returns how many.

        Raises ``IndexLocked`` if another process is writing the index.
        """

    @abstractmethod
    def delete(self, record_ids: Iterable[int]) -> None:
        """Remove the documents of these records (and commit)."""

    @abstractmethod
    def search(self, request: SearchRequest) -> EngineResult:
        """Hits of the requested page, the total and the facet counts of all matches."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (and commit)."""

    def search_facets_later(
        self, request: SearchRequest
    ) -> tuple[EngineResult, Callable[[], dict[str, list[tuple[str, int]]]]]:
        """``search``, with the facet counts handed over by a function to call later.

        The result's ``facets`` stay empty; calling the function returns what ``search``
        would have put there (its ``estimated_facets`` are already set). An engine that
        can count the facets in the background (without holding the GIL) overrides this,
        so the caller's own work between the two (the selector reads its records from
        the database) runs meanwhile. By default everything is done at once.
        """
        result = self.search(request)
        facets, result.facets = result.facets, {}
        return result, lambda: facets

    def similar_records(self, words: Sequence[str], *, limit: int = 10) -> list[int]:
        """Records with a title or author word spelt almost like one of ``words``.

        For "did you mean": the caller finds the near-miss words in those records. An
        engine without fuzzy matching returns nothing, and no suggestion is made.
        """
        return []

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Replace the whole index by ``docs``; readers see the old index until the end."""
        self.clear()
        return self.index_documents(docs)

    def commit(self) -> None:  # noqa: B027 - engines whose writes commit themselves need nothing
        """Make written documents visible to searchers."""

    def close(self) -> None:  # noqa: B027
        """Release files and locks."""
