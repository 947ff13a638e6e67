"""What patrons say about the catalogue and to each other, and how staff moderate it.

Everything here is per work: a ``catalog.Record`` is the unit (grouping editions is a
later step). User text is stored as typed (after ``text.clean``) and always escaped
when shown; nothing here is ever marked safe.

A patron appears to others only by ``CommunityProfile.display_name``, which they
choose themselves; the card number and real name are never shown.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from folkbib.catalog.models import Record
from folkbib.consortium.models import Branch, Municipality
from folkbib.patrons.models import Patron


class CommunityProfile(models.Model):
    """A patron's public name; ``name_key`` (folded, NFKC) keeps names distinct."""

    patron = models.OneToOneField(
        Patron, on_delete=models.CASCADE, related_name="community_profile"
    )
    display_name = models.CharField(max_length=40)
    name_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.display_name


class Hideable(models.Model):
    """Content a moderator can hide (with a reason) and restore; hidden is never deleted."""

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Rating(models.Model):
    """One patron's 1-5 stars for one work; rating again replaces it."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="ratings")
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="ratings")
    stars = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patron", "record"], name="one_rating_per_patron"),
            models.CheckConstraint(
                condition=Q(stars__gte=1) & Q(stars__lte=5), name="stars_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars}/5"


class Tag(models.Model):
    """A keyword; ``name`` is already normalised (folded case, single spaces)."""

    name = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class Tagging(Hideable):
    """One patron put one tag on one work."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="taggings")
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="taggings")
    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="taggings")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["tag", "record", "patron"], name="one_tagging_per_patron"
            ),
        ]
        indexes = [models.Index(fields=["record", "tag"])]

    def __str__(self) -> str:
        return f"{self.tag_id} on {self.record_id}"


class Review(Hideable):
    """A patron's text about a work; one per patron and work, editable by its author."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="reviews")
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="reviews")
    text = models.TextField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patron", "record"], name="one_review_per_patron"),
        ]
        indexes = [models.Index(fields=["record", "created_at"])]

    def __str__(self) -> str:
        return f"review {self.pk}"


class ReadingList(models.Model):
    """A patron's list of works ("Sommarläsning 2026"); private unless ``is_public``."""

    owner = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="reading_lists")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["is_public", "updated_at"])]

    def __str__(self) -> str:
        return self.name


class ListEntry(models.Model):
    reading_list = models.ForeignKey(ReadingList, on_delete=models.CASCADE, related_name="entries")
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reading_list", "record"], name="record_once_per_list"),
        ]
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.reading_list_id}: {self.record_id}"


class Board(models.Model):
    """A forum board: per municipality, per genre, a book circle. Configured by staff."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Thread(Hideable):
    """A conversation on a board; its first post is the opening post.

    ``post_count`` and ``last_post_at`` count visible posts and are kept by the services.
    """

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=150)
    author = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    last_post_at = models.DateTimeField()
    post_count = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["board", "last_post_at"])]

    def __str__(self) -> str:
        return self.title


class Post(Hideable):
    """A message in a thread; ``quoted`` is the post it answers (shown as a quote)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="forum_posts")
    body = models.TextField()
    quoted = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_opening = models.BooleanField(default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"post {self.pk}"


class Subscription(models.Model):
    """The patron gets an e-mail when someone else replies in the thread."""

    patron = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patron", "thread"], name="one_subscription"),
        ]

    def __str__(self) -> str:
        return f"{self.patron_id} -> {self.thread_id}"


class ContentKind(models.TextChoices):
    """What a report or a moderator action is about."""

    POST = "post", _("Foruminlägg")
    REVIEW = "review", _("Recension")
    TAGGING = "tagging", _("Tagg")


