"""What a patron says about a work: stars, tags and a review."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.catalog.models import Record
from folkbib.community import text
from folkbib.community.errors import AlreadyReviewed, InvalidRating, InvalidTag, NotYourContent
from folkbib.community.models import Rating, Review, Tag, Tagging
from folkbib.community.services.common import checked_text, refuse_blocked, require_profile
from folkbib.patrons.models import Patron

TAG_MAX_LENGTH = 40
REVIEW_MAX_LENGTH = 5000


@transaction.atomic
def rate(*, patron: Patron, record: Record, stars: int, now: dt.datetime) -> Rating:
    """Give ``stars`` (1-5); a patron has at most one rating per work, the latest wins."""
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        raise InvalidRating()
    rating, _created = Rating.objects.update_or_create(
        patron=patron,
        record=record,
        defaults={"stars": stars, "updated_at": now},
        create_defaults={"stars": stars, "created_at": now, "updated_at": now},
    )
    return rating


@transaction.atomic
def unrate(*, patron: Patron, record: Record) -> bool:
    """Take the patron's rating back; False when there was none."""
    deleted, _detail = Rating.objects.filter(patron=patron, record=record).delete()
    return deleted > 0


@transaction.atomic
def add_tag(*, patron: Patron, record: Record, name: str, now: dt.datetime) -> Tagging:
    """Tag a work with a free keyword; the same tag twice by one patron is one tagging."""
    tag_name = text.normalise_tag(name)
    if not tag_name:
        raise InvalidTag(_("Skriv ett ord eller några ord som taggen."))
    if len(tag_name) > TAG_MAX_LENGTH:
        raise InvalidTag(_("En tagg får vara högst %(max)d tecken.") % {"max": TAG_MAX_LENGTH})
    if "/" in tag_name or "\\" in tag_name:
        raise InvalidTag(_("En tagg får inte innehålla snedstreck."))
    refuse_blocked({"tag": tag_name})
    tag, _created = Tag.objects.get_or_create(name=tag_name, defaults={"created_at": now})
    tagging, _created = Tagging.objects.get_or_create(
        tag=tag, record=record, patron=patron, defaults={"created_at": now}
    )
    return tagging


@transaction.atomic
def remove_tag(*, patron: Patron, tagging: Tagging) -> None:
    """Remove one of the patron's own taggings; an unused tag disappears with it."""
    if tagging.patron_id != patron.pk:
        raise NotYourContent()
    tag_id = tagging.tag_id
    tagging.delete()
    if not Tagging.objects.filter(tag_id=tag_id).exists():
        Tag.objects.filter(pk=tag_id).delete()


@transaction.atomic
def write_review(*, patron: Patron, record: Record, text: str, now: dt.datetime) -> Review:
    """Publish a review under the patron's display name (one per patron and work)."""
    require_profile(patron)
    body = checked_text(text, field="text", max_length=REVIEW_MAX_LENGTH)
    refuse_blocked({"text": body})
    if Review.objects.filter(patron=patron, record=record).exists():
        raise AlreadyReviewed()
    return Review.objects.create(
        patron=patron, record=record, text=body, created_at=now, updated_at=now
    )


@transaction.atomic
def edit_review(*, patron: Patron, review: Review, text: str, now: dt.datetime) -> Review:
    """Change the patron's own review; a review hidden by a moderator stays hidden."""
    if review.patron_id != patron.pk:
        raise NotYourContent()
    review.text = checked_text(text, field="text", max_length=REVIEW_MAX_LENGTH)
    refuse_blocked({"text": review.text})
    review.updated_at = now
    review.save(update_fields=["text", "updated_at"])
    return review


@transaction.atomic
def delete_review(*, patron: Patron, review: Review) -> None:
    if review.patron_id != patron.pk:
        raise NotYourContent()
    review.delete()
