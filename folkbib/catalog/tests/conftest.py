"""Fixtures of the catalogue tests."""

from folkbib.catalog.tests.search_helpers import places, search_backend

__all__ = ["places", "search_backend"]
