"""What the community holds about one patron when accounts merge or are anonymised.

Called by ``circulation.services.merge_patrons`` and ``anonymise_patron``, inside their
transaction; not meant for the portal.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from folkbib.community.models import (
    CommunityProfile,
    Conversation,
    Post,
    Rating,
    ReadingList,
    Report,
    Review,
    Subscription,
    Tagging,
    Thread,
)
from folkbib.patrons.models import Patron


@transaction.atomic
def move_contributions(*, source: Patron, target: Patron, now: dt.datetime) -> int:
    """Give ``target`` everything ``source`` said and asked; returns how many rows moved.

    Where both have one per work (a rating, a review) the more recently changed one
    stays, so nothing the person last said is lost; a tag both put on the same work is
    kept once. ``target`` keeps its public name if it has one, else takes ``source``'s.
    Forum posts, threads, lists, reports and questions to the library all move.
    """
    moved = 0
    for model in (Rating, Review):
        for row in model.objects.filter(patron=source):
            other = model.objects.filter(patron=target, record_id=row.record_id).first()
            if other is not None:
                if other.updated_at >= row.updated_at:
                    row.delete()
                    continue
                other.delete()
            row.patron = target
            row.save(update_fields=["patron"])
            moved += 1
    for tagging in Tagging.objects.filter(patron=source):
        if Tagging.objects.filter(
            patron=target, record_id=tagging.record_id, tag_id=tagging.tag_id
        ).exists():
            tagging.delete()
        else:
            tagging.patron = target
            tagging.save(update_fields=["patron"])
            moved += 1
    taken = set(Subscription.objects.filter(patron=target).values_list("thread_id", flat=True))
    Subscription.objects.filter(patron=source, thread_id__in=taken).delete()
    moved += Subscription.objects.filter(patron=source).update(patron=target)
    moved += ReadingList.objects.filter(owner=source).update(owner=target)
    moved += Thread.objects.filter(author=source).update(author=target)
    moved += Post.objects.filter(author=source).update(author=target)
    moved += Report.objects.filter(reporter=source).update(reporter=target)
    moved += Conversation.objects.filter(patron=source).update(patron=target)
    if not CommunityProfile.objects.filter(patron=target).exists():
        moved += CommunityProfile.objects.filter(patron=source).update(patron=target)
    else:
        CommunityProfile.objects.filter(patron=source).delete()
    return moved


@transaction.atomic
def erase_contributions(*, patron: Patron, now: dt.datetime) -> None:
    """Remove what the patron said, as part of anonymising them.

    Ratings, tags, reviews, lists, subscriptions, reports, questions to the library and
    the public name are deleted. Forum posts cannot simply go (other people's replies
    quote them and threads hang on their opening post): their text is replaced by a
    note that it was removed, so the thread still reads in order. They are not hidden:
    hiding an opening post would hide everyone's replies with it.
    """
    for model in (Rating, Tagging, Review, Subscription, Report):
        model.objects.filter(**{"reporter" if model is Report else "patron": patron}).delete()
    ReadingList.objects.filter(owner=patron).delete()
    Conversation.objects.filter(patron=patron).delete()
    CommunityProfile.objects.filter(patron=patron).delete()
    Post.objects.filter(author=patron).update(body=_("Inlägget är borttaget."))
