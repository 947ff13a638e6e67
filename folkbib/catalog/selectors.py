"""Catalogue reads: the one search the portal, SRU and the kiosk call, and a record's page.

``search`` costs one engine search (hits, total and every facet count) and two
queries: the page's records and their items (availability). The small branch table (the
hits' branches, the names behind the branch and municipality facet codes) is kept in
memory under a stamp the items' query brings along, and read again only after a branch
or a municipality changed (``_places``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, NamedTuple

from django.db import connection, router
from django.db.models import Max, Model, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from folkbib.catalog.models import Item, ItemStatus, MaterialType, Record
from folkbib.catalog.search import get_backend, parse_query
from folkbib.catalog.search.base import (
    FACET_SIZES,
    SORTS,
    SearchFilters,
    SearchRequest,
)
from folkbib.catalog.search.errors import QuerySyntaxError
from folkbib.catalog.search.indexing import HIDDEN_STATUSES
from folkbib.consortium.models import Branch, Municipality
from folkbib.core import stamps
from folkbib.core.prepared import Prepared, fetch_all

__all__ = [
    "BranchAvailability",
    "FacetValue",
    "Hit",
    "ItemRow",
    "MunicipalityHoldings",
    "RecordDetail",
    "RecordRow",
    "SearchFilters",
    "SearchResults",
    "did_you_mean",
    "item_by_barcode",
    "new_arrivals",
    "other_editions",
    "record_detail",
    "search",
    "title_suggestions",
]

MAX_PER_PAGE = 100
MAX_PAGE = 500  # deeper pages cost the engine more than any patron reads

# Names of common MARC language codes; others show their code.
LANGUAGE_LABELS = {
    "swe": _("Svenska"),
    "eng": _("Engelska"),
    "fin": _("Finska"),
    "fit": _("Meänkieli"),
    "sme": _("Nordsamiska"),
    "sma": _("Sydsamiska"),
    "smj": _("Lulesamiska"),
    "smi": _("Samiska"),
    "rom": _("Romani"),
    "yid": _("Jiddisch"),
    "nor": _("Norska"),
    "dan": _("Danska"),
    "ger": _("Tyska"),
    "fre": _("Franska"),
    "spa": _("Spanska"),
    "ara": _("Arabiska"),
    "per": _("Persiska"),
    "som": _("Somaliska"),
    "tir": _("Tigrinja"),
    "rus": _("Ryska"),
    "ukr": _("Ukrainska"),
    "pol": _("Polska"),
    "bos": _("Bosniska"),
    "hrv": _("Kroatiska"),
    "srp": _("Serbiska"),
    "tur": _("Turkiska"),
    "kur": _("Kurdiska"),
    "chi": _("Kinesiska"),
    "ita": _("Italienska"),
    "lat": _("Latin"),
}


_MATERIAL_LABELS = dict(MaterialType.choices)  # lazy labels: translated when shown


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    estimated: bool = False  # the count is estimated from a sample (see SearchResults)


@dataclass
class BranchAvailability:
    """The items of one record at one branch (where they stand, or their owner when out)."""

    branch: Branch
    municipality: Municipality
    available: int = 0
    total: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    next_due: dt.date | None = None
    shelf_marks: list[str] = field(default_factory=list)


@dataclass
class Hit:
    record: Record | RecordRow  # a RecordRow when the caller named its record_fields
    score: float
    availability: list[BranchAvailability]

    @property
    def available(self) -> int:
        return sum(row.available for row in self.availability)


@dataclass
class SearchResults:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    error: str | None = None
    sort: str = "relevance"
    # Non-zero for a very broad search: ``total`` is an estimate, and the ranking and
    # the facets are of this many newest matches only; say so wherever they are shown.
    sampled: int = 0
    # The facets whose values were found in a uniform sample of the matches and whose
    # counts are estimates (a broad search on the tantivy engine: author and subject);
    # their FacetValues say ``estimated`` too.
    estimated_facets: frozenset[str] = frozenset()

    @property
    def estimated(self) -> bool:
        return self.sampled > 0

    @property
    def page_count(self) -> int:
        return min(MAX_PAGE, -(-self.total // self.per_page)) if self.total else 0


class _RoutedRead:
    """A :class:`Prepared` read from the database the router picks for ``model`` at call
    time (a record page may read the catalogue from a replica), compiled once per alias.

    The record page's reads are compiled once per process: compiling their querysets
    cost the ORM more than running them (a third of a record page's CPU).
    """

    def __init__(
        self,
        model: type[Model],
        build: Any,
        *,
        kinds: tuple[type, ...] = (int,),
        first: bool = False,
    ) -> None:
        self._model = model
        self._build = build
        self._kinds = kinds
        self._first = first
        self._by_alias: dict[str, Prepared] = {}

    def _prepared(self) -> Prepared:
        alias = router.db_for_read(self._model)
        prepared = self._by_alias.get(alias)
        if prepared is None:
            prepared = self._by_alias[alias] = Prepared(
                self._build, kinds=self._kinds, first=self._first, using=alias
            )
        return prepared

    def objects(self, *values: Any) -> list[Any]:
        return self._prepared().objects(*values)

    def first(self, *values: Any) -> Any | None:
        return self._prepared().first(*values)


class _ReadById:
    """``{pk: record}`` of a queryset of records ``build(*ids)`` (``pk__in=ids``), its
    statement compiled once per number of ids rather than on every call."""

    def __init__(self, build: Any) -> None:
        self._build = build
        self._by_count: dict[int, _RoutedRead] = {}

    def __call__(self, record_ids: list[int]) -> dict[int, Record]:
        return {record.pk: record for record in self.rows(record_ids)}

    def rows(self, record_ids: list[int]) -> list[Any]:
        """What the queryset returns for these ids (instances, or ``values_list`` rows)."""
        if not record_ids:
            return []
        count = len(record_ids)
        reader = self._by_count.get(count)
        if reader is None:
            reader = self._by_count.setdefault(
                count, _RoutedRead(Record, self._build, kinds=(int,) * count)
            )
        return reader.objects(*(int(i) for i in record_ids))


# ``Record.objects.defer("marc").in_bulk(ids)``: a search page's records.
_records_by_id = _ReadById(
    lambda *record_ids: Record.objects.defer("marc").filter(pk__in=record_ids).order_by()
)


class RecordRow(SimpleNamespace):
    """A hit's record when the caller of ``search`` named the columns it reads
    (``record_fields``): those columns as attributes (converted as the model's fields
    convert them: ``authors`` is a list), and ``pk`` and ``id``. Not a model instance:
    building twenty of those with the other columns deferred cost ~0.3 ms a page."""

    pk: int
    id: int


class _RowsById:
    """``{pk: RecordRow}`` of the records with these ids, reading only ``fields``."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self._fields = fields
        self._read = _ReadById(
            lambda *ids: Record.objects.filter(pk__in=ids).order_by().values_list("id", *fields)
        )

    def __call__(self, record_ids: list[int]) -> dict[int, RecordRow]:
        fields = self._fields
        return {
            row[0]: RecordRow(pk=row[0], id=row[0], **dict(zip(fields, row[1:], strict=True)))
            for row in self._read.rows(record_ids)
        }


# By the columns a caller reads (``search(record_fields=...)``): one reader per tuple of
# columns (callers pass constants, so the cache stays small).
@functools.cache
def _record_reader(fields: tuple[str, ...] | None) -> _ReadById | _RowsById:
    if fields is None:
        return _records_by_id
    return _RowsById(fields)


def search(
    query: str,
    filters: SearchFilters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    *,
    record_fields: tuple[str, ...] | None = None,
    facet_limit: int | None = None,
) -> SearchResults:
    """Search the catalogue; never raises for bad user input.

    A query the parser cannot understand returns no hits and a readable ``error``.
    An unknown ``sort`` falls back to relevance; ``page`` and ``per_page`` are clamped.
    ``record_fields``: the only columns of the hits' records the caller reads; the hits'
    records are then ``RecordRow``s of those columns, not model instances. By default
    every column but the MARC blob, as ``Record``s. A results page shows six of them,
    and decoding the JSON columns it does not show cost more than reading the rows.
    ``facet_limit``: at most this many values of each facet (default ``FACET_SIZES``),
    for a caller that shows fewer (``SearchRequest.facet_limit``); a selected value
    outside them is still listed, with a count of 0, as ever.
    """
    filters = filters or SearchFilters()
    sort = sort if sort in SORTS else "relevance"
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    page = max(1, min(int(page), MAX_PAGE))
    empty = SearchResults(
        query=query,
        total=0,
        page=page,
        per_page=per_page,
        hits=[],
        facets={key: [] for key in FACET_SIZES},
        sort=sort,
    )
    try:
        parsed = parse_query(query or "")
    except QuerySyntaxError as error:
        empty.error = str(error)
        return empty
    engine, facet_counts = get_backend().search_facets_later(
        SearchRequest(
            query=parsed,
            filters=filters,
            sort=sort,
            offset=(page - 1) * per_page,
            limit=per_page,
            facet_limit=facet_limit,
        )
    )
    # The engine may still be counting facets: read the page's rows meanwhile.
    record_ids = [hit.record_id for hit in engine.hits]
    records = _record_reader(record_fields)(record_ids)
    items, places_stamp = _item_rows(record_ids)
    engine.facets = facet_counts()
    places = _places(
        branch_ids={row.branch_id for row in items},
        branch_codes=[v for v, _c in engine.facets.get("branch", [])] + list(filters.branches),
        municipality_codes=[v for v, _c in engine.facets.get("municipality", [])]
        + list(filters.municipalities),
        stamp=places_stamp,
    )
    availability = _group_by_branch(items, places)
    hits = [
        Hit(
            record=records[h.record_id],
            score=h.score,
            availability=availability.get(h.record_id, []),
        )
        for h in engine.hits
        if h.record_id in records  # deleted since it was indexed; the queue catches up
    ]
    return SearchResults(
        query=query,
        total=engine.total,
        page=page,
        per_page=per_page,
        hits=hits,
        facets=_facets(engine.facets, filters, places, engine.estimated_facets),
        sort=sort,
        sampled=engine.sampled,
        estimated_facets=engine.estimated_facets,
    )


class _ItemRow(NamedTuple):  # a tuple: built for every item of a results page
    record_id: int
    status: str
    shelf_mark: str
    due_back: dt.date | None
    branch_id: int  # where the item counts, see _counting_branch_id


def _counting_branch_id(status: str, owning_branch_id: int, current_branch_id: int) -> int:
    # An item on the shelf is where it stands; one that is out belongs to its owner.
    return current_branch_id if status == ItemStatus.AVAILABLE else owning_branch_id


_ITEM_COLUMNS = (
    "record_id",
    "status",
    "shelf_mark",
    "due_back",
    "owning_branch_id",
    "current_branch_id",
)


def _item_rows(record_ids: list[int]) -> tuple[list[_ItemRow], int | None]:
    """The items of these records, as plain tuples: one query, no model instances; and
    the places stamp, which the query brings along (None without items).

    (Building ~60 Item + Branch + Municipality instances per page cost more than the
    search itself; branches come from the small branch table instead, see ``_places``.)
    Plain SQL: compiling the ORM's query cost five times its run (0.5 ms of a search).
    """
    if not record_ids:
        return [], None
    sql = _item_rows_sql(connection.vendor, len(record_ids))
    rows = fetch_all(connection, sql, [*record_ids, *_HIDDEN])
    items = [
        _ItemRow(record_id, status, shelf, _date(due), _counting_branch_id(status, owner, current))
        for record_id, status, shelf, due, owner, current, _stamp in rows
    ]
    return items, (rows[0][-1] if rows else None)


_HIDDEN = tuple(str(status) for status in HIDDEN_STATUSES)


@functools.cache  # by database vendor and number of records
def _item_rows_sql(vendor: str, count: int) -> str:
    quote = connection.ops.quote_name
    by_attname = {f.attname: str(f.column) for f in Item._meta.concrete_fields}
    columns = ", ".join(quote(by_attname[c]) for c in _ITEM_COLUMNS)
    return (
        f"SELECT {columns}, ({stamps.stamp_sql(PLACES_STAMP)}) FROM {quote(Item._meta.db_table)} "
        f"WHERE {quote(by_attname['record_id'])} IN ({', '.join(['%s'] * count)}) "
        f"AND {quote(by_attname['status'])} NOT IN ({', '.join(['%s'] * len(_HIDDEN))})"
    )


def _date(value: Any) -> dt.date | None:
    # SQLite hands plain SQL a date column as ISO text; PostgreSQL as a date.
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


@dataclass
class _Places:
    branches: dict[int, Branch]  # by id, with municipality loaded
    labels: dict[tuple[str, str], str]  # ("branch" | "municipality", code) -> name


def _place_columns() -> tuple[list[str], list[str]]:
    branch = [f.attname for f in Branch._meta.concrete_fields]
    municipality = [f.attname for f in Municipality._meta.concrete_fields]
    return branch, municipality


_BRANCH_COLUMNS, _MUNICIPALITY_COLUMNS = _place_columns()
# Renewed by triggers on every change of a branch or a municipality (migration
# ``consortium.0007_places_stamp``, ``folkbib.core.stamps``).
PLACES_STAMP = "consortium_places_stamp"
# The shared instances, and the stamp they were read under; by database vendor the
# compiler of the branch query, its SQL and parameters.
_place_cache: tuple[int, _Places] | None = None
_place_compilers: dict[str, tuple[Any, str, Any]] = {}


def _places(
    *,
    branch_ids: set[int],
    branch_codes: list[str],
    municipality_codes: list[str],
    stamp: int | None = None,
) -> _Places:
    """Every branch with its municipality, and the names behind their codes.

    Kept in memory under the places stamp: a call reads the stamp (or is given it, read
    by a query that reads it anyway, see ``record_detail``) and the small branch table
    only when the stamp has changed (building some 40 instances on every search cost
    about a millisecond, a tenth of a search's budget; reading the table's rows to
    compare them, a tenth of a millisecond). The instances are shared between calls:
    read them, never change them.
    """
    global _place_cache
    if not (branch_ids or branch_codes or municipality_codes):
        return _Places(branches={}, labels={})
    if stamp is None:
        stamp = stamps.read_stamp(connection, PLACES_STAMP)
    cached = _place_cache
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1]
    places = _read_places()
    if stamp is not None:  # read before the rows, so the rows are at least as new
        _place_cache = (stamp, places)
    return places


