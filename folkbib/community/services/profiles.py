"""The public name a patron writes under."""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from folkbib.community import text
from folkbib.community.errors import DisplayNameTaken, InvalidDisplayName
from folkbib.community.models import CommunityProfile
from folkbib.community.services.common import refuse_blocked
from folkbib.patrons.models import Patron

MIN_LENGTH = 2
MAX_LENGTH = 40
_DIGITS = re.compile(r"\d")


@transaction.atomic
def set_display_name(*, patron: Patron, display_name: str, now: dt.datetime) -> CommunityProfile:
    """Choose or change the name others see beside the patron's reviews, posts and lists.

    Refused when it looks like a card number (six or more digits, or the patron's own
    card number inside it), when another patron has the same or a look-alike name, or
    when it contains a blocked word.
    """
    name = text.clean(display_name, multiline=False)
    key = text.fold(name)
    if not MIN_LENGTH <= len(name) <= MAX_LENGTH:
        raise InvalidDisplayName(
            _("Namnet ska vara %(min)d–%(max)d tecken långt.")
            % {"min": MIN_LENGTH, "max": MAX_LENGTH}
        )
    if len(_DIGITS.findall(name)) >= 6 or patron.card_number.casefold() in key:
        raise InvalidDisplayName(
            _("Namnet får inte likna ett kortnummer. Välj ett namn med bokstäver.")
        )
    refuse_blocked({"display_name": name})
    if CommunityProfile.objects.filter(name_key=key).exclude(patron=patron).exists():
        raise DisplayNameTaken()
    try:
        with transaction.atomic():
            profile, _created = CommunityProfile.objects.update_or_create(
                patron=patron,
                defaults={"display_name": name, "name_key": key, "updated_at": now},
                create_defaults={
                    "display_name": name,
                    "name_key": key,
                    "created_at": now,
                    "updated_at": now,
                },
            )
    except IntegrityError as exc:  # the same name chosen at the same moment
        raise DisplayNameTaken() from exc
    return profile
