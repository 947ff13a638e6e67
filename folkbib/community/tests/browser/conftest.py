"""The portal's real-browser harness (Debian Chromium + axe-core), with the community URLs."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.browser.conftest import browser, page

__all__ = ["browser", "page"]


@pytest.fixture(autouse=True)
def _community_urls(portal_urls):
    yield