def _read_places() -> _Places:
    # The ORM's query, compiled once per database: compiling it cost more than running it.
    compiled = _place_compilers.get(connection.vendor)
    if compiled is None:
        query = Branch.objects.order_by("id").values_list(
            *_BRANCH_COLUMNS, *(f"municipality__{c}" for c in _MUNICIPALITY_COLUMNS)
        )
        compiler = query.query.get_compiler(connection.alias)
        # as_sql() also sets up what ``results_iter`` converts with.
        compiled = _place_compilers[connection.vendor] = (compiler, *compiler.as_sql())
    compiler, sql, params = compiled
    places = _Places(branches={}, labels={})
    split = len(_BRANCH_COLUMNS)
    rows = [list(row) for row in fetch_all(connection, sql, params)]
    for row in compiler.results_iter(results=[rows]):
        branch = Branch.from_db(connection.alias, _BRANCH_COLUMNS, row[:split])
        branch.municipality = Municipality.from_db(
            connection.alias, _MUNICIPALITY_COLUMNS, row[split:]
        )
        places.branches[branch.id] = branch
        places.labels[("branch", branch.code)] = branch.name
        places.labels[("municipality", branch.municipality.code)] = branch.municipality.name
    return places


def _group_by_branch(items: list[_ItemRow], places: _Places) -> dict[int, list[BranchAvailability]]:
    rows: dict[int, dict[int, BranchAvailability]] = defaultdict(dict)
    for item in items:
        row = rows[item.record_id].get(item.branch_id)
        if row is None:
            branch = places.branches[item.branch_id]
            row = rows[item.record_id][item.branch_id] = BranchAvailability(
                branch=branch, municipality=branch.municipality
            )
        row.total += 1
        row.statuses[item.status] = row.statuses.get(item.status, 0) + 1
        if item.status == ItemStatus.AVAILABLE:
            row.available += 1
        if item.due_back and (row.next_due is None or item.due_back < row.next_due):
            row.next_due = item.due_back
        if item.shelf_mark and item.shelf_mark not in row.shelf_marks:
            row.shelf_marks.append(item.shelf_mark)
    return {
        record_id: sorted(by_branch.values(), key=lambda r: (r.municipality.name, r.branch.name))
        for record_id, by_branch in rows.items()
    }


