"""Reads of the social library, each with the joins its page needs.

Questions to the library (``Conversation``) are private: a patron's are read only
through ``patrons_conversation``/``conversations_of`` (their own), staff's through an
``InboxScope`` (their municipality, or all for a region administrator).

Hidden content is left out of everything public, except forum posts: a hidden post
keeps its place in its thread (shown as "hidden by a moderator") so replies that
quote it still read in order.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from folkbib.catalog.models import Record
from folkbib.community.models import (
    Board,
    CommunityProfile,
    Conversation,
    ConversationStatus,
    LibraryMessage,
    ListEntry,
    ModerationAction,
    Post,
    Rating,
    ReadingList,
    Report,
    Review,
    Subscription,
    Tag,
    Tagging,
    Thread,
)
from folkbib.consortium.models import StaffProfile, StaffRole
from folkbib.core.prepared import Prepared
from folkbib.patrons.models import Patron


@dataclasses.dataclass(frozen=True)
class RatingSummary:
    count: int
    average: float | None  # rounded to one decimal; None when nobody has rated

    @property
    def rounded(self) -> int:
        return round(self.average) if self.average is not None else 0


@dataclasses.dataclass(frozen=True)
class TagCount:
    name: str
    count: int
    my_tagging_id: int | None = None  # the viewer's own tagging, which they may remove
    first_tagging_id: int | None = None  # the earliest tagging, the one a report is about
    weight: int = 1  # 1-5, for the tag cloud's type size


@dataclasses.dataclass(frozen=True)
class RecordCommunity:
    """Everything the record page's community block shows."""

    rating: RatingSummary
    tags: list[TagCount]
    reviews: list[Review]
    my_stars: int | None
    my_review: Review | None
    my_lists: list[ReadingList]

    @classmethod
    def nothing_yet(cls) -> RecordCommunity:
        """A record nobody has rated, tagged or reviewed, seen by a visitor not signed in."""
        return cls(
            rating=_NO_RATING, tags=[], reviews=[], my_stars=None, my_review=None, my_lists=[]
        )

    @property
    def is_empty(self) -> bool:
        """No ratings, visible tags or visible reviews (the viewer's own parts aside)."""
        return not (self.rating.count or self.tags or self.reviews)


_NO_RATING = RatingSummary(count=0, average=None)


# Every record page reads its community block: these reads are compiled once per
# process (``core.prepared``), as compiling them cost the ORM more than running them.

# Which of the parts a record has, in one read: most records have none, and a visitor
# who is not signed in is then shown the same "none yet" block on every such page.
_PARTS = Prepared(
    lambda record_id: (
        Record.objects.filter(pk=record_id)
        .only("pk")
        .annotate(
            rated=Exists(Rating.objects.filter(record_id=OuterRef("pk"))),
            tagged=Exists(Tagging.objects.filter(record_id=OuterRef("pk"), hidden_at__isnull=True)),
            reviewed=Exists(
                Review.objects.filter(record_id=OuterRef("pk"), hidden_at__isnull=True)
            ),
        )
    )
)
_STARS = Prepared(
    lambda record_id: Rating.objects.filter(record_id=record_id).values_list("stars", flat=True)
)
_TAG_COUNTS = Prepared(
    # Filtered before annotated: the counts are of the record's visible taggings only.
    lambda record_id: (
        Tag.objects.filter(taggings__record_id=record_id, taggings__hidden_at__isnull=True)
        .annotate(count=Count("taggings"), first=Min("taggings"))
        .order_by("-count", "name")
    )
)
_MY_TAGGINGS = Prepared(
    lambda record_id, patron_id: Tagging.objects.filter(
        record_id=record_id, patron_id=patron_id
    ).values_list("tag_id", "pk"),
    kinds=(int, int),
)


def _reviews(record_id: int) -> QuerySet[Review]:
    return (
        Review.objects.filter(record_id=record_id, hidden_at__isnull=True)
        .select_related("patron__community_profile")
        .order_by("-created_at", "-pk")
    )


_REVIEWS = Prepared(_reviews)
_MY_STARS = Prepared(
    lambda record_id, patron_id: Rating.objects.filter(
        record_id=record_id, patron_id=patron_id
    ).values_list("stars", flat=True),
    kinds=(int, int),
    first=True,
)
_MY_REVIEW = Prepared(
    lambda record_id, patron_id: Review.objects.filter(record_id=record_id, patron_id=patron_id),
    kinds=(int, int),
    first=True,
)
_MY_LISTS = Prepared(
    lambda patron_id: ReadingList.objects.filter(owner_id=patron_id).order_by("name")
)


