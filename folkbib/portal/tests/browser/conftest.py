"""Real-browser harness: Debian's Chromium driven by playwright, audited with axe-core.

Reusable by any interface app's browser tests (the fixtures are plain pytest):
``browser`` (one Chromium for the package), ``page`` (a fresh context per test,
Swedish unless the test sets a language); ``harness`` has ``use_language`` and
``axe_violations``.

Set ``FOLKBIB_SCREENSHOT_DIR`` to keep a full-page screenshot of every audited page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# playwright's sync API keeps an asyncio loop "running" in this thread while it is open,
# and Django then refuses ORM calls here (the tests' own data set-up and flush), although
# they are plain synchronous code. Hence the variable, for exactly as long as the browser
# lives: package scope, so later tests of the session run without it; the test database
# is created before the loop starts.
@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the accessibility suite needs Debian's Chromium "
            "(apt-get install -y chromium). Never use 'playwright install'.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
