"""Turns selector results into what the portal templates show: plain data, no ORM.

Kept apart from the views so the wording (availability sentences, facet labels)
and the link building can be tested without HTTP.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from folkbib.catalog.models import MaterialType
from folkbib.portal.languages import language_name
from folkbib.portal.params import SearchParams

# Facets in the order a patron narrows a search; "branch" is left to the full portal.
FACETS: tuple[tuple[str, Promise], ...] = (
    ("available", _("Tillgänglighet")),
    ("material_type", _("Medietyp")),
    ("language", _("Språk")),
    ("year", _("Utgivningsår")),
    ("author", _("Författare")),
    ("subject", _("Ämne")),
    ("municipality", _("Kommun")),
)
_LEGEND_BY_KEY = dict(FACETS)
FACET_LIMIT = 10
AVAILABLE_NOW = _("Tillgängliga nu")


@dataclasses.dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    url: str
    estimated: bool = False  # the count is an estimate: it reads "cirka 1 200"


@dataclasses.dataclass(frozen=True)
class FacetGroup:
    key: str
    legend: str
    links: list[FacetLink]


@dataclasses.dataclass(frozen=True)
class ActiveFilter:
    facet: str
    label: str
    remove_url: str


@dataclasses.dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclasses.dataclass(frozen=True)
class Pagination:
    page: int
    page_count: int
    previous_url: str | None
    next_url: str | None
    links: list[PageLink | None]  # None marks a gap ("…")


def value_label(key: str, value: str, label: str = "") -> str:
    """How a facet value reads in the page language."""
    return _value_label(key, value, label, get_language())


def _value_label(key: str, value: str, label: str, page_language: str) -> str:
    if key not in ("material_type", "language", "available"):
        return label or value
    translated = _translated_label(key, value, page_language)
    return label or value if translated is None else translated


# The translated labels of material types, languages and "available now", by page
# language (an argument only so that each language has entries of its own): the same
# few dozen on every search page, each a gettext call (some 45 a page) otherwise.
# Translations do not change while a process runs; the size bound only guards against
# odd codes. ``None``: not a material type.
@functools.lru_cache(maxsize=10_000)
def _translated_label(key: str, value: str, page_language: str) -> str | None:
    if key == "material_type":
        try:
            return str(MaterialType(value).label)
        except ValueError:
            return None
    if key == "language":
        return capfirst(language_name(value))
    return str(AVAILABLE_NOW)


def facet_groups(facets: Mapping[str, Sequence[Any]], params: SearchParams) -> list[FacetGroup]:
    page_language = get_language()
    groups = []
    for key in _LEGEND_BY_KEY:  # in the order of FACETS
        values = list(facets.get(key, ()))
        if key == "available":
            # Only the "available now" side of this facet is a useful filter.
            values = [v for v in values if _is_true(v.value)]
        chosen = params.values(key)
        shown = []
        for v in values[:FACET_LIMIT]:
            url_value = _facet_value_key(key, v.value)
            if v.count > 0 or url_value in chosen:
                shown.append((v, url_value))
        urls = params.toggled_querystrings(key, [url_value for _v, url_value in shown])
        links = [
            FacetLink(
                label=_value_label(key, str(v.value), str(v.label or ""), page_language),
                count=v.count,
                selected=url_value in chosen,
                url=url,
                estimated=getattr(v, "estimated", False) and v.count > 0,
            )
            for (v, url_value), url in zip(shown, urls, strict=True)
        ]
        if links:
            groups.append(FacetGroup(key=key, legend=_legend(key, page_language), links=links))
    return groups


# The facets' translated legends by facet and page language: seven a page otherwise.
@functools.lru_cache(maxsize=1_000)
def _legend(key: str, page_language: str) -> str:
    return str(_LEGEND_BY_KEY[key])


def active_filters(facets: Mapping[str, Sequence[Any]], params: SearchParams) -> list[ActiveFilter]:
    """The filters in force, each with a link that removes it (even if its facet is empty)."""
    labels = {
        (key, _facet_value_key(key, v.value)): str(v.label or "")
        for key, values in facets.items()
        for v in values
    }
    active = []
    for key, legend in (*FACETS, ("branch", _("Bibliotek"))):
        for value in params.values(key):
            active.append(
                ActiveFilter(
                    facet=str(legend),
                    label=value_label(key, value, labels.get((key, value), "")),
                    remove_url=params.toggled(key, value).querystring(),
                )
            )
    if params.available_at:
        active.append(
            ActiveFilter(
                facet=str(_("Tillgänglig nu på")),
                label=labels.get(("branch", params.available_at)) or params.available_at,
                remove_url=params.toggled("available_at", params.available_at).querystring(),
            )
        )
    return active


def pagination(params: SearchParams, total: int, per_page: int) -> Pagination | None:
    page_count = max(math.ceil(total / per_page), 1)
    if page_count == 1 and params.page == 1:
        return None
    page = params.page
    wanted = {1, page_count, *range(page - 2, page + 3)}
    numbers = sorted(n for n in wanted if 1 <= n <= page_count)
    links: list[PageLink | None] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append(None)
        links.append(PageLink(number, params.on_page(number).querystring(), number == page))
        previous = number
    return Pagination(
        page=page,
        page_count=page_count,
        previous_url=params.on_page(page - 1).querystring() if page > 1 else None,
        next_url=params.on_page(page + 1).querystring() if page < page_count else None,
        links=links,
    )


def availability_summary(availability: Iterable[Any]) -> tuple[bool, str]:
    """One sentence on where a title can be had: ``(available_somewhere, sentence)``.

    e.g. "Tillgänglig på 3 bibliotek i Umeå, Vindeln".
    """
    rows = list(availability)
    if not rows:
        return False, _g("Inga exemplar i regionen")
    on_shelf = [row for row in rows if row.available > 0]
    if on_shelf:
        places = ", ".join(_unique(row.municipality.name for row in on_shelf))
        return True, _on_shelf_sentence(len(on_shelf), places, get_language())
    total = sum(row.total for row in rows)
    due_dates = [row.next_due for row in rows if getattr(row, "next_due", None)]
    if due_dates:
        return False, ngettext(
            "Exemplaret är utlånat, åter %(date)s",
            "Alla %(count)d exemplar är utlånade, första åter %(date)s",
            total,
        ) % {"count": total, "date": date_format(min(due_dates), "j F Y")}
    return False, ngettext(
        "Exemplaret är inte tillgängligt just nu",
        "Inga av %(count)d exemplar är tillgängliga just nu",
        total,
    ) % {"count": total}


# "Tillgänglig på 3 bibliotek i Umeå, Vindeln" by number, places and page language (an
# argument only so that each language has entries of its own): most hits of a page say
# one of a few such sentences, each a plural lookup otherwise. Translations do not change
# while a process runs; the size bound guards memory.
@functools.lru_cache(maxsize=10_000)
def _on_shelf_sentence(count: int, places: str, page_language: str) -> str:
    return ngettext(
        "Tillgänglig på %(count)d bibliotek i %(places)s",
        "Tillgänglig på %(count)d bibliotek i %(places)s",
        count,
    ) % {"count": count, "places": places}


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def _is_true(value: object) -> bool:
    return value is True or str(value).lower() in {"1", "true", "yes", "available"}


def _facet_value_key(key: str, value: object) -> str:
    """The URL parameter value that selects this facet value."""
    if key == "available":
        return "1"
    return str(value)