def rating_summary(record: Record) -> RatingSummary:
    # The stars themselves (a handful per title) rather than COUNT and AVG: the same
    # numbers, from a statement compiled once.
    stars = _STARS.objects(record.pk)
    if not stars:
        return _NO_RATING
    return RatingSummary(count=len(stars), average=round(sum(stars) / len(stars), 1))


def tags_for_record(record: Record, *, patron: Patron | None = None) -> list[TagCount]:
    """Visible tags on the work, most used first; the viewer's own are marked."""
    counts = _TAG_COUNTS.objects(record.pk)
    mine: dict[int, int] = {}
    if patron is not None:
        mine = dict(_MY_TAGGINGS.objects(record.pk, patron.pk))
    return [
        TagCount(
            name=tag.name,
            count=tag.count,
            my_tagging_id=mine.get(tag.pk),
            first_tagging_id=tag.first,
        )
        for tag in counts
    ]


def reviews_for_record(record: Record) -> QuerySet[Review]:
    return _reviews(record.pk)


def record_community(record: Record, *, patron: Patron | None) -> RecordCommunity:
    """The record page's community block: one read first says which parts the record
    has, and only those are read (a record nobody has rated, tagged or reviewed costs
    one read for a visitor; one with all three, four). A patron's own review is read
    even when no review is visible: a moderator may have hidden it."""
    parts = _PARTS.first(record.pk)
    rated = parts is not None and parts.rated
    tagged = parts is not None and parts.tagged
    reviewed = parts is not None and parts.reviewed
    my_stars = None
    my_review = None
    my_lists: list[ReadingList] = []
    if patron is not None:
        my_stars = _MY_STARS.first(record.pk, patron.pk) if rated else None
        my_review = _MY_REVIEW.first(record.pk, patron.pk)
        my_lists = _MY_LISTS.objects(patron.pk)
    return RecordCommunity(
        rating=rating_summary(record) if rated else _NO_RATING,
        tags=tags_for_record(record, patron=patron) if tagged else [],
        reviews=_REVIEWS.objects(record.pk) if reviewed else [],
        my_stars=my_stars,
        my_review=my_review,
        my_lists=my_lists,
    )


def tag_cloud(*, limit: int = 100) -> list[TagCount]:
    """The most used visible tags, alphabetical, each with a weight 1-5 (log scale)."""
    rows = list(
        Tag.objects.filter(taggings__hidden_at__isnull=True)
        .annotate(count=Count("taggings"))
        .order_by("-count", "name")
        .values_list("name", "count")[:limit]
    )
    if not rows:
        return []
    top = max(count for _name, count in rows)
    low = min(count for _name, count in rows)
    spread = math.log(top) - math.log(low) or 1.0

    def weight(count: int) -> int:
        return 1 + round(4 * (math.log(count) - math.log(low)) / spread)

    return sorted(
        (TagCount(name=name, count=count, weight=weight(count)) for name, count in rows),
        key=lambda tag: tag.name,
    )


def tag_named(name: str) -> Tag | None:
    return Tag.objects.filter(name=name).first()


def records_by_tag(tag: Tag, *, limit: int = 100) -> QuerySet[Record]:
    """Works with the tag, most tagged first (``tag_count`` on each)."""
    return (
        Record.objects.filter(taggings__tag=tag, taggings__hidden_at__isnull=True)
        .annotate(tag_count=Count("taggings"))
        .order_by("-tag_count", "sort_title", "pk")
        .only("id", "title", "subtitle", "authors", "year", "material_type", "language")[:limit]
    )


def public_lists() -> QuerySet[ReadingList]:
    return (
        ReadingList.objects.filter(is_public=True)
        .select_related("owner__community_profile")
        .annotate(entry_count=Count("entries"))
        .order_by("-updated_at", "-pk")
    )


def lists_of(patron: Patron) -> QuerySet[ReadingList]:
    return (
        ReadingList.objects.filter(owner=patron)
        .annotate(entry_count=Count("entries"))
        .order_by("name", "pk")
    )


def visible_list(list_id: int, *, viewer: Patron | None) -> ReadingList:
    """A list the viewer may see (public, or their own); ``DoesNotExist`` otherwise."""
    allowed = Q(is_public=True)
    if viewer is not None:
        allowed |= Q(owner=viewer)
    return (
        ReadingList.objects.filter(allowed)
        .select_related("owner__community_profile")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=ListEntry.objects.select_related("record").only(
                    "pk",
                    "note",
                    "added_at",
                    "reading_list_id",
                    "record__id",
                    "record__title",
                    "record__subtitle",
                    "record__authors",
                    "record__year",
                    "record__material_type",
                    "record__language",
                ),
            )
        )
        .get(pk=list_id)
    )


