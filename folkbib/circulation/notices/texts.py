"""A municipality's own notice texts: placeholders filled in, and the staff edits, audited.

A text is plain words with ``{placeholders}`` such as ``{title}`` or ``{due}``; nothing
in it is code, so a staff member's edit cannot reach beyond the notice. A placeholder
the notice does not know stays as written, so a typo shows instead of vanishing.
``rendering.render`` uses a municipality's text when there is one for the patron's
home municipality, language and channel, and the standard template otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from folkbib.audit.services import record_change, snapshot
from folkbib.circulation.errors import CirculationError
from folkbib.circulation.models import NoticeKind
from folkbib.consortium.models import Municipality, NoticeText

EMAIL, SMS = "email", "sms"
CHANNELS = ((EMAIL, gettext_lazy("E-post och brev")), (SMS, gettext_lazy("SMS")))
TEXT_FIELDS = ("kind", "language", "channel", "subject", "body")

#: What each placeholder says; every kind knows the first two.
PLACEHOLDERS: dict[str, Any] = {
    "first_name": gettext_lazy("låntagarens förnamn"),
    "region": gettext_lazy("regionens namn"),
    "title": gettext_lazy("titeln (eller frågans rubrik)"),
    "author": gettext_lazy("författaren"),
    "due": gettext_lazy("återlämningsdagen"),
    "days_overdue": gettext_lazy("antal dagar försenat"),
    "level": gettext_lazy("påminnelsens nummer (1-3)"),
    "branch": gettext_lazy("biblioteket"),
    "pickup_by": gettext_lazy("sista hämtdagen"),
    "expires": gettext_lazy("dagen lånekortet går ut"),
    "staff_name": gettext_lazy("bibliotekariens förnamn"),
    "reply": gettext_lazy("bibliotekariens svar"),
    "url": gettext_lazy("länken till frågan"),
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class NoticeTextInvalid(CirculationError):
    """An unknown kind, language or channel, or an empty text."""


def _shown(value: Any, language: str) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        with override(language):
            return date_format(value, "j F Y")
    return "" if value is None else str(value)


def fill(text: str, values: Mapping[str, Any], *, language: str) -> str:
    """``text`` with each known ``{name}`` replaced by its value (dates in ``language``)."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return _shown(values[name], language) if name in values else match.group(0)

    return _PLACEHOLDER.sub(one, text)


def own_text(
    *, municipality_id: int | None, kind: str, language: str, channel: str
) -> NoticeText | None:
    """The municipality's text for this notice, or None (the standard text applies)."""
    if municipality_id is None:
        return None
    return NoticeText.objects.filter(
        municipality_id=municipality_id,
        kind=kind,
        language=language,
        channel=SMS if channel == SMS else EMAIL,
    ).first()


def _check(kind: str, language: str, channel: str) -> None:
    if kind not in NoticeKind.values:
        raise NoticeTextInvalid(_("Okänd sorts meddelande."))
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise NoticeTextInvalid(_("Okänt språk."))
    if channel not in (EMAIL, SMS):
        raise NoticeTextInvalid(_("Okänd kanal."))


@transaction.atomic
def set_notice_text(
    *,
    staff: Any,
    municipality: Municipality,
    kind: str,
    language: str,
    channel: str,
    subject: str,
    body: str,
    now: dt.datetime,
) -> NoticeText:
    """Give the municipality its own wording of one notice (or change it); audited."""
    _check(kind, language, channel)
    if not body.strip():
        raise NoticeTextInvalid(_("Meddelandet behöver en text."))
    existing = NoticeText.objects.filter(
        municipality=municipality, kind=kind, language=language, channel=channel
    ).first()
    before = snapshot(existing, TEXT_FIELDS)
    text, _created = NoticeText.objects.update_or_create(
        municipality=municipality,
        kind=kind,
        language=language,
        channel=channel,
        defaults={"subject": subject.strip(), "body": body.strip()},
    )
    record_change(
        staff=staff,
        action="notice_text.set",
        subject=text,
        before=before,
        after=snapshot(text, TEXT_FIELDS),
        now=now,
        municipality=municipality,
    )
    return text


@transaction.atomic
def reset_notice_text(*, staff: Any, notice_text: NoticeText, now: dt.datetime) -> None:
    """Go back to the standard wording for this notice; audited."""
    record_change(
        staff=staff,
        action="notice_text.reset",
        subject=notice_text,
        before=snapshot(notice_text, TEXT_FIELDS),
        after=None,
        now=now,
        municipality=notice_text.municipality_id,
    )
    notice_text.delete()
