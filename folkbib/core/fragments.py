"""Parts of pages rendered once per process and key: the page frame's, the community
block a visitor sees on a record nobody has rated, tagged or reviewed.

A plain dict in this process's memory, on purpose: a deployment (new templates,
translations, static file names) starts with none of the old parts, and reading one
costs a dict lookup (a ``{% cache %}`` part through a cache backend cost ~25 µs: its
key's hash, the backend's lock, unpickling). The keys are few by construction (a part's
name and a handful of values such as the language); a setting changed (tests) forgets
them all (``folkbib.core.apps``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

_PARTS: dict[Hashable, str] = {}


def part(key: Hashable, render: Callable[[], str]) -> str:
    """The part kept under ``key``, rendered by ``render`` the first time."""
    found = _PARTS.get(key)
    if found is None:
        found = _PARTS[key] = render()
    return found


def forget() -> None:
    _PARTS.clear()