def _facets(
    raw: dict[str, list[tuple[str, int]]],
    filters: SearchFilters,
    places: _Places,
    estimated: frozenset[str],
) -> dict[str, list[FacetValue]]:
    selected = filters.selected()
    language = get_language()
    facets: dict[str, list[FacetValue]] = {}
    for key in FACET_SIZES:
        values = list(raw.get(key, []))
        present = {v for v, _c in values}
        # A selected value stays visible (so it can be unselected) even if outside the top.
        values += [(v, 0) for v in sorted(selected[key] - present)]
        facets[key] = []
        for value, count in values:
            if key in ("material_type", "language", "available"):
                label = _facet_label(key, value, language)
            elif key in ("branch", "municipality"):
                label = places.labels.get((key, value), value)
            else:
                label = value
            facets[key].append(
                FacetValue(value, label, count, value in selected[key], key in estimated)
            )
    return facets


# Translated facet labels by language (an argument only so that each language has entries
# of its own): the same few dozen on every search, a gettext call each otherwise.
# Translations do not change while a process runs; the size bound only guards against
# odd codes.
@functools.lru_cache(maxsize=10_000)
def _facet_label(key: str, value: str, language: str | None) -> str:
    if key == "material_type":
        return str(_MATERIAL_LABELS.get(value, value))
    if key == "language":
        return str(LANGUAGE_LABELS.get(value, value))
    return str(_("Tillgänglig nu"))


