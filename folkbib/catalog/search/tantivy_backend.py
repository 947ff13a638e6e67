"""The embedded default engine: a tantivy index in ``settings.SEARCH_INDEX_DIR``.

Every text field is indexed twice: with Swedish stemming as written ("göteborg") and
stemmed then folded to ASCII ("goteborg"). A query searches both, the exact field
boosted higher, so "Goteborg" finds "Göteborg" but a query with the right diacritics
ranks exact spellings first. Facets are terms aggregations over fast fields, and the
hits' record ids come from a fast field, so no stored document is ever loaded.

The writer is taken per write and released at once: tantivy allows one writer per
index across all processes, and a process that finds it busy gets ``IndexLocked``.
A bulk import holds one writer for its whole run instead (``holding_writer``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import tantivy

from folkbib.catalog.search.base import (
    AVAILABLE_VALUE,
    FACET_SIZES,
    EngineHit,
    EngineResult,
    SearchBackend,
    SearchFilters,
    SearchRequest,
    facet_size,
)
from folkbib.catalog.search.documents import SearchDocument
from folkbib.catalog.search.errors import IndexLocked
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
from folkbib.catalog.search.tantivy_schema import (
    FACET_FIELDS,
    SAMPLE_GROUPS,
    SCHEMA_VERSION,
    SET_FIELDS,
    TEXT_FIELDS,
    build_analyzers,
    build_schema,
    holding_values,
    record_values,
    set_codes,
)

logger = logging.getLogger(__name__)

FOLDED_BOOST = 0.5  # relative to the exact-diacritics field
ISBN_BOOST = 10.0
# "Did you mean": at most this many words, each at least this long, are matched fuzzily.
MAX_FUZZY_WORDS = 6
MIN_FUZZY_LENGTH = 4

# ``Term`` field -> the raw field holding its values. Document numbers (ISSNs, control
# numbers) share the ISBN field: their "issn:"/"id:" prefixes keep them apart from ISBNs.
TERM_FIELDS = {"language": "f_language", "material_type": "f_material_type", "number": "isbn"}

# How many values each segment reports per facet before tantivy merges the segments'
# lists (its "segment_size", by default 10 x the size). Every value a segment reports
# costs a lookup in that facet's term dictionary, about 15 µs at 1M records; author and
# subject have hundreds of thousands of values, so their segments report only as many
# as are shown, and the counts of the values shown are then recounted (``_recount``).
_SEGMENTS_AS_SHOWN = frozenset({"author", "subject"})

# Author and subject cost ~150-300 ns per match to count (multi-valued fields with
# hundreds of thousands of values), the other facets together a fraction of that. A
# search with more than SAMPLED_FROM matches counts those two over a uniform sample:
# every record is in one of SAMPLE_GROUPS groups by a mix of its id's bits (``sample_group``),
# and the matches in the first m groups, m chosen to hold at least SAMPLE_SIZE of them,
# are counted and scaled up (``_estimate``; ``EngineResult.estimated_facets``). The
# sample costs a bitset of every record in those groups (~4 ns a record), so below
# about 30,000 matches it cost as much as it saved (281 bench searches, 1M records).
SAMPLED_FACETS = ("author", "subject")
SAMPLED_FROM = 30_000
SAMPLE_SIZE = 8_000

# index_documents calls with at least BULK_DOCUMENTS documents get a bigger writer heap.
BULK_DOCUMENTS = 2000
BULK_WRITER_HEAP = 256_000_000
# A held bulk writer (an import) and a rebuild write through one thread with this heap:
# tantivy cuts a new segment each time the heap fills, and never merges fewer than 8
# segments of a size, so a small heap (or one heap per thread) left a million records
# in many segments, and every query pays per segment (facets most).
REBUILD_WRITER_HEAP = 1_500_000_000


class TantivyBackend(SearchBackend):
    name = "tantivy"

    def __init__(self, directory: Path, *, writer_heap: int = 50_000_000) -> None:
        self.directory = Path(directory) / f"v{SCHEMA_VERSION}"
        self.directory.mkdir(parents=True, exist_ok=True)
        self.writer_heap = writer_heap
        self._held: Any = None  # the writer ``holding_writer`` keeps open
        self._commit_each = True  # how ``holding_writer`` was asked to commit
        self._held_lock = threading.RLock()
        self.schema = build_schema()
        self.index = tantivy.Index(self.schema, path=str(self.directory), reuse=True)
        self.analyzers = build_analyzers()
        for name, analyzer in self.analyzers.items():
            self.index.register_tokenizer(name, analyzer)

    # -- writing --------------------------------------------------------------------

    @contextmanager
    def _writer(self, *, heap: int | None = None, threads: int = 1) -> Iterator[Any]:
        # Inside ``holding_writer``: write on the held writer, never wait for merges;
        # commit now, or (``commit_each=False``) when the hold ends.
        # The lock keeps another thread (a background drain) out of this write.
        with self._held_lock:
            held = self._held
            if held is not None:
                if not self._commit_each:
                    yield held  # a failure rolls the whole hold back (holding_writer)
                    return
                try:
                    yield held
                    held.commit()
                except BaseException:
                    held.rollback()
                    raise
                self.index.reload()
                return
        writer = self._open_writer(heap or self.writer_heap, threads)
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            # Waiting lets the merges of this commit finish (otherwise small segments
            # pile up) and consumes the writer, which releases the directory lock.
            writer.wait_merging_threads()
        self.index.reload()

    def _open_writer(self, heap: int, threads: int) -> Any:
        try:
            return self.index.writer(heap, threads)
        except ValueError as error:
            if "LockBusy" in str(error):
                raise IndexLocked(str(error)) from error
            raise

    @contextmanager
    def holding_writer(self, *, commit_each: bool = True) -> Iterator[None]:
        """Keep one writer (and the index lock) for many writes, e.g. a bulk import.

        Opening a writer per write and waiting for its merges cost the import more
        and more as the index grew (each wait merges ever larger segments in the
        foreground); a held writer commits each write and merges in the background,
        waiting once at the end. If another process holds the index, nothing is held
        and each write behaves as without this (raising ``IndexLocked``).

        ``commit_each=False``: the writes become visible (and durable) together when
        the hold ends without an error, and are all rolled back if it ends with one.
        Without the commits in between, the index is cut into segments only when the
        writer's big heap fills, so it ends in a few large segments: searching a
        million records costs about a third less than with one segment per commit.
        """
        if self._held is not None:
            yield
            return
        try:
            self._held = self._open_writer(REBUILD_WRITER_HEAP, 1)
        except IndexLocked:
            yield
            return
        self._commit_each = commit_each
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            with self._held_lock:
                writer, self._held = self._held, None
                self._commit_each = True
            try:
                if commit_each:
                    pass  # every write committed already
                elif failed:
                    writer.rollback()
                else:
                    writer.commit()
            finally:
                writer.wait_merging_threads()  # consumes the writer: releases the lock
                self.index.reload()

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        docs = list(docs)
        # A bulk import's thousands of documents fit one in-memory segment with room
        # to spare; the default heap would cut them into many small ones to merge.
        heap = BULK_WRITER_HEAP if len(docs) >= BULK_DOCUMENTS else None
        with self._writer(heap=heap) as writer:
            # A delete applies to documents added before it, so the new ones survive.
            self._delete(writer, [doc.record_id for doc in docs])
            for doc in docs:
                writer.add_json(self._to_json(doc))
        return len(docs)

    def _delete(self, writer: Any, record_ids: list[int]) -> None:
        # By query, not by term: this binding turns a Python int into an i64 term,
        # which never matches the u64 record_id field.
        for start in range(0, len(record_ids), 1000):
            chunk = record_ids[start : start + 1000]
            if chunk:
                writer.delete_documents_by_query(
                    tantivy.Query.term_set_query(self.schema, "record_id", chunk)
                )

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        count = 0
        with self._writer(heap=REBUILD_WRITER_HEAP, threads=1) as writer:
            writer.delete_all_documents()
            for doc in docs:
                writer.add_json(self._to_json(doc))
                count += 1
        return count

    def delete(self, record_ids: Iterable[int]) -> None:
        with self._writer() as writer:
            self._delete(writer, list(record_ids))

    def clear(self) -> None:
        with self._writer() as writer:
            writer.delete_all_documents()

    def _to_json(self, doc: SearchDocument) -> str:
        """The document as tantivy's JSON: half the cost of ``Document.from_dict``.

        Exactly the values ``_to_tantivy`` gives (a test indexes both ways).
        """
        return json.dumps(self._values(doc))

    def _to_tantivy(self, doc: SearchDocument) -> tantivy.Document:
        return tantivy.Document.from_dict(self._values(doc), self.schema)

    def _values(self, doc: SearchDocument) -> dict[str, Any]:
        values = holding_values(
            doc.record_id,
            doc.year,
            doc.branches,
            doc.municipalities,
            doc.available_branches,
            available=doc.available,
        )
        values.update(
            record_values(
                doc.title,
                doc.authors,
                doc.responsibility,
                doc.subjects,
                doc.series,
                doc.isbns,
                doc.other,
                doc.sort_key,
                doc.year,
                doc.material_type,
                doc.languages,
                doc.numbers,
            )
        )
        return values

    def index_json(self, record_ids: list[int], texts: list[str]) -> int:
        """``index_documents`` for documents already in tantivy's JSON (``bulk_json``)."""
        heap = BULK_WRITER_HEAP if len(texts) >= BULK_DOCUMENTS else None
        with self._writer(heap=heap) as writer:
            self._delete(writer, record_ids)
            for text in texts:
                writer.add_json(text)
        return len(texts)

    # -- searching ------------------------------------------------------------------

    def search(self, request: SearchRequest) -> EngineResult:
        searcher = self.index.searcher()
        result = self._hits(searcher, request)
        if request.facets:
            result.estimated_facets = _estimated_facets(result.total)
            result.facets = self._facets(
                searcher, self._matching(request), result.total, request.facet_limit
            )
        return result

    def search_facets_later(
        self, request: SearchRequest
    ) -> tuple[EngineResult, Callable[[], dict[str, list[tuple[str, int]]]]]:
        """The facets are counted on a thread of their own while the caller goes on.

        tantivy counts without holding the GIL, so on a machine with a spare core the
        selector's database reads (about half of a search at a million records) cost
        no time on top. Same searcher, so the same snapshot of the index as the hits.
        The hits come first: how the facets are counted depends on the total.
        """
        searcher = self.index.searcher()
        result = self._hits(searcher, request)
        if not request.facets:
            return result, dict
        result.estimated_facets = _estimated_facets(result.total)
        counting = _facet_pool().submit(
            self._facets, searcher, self._matching(request), result.total, request.facet_limit
        )
        return result, counting.result

    def _matching(self, request: SearchRequest) -> Any:
        matching, _has_text = self._build_query(request.query, request.filters, scored=False)
        return matching

    def _hits(self, searcher: Any, request: SearchRequest) -> EngineResult:
        """The page's hits and the total; no facets."""
        query, has_text = self._build_query(request.query, request.filters)
        sort = request.sort if has_text or request.sort != "relevance" else "newest"
        limit = max(1, request.limit)  # tantivy panics on a limit of 0
        if sort == "newest":
            result = searcher.search(
                query,
                limit,
                count=True,
                order_by_field="newest",
                offset=request.offset,
                order=tantivy.Order.Desc,
            )
        elif sort == "title":
            result = searcher.search(
                query,
                limit,
                count=True,
                order_by_field="sort_key",
                offset=request.offset,
                order=tantivy.Order.Asc,
            )
        else:
            result = searcher.search(query, limit, count=True, offset=request.offset)
        page = result.hits[: request.limit]
        addresses = [address for _key, address in page]
        record_ids = searcher.fast_field_values("record_id", addresses) if addresses else []
        hits = [
            EngineHit(record_id=int(record_id), score=float(key) if sort == "relevance" else 0.0)
            for (key, _address), record_id in zip(page, record_ids, strict=True)
            if record_id is not None
        ]
        total: int = getattr(result, "count", None) or 0  # the bundled stubs omit `count`
        return EngineResult(total=total, hits=hits, facets={})

    def similar_records(self, words: Sequence[str], *, limit: int = 10) -> list[int]:
        clauses = []
        analyzers = build_analyzers()
        for word in words[:MAX_FUZZY_WORDS]:
            if len(word) < MIN_FUZZY_LENGTH or not word.isalpha():
                continue
            # Two edits for longer words ("Strinberj"), one for short ones.
            distance = 2 if len(word) > 6 else 1
            for field, family in (("title_f", "sv_fold"), ("author_f", "name_fold")):
                # The query word is analysed as the field was (stemmed, folded), so an
                # inflected misspelling meets the stem the index holds.
                for term in analyzers[family].analyze(word)[:1]:
                    query = tantivy.Query.fuzzy_term_query(
                        self.index.schema,
                        field,
                        term,
                        distance=distance,
                        transposition_cost_one=True,
                    )
                    clauses.append((tantivy.Occur.Should, query))
        if not clauses:
            return []
        searcher = self.index.searcher()
        hits = searcher.search(tantivy.Query.boolean_query(clauses), limit).hits
        addresses = [address for _score, address in hits]
        values = searcher.fast_field_values("record_id", addresses) if addresses else []
        return [int(value) for value in values if value is not None]

    def _facets(
        self, searcher: Any, query: Any, total: int, limit: int | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        """Every facet's most frequent values among the ``total`` matches (at most
        ``limit`` of each, see ``SearchRequest.facet_limit``).

        One aggregation counts all facets (branch and municipality from their groups'
        keys, see ``BRANCH_GROUPS``). tantivy counts per segment and merges each
        segment's top list, so a value left out of one segment's list is undercounted;
        the error bound it reports is zero only if no list was cut. The values of a facet
        whose lists were cut are recounted exactly. Which values make the top of such a
        facet stays the engine's estimate: a value never in any segment's list is missed.

        Above ``SAMPLED_FROM`` matches, author and subject are counted over a sample of
        the matches in the same aggregation (``_facet_request``): their values are the
        sample's most frequent, their counts estimated from it (``_estimate``). The
        other facets stay exact.
        """
        groups = _sample_groups(total)
        raw = searcher.aggregate(query, _facet_request(limit, groups))
        in_sample = 0
        if groups:
            sample = raw.pop(_SAMPLE)
            in_sample = int(sample["doc_count"])
            raw.update((key, sample[key]) for key in SAMPLED_FACETS)
        facets = _holding_facets(raw, limit)
        if facets is None:  # a group's list was cut: count the multi-valued fields
            raw.update(searcher.aggregate(query, _holdings_request(limit)))
            facets = {}
        cut: dict[str, list[tuple[str, int]]] = {}
        for key in FACET_SIZES:
            if key in facets:
                continue
            result = raw.get(key, {})
            values = [
                (_bucket_key(b["key"]), int(b["doc_count"])) for b in result.get("buckets", [])
            ]
            facets[key] = values
            if values and result.get("doc_count_error_upper_bound", 1):
                cut[key] = values
        # One segment: its lists were cut from exact counts of all its values, so
        # they are exact and complete (the error bound tantivy reports for a cut list
        # only matters when lists of several segments are merged).
        if cut and searcher.num_segments > 1:
            sampled_cut = {key: cut.pop(key) for key in SAMPLED_FACETS if groups and key in cut}
            if cut:
                facets.update(self._recount(searcher, query, cut))
            if sampled_cut:
                in_groups = tantivy.Query.range_query(
                    self.schema, "sample", tantivy.FieldType.Unsigned, 0, groups - 1
                )
                sampled = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, query), (tantivy.Occur.Must, in_groups)]
                )
                facets.update(self._recount(searcher, sampled, sampled_cut))
        if groups:
            for key in SAMPLED_FACETS:
                facets[key] = [(v, _estimate(c, in_sample, total)) for v, c in facets[key]]
        facets["available"] = [(v, c) for v, c in facets["available"] if v == AVAILABLE_VALUE]
        return {key: facets[key] for key in FACET_SIZES}

    def _recount(
        self, searcher: Any, query: Any, facets: dict[str, list[tuple[str, int]]]
    ) -> dict[str, list[tuple[str, int]]]:
        """The exact counts of these facet values among the matches, most frequent first.

        One aggregation with a filter per value: the query runs once more, and each
        filter only walks the postings of its value. Should tantivy's query syntax refuse
        a value, each value is counted by a search of its own instead (slower, as exact).
        """
        wanted = {
            f"{key}/{i}": (FACET_FIELDS[key], value)
            for key, values in facets.items()
            for i, (value, _count) in enumerate(values)
        }
        request = {name: {"filter": _field_query(*fv)} for name, fv in wanted.items()}
        try:
            raw = searcher.aggregate(query, request)
            counts = {name: int(raw[name]["doc_count"]) for name in wanted}
        except ValueError:
            logger.warning("facet recount: a value is not expressible as a filter", exc_info=True)
            counts = {name: self._count(searcher, query, *fv) for name, fv in wanted.items()}
        recounted = {}
        for key, values in facets.items():
            exact = [(v, counts[f"{key}/{i}"]) for i, (v, _c) in enumerate(values)]
            recounted[key] = sorted((vc for vc in exact if vc[1]), key=lambda vc: (-vc[1], vc[0]))
        return recounted

    def _count(self, searcher: Any, query: Any, field: str, value: str) -> int:
        term = tantivy.Query.term_query(
            self.schema, field, int(value) if field == "year" else value
        )
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, term)]
        )
        return int(getattr(searcher.search(both, 1, count=True), "count", 0) or 0)

    def _build_query(
        self, parsed: ParsedQuery, filters: SearchFilters, *, scored: bool = True
    ) -> tuple[Any, bool]:
        """The query and whether it has text to rank by.

        ``scored=False`` gives a cheaper query that matches exactly the same records, for
        counting (facets): no boosts, and text is looked up in the folded fields only.
        That loses no match, because a word matching the exact-diacritics field also
        matches the folded one: both fields and queries go through the same analyzer
        (the folded one adds ``ascii_fold`` last, which keeps every token and position).
        """
        must: list[tuple[Any, Any]] = []
        for clause in parsed.clauses:
            query = self._clause(clause, scored=scored)
            if query is not None:
                must.append((tantivy.Occur.Must, query))
        has_text = bool(must)
        for query in self._filters(filters):
            if scored:
                query = tantivy.Query.const_score_query(query, 0.0)
            must.append((tantivy.Occur.Must, query))
        if not must:
            return tantivy.Query.all_query(), False
        return tantivy.Query.boolean_query(must), has_text

    def _clause(self, clause: Clause, *, scored: bool) -> Any | None:
        if isinstance(clause, Text):
            return self._text(clause, scored=scored)
        if isinstance(clause, Isbn):
            terms = tantivy.Query.term_set_query(self.schema, "isbn", list(clause.values))
            return tantivy.Query.boost_query(terms, ISBN_BOOST) if scored else terms
        if isinstance(clause, YearRange):
            return self._year_range(clause.start, clause.end)
        return self._tree(clause, scored=scored)

    def _tree(self, clause: Clause, *, scored: bool) -> Any | None:
        """The clauses only edges such as SRU build (see ``query``); None matches all."""
        if isinstance(clause, Term):
            return self._any_of(TERM_FIELDS[clause.field], clause.values)
        if isinstance(clause, AllOf):
            parts = [self._clause(child, scored=scored) for child in clause.clauses]
            must = [(tantivy.Occur.Must, part) for part in parts if part is not None]
            return tantivy.Query.boolean_query(must) if must else None
        if isinstance(clause, AnyOf):
            should = []
            for child in clause.clauses:
                part = self._clause(child, scored=scored)
                if part is None:
                    return None  # one alternative matches everything
                should.append((tantivy.Occur.Should, part))
            return tantivy.Query.boolean_query(should) if should else tantivy.Query.empty_query()
        if isinstance(clause, Near):
            return self._near(clause, scored=scored)
        if isinstance(clause, Not):
            inner = self._clause(clause.clause, scored=False)
            if inner is None:
                return tantivy.Query.empty_query()
            everything = tantivy.Query.all_query()
            if scored:  # the excluded part says nothing about how well the rest matches
                everything = tantivy.Query.const_score_query(everything, 0.0)
            return tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, everything), (tantivy.Occur.MustNot, inner)]
            )
        raise TypeError(clause)

    def _text(self, clause: Text, *, scored: bool) -> Any | None:
        fields = [clause.field] if clause.field else list(TEXT_FIELDS)
        should = []
        for name in fields:
            family, boost = TEXT_FIELDS[name]
            variants = [(f"{name}_f", f"{family}_fold", boost * FOLDED_BOOST)]
            # A prefix is a regex walk of the term dictionary: the folded field alone
            # finds every match, and halves the walks.
            if scored and not clause.prefix:
                variants.insert(0, (name, family, boost))
            for field, analyzer, weight in variants:
                tokens: list[Any] = self.analyzers[analyzer].analyze(clause.text)
                if not tokens:
                    continue
                if clause.prefix:
                    query = self._prefixed(field, tokens)
                elif len(tokens) == 1:
                    query = tantivy.Query.term_query(self.schema, field, tokens[0])
                else:
                    query = tantivy.Query.phrase_query(self.schema, field, tokens)
                if scored:
                    query = tantivy.Query.boost_query(query, weight)
                should.append((tantivy.Occur.Should, query))
        if not should:
            return None  # only punctuation: nothing to look for
        return tantivy.Query.boolean_query(should)

    def _near(self, clause: Near, *, scored: bool) -> Any | None:
        """A sloppy phrase each way round.

        tantivy's slop also lets the two words swap places (a swap costs two), so
        "a b" with slop s matches a..b up to s + 1 apart and b..a up to s - 1 apart;
        with "b a" beside it, both orders up to ``distance`` apart match, no further.
        """
        fields = [clause.field] if clause.field else list(TEXT_FIELDS)
        should = []
        for name in fields:
            family, boost = TEXT_FIELDS[name]
            variants = [(f"{name}_f", f"{family}_fold", boost * FOLDED_BOOST)]
            if scored:
                variants.insert(0, (name, family, boost))
            for field, analyzer, weight in variants:
                first: list[Any] = self.analyzers[analyzer].analyze(clause.first)
                second: list[Any] = self.analyzers[analyzer].analyze(clause.second)
                if len(first) != 1 or len(second) != 1:
                    continue
                for pair in ([first[0], second[0]], [second[0], first[0]]):
                    query = tantivy.Query.phrase_query(
                        self.schema, field, pair, slop=max(0, clause.distance - 1)
                    )
                    if scored:
                        query = tantivy.Query.boost_query(query, weight)
                    should.append((tantivy.Occur.Should, query))
        return tantivy.Query.boolean_query(should) if should else tantivy.Query.empty_query()

    def _prefixed(self, field: str, tokens: list[str]) -> Any:
        """The words, the last one a prefix of a word in the field ("pippi långstr").

        The simple tokenizer only makes alphanumeric tokens, so none needs escaping
        in the regex.
        """
        pattern = tokens[-1] + ".*"
        if len(tokens) == 1:
            return tantivy.Query.regex_query(self.schema, field, pattern)
        return tantivy.Query.regex_phrase_query(self.schema, field, [*tokens[:-1], pattern])

    def _any_of(self, field: str, values: Sequence[str]) -> Any:
        """The records whose raw ``field`` holds one of ``values``, each scoring 1.0.

        A term set first reads every posting of its values into a bitset of the whole
        index, however few records the words match: "book" alone costs ~1.9 ms at a
        million records. One value as a term query is instead walked beside the words,
        skipping ahead (~0.3 ms); its constant score is the term set's. Several values
        stay a term set: a union of term queries measured no faster.
        """
        if len(values) == 1:
            term = tantivy.Query.term_query(self.schema, field, values[0])
            return tantivy.Query.const_score_query(term, 1.0)
        return tantivy.Query.term_set_query(self.schema, field, list(values))

    def _year_range(self, start: int | None, end: int | None) -> Any | None:
        if start is None and end is None:
            return None
        return tantivy.Query.range_query(self.schema, "year", tantivy.FieldType.Integer, start, end)

    def _filters(self, filters: SearchFilters) -> Iterator[Any]:
        for key, values in filters.term_lists().items():
            yield self._any_of(FACET_FIELDS[key], values)
        year = self._year_range(filters.year_from, filters.year_to)
        if year is not None:
            yield year
        if filters.available_now:
            yield tantivy.Query.term_query(self.schema, "f_available", AVAILABLE_VALUE)
        if filters.available_at:
            yield tantivy.Query.term_query(self.schema, "f_available_branch", filters.available_at)

    def close(self) -> None:
        # tantivy releases files when the Index is garbage collected.
        self.index = None  # type: ignore[assignment]


