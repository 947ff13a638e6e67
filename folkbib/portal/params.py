"""The search page's GET parameters: parsed once, turned back into links.

Every search is a bookmarkable URL, so the parameters are the state: ``q``, one
parameter per facet (repeated for several values), ``sort`` and ``page``. A link
that changes one of them keeps all the others (and goes back to page 1 unless it
is a paging link). Junk is ignored rather than reported: a hand-edited URL
should still show a search page.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote_plus, urlencode

from django.http import QueryDict

from folkbib.catalog.selectors import SearchFilters

# Multi-valued facet parameters, in the order they appear in URLs.
LIST_PARAMS = ("material_type", "language", "author", "subject", "municipality", "branch")
SORTS = ("relevance", "newest", "title")
MAX_QUERY_LENGTH = 500
MAX_VALUES = 20
MAX_VALUE_LENGTH = 200
MAX_PAGE = 10_000
_YEAR_RE = re.compile(r"^(\d{1,4})(?:-(\d{1,4}))?$")


@dataclasses.dataclass(frozen=True)
class SearchParams:
    q: str = ""
    selected: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    year: str = ""  # "2019" or "1990-1999"
    available: bool = False
    available_at: str = ""  # a branch code: on the shelf there now ("my library")
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_query(cls, query: QueryDict) -> SearchParams:
        selected: dict[str, tuple[str, ...]] = {}
        for key in LIST_PARAMS:
            values = []
            for raw in query.getlist(key)[:MAX_VALUES]:
                value = raw.strip()[:MAX_VALUE_LENGTH]
                if value and value not in values:
                    values.append(value)
            if values:
                selected[key] = tuple(values)
        year = query.get("year", "").strip()
        sort = query.get("sort", "relevance")
        return cls(
            q=query.get("q", "").strip()[:MAX_QUERY_LENGTH],
            selected=selected,
            year=year if _YEAR_RE.match(year) else "",
            available=query.get("available", "") in {"1", "true", "on"},
            available_at=_branch_code(query.get("available_at", "")),
            sort=sort if sort in SORTS else "relevance",
            page=_page_number(query.get("page", "1")),
        )

    @property
    def has_filters(self) -> bool:
        return bool(self.selected or self.year or self.available or self.available_at)

    @property
    def is_search(self) -> bool:
        """True when there is anything to search for; otherwise the page welcomes."""
        return bool(self.q) or self.has_filters

    def values(self, key: str) -> tuple[str, ...]:
        if key == "year":
            return (self.year,) if self.year else ()
        if key == "available":
            return ("1",) if self.available else ()
        if key == "available_at":
            return (self.available_at,) if self.available_at else ()
        return self.selected.get(key, ())

    def year_range(self) -> tuple[int | None, int | None]:
        match = _YEAR_RE.match(self.year)
        if not match:
            return None, None
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        return min(first, last), max(first, last)

    def to_filters(self) -> SearchFilters:
        year_from, year_to = self.year_range()
        return SearchFilters(
            material_types=list(self.values("material_type")),
            languages=list(self.values("language")),
            year_from=year_from,
            year_to=year_to,
            authors=list(self.values("author")),
            subjects=list(self.values("subject")),
            municipalities=list(self.values("municipality")),
            branches=list(self.values("branch")),
            available_now=self.available,
            available_at=self.available_at or None,
        )

    # Links -----------------------------------------------------------------

    def toggled(self, key: str, value: str) -> SearchParams:
        """These parameters with ``value`` of facet ``key`` switched on or off, on page 1."""
        if key == "year":
            return dataclasses.replace(self, year="" if self.year == value else value, page=1)
        if key == "available":
            return dataclasses.replace(self, available=not self.available, page=1)
        if key == "available_at":
            chosen = "" if self.available_at == value else value
            return dataclasses.replace(self, available_at=chosen, page=1)
        selected = dict(self.selected)
        current = selected.get(key, ())
        if value in current:
            remaining = tuple(v for v in current if v != value)
        else:
            remaining = (*current, value)
        if remaining:
            selected[key] = remaining
        else:
            selected.pop(key, None)
        return dataclasses.replace(self, selected=selected, page=1)

    def without_filters(self) -> SearchParams:
        return SearchParams(q=self.q, sort=self.sort)

    def on_page(self, page: int) -> SearchParams:
        return dataclasses.replace(self, page=page)

    def pairs(self, *, with_sort: bool = True, with_page: bool = True) -> list[tuple[str, str]]:
        """The non-default parameters in a stable order, as ``(name, value)`` pairs."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for key in LIST_PARAMS:
            pairs.extend((key, value) for value in self.selected.get(key, ()))
        if self.year:
            pairs.append(("year", self.year))
        if self.available:
            pairs.append(("available", "1"))
        if self.available_at:
            pairs.append(("available_at", self.available_at))
        if with_sort and self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if with_page and self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def querystring(self) -> str:
        """``?q=...`` for links (``?`` alone when empty, which still means "this page")."""
        return "?" + urlencode(self.pairs())

    @functools.cached_property
    def _encoded_pairs(self) -> list[tuple[str, str]]:
        """``(name, "name=value")`` of :meth:`pairs` without the page, URL-encoded once.

        (A cached_property writes to the instance's ``__dict__``, which a frozen
        dataclass allows; ``dataclasses.replace`` makes a new instance, cache and all.)
        """
        return [
            (name, f"{quote_plus(name)}={quote_plus(value)}")
            for name, value in self.pairs(with_page=False)  # a toggled search starts on page 1
        ]

    def toggled_querystrings(self, key: str, values: Iterable[str]) -> list[str]:
        """``[self.toggled(key, v).querystring() for v in values]``, the same strings.

        A search page links some seventy facet values: the parameters around ``key``
        are encoded once rather than once per link.
        """
        if key not in _EARLIER_PARAMS:
            return [self.toggled(key, value).querystring() for value in values]
        earlier = _EARLIER_PARAMS[key]
        encoded = self._encoded_pairs
        head = "&".join(part for k, part in encoded if k in earlier)
        tail = "&".join(part for k, part in encoded if k not in earlier and k != key)
        name = quote_plus(key)
        current = self.values(key)
        current_parts = {value: f"{name}={quote_plus(value)}" for value in current}
        links = []
        for value in values:
            if key == "available":  # the one value, switched whatever is asked
                chosen = [] if self.available else [f"{name}=1"]
            elif value in current_parts:
                chosen = [current_parts[v] for v in current if v != value]
            elif key in LIST_PARAMS:
                chosen = [*current_parts.values(), f"{name}={_quoted(value)}"]
            else:  # year, available_at: one value, replaced
                chosen = [f"{name}={_quoted(value)}"] if value else []
            links.append("?" + "&".join(part for part in (head, *chosen, tail) if part))
        return links


@functools.lru_cache(maxsize=4096)
def _quoted(value: str) -> str:
    # quote_plus(value): the facet values of search pages repeat (years, languages,
    # material types, common authors), and quoting them was a third of the links' cost.
    return quote_plus(value)


# For each parameter a facet link toggles, those written before it in a query string.
_TOGGLED_ORDER = ("q", *LIST_PARAMS, "year", "available", "available_at")
_EARLIER_PARAMS = {
    key: frozenset(_TOGGLED_ORDER[:position])
    for position, key in enumerate(_TOGGLED_ORDER)
    if key != "q"
}


def _branch_code(raw: str) -> str:
    code = raw.strip()[:32]
    return code if re.fullmatch(r"[A-Za-z0-9_.-]+", code) else ""


def _page_number(raw: str) -> int:
    try:
        page = int(raw)
    except ValueError:
        return 1
    return min(max(page, 1), MAX_PAGE)