# -- one record ---------------------------------------------------------------------------


@dataclass
class ItemRow:
    branch: Branch
    item: Item


@dataclass
class MunicipalityHoldings:
    municipality: Municipality
    branches: list[BranchAvailability]
    rows: list[ItemRow]

    @property
    def available(self) -> int:
        return sum(b.available for b in self.branches)

    @property
    def total(self) -> int:
        return sum(b.total for b in self.branches)


@dataclass
class RecordDetail:
    record: Record
    holdings: list[MunicipalityHoldings]

    @property
    def availability(self) -> list[BranchAvailability]:
        return [b for group in self.holdings for b in group.branches]


def _record_query(record_id: int) -> QuerySet[Record]:
    # The MARC blob is for exports and the kiosk's extent, not for the page.
    return Record.objects.defer("marc").filter(pk=record_id)


def _items_query(record_id: int) -> QuerySet[Item]:
    return (
        Item.objects.filter(record_id=record_id)
        .exclude(status__in=HIDDEN_STATUSES)
        .annotate(places_stamp=stamps.stamp_annotation(PLACES_STAMP))
        .order_by("shelf_mark", "barcode")
    )


# An item's branches are the shared instances of ``_places`` (set as its relations'
# cached values, so ``item.owning_branch`` reads no row): joining them cost five model
# instances and some sixty converted columns per item.
_OWNING_BRANCH = Item._meta.get_field("owning_branch")
_CURRENT_BRANCH = Item._meta.get_field("current_branch")


