"""Reading an OAI-PMH request's arguments (pure: no database, no HTTP).

``parse_request`` turns the arguments of a GET query or POST form into one of the
request types below, or raises the ``OaiError`` the protocol prescribes. What is
checked here is everything that needs no data: the verb, which arguments each verb
takes, repeats, the exclusive ``resumptionToken``, datestamp syntax and granularity,
setSpec syntax and the metadata formats we offer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .errors import BadArgument, BadVerb, CannotDisseminateFormat

METADATA_FORMATS = ("oai_dc", "marc21")

# Each verb's arguments: required, optional, and whether resumptionToken may come alone.
_VERBS: dict[str, tuple[frozenset[str], frozenset[str], bool]] = {
    "Identify": (frozenset(), frozenset(), False),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"}), False),
    "ListSets": (frozenset(), frozenset(), True),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset(), False),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), True),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), True),
}
VERBS = tuple(_VERBS)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z")
_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+\Z")
# The protocol's setSpec syntax: unreserved URI characters, ':' between levels.
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*\Z")


@dataclass(frozen=True)
class Identify:
    pass


@dataclass(frozen=True)
class ListMetadataFormats:
    identifier: str | None


@dataclass(frozen=True)
class ListSets:
    resumption_token: str | None


@dataclass(frozen=True)
class GetRecord:
    identifier: str
    metadata_prefix: str


@dataclass(frozen=True)
class Selection:
    """A list request's selection; ``start`` inclusive, ``end`` exclusive, both UTC."""

    metadata_prefix: str
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    set_spec: str | None = None


@dataclass(frozen=True)
class ListRequest:
    """ListIdentifiers or ListRecords: a fresh selection, or a token to resume one."""

    verb: str
    selection: Selection | None
    resumption_token: str | None

    @property
    def with_metadata(self) -> bool:
        return self.verb == "ListRecords"


OaiRequest = Identify | ListMetadataFormats | ListSets | GetRecord | ListRequest


def parse_request(arguments: Mapping[str, Sequence[str]]) -> OaiRequest:
    """The request these arguments make; raises ``BadVerb``, ``BadArgument`` or
    ``CannotDisseminateFormat`` (in that order of precedence)."""
    verbs = arguments.get("verb", [])
    if len(verbs) != 1:
        raise BadVerb("the verb argument is missing" if not verbs else "the verb is repeated")
    verb = verbs[0]
    if verb not in _VERBS:
        raise BadVerb(f"{verb!r} is not an OAI-PMH verb")
    required, optional, resumable = _VERBS[verb]
    given = {name: values for name, values in arguments.items() if name != "verb"}
    allowed = required | optional | ({"resumptionToken"} if resumable else set())
    unknown = sorted(set(given) - allowed)
    if unknown:
        raise BadArgument(f"{verb} does not take {', '.join(unknown)}")
    repeated = sorted(name for name, values in given.items() if len(values) != 1)
    if repeated:
        raise BadArgument(f"{', '.join(repeated)} given more than once")
    values = {name: found[0] for name, found in given.items()}
    if "resumptionToken" in values:
        if len(values) > 1:
            raise BadArgument("resumptionToken is exclusive: send it without other arguments")
        token = values["resumptionToken"]
        if verb == "ListSets":
            return ListSets(resumption_token=token)
        return ListRequest(verb=verb, selection=None, resumption_token=token)
    missing = sorted(required - set(values))
    if missing:
        raise BadArgument(f"{verb} needs {', '.join(missing)}")
    prefix = values.get("metadataPrefix")
    if verb == "Identify":
        return Identify()
    if verb == "ListMetadataFormats":
        return ListMetadataFormats(identifier=values.get("identifier"))
    if verb == "ListSets":
        return ListSets(resumption_token=None)
    assert prefix is not None  # required by both remaining verbs
    if verb == "GetRecord":
        check_format(prefix)
        return GetRecord(identifier=values["identifier"], metadata_prefix=prefix)
    selection = _selection(prefix, values.get("from"), values.get("until"), values.get("set"))
    return ListRequest(verb=verb, selection=selection, resumption_token=None)


def check_format(prefix: str) -> None:
    if not _PREFIX.match(prefix):
        raise BadArgument(f"{prefix!r} is not a metadataPrefix")
    if prefix not in METADATA_FORMATS:
        raise CannotDisseminateFormat(
            f"metadataPrefix {prefix!r} is not offered; use one of {', '.join(METADATA_FORMATS)}"
        )


def _selection(
    prefix: str, start: str | None, until: str | None, set_spec: str | None
) -> Selection:
    if start is not None and until is not None and len(start) != len(until):
        raise BadArgument("from and until must have the same granularity")
    begin = parse_datestamp(start, "from") if start is not None else None
    end = parse_datestamp(until, "until") if until is not None else None
    if end is not None and until is not None:
        # until is inclusive at its own granularity: the whole day or the whole second.
        end += dt.timedelta(days=1) if len(until) == 10 else dt.timedelta(seconds=1)
    if begin is not None and end is not None and begin >= end:
        raise BadArgument("from is later than until")
    if set_spec is not None and not _SET_SPEC.match(set_spec):
        raise BadArgument(f"{set_spec!r} is not a setSpec")
    check_format(prefix)
    return Selection(metadata_prefix=prefix, start=begin, end=end, set_spec=set_spec)


def parse_datestamp(value: str, name: str) -> dt.datetime:
    """YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (our granularity) as an aware UTC datetime."""
    try:
        if _DAY.match(value):
            return dt.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=dt.UTC)
        if _SECOND.match(value):
            return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        pass
    raise BadArgument(f"{name}={value!r} is not YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")


def format_datestamp(moment: dt.datetime) -> str:
    """A UTC datestamp at our granularity (seconds; the fraction is dropped)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
