"""What the kiosk says about a title, at three levels, built from catalogue and circulation reads.

* ``short``: title, author, medium (said at once after a scan),
* ``full``: the short one, then summary, series, edition, length, year and language,
* ``availability``: where a copy stands now, when one is due back, how long the queue is.

Each level is an :class:`~folkbib.talking.shaping.Utterance` in the listener's language
(the caller activates it); sentences come from gettext with named placeholders, so a
translation may reorder them, and each placeholder becomes a typed segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from folkbib.catalog.models import Item, MaterialType, Record
from folkbib.catalog.selectors import LANGUAGE_LABELS, record_detail
from folkbib.circulation import selectors as circulation
from folkbib.consortium.models import Branch
from folkbib.talking.shaping import Segment, Utterance

LEVELS = ("short", "full", "availability")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
#: How many branches the availability level names before summing up the rest.
BRANCHES_NAMED = 3


def compose(template: str, **parts: Segment | str) -> list[Segment]:
    """Split a translated sentence on its ``%(name)s`` placeholders into segments."""
    segments: list[Segment] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            segments.append(Segment(template[position : match.start()]))
        part = parts[match.group(1)]
        segments.append(part if isinstance(part, Segment) else Segment(str(part)))
        position = match.end()
    if position < len(template):
        segments.append(Segment(template[position:]))
    return segments


def sentence_language() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def _utterance(segments: Iterable[Segment]) -> Utterance:
    return Utterance(sentence_language(), tuple(segments))


def phrase(text: str) -> Utterance:
    """A plain sentence (a prompt, a confirmation, an error message)."""
    return _utterance([Segment(text)])


def _medium(record: Record) -> str:
    labels: dict[str, str] = {
        MaterialType.TALKING_BOOK: _("Talbok"),
        MaterialType.AUDIOBOOK: _("Ljudbok"),
    }
    if record.material_type in labels:
        return labels[record.material_type]
    return str(MaterialType(record.material_type).label) if record.material_type else ""


def title_segments(record: Record) -> list[Segment]:
    """ "Title, subtitle, by Author" with the title in the record's own language."""
    title = record.title.strip().rstrip(" /:;,.")
    if record.subtitle:
        title = f"{title}, {record.subtitle.strip().rstrip(' /:;,.')}"
    own = record.language if record.language and record.language != "swe" else ""
    if sentence_language() == "en" and record.language == "swe":
        own = "swe"  # a Swedish title inside an English sentence gets the Swedish voice
    elif own == "eng" and sentence_language() == "en":
        own = ""
    title_segment = Segment(title, "title", language=own)
    if record.authors:
        return compose(
            _("%(title)s, av %(author)s"),
            title=title_segment,
            author=Segment(record.authors[0], "name"),
        )
    return [title_segment]


def short(record: Record) -> Utterance:
    segments = title_segments(record)
    medium = _medium(record)
    if medium:
        segments.append(Segment(f". {medium}."))
    else:
        segments.append(Segment("."))
    return _utterance(segments)


def _extent(record: Record) -> str:
    """The length (MARC 300 $a), e.g. "315 s." or "1 ljudfil (8 tim., 30 min.)"."""
    if not record.marc:
        return ""
    try:
        from pymarc import Record as MarcRecord

        marc = MarcRecord(data=bytes(record.marc), force_utf8=True)
    except Exception:
        return ""
    for field in marc.get_fields("300"):
        values = field.get_subfields("a")
        if values:
            return str(values[0]).strip().rstrip(" :;+")
    return ""


def _series(record: Record) -> list[Segment]:
    segments: list[Segment] = []
    for entry in record.series[:1]:
        # "Utvandrarserien ; 3" or "Millennium, 1": the number is read as an ordinal.
        match = re.match(r"^(.*?)[\s;,:]+(\d{1,3})\s*$", str(entry))
        if match:
            name, number = match.group(1).strip(), int(match.group(2))
            segments += compose(_("%(series)s."), series=Segment(name, "series", number=number))
        else:
            segments += compose(_("Ingår i serien %(series)s."), series=str(entry).strip())
    return segments


def full(record: Record) -> Utterance:
    segments = list(short(record).segments)
    if record.summary:
        text = record.summary.strip()
        segments.append(Segment(" " + text + ("" if text.endswith((".", "!", "?")) else ".")))
    if record.series:
        segments += [Segment(" "), *_series(record)]
    if record.edition:
        segments.append(Segment(" " + record.edition.strip().rstrip(".") + "."))
    extent = _extent(record)
    if extent:
        segments += [Segment(" "), *compose(_("Omfång: %(extent)s."), extent=extent)]
    if record.year:
        year = Segment(str(record.year), "year")
        segments += [Segment(" "), *compose(_("Utgiven %(year)s."), year=year)]
    if record.language and record.language != "swe":
        label = LANGUAGE_LABELS.get(record.language)
        if label:
            language = str(label).lower()
            segments += [Segment(" "), *compose(_("Språk: %(language)s."), language=language)]
    return _utterance(segments)


def _day(value: Any) -> str:
    return str(formats.date_format(value, "j F"))


def availability(
    record: Record, *, item: Item | None = None, here: Branch | None = None
) -> Utterance:
    """Where copies stand now, when one is due back and how many are queueing."""
    detail = record_detail(record.pk)
    rows = detail.availability
    on_shelf = [row for row in rows if row.available]
    if here is not None:
        on_shelf.sort(key=lambda row: row.branch.pk != here.pk)
    segments: list[Segment] = []
    if item is not None and item.status != "available":
        segments += compose(
            _("Det här exemplaret är %(status)s."),
            status=str(item.get_status_display()).lower(),
        )
        segments.append(Segment(" "))
    if on_shelf:
        for row in on_shelf[:BRANCHES_NAMED]:
            shelf = row.shelf_marks[0] if row.shelf_marks else ""
            if shelf:
                segments += compose(
                    _("Finns på hyllan på %(branch)s, hylla %(shelf)s."),
                    branch=row.branch.name,
                    shelf=Segment(shelf, "code" if shelf.isdigit() else "text"),
                )
            else:
                segments += compose(_("Finns på hyllan på %(branch)s."), branch=row.branch.name)
            segments.append(Segment(" "))
        rest = len(on_shelf) - BRANCHES_NAMED
        if rest > 0:
            segments.append(
                Segment(
                    ngettext(
                        "Finns även på ett bibliotek till.",
                        "Finns även på %(count)d bibliotek till.",
                        rest,
                    )
                    % {"count": rest}
                    + " "
                )
            )
    elif rows:
        due = [row.next_due for row in rows if row.next_due]
        if due:
            segments += compose(
                _("Alla exemplar är utlånade. Först tillbaka väntas ett den %(date)s."),
                date=_day(min(due)),
            )
        else:
            segments.append(Segment(_("Inget exemplar finns på hyllan just nu.")))
        segments.append(Segment(" "))
    else:
        segments.append(Segment(_("Biblioteken har inget exemplar att låna ut.") + " "))
    waiting = circulation.queue_length(record.pk)
    if waiting:
        segments.append(
            Segment(
                ngettext(
                    "En person står i kö.",
                    "%(count)d personer står i kö.",
                    waiting,
                )
                % {"count": waiting}
            )
        )
    elif rows:
        segments.append(Segment(_("Ingen står i kö.")))
    return _utterance(segments)


def describe(
    record: Record, level: str, *, item: Item | None = None, here: Branch | None = None
) -> Utterance:
    if level == "full":
        return full(record)
    if level == "availability":
        return availability(record, item=item, here=here)
    return short(record)