_RECORD = _RoutedRead(Record, _record_query, first=True)
_ITEMS = _RoutedRead(Item, _items_query)


def record_detail(record_id: int) -> RecordDetail:
    """A record (without its MARC blob) with its items grouped by municipality and
    branch (two queries; the branches are ``_places``'s, kept under the stamp the items
    bring along).

    Raises ``Record.DoesNotExist`` for an unknown id.
    """
    record_id = int(record_id)
    # Out of a 64-bit key's range no row can match (and SQLite refuses such a parameter).
    record = _RECORD.first(record_id) if -(2**63) <= record_id < 2**63 else None
    if record is None:
        raise Record.DoesNotExist("Record matching query does not exist.")
    items = _ITEMS.objects(record.pk)
    places = _places(
        branch_ids={b for item in items for b in (item.owning_branch_id, item.current_branch_id)},
        branch_codes=[],
        municipality_codes=[],
        stamp=items[0].places_stamp if items else None,
    )
    rows = []
    for item in items:
        _OWNING_BRANCH.set_cached_value(item, places.branches[item.owning_branch_id])
        _CURRENT_BRANCH.set_cached_value(item, places.branches[item.current_branch_id])
        branch_id = _counting_branch_id(item.status, item.owning_branch_id, item.current_branch_id)
        rows.append(_ItemRow(record_id, item.status, item.shelf_mark, item.due_back, branch_id))
    by_branch = _group_by_branch(rows, places).get(record_id, [])
    groups: dict[int, MunicipalityHoldings] = {}
    for row in by_branch:
        group = groups.setdefault(
            row.municipality.id, MunicipalityHoldings(row.municipality, [], [])
        )
        group.branches.append(row)
    for item, item_row in sorted(
        zip(items, rows, strict=True),
        key=lambda pair: (places.branches[pair[1].branch_id].name, pair[0].shelf_mark),
    ):
        branch = places.branches[item_row.branch_id]
        groups[branch.municipality_id].rows.append(ItemRow(branch, item))
    return RecordDetail(record=record, holdings=list(groups.values()))