class Report(models.Model):
    """A patron says a post, review or tag breaks the rules; open until a moderator acts."""

    kind = models.CharField(max_length=10, choices=ContentKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, null=True, blank=True)
    tagging = models.ForeignKey(Tagging, on_delete=models.CASCADE, null=True, blank=True)
    reporter = models.ForeignKey(Patron, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="post", post__isnull=False, review__isnull=True, tagging__isnull=True)
                    | Q(
                        kind="review", post__isnull=True, review__isnull=False, tagging__isnull=True
                    )
                    | Q(
                        kind="tagging",
                        post__isnull=True,
                        review__isnull=True,
                        tagging__isnull=False,
                    )
                ),
                name="report_has_exactly_its_target",
            ),
        ]
        indexes = [models.Index(fields=["resolved_at", "created_at"])]

    def __str__(self) -> str:
        return f"report {self.pk} ({self.kind})"


class BlockedWord(models.Model):
    """A word refused in any user text; matched as a whole word, case- and form-folded."""

    word = models.CharField(max_length=60, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class ModerationActionKind(models.TextChoices):
    HIDE = "hide", _("Dolde")
    RESTORE = "restore", _("Återställde")
    DISMISS = "dismiss", _("Avfärdade anmälan")
    BLOCK_WORD = "block_word", _("Spärrade ett ord")
    UNBLOCK_WORD = "unblock_word", _("Tog bort spärrat ord")


class ModerationAction(models.Model):
    """The log of every moderator action; rows are only ever added.

    ``excerpt`` keeps what the content said at the time, so the log still reads when
    the content is later deleted by its author.
    """

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ModerationActionKind.choices)
    kind = models.CharField(max_length=10, choices=ContentKind.choices, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    excerpt = models.CharField(max_length=300, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.kind} {self.target_id}"


# --- Ask a librarian ------------------------------------------------------------------


class ConversationStatus(models.TextChoices):
    OPEN = "open", _("Väntar på svar")
    ANSWERED = "answered", _("Besvarad")
    CLOSED = "closed", _("Avslutad")


class Conversation(models.Model):
    """A patron's question to a library; the inbox is the branch's municipality's.

    Private between the patron and the library: never shown to other patrons. The
    ``last_*`` and ``*_read_at`` stamps are kept by the services so lists and unread
    counts read one table. ``awaiting_since`` is when the oldest message still without
    a staff reply was written (None when the library has the last word).
    """

    patron = models.ForeignKey(
        Patron, on_delete=models.CASCADE, related_name="library_conversations"
    )
    branch = models.ForeignKey(Branch, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=150)
    status = models.CharField(
        max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.OPEN
    )
    created_at = models.DateTimeField()
    last_message_at = models.DateTimeField()
    last_patron_message_at = models.DateTimeField(null=True, blank=True)
    last_staff_message_at = models.DateTimeField(null=True, blank=True)
    awaiting_since = models.DateTimeField(null=True, blank=True)
    patron_read_at = models.DateTimeField(null=True, blank=True)
    staff_read_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["patron", "last_message_at"]),
            models.Index(fields=["status", "awaiting_since"]),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def unread_by_patron(self) -> bool:
        return self.last_staff_message_at is not None and (
            self.patron_read_at is None or self.last_staff_message_at > self.patron_read_at
        )

    @property
    def unread_by_staff(self) -> bool:
        return self.last_patron_message_at is not None and (
            self.staff_read_at is None or self.last_patron_message_at > self.staff_read_at
        )


class MessageSender(models.TextChoices):
    PATRON = "patron", _("Låntagaren")
    STAFF = "staff", _("Biblioteket")


class LibraryMessage(models.Model):
    """One message in a conversation, from the patron or from a named staff user.

    A staff message keeps the desk's ``branch`` and the staff member's first name as
    they were when it was written: the patron sees "<library>, <first name>", never a
    username or a surname, and the signature survives the account being removed.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.CharField(max_length=10, choices=MessageSender.choices)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_first_name = models.CharField(max_length=150, blank=True)
    branch = models.ForeignKey(
        Branch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(sender="staff") | Q(staff_user__isnull=True, staff_first_name=""),
                name="only_staff_messages_name_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} message {self.pk}"

    @property
    def from_staff(self) -> bool:
        return self.sender == MessageSender.STAFF