_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _facet_pool() -> ThreadPoolExecutor:
    """This process's facet-counting threads, started on first use (never before a fork)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="folkbib-facets")
        return _pool


def _holding_facets(
    raw: dict[str, Any], limit: int | None = None
) -> dict[str, list[tuple[str, int]]] | None:
    """The branch and municipality facets from their groups' keys; None if a list was cut.

    Exact whatever the segments: every key of a group is in its list (or None), and
    tantivy adds up a key's counts from all segments. Most frequent first, then by code,
    the order tantivy gives equal counts; when a facet has more values than it shows,
    the last ones shown are thus the first codes among equal counts.
    """
    facets = {}
    for key, fields in SET_FIELDS.items():
        counts: dict[str, int] = {}
        for field in fields:
            result = raw.get(field, {})
            if result.get("sum_other_doc_count", 1):
                return None
            for bucket in result.get("buckets", []):
                for code in set_codes(bucket["key"]):
                    counts[code] = counts.get(code, 0) + int(bucket["doc_count"])
        ranked = sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
        facets[key] = ranked[: facet_size(key, limit)]
    return facets


def _terms_request(keys: Iterable[str], limit: int | None = None) -> dict[str, Any]:
    """A terms aggregation per facet key, over its own field, as big as it shows."""
    request = {}
    for key in keys:
        size = facet_size(key, limit)
        terms: dict[str, Any] = {
            "field": FACET_FIELDS[key],
            "size": size,
            "show_term_doc_count_error": True,  # the default for this order, said out loud
        }
        if key in _SEGMENTS_AS_SHOWN:
            terms["segment_size"] = size
        request[key] = {"terms": terms}
    return request


# Every key of a group is wanted; a list longer than this (seen only if a region's
# records hold far more combinations of branches) falls back to the multi-valued fields.
_SET_SIZE = 10_000


def _set_request() -> dict[str, Any]:
    """Every key of the branch and municipality groups' fields."""
    return {
        field: {"terms": {"field": field, "size": _SET_SIZE, "segment_size": _SET_SIZE}}
        for fields in SET_FIELDS.values()
        for field in fields
    }