# -- other editions of a work ----------------------------------------------------------------


EDITIONS_LIMIT = 12


_EDITION_FIELDS = ("id", "title", "subtitle", "authors", "year", "material_type", "language")


def _edition_candidates(
    sort_title: str, record_id: int, *, limit: int = EDITIONS_LIMIT
) -> QuerySet[Record]:
    return (
        Record.objects.filter(sort_title=sort_title)
        .exclude(pk=record_id)
        .only(*_EDITION_FIELDS, "edition")
        .order_by("material_type", "-year", "id")[: limit * 4]
    )


# The record page's candidates as (id, authors) pairs, compiled once: in a large
# catalogue a common title has many namesakes by other authors, and building a record
# for each only to drop it cost more than the query (1M records: ~23 a page, ~0.5 ms).
_EDITION_WINDOW = _RoutedRead(
    Record,
    lambda sort_title, record_id: (
        Record.objects.filter(sort_title=sort_title)
        .exclude(pk=record_id)
        .order_by("material_type", "-year", "id")
        .values_list("id", "authors")[: EDITIONS_LIMIT * 4]
    ),
    kinds=(str, int),
)
_editions_by_id = _ReadById(
    lambda *record_ids: (
        Record.objects.filter(pk__in=record_ids).only(*_EDITION_FIELDS, "edition").order_by()
    )
)


