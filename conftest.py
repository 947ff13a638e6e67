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