# Every facet but branch and municipality, which come from their groups' keys; should a
# group's list be cut, _holdings_request counts them from their multi-valued fields.
_FACET_REQUEST = {
    **_terms_request(key for key in FACET_SIZES if key not in SET_FIELDS),
    **_set_request(),
}


@lru_cache(maxsize=64)  # by limit: callers pass constants
def _holdings_request(limit: int | None) -> dict[str, Any]:
    return _terms_request(SET_FIELDS, limit)


# A broad search: the exact facets, and author and subject within a filter bucket of
# the sample's matches. One aggregation, so the query runs once: a second aggregation
# over (query AND sample) cost a second walk of the query's postings (up to 6 ms for
# a phrase at a million records). The filter's cost is a bitset of every record in the
# sample groups, which is why small samples of broad searches pay and others do not.
_SAMPLE = "sample"


def _facet_request(limit: int | None, groups: int) -> dict[str, Any]:
    """``_facets``' one aggregation: ``_FACET_REQUEST`` with at most ``limit`` values a
    facet, and author and subject counted in the first ``groups`` sample groups (0: over
    every match)."""
    if limit is None and not groups:
        return _FACET_REQUEST
    return _facet_request_for(limit, groups)


@lru_cache(maxsize=4 * SAMPLE_GROUPS)  # by limit (callers pass constants) and groups
def _facet_request_for(limit: int | None, groups: int) -> dict[str, Any]:
    request = _FACET_REQUEST
    if limit is not None:
        keys = (key for key in FACET_SIZES if key not in SET_FIELDS)
        request = {**request, **_terms_request(keys, limit)}
    if not groups:
        return request
    sampled = {key: terms for key, terms in request.items() if key in SAMPLED_FACETS}
    return {
        **{key: terms for key, terms in request.items() if key not in sampled},
        _SAMPLE: {"filter": f"sample:[0 TO {groups - 1}]", "aggs": sampled},
    }


