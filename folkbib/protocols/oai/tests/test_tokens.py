"""Resumption tokens carry the harvest; any process with the same key can continue it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from folkbib.protocols.oai.arguments import Selection
from folkbib.protocols.oai.errors import BadResumptionToken
from folkbib.protocols.oai.tokens import Position, Resumption, decode, encode

NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
HARVEST = Resumption(
    verb="ListRecords",
    selection=Selection(
        metadata_prefix="marc21",
        start=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        end=None,
        set_spec="municipality:2480",
    ),
    after=Position(dt.datetime(2025, 2, 1, 8, 30, 15, 123456, tzinfo=dt.UTC), 4711),
    cursor=300,
    complete_size=12345,
    expires=NOW + dt.timedelta(hours=24),
)


def test_a_token_gives_back_the_whole_harvest_state_to_the_microsecond():
    assert decode(encode(HARVEST), verb="ListRecords", now=NOW) == HARVEST


def test_a_token_is_good_until_its_expiry_and_not_at_it():
    token = encode(HARVEST)

    decode(token, verb="ListRecords", now=HARVEST.expires - dt.timedelta(seconds=1))
    with pytest.raises(BadResumptionToken, match="from=2025-02-01T08:30:15Z"):
        decode(token, verb="ListRecords", now=HARVEST.expires)


def test_a_token_for_another_verb_or_from_elsewhere_is_refused():
    with pytest.raises(BadResumptionToken):
        decode(encode(HARVEST), verb="ListIdentifiers", now=NOW)
    with pytest.raises(BadResumptionToken):
        decode("eyJ2IjoiTGlzdFJlY29yZHMifQ:1abc:forged", verb="ListRecords", now=NOW)


def test_another_process_with_the_same_key_continues_the_harvest():
    # As after a restart, or on another app server behind the load balancer.
    script = (
        "import datetime as dt, django; django.setup();"
        "from folkbib.protocols.oai.tokens import decode;"
        "import sys; now = dt.datetime(2025, 3, 1, 13, tzinfo=dt.UTC);"
        "r = decode(sys.argv[1], verb='ListRecords', now=now);"
        "print(r.after.record_id, r.cursor, r.selection.set_spec)"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": settings.SECRET_KEY,
    }
    done = subprocess.run(
        [sys.executable, "-c", script, encode(HARVEST)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=Path(settings.BASE_DIR),
        check=True,
    )

    assert done.stdout.split() == ["4711", "300", "municipality:2480"]
