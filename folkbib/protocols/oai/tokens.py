"""Resumption tokens: the whole state of a harvest, signed, so no server keeps any.

A token carries the selection (format, from, until, set), the position reached as a
keyset cursor (the last datestamp and record id sent, at full precision), the count
sent so far, the list size counted on the first page and an expiry time. It is signed
with ``SECRET_KEY`` (``django.core.signing``), so it survives restarts, works on any
app process, and cannot be forged or edited; a changed key invalidates open harvests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from .arguments import Selection, format_datestamp
from .errors import BadResumptionToken

_SALT = "folkbib.protocols.oai.resumption"


@dataclass(frozen=True)
class Position:
    """Where a list stopped: everything up to (datestamp, record id) has been sent."""

    datestamp: dt.datetime
    record_id: int


@dataclass(frozen=True)
class Resumption:
    verb: str
    selection: Selection
    after: Position
    cursor: int  # how many entries earlier pages held
    complete_size: int
    expires: dt.datetime


def lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.OAI_TOKEN_HOURS)


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _moment(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def encode(resumption: Resumption) -> str:
    selection = resumption.selection
    payload = {
        "v": resumption.verb,
        "p": selection.metadata_prefix,
        "f": _when(selection.start),
        "u": _when(selection.end),
        "s": selection.set_spec,
        "d": resumption.after.datestamp.isoformat(),
        "i": resumption.after.record_id,
        "c": resumption.cursor,
        "n": resumption.complete_size,
        "e": resumption.expires.isoformat(),
    }
    return signing.dumps(payload, salt=_SALT, compress=True)


def decode(token: str, *, verb: str, now: dt.datetime) -> Resumption:
    """The harvest ``token`` continues; raises ``BadResumptionToken`` if it was not made
    here (or was changed), belongs to another verb, or has expired at ``now``."""
    try:
        payload = signing.loads(token, salt=_SALT)
        resumption = Resumption(
            verb=payload["v"],
            selection=Selection(
                metadata_prefix=payload["p"],
                start=_moment(payload["f"]),
                end=_moment(payload["u"]),
                set_spec=payload["s"],
            ),
            after=Position(dt.datetime.fromisoformat(payload["d"]), int(payload["i"])),
            cursor=int(payload["c"]),
            complete_size=int(payload["n"]),
            expires=dt.datetime.fromisoformat(payload["e"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise BadResumptionToken("this resumptionToken was not issued here") from None
    if resumption.verb != verb:
        raise BadResumptionToken(f"this resumptionToken continues {resumption.verb}, not {verb}")
    if resumption.expires <= now:
        # Politely: say how to pick the harvest up again without starting from scratch.
        raise BadResumptionToken(
            f"this resumptionToken expired at {format_datestamp(resumption.expires)}; "
            f"harvest again with from={format_datestamp(resumption.after.datestamp)} "
            "to continue where it stopped"
        )
    return resumption
