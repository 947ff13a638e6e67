"""Reports from patrons, and what moderators do about them; every action is logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from folkbib.community import text
from folkbib.community.errors import ModerationError
from folkbib.community.models import (
    BlockedWord,
    ContentKind,
    ModerationAction,
    ModerationActionKind,
    Post,
    Report,
    Review,
    Tagging,
    Thread,
)
from folkbib.community.services.common import checked_text
from folkbib.patrons.models import Patron

Content = Post | Review | Tagging
REASON_MAX_LENGTH = 300


def kind_of(content: Content) -> str:
    if isinstance(content, Post):
        return ContentKind.POST
    if isinstance(content, Review):
        return ContentKind.REVIEW
    return ContentKind.TAGGING


def _content_text(content: Content) -> str:
    if isinstance(content, Post):
        return content.body
    if isinstance(content, Review):
        return content.text
    return content.tag.name


def _open_reports(content: Content) -> Any:
    return Report.objects.filter(**{kind_of(content): content}, resolved_at__isnull=True)


@transaction.atomic
def report(*, patron: Patron, content: Content, reason: str, now: dt.datetime) -> Report:
    """A patron flags content for the moderators; one open report per patron and content."""
    reason = checked_text(reason, field="reason", max_length=500, required=False)
    existing = _open_reports(content).filter(reporter=patron).first()
    if existing is not None:
        return existing
    return Report.objects.create(
        kind=kind_of(content),
        reporter=patron,
        reason=reason,
        created_at=now,
        **{kind_of(content): content},
    )


def _log(
    *,
    moderator: Any,
    action: str,
    content: Content | None,
    reason: str,
    now: dt.datetime,
    excerpt: str = "",
) -> ModerationAction:
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        kind=kind_of(content) if content is not None else "",
        target_id=content.pk if content is not None else None,
        excerpt=text.excerpt(_content_text(content), 300) if content is not None else excerpt,
        reason=reason,
        created_at=now,
    )


def _checked_reason(reason: str) -> str:
    return checked_text(reason, field="reason", max_length=REASON_MAX_LENGTH, multiline=False)


def _recount(thread_id: int) -> None:
    visible = Post.objects.filter(thread_id=thread_id, hidden_at__isnull=True).count()
    Thread.objects.filter(pk=thread_id).update(post_count=visible)


@transaction.atomic
def hide(*, moderator: Any, content: Content, reason: str, now: dt.datetime) -> ModerationAction:
    """Hide content from everyone but moderators; resolves its open reports.

    Hiding the opening post of a thread hides the whole thread.
    """
    reason = _checked_reason(reason)
    if content.is_hidden:
        raise ModerationError(_("Innehållet är redan dolt."))
    content.hidden_at, content.hidden_reason = now, reason
    content.save(update_fields=["hidden_at", "hidden_reason"])
    if isinstance(content, Post):
        if content.is_opening:
            Thread.objects.filter(pk=content.thread_id).update(hidden_at=now, hidden_reason=reason)
        _recount(content.thread_id)
    _open_reports(content).update(resolved_at=now)
    return _log(
        moderator=moderator,
        action=ModerationActionKind.HIDE,
        content=content,
        reason=reason,
        now=now,
    )


@transaction.atomic
def restore(*, moderator: Any, content: Content, reason: str, now: dt.datetime) -> ModerationAction:
    """Show hidden content again (the reason is logged)."""
    reason = _checked_reason(reason)
    if not content.is_hidden:
        raise ModerationError(_("Innehållet är inte dolt."))
    content.hidden_at, content.hidden_reason = None, ""
    content.save(update_fields=["hidden_at", "hidden_reason"])
    if isinstance(content, Post):
        if content.is_opening:
            Thread.objects.filter(pk=content.thread_id).update(hidden_at=None, hidden_reason="")
        _recount(content.thread_id)
    return _log(
        moderator=moderator,
        action=ModerationActionKind.RESTORE,
        content=content,
        reason=reason,
        now=now,
    )


@transaction.atomic
def dismiss_reports(
    *, moderator: Any, content: Content, reason: str, now: dt.datetime
) -> ModerationAction:
    """The content may stay: close its open reports."""
    reason = _checked_reason(reason)
    if not _open_reports(content).update(resolved_at=now):
        raise ModerationError(_("Det finns inga öppna anmälningar att avfärda."))
    return _log(
        moderator=moderator,
        action=ModerationActionKind.DISMISS,
        content=content,
        reason=reason,
        now=now,
    )


@transaction.atomic
def block_word(*, moderator: Any, word: str, now: dt.datetime) -> BlockedWord:
    """Refuse ``word`` in new text from now on (existing text is not touched)."""
    cleaned = text.fold(word)
    if not cleaned or len(cleaned) > 60:
        raise ModerationError(_("Ange ett ord på högst 60 tecken."))
    try:
        with transaction.atomic():
            blocked = BlockedWord.objects.create(word=cleaned, created_at=now)
    except IntegrityError as exc:
        raise ModerationError(_("Ordet är redan spärrat.")) from exc
    _log(
        moderator=moderator,
        action=ModerationActionKind.BLOCK_WORD,
        content=None,
        reason="",
        now=now,
        excerpt=cleaned,
    )
    return blocked


@transaction.atomic
def unblock_word(*, moderator: Any, blocked: BlockedWord, now: dt.datetime) -> None:
    word = blocked.word
    blocked.delete()
    _log(
        moderator=moderator,
        action=ModerationActionKind.UNBLOCK_WORD,
        content=None,
        reason="",
        now=now,
        excerpt=word,
    )
