"""The OAI-PMH envelope around a verb's answer or an error (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from xml.sax.saxutils import quoteattr

from .arguments import format_datestamp
from .errors import OaiError
from .metadata import text

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# The order the protocol's examples give the request's attributes in.
_ATTRIBUTES = ("verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken")


def envelope(body: str, *, base_url: str, now: dt.datetime, echoed: Mapping[str, str]) -> bytes:
    """The whole response document. ``echoed`` are the request's arguments to repeat as
    attributes of ``<request>``: none after badVerb or badArgument, as the protocol says."""
    attributes = "".join(
        f" {name}={quoteattr(echoed[name])}" for name in _ATTRIBUTES if name in echoed
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{OAI_NS} {OAI_SCHEMA}">'
        f"<responseDate>{format_datestamp(now)}</responseDate>"
        f"<request{attributes}>{text(base_url)}</request>"
        f"{body}</OAI-PMH>\n"
    ).encode()


def error_element(error: OaiError) -> str:
    return f'<error code="{error.code}">{text(error.message)}</error>'
