"""Ask a librarian: a patron's questions to a library, and the library's answers.

A conversation is private between one patron and one municipality's libraries: the
patron only ever reaches their own (``NotYourContent`` otherwise) and staff only their
municipality's inbox (``NotYourInbox``), region administrators every inbox. Bodies are
plain text, cleaned like all user text and escaped wherever they are shown.

A staff answer makes a ``librarian_reply`` notice in the same transaction (key
``librarian_reply:<message id>``, so never twice), which ``folkbib run-jobs`` delivers
over the patron's own channel, in their language.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from folkbib.circulation.models import NoticeKind
from folkbib.circulation.notices import keys as notice_keys
from folkbib.circulation.notices import make_notice
from folkbib.circulation.services.common import audit
from folkbib.community import selectors
from folkbib.community.errors import (
    ConversationClosed,
    LibraryNotAvailable,
    NotYourContent,
    NotYourInbox,
    TooManyOpenQuestions,
)
from folkbib.community.models import (
    Conversation,
    ConversationStatus,
    LibraryMessage,
    MessageSender,
)
from folkbib.community.services.common import checked_text, refuse_blocked
from folkbib.consortium.models import Branch
from folkbib.patrons.models import Patron

SUBJECT_MAX_LENGTH = 150
BODY_MAX_LENGTH = 5000


def max_open_questions() -> int:
    """How many questions a patron may have waiting for an answer at once."""
    return int(getattr(settings, "COMMUNITY_MAX_OPEN_QUESTIONS", 5))


def _patrons_own(patron: Patron, conversation: Conversation) -> Conversation:
    """The conversation locked for writing, if it is the patron's."""
    found = Conversation.objects.select_for_update(of=("self",)).filter(
        pk=conversation.pk, patron=patron
    )
    locked = found.first()
    if locked is None:
        raise NotYourContent()
    return locked


def _in_inbox(staff: Any, conversation: Conversation) -> Conversation:
    """The conversation locked for writing, if it is in the staff user's inbox."""
    scope = selectors.inbox_scope(staff)
    locked = (
        scope.conversations().select_for_update(of=("self",)).filter(pk=conversation.pk).first()
    )
    if locked is None:
        raise NotYourInbox()
    return locked


@transaction.atomic
def ask_library(
    *,
    patron: Patron,
    subject: str,
    body: str,
    now: dt.datetime,
    branch: Branch | None = None,
) -> Conversation:
    """Start a conversation with ``branch`` (default: the patron's home library).

    Any active library in the region may be asked; the question lands in the inbox of
    that library's municipality. A patron may have ``max_open_questions()`` questions
    waiting for an answer; one more raises ``TooManyOpenQuestions``.
    """
    branch_id = branch.pk if branch is not None else patron.home_branch_id
    if not Branch.objects.filter(pk=branch_id, is_active=True).exists():
        raise LibraryNotAvailable()
    subject = checked_text(subject, field="subject", max_length=SUBJECT_MAX_LENGTH, multiline=False)
    body = checked_text(body, field="body", max_length=BODY_MAX_LENGTH)
    refuse_blocked({"subject": subject, "body": body})
    # The patron's row is the lock that keeps two questions at once within the limit.
    Patron.objects.select_for_update().filter(pk=patron.pk).first()
    limit = max_open_questions()
    if Conversation.objects.filter(patron=patron, status=ConversationStatus.OPEN).count() >= limit:
        raise TooManyOpenQuestions(limit)
    conversation = Conversation.objects.create(
        patron=patron,
        branch_id=branch_id,
        subject=subject,
        status=ConversationStatus.OPEN,
        created_at=now,
        last_message_at=now,
        last_patron_message_at=now,
        awaiting_since=now,
        patron_read_at=now,
    )
    LibraryMessage.objects.create(
        conversation=conversation, sender=MessageSender.PATRON, body=body, created_at=now
    )
    return conversation


@transaction.atomic
def reply_as_patron(
    *, patron: Patron, conversation: Conversation, body: str, now: dt.datetime
) -> LibraryMessage:
    """The patron writes more; the question waits for the library again."""
    locked = _patrons_own(patron, conversation)
    if locked.status == ConversationStatus.CLOSED:
        raise ConversationClosed()
    body = checked_text(body, field="body", max_length=BODY_MAX_LENGTH)
    refuse_blocked({"body": body})
    message = LibraryMessage.objects.create(
        conversation=locked, sender=MessageSender.PATRON, body=body, created_at=now
    )
    Conversation.objects.filter(pk=locked.pk).update(
        status=ConversationStatus.OPEN,
        last_message_at=now,
        last_patron_message_at=now,
        awaiting_since=locked.awaiting_since or now,
        patron_read_at=now,
    )
    return message