def _sample_groups(total: int) -> int:
    """How many sample groups author and subject are counted over (0: every match)."""
    if total <= SAMPLED_FROM:
        return 0
    groups = -(-SAMPLE_GROUPS * SAMPLE_SIZE // total)  # rounded up: at least SAMPLE_SIZE
    return groups if groups < SAMPLE_GROUPS else 0


def _estimated_facets(total: int) -> frozenset[str]:
    """The facets ``_facets`` estimates for a search with ``total`` matches."""
    return frozenset(SAMPLED_FACETS) if _sample_groups(total) else frozenset()


def _estimate(count: int, in_sample: int, total: int) -> int:
    """A value's count among all ``total`` matches from its ``count`` in the sample.

    Scaled by the sample's share of the matches as counted, not as expected from the
    groups: a value every sampled match has gets the total. Rounded to two significant
    figures (a sample of some 8,000 matches knows no more), never above the total and
    at least 1: the value was seen.
    """
    if not in_sample:
        return count
    scaled = count * total / in_sample
    step = 10 ** max(0, len(str(int(scaled))) - 2)
    return max(1, min(total, int(scaled / step + 0.5) * step))


def _field_query(field: str, value: str) -> str:
    """tantivy's query syntax for "``field`` holds exactly ``value``" (a raw or year field)."""
    if field == "year":
        return f"{field}:{int(value)}"
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{field}:"{quoted}"'


def _bucket_key(key: Any) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)
