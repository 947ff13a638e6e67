"""The portal's real-browser harness (Debian Chromium, playwright, axe-core), reused."""

from __future__ import annotations

from folkbib.portal.tests.browser.conftest import browser as browser
from folkbib.portal.tests.browser.conftest import page as page
