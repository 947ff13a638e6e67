"""Suite-wide fixtures: every test gets its own search index directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_search_index(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    yield


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2 costs ~0.3 s per hash; tests need hashing to work, not to be slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield


@pytest.fixture(autouse=True)
def _no_salt_from_another_test():
    # The year's statistics salt is kept per process (it never changes while its year
    # lasts); each test's database starts without one.
    from folkbib.circulation.reports import borrowers

    borrowers.forget_cached_salt()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    # A request activates its visitor's language on the thread and nothing switches it
    # back, so code run outside a request (a service's error message) would speak the
    # previous test's last language. Every test starts in the site's default, Swedish.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql`` are left out of the SQLite pass, not skipped.

    They test what only PostgreSQL has; ``scripts/test.sh`` runs them in its PostgreSQL
    pass, which CI requires. Left out, they are not counted as skips that prove nothing.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
