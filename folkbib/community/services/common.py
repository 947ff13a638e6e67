"""Checks every write shares: text length, blocked words, a public name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from folkbib.community import text
from folkbib.community.errors import ContainsBlockedWord, DisplayNameRequired, InvalidText
from folkbib.community.models import BlockedWord, CommunityProfile
from folkbib.patrons.models import Patron


def blocked_words() -> list[str]:
    # Read per write, not cached in process memory: another process may have added one.
    return list(BlockedWord.objects.values_list("word", flat=True))


def refuse_blocked(fields: dict[str, str]) -> None:
    """Raise ``ContainsBlockedWord`` for the first field that contains a blocked word."""
    blocked = blocked_words()
    if not blocked:
        return
    for field, value in fields.items():
        word = text.find_blocked_word(value, blocked)
        if word is not None:
            raise ContainsBlockedWord(word, field=field)


def checked_text(
    value: str, *, field: str, max_length: int, required: bool = True, multiline: bool = True
) -> str:
    cleaned = text.clean(value, multiline=multiline)
    if required and not cleaned:
        raise InvalidText(_("Skriv något först."), field=field)
    if len(cleaned) > max_length:
        raise InvalidText(
            _("Texten får vara högst %(max)d tecken lång.") % {"max": max_length}, field=field
        )
    return cleaned


def require_profile(patron: Patron) -> CommunityProfile:
    profile = CommunityProfile.objects.filter(patron=patron).first()
    if profile is None:
        raise DisplayNameRequired()
    return profile