def other_editions(record: Record, *, limit: int = EDITIONS_LIMIT) -> list[Record]:
    """Other records of the same work: the talking book of a novel, its large print, a reissue.

    The same work means the same normalised title (``sort_title``, indexed) and the
    same first author; a record without an author has no editions found this way
    (anonymous titles such as "Annual report" would match unrelated records).
    """
    if not record.authors or not record.sort_title:
        return []
    first_author = record.authors[0]
    if limit != EDITIONS_LIMIT:
        candidates = _edition_candidates(record.sort_title, record.pk, limit=limit)
        return [other for other in candidates if other.authors[:1] == [first_author]][:limit]
    window = _EDITION_WINDOW.objects(record.sort_title, record.pk)
    chosen = [pk for pk, authors in window if authors[:1] == [first_author]][:limit]
    found = _editions_by_id(chosen)
    return [found[pk] for pk in chosen if pk in found]


# -- new arrivals ----------------------------------------------------------------------------


def new_arrivals(
    municipality: Municipality, *, limit: int = 40
) -> list[tuple[Record, dt.datetime]]:
    """Titles most recently given a copy in ``municipality``, newest first, with that moment.

    Two queries: the newest item per record among the municipality's branches, then
    the records.
    """
    newest = (
        Item.objects.filter(owning_branch__municipality=municipality)
        .exclude(status__in=HIDDEN_STATUSES)
        .values("record_id")
        .annotate(added=Max("created_at"))
        .order_by("-added", "-record_id")[:limit]
    )
    added = {row["record_id"]: row["added"] for row in newest}
    records = Record.objects.in_bulk(list(added))
    return [(records[record_id], when) for record_id, when in added.items() if record_id in records]


# -- suggestions as you type ---------------------------------------------------------------


def title_suggestions(prefix: str, *, limit: int = 8) -> list[str]:
    """Titles whose sort form starts with ``prefix`` (case-insensitive), distinct, A-Ö.

    A range on the indexed ``sort_title`` (>= prefix, < prefix + U+FFFF) rather than
    LIKE, so SQLite and PostgreSQL both use the B-tree index at a million records.
    """
    key = " ".join(prefix.lower().split())[:100]
    if len(key) < 2:
        return []
    rows = (
        Record.objects.filter(sort_title__gte=key, sort_title__lt=key + "\uffff")
        .order_by("sort_title", "id")
        .values_list("title", flat=True)[: limit * 5]
    )
    seen: dict[str, str] = {}
    for title in rows:
        seen.setdefault(title.casefold(), title)
        if len(seen) == limit:
            break
    return list(seen.values())


# -- what was scanned ------------------------------------------------------------------------


def item_by_barcode(barcode: str) -> Item | None:
    """The item with ``barcode`` (spaces a scanner or a hand put in ignored), with its record.

    One query, and the record's MARC blob is left unread: this is the first step of
    every scan at the desk and the kiosk.
    """
    value = "".join(barcode.split())
    if not value:
        return None
    return Item.objects.select_related("record").defer("record__marc").filter(barcode=value).first()


# -- "did you mean" --------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def did_you_mean(query: str) -> str | None:
    """A respelt query for one that found nothing, from words that are in the catalogue.

    Only plain words are respelt (not fielded, quoted or ISBN queries): the engine finds
    records with a title or author word spelt almost like each query word, and each
    query word is replaced by the nearest such word. None when nothing is close enough.
    """
    if not query or any(mark in query for mark in ':"*()'):
        return None
    words = _WORD.findall(query)
    if not words or len(words) > 6:
        return None
    record_ids = get_backend().similar_records(words, limit=20)
    if not record_ids:
        return None
    vocabulary: dict[str, str] = {}
    for title, authors in Record.objects.filter(id__in=record_ids).values_list("title", "authors"):
        for text in [title, *authors]:
            for word in _WORD.findall(text):
                vocabulary.setdefault(word.casefold(), word)
    corrected = []
    for word in words:
        key = word.casefold()
        if key in vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(key, list(vocabulary), n=1, cutoff=0.75)
        corrected.append(vocabulary[close[0]] if close else word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion.casefold() != " ".join(words).casefold() else None
