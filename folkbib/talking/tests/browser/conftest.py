# The portal's real-browser harness: one Chromium per package, a fresh page per test.
from folkbib.portal.tests.browser.conftest import browser, page  # noqa: F401
from folkbib.talking.tests.conftest import fake_engine, speech_cache  # noqa: F401
