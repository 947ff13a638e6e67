"""Schemathesis fuzzes every operation of the served OpenAPI document.

Stateless, all operations, in-process against Django's WSGI app inside the test's
transaction. Every case carries a live bearer token of the test patron, so the
patron endpoints are exercised past the sign-in (schemathesis also drops it, to see
that they refuse). Checks: no server errors, statuses, content types, headers and
bodies as documented, invalid input rejected, valid input accepted.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from folkbib.api import tokens
from folkbib.api.models import PatronToken as PatronTokenRow
from folkbib.api.tests.conftest import NOW, Library

# Hypothesis and schemathesis keep caches; under var/ rather than in the checkout's root.
set_hypothesis_home_dir(django_settings.VAR_DIR / "hypothesis")

#: Examples per operation and phase: about 25 s of CPU for the whole API per database.
#: ``FOLKBIB_FUZZ_EXAMPLES=500`` digs deeper by hand.
EXAMPLES = int(os.environ.get("FOLKBIB_FUZZ_EXAMPLES", "25"))

# Loaded from the app itself at collection (the document needs no database). The
# ``wsgi_app`` fixture keeps Django from closing the test's connection between calls.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


#: The test patron's token in every case: known in advance (schemathesis asks for it
#: while collecting, before any database exists); each test stores its hash.
TOKEN = "fuzzing-token-of-the-test-patron"


@schema.auth()
class PatronToken:
    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def signed_in(library: Library) -> None:
    PatronTokenRow.objects.create(
        patron=library.patron,
        key_hash=tokens.hash_token(TOKEN),
        credentials_hash=tokens.credentials_hash(library.patron),
        created_at=NOW,
        expires_at=NOW + tokens.TOKEN_LIFETIME,
    )


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_the_promises_of_the_openapi_document(
    case, signed_in, fake_engine, wsgi_app
):
    case.call_and_validate()
