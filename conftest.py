"""Suite-wide fixtures: every test gets its own search index directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_search_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    yield