def boards() -> QuerySet[Board]:
    return Board.objects.filter(is_active=True).annotate(
        thread_count=Count("threads", filter=Q(threads__hidden_at__isnull=True))
    )


def threads_on(board: Board) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(board=board, hidden_at__isnull=True)
        .select_related("author__community_profile")
        .order_by("-last_post_at", "-pk")
    )


def visible_thread(thread_id: int) -> Thread:
    return Thread.objects.select_related("board").get(pk=thread_id, hidden_at__isnull=True)


def posts_in(thread: Thread) -> QuerySet[Post]:
    """Every post in order with its author's and its quote's author's public name."""
    return Post.objects.filter(thread=thread).select_related(
        "author__community_profile", "quoted__author__community_profile"
    )


def is_subscribed(patron: Patron, thread: Thread) -> bool:
    return Subscription.objects.filter(patron=patron, thread=thread).exists()


@dataclasses.dataclass
class QueueItem:
    """One reported piece of content with all its open reports."""

    kind: str
    content: Any
    reports: list[Report]


def moderation_queue() -> list[QueueItem]:
    """Open reports grouped by what they are about, oldest first (one query)."""
    reports = (
        Report.objects.filter(resolved_at__isnull=True)
        .select_related(
            "post__thread",
            "post__author__community_profile",
            "review__record",
            "review__patron__community_profile",
            "tagging__tag",
            "tagging__record",
            "tagging__patron__community_profile",
            "reporter__community_profile",
        )
        .order_by("created_at", "pk")
    )
    items: dict[tuple[str, int], QueueItem] = {}
    for rep in reports:
        content = rep.post or rep.review or rep.tagging
        assert content is not None  # the check constraint guarantees exactly one target
        key = (rep.kind, content.pk)
        if key not in items:
            items[key] = QueueItem(kind=rep.kind, content=content, reports=[])
        items[key].reports.append(rep)
    return list(items.values())


def hidden_content(*, limit: int = 50) -> list[tuple[str, Any]]:
    """Recently hidden posts, reviews and taggings, newest first, for restoring."""
    posts = Post.objects.filter(hidden_at__isnull=False).select_related(
        "thread", "author__community_profile"
    )[:limit]
    reviews = Review.objects.filter(hidden_at__isnull=False).select_related(
        "record", "patron__community_profile"
    )[:limit]
    taggings = Tagging.objects.filter(hidden_at__isnull=False).select_related(
        "tag", "record", "patron__community_profile"
    )[:limit]
    found: list[tuple[str, Any]] = [
        *(("post", p) for p in posts),
        *(("review", r) for r in reviews),
        *(("tagging", t) for t in taggings),
    ]
    found.sort(key=lambda pair: pair[1].hidden_at, reverse=True)
    return found[:limit]


def moderation_log(*, limit: int = 200) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.select_related("moderator")[:limit]


# --- Ask a librarian ------------------------------------------------------------------

#: A staff message the patron has not seen / a patron message no staff member has seen.
UNREAD_BY_PATRON = Q(last_staff_message_at__isnull=False) & (
    Q(patron_read_at__isnull=True) | Q(last_staff_message_at__gt=F("patron_read_at"))
)
UNREAD_BY_STAFF = Q(last_patron_message_at__isnull=False) & (
    Q(staff_read_at__isnull=True) | Q(last_patron_message_at__gt=F("staff_read_at"))
)
#: Inbox order: waiting for an answer first (longest waiting first), then answered, closed.
_STATUS_ORDER = Case(
    When(status=ConversationStatus.OPEN, then=Value(0)),
    When(status=ConversationStatus.ANSWERED, then=Value(1)),
    default=Value(2),
)


@dataclasses.dataclass(frozen=True)
class InboxScope:
    """Whose questions a staff user answers: one municipality's, or (region admin) all."""

    everything: bool = False
    municipality_id: int | None = None

    def covers(self, municipality_id: int) -> bool:
        return self.everything or municipality_id == self.municipality_id

    def conversations(self) -> QuerySet[Conversation]:
        if self.everything:
            return Conversation.objects.all()
        if self.municipality_id is None:
            return Conversation.objects.none()
        return Conversation.objects.filter(branch__municipality_id=self.municipality_id)


def inbox_scope(user: Any) -> InboxScope:
    """A region administrator (or superuser) sees every inbox; a librarian the inbox of
    the municipality of their own branch (their ``StaffProfile``, not the desk they chose
    today); staff with no branch see none."""
    if getattr(user, "is_superuser", False):
        return InboxScope(everything=True)
    row = (
        StaffProfile.objects.filter(user_id=user.pk)
        .values_list("role", "branch__municipality_id")
        .first()
    )
    if row is None:
        return InboxScope()
    role, municipality_id = row
    if role == StaffRole.REGION_ADMIN:
        return InboxScope(everything=True)
    return InboxScope(municipality_id=municipality_id)