@transaction.atomic
def reply_as_staff(
    *,
    staff: Any,
    branch: Branch,
    conversation: Conversation,
    body: str,
    now: dt.datetime,
    conversation_url: str = "",
) -> LibraryMessage:
    """A librarian at ``branch`` answers; the patron gets a notice.

    The message keeps who answered and from which library (the patron sees the
    library's name and the staff member's first name only); the answer is also in
    the desk's staff log (``circulation.StaffAction``, action ``answer_question``). The
    ``librarian_reply`` notice carries ``conversation_url``, which the calling edge
    builds.
    """
    locked = _in_inbox(staff, conversation)
    if locked.status == ConversationStatus.CLOSED:
        raise ConversationClosed()
    body = checked_text(body, field="body", max_length=BODY_MAX_LENGTH)
    message = LibraryMessage.objects.create(
        conversation=locked,
        sender=MessageSender.STAFF,
        staff_user=staff,
        staff_first_name=(staff.first_name or "").strip(),
        branch=branch,
        body=body,
        created_at=now,
    )
    Conversation.objects.filter(pk=locked.pk).update(
        status=ConversationStatus.ANSWERED,
        last_message_at=now,
        last_staff_message_at=now,
        awaiting_since=None,
        staff_read_at=now,
    )
    audit(
        staff,
        branch=branch,
        now=now,
        action="answer_question",
        subject=f"question {locked.pk}",
    )
    patron = Patron.objects.select_related("home_branch__municipality__region").get(
        pk=locked.patron_id
    )
    make_notice(
        patron=patron,
        kind=NoticeKind.LIBRARIAN_REPLY,
        key=notice_keys.librarian_reply(message.pk),
        context={
            "branch": branch.name,
            "staff_name": message.staff_first_name,
            "title": locked.subject,
            "reply": body,
            "url": conversation_url,
        },
        now=now,
    )
    return message


def _closer(
    conversation: Conversation, *, patron: Patron | None, staff: Any | None
) -> Conversation:
    if (patron is None) == (staff is None):
        raise TypeError("pass exactly one of patron= and staff=")
    if patron is not None:
        return _patrons_own(patron, conversation)
    return _in_inbox(staff, conversation)


@transaction.atomic
def close_conversation(
    *,
    conversation: Conversation,
    now: dt.datetime,
    patron: Patron | None = None,
    staff: Any | None = None,
    branch: Branch | None = None,
) -> Conversation:
    """The patron (their own) or staff (in their inbox) close it; closing twice is fine."""
    locked = _closer(conversation, patron=patron, staff=staff)
    if locked.status != ConversationStatus.CLOSED:
        locked.status = ConversationStatus.CLOSED
        locked.closed_at = now
        locked.save(update_fields=["status", "closed_at"])
        audit(
            staff, branch=branch, now=now, action="close_question", subject=f"question {locked.pk}"
        )
    return locked


@transaction.atomic
def reopen_conversation(
    *,
    conversation: Conversation,
    now: dt.datetime,
    patron: Patron | None = None,
    staff: Any | None = None,
    branch: Branch | None = None,
) -> Conversation:
    """Open a closed conversation again: waiting for the library if it had not answered."""
    locked = _closer(conversation, patron=patron, staff=staff)
    if locked.status == ConversationStatus.CLOSED:
        locked.status = (
            ConversationStatus.OPEN if locked.awaiting_since else ConversationStatus.ANSWERED
        )
        locked.closed_at = None
        locked.save(update_fields=["status", "closed_at"])
        audit(
            staff, branch=branch, now=now, action="reopen_question", subject=f"question {locked.pk}"
        )
    return locked


@transaction.atomic
def mark_read_by_patron(*, patron: Patron, conversation: Conversation, now: dt.datetime) -> bool:
    """The patron has seen every message so far; True if something was unread."""
    return bool(
        Conversation.objects.filter(pk=conversation.pk, patron=patron)
        .filter(selectors.UNREAD_BY_PATRON)
        .update(patron_read_at=now)
    )


@transaction.atomic
def mark_read_by_staff(*, staff: Any, conversation: Conversation, now: dt.datetime) -> bool:
    """Staff have seen every message so far (one marker for the whole inbox)."""
    scope = selectors.inbox_scope(staff)
    return bool(
        scope.conversations()
        .filter(pk=conversation.pk)
        .filter(selectors.UNREAD_BY_STAFF)
        .update(staff_read_at=now)
    )


__all__ = [
    "BODY_MAX_LENGTH",
    "SUBJECT_MAX_LENGTH",
    "ask_library",
    "close_conversation",
    "mark_read_by_patron",
    "mark_read_by_staff",
    "max_open_questions",
    "reopen_conversation",
    "reply_as_patron",
    "reply_as_staff",
]
