"""The words of a notice: subject and body per kind, in the patron's language.

Bodies are plain-text Django templates under ``templates/notices/``: ``<name>.txt`` for
e-mail and letters, ``<name>.sms.txt`` for SMS (kept to one SMS, 160 characters, when
the title allows; titles are shortened there). Source strings are Swedish, through
gettext, like the rest of folkbib. A municipality may replace a text with its own
wording per language and channel (``texts``); that wording is used as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from folkbib.circulation.models import NoticeKind
from folkbib.circulation.notices import texts
from folkbib.patrons.models import NoticeChannel, Patron

#: The template of each kind; the three overdue levels share one.
TEMPLATE = {
    NoticeKind.DUE_SOON: "due_soon",
    NoticeKind.OVERDUE_1: "overdue",
    NoticeKind.OVERDUE_2: "overdue",
    NoticeKind.OVERDUE_3: "overdue",
    NoticeKind.HOLD_READY: "hold_ready",
    NoticeKind.HOLD_EXPIRED: "hold_expired",
    NoticeKind.CARD_EXPIRING: "card_expiring",
    NoticeKind.LIBRARIAN_REPLY: "librarian_reply",
}


@dataclass(frozen=True)
class Rendered:
    language: str
    subject: str
    body: str


def language_of(patron: Patron) -> str:
    """The patron's language if the site offers it, else the site's."""
    offered = {code for code, _name in settings.LANGUAGES}
    return patron.language if patron.language in offered else settings.LANGUAGE_CODE


def _subject(kind: str, context: dict[str, Any]) -> str:
    if kind == NoticeKind.DUE_SOON:
        return _("Påminnelse: ditt lån ska snart lämnas tillbaka")
    if kind in (NoticeKind.OVERDUE_1, NoticeKind.OVERDUE_2, NoticeKind.OVERDUE_3):
        return _("Försenat lån, påminnelse %(level)d") % {"level": context["level"]}
    if kind == NoticeKind.HOLD_READY:
        return _("Din reservation kan hämtas")
    if kind == NoticeKind.HOLD_EXPIRED:
        return _("Din reservation hämtades inte")
    if kind == NoticeKind.CARD_EXPIRING:
        return _("Ditt lånekort går snart ut")
    if kind == NoticeKind.LIBRARIAN_REPLY:
        return _("%(branch)s har svarat på din fråga") % {"branch": context["branch"]}
    raise ValueError(f"unknown notice kind {kind!r}")


def _tidy(text: str) -> str:
    """Templates leave stray spaces and blank lines around tags; a message should not."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render(kind: str, *, patron: Patron, channel: str, context: dict[str, Any]) -> Rendered:
    """Subject and body of a ``kind`` notice to ``patron`` over ``channel``.

    ``context`` holds what the kind's template mentions (``title``, ``due``, ``branch``,
    ``pickup_by``, ``expires`` …); the patron's first name and region are added here.
    """
    language = language_of(patron)
    name = TEMPLATE[NoticeKind(kind)]
    suffix = ".sms.txt" if channel == NoticeChannel.SMS else ".txt"
    full = {
        "first_name": patron.first_name,
        "region": patron.home_branch.municipality.region.name,
        **context,
    }
    own = texts.own_text(
        municipality_id=patron.home_branch.municipality_id,
        kind=kind,
        language=language,
        channel=channel,
    )
    with override(language):
        subject = _subject(kind, context)
        if own is None:
            body = _tidy(render_to_string(f"notices/{name}{suffix}", full))
        else:
            body = _tidy(texts.fill(own.body, full, language=language))
            if own.subject:
                subject = texts.fill(own.subject, full, language=language)
    if channel == NoticeChannel.SMS:
        body = " ".join(body.split())
    return Rendered(language=language, subject=subject, body=body)