def open_question_count(user: Any) -> int:
    """Questions waiting for an answer in the user's inbox (one query, for the nav)."""
    waiting = Conversation.objects.filter(status=ConversationStatus.OPEN)
    if getattr(user, "is_superuser", False):
        return waiting.count()
    profiles = StaffProfile.objects.filter(user_id=user.pk)
    return waiting.filter(
        Exists(profiles.filter(role=StaffRole.REGION_ADMIN))
        | Q(branch__municipality_id__in=profiles.values("branch__municipality_id"))
    ).count()


def inbox(
    scope: InboxScope, *, status: str = "", municipality_id: int | None = None
) -> QuerySet[Conversation]:
    """The inbox, longest-waiting first, each with its patron and library.

    ``status`` one of ``ConversationStatus`` (default: everything not closed).
    """
    conversations = scope.conversations()
    if status:
        conversations = conversations.filter(status=status)
    else:
        conversations = conversations.exclude(status=ConversationStatus.CLOSED)
    if municipality_id is not None:
        conversations = conversations.filter(branch__municipality_id=municipality_id)
    return conversations.select_related("patron", "branch__municipality").order_by(
        _STATUS_ORDER,
        F("awaiting_since").asc(nulls_last=True),
        "-last_message_at",
        "-pk",
    )


def inbox_conversation(scope: InboxScope, conversation_id: int) -> Conversation:
    """A conversation in the scope's inbox; ``DoesNotExist`` otherwise."""
    return (
        scope.conversations()
        .select_related("patron__home_branch", "branch__municipality")
        .get(pk=conversation_id)
    )


def conversations_of(patron: Patron) -> QuerySet[Conversation]:
    """The patron's own conversations, latest activity first, each with its library."""
    return (
        Conversation.objects.filter(patron=patron)
        .select_related("branch")
        .order_by("-last_message_at", "-pk")
    )


def unread_answers(patron: Patron) -> int:
    """How many of the patron's conversations have an answer they have not read."""
    return Conversation.objects.filter(patron=patron).filter(UNREAD_BY_PATRON).count()


def patrons_conversation(patron: Patron, conversation_id: int) -> Conversation:
    """The patron's own conversation; ``DoesNotExist`` for anyone else's."""
    return Conversation.objects.select_related("branch").get(pk=conversation_id, patron=patron)


def messages_in(conversation: Conversation) -> QuerySet[LibraryMessage]:
    """The conversation's messages in order, each with the library a staff answer came from."""
    return LibraryMessage.objects.filter(conversation=conversation).select_related(
        "branch", "staff_user"
    )


def patron_data_export(patron: Patron) -> dict[str, Any]:
    """Everything the patron has said in the community, as plain JSON-able data.

    The part of "download all my data" that circulation does not know about.
    """
    profile = CommunityProfile.objects.filter(patron=patron).first()
    return {
        "display_name": profile.display_name if profile else None,
        "ratings": [
            {"title": r.record.title, "stars": r.stars, "created_at": r.created_at.isoformat()}
            for r in Rating.objects.filter(patron=patron).select_related("record")
        ],
        "tags": [
            {"title": t.record.title, "tag": t.tag.name, "created_at": t.created_at.isoformat()}
            for t in Tagging.objects.filter(patron=patron).select_related("record", "tag")
        ],
        "reviews": [
            {"title": r.record.title, "text": r.text, "created_at": r.created_at.isoformat()}
            for r in Review.objects.filter(patron=patron).select_related("record")
        ],
        "reading_lists": [
            {
                "name": reading_list.name,
                "public": reading_list.is_public,
                "titles": [entry.record.title for entry in reading_list.entries.all()],
            }
            for reading_list in ReadingList.objects.filter(owner=patron).prefetch_related(
                "entries__record"
            )
        ],
        "forum_posts": [
            {"thread": p.thread.title, "body": p.body, "created_at": p.created_at.isoformat()}
            for p in Post.objects.filter(author=patron).select_related("thread")
        ],
        "questions_to_the_library": [
            {
                "library": c.branch.name,
                "subject": c.subject,
                "messages": [
                    {"from": m.sender, "body": m.body, "created_at": m.created_at.isoformat()}
                    for m in c.messages.all()
                ],
            }
            for c in Conversation.objects.filter(patron=patron)
            .select_related("branch")
            .prefetch_related("messages")
        ],
    }
