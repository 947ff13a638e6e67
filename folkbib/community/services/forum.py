"""Forum threads, replies with quotes, and e-mail to a thread's subscribers."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from folkbib.community import text
from folkbib.community.errors import QuoteNotInThread, ThreadClosed
from folkbib.community.models import Board, Post, Subscription, Thread
from folkbib.community.services.common import checked_text, refuse_blocked, require_profile
from folkbib.patrons.models import Patron

log = logging.getLogger(__name__)

TITLE_MAX_LENGTH = 150
BODY_MAX_LENGTH = 10000


@transaction.atomic
def create_thread(
    *,
    patron: Patron,
    board: Board,
    title: str,
    body: str,
    now: dt.datetime,
    subscribe: bool = True,
) -> Thread:
    """Open a thread with its first post; the author follows it unless ``subscribe=False``."""
    require_profile(patron)
    title = checked_text(title, field="title", max_length=TITLE_MAX_LENGTH, multiline=False)
    body = checked_text(body, field="body", max_length=BODY_MAX_LENGTH)
    refuse_blocked({"title": title, "body": body})
    thread = Thread.objects.create(
        board=board, title=title, author=patron, created_at=now, last_post_at=now, post_count=1
    )
    Post.objects.create(thread=thread, author=patron, body=body, is_opening=True, created_at=now)
    if subscribe:
        Subscription.objects.create(patron=patron, thread=thread, created_at=now)
    return thread


@transaction.atomic
def reply(
    *,
    patron: Patron,
    thread: Thread,
    body: str,
    now: dt.datetime,
    quoted: Post | None = None,
    thread_url: str = "",
) -> Post:
    """Answer in a thread, optionally quoting one of its posts.

    After the commit, every subscriber but the author who has an e-mail address gets a
    notice (in their own language) with ``thread_url``, which the calling edge builds.
    """
    require_profile(patron)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.is_locked or thread.is_hidden:
        raise ThreadClosed()
    if quoted is not None and quoted.thread_id != thread.pk:
        raise QuoteNotInThread()
    body = checked_text(body, field="body", max_length=BODY_MAX_LENGTH)
    refuse_blocked({"body": body})
    post = Post.objects.create(
        thread=thread, author=patron, body=body, quoted=quoted, created_at=now
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    recipients = list(
        Patron.objects.filter(pk__in=Subscription.objects.filter(thread=thread).values("patron_id"))
        .exclude(pk=patron.pk)
        .exclude(email="")
        .values_list("email", "language")
    )
    if recipients:
        title = thread.title
        author = require_profile(patron).display_name
        transaction.on_commit(
            lambda: _send_reply_notices(recipients, title=title, author=author, url=thread_url)
        )
    return post


def _send_reply_notices(
    recipients: list[tuple[str, str]], *, title: str, author: str, url: str
) -> None:
    for email, language in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            subject = _("Nytt svar i ”%(title)s”") % {"title": text.excerpt(title, 80)}
            lines = [
                _("%(author)s har svarat i en tråd du följer: ”%(title)s”.")
                % {"author": author, "title": title},
            ]
            if url:
                lines.append(_("Läs svaret: %(url)s") % {"url": url})
            lines.append(
                _(
                    "Du får det här brevet för att du prenumererar på tråden. Du kan sluta när "
                    "du vill på trådens sida."
                )
            )
        try:
            send_mail(subject, "\n\n".join(lines), None, [email])
        except Exception:  # one bad address must not stop the others
            log.exception("could not send a forum notice")


@transaction.atomic
def subscribe(*, patron: Patron, thread: Thread, now: dt.datetime) -> Subscription:
    subscription, _created = Subscription.objects.get_or_create(
        patron=patron, thread=thread, defaults={"created_at": now}
    )
    return subscription


@transaction.atomic
def unsubscribe(*, patron: Patron, thread: Thread) -> bool:
    deleted, _detail = Subscription.objects.filter(patron=patron, thread=thread).delete()
    return deleted > 0
