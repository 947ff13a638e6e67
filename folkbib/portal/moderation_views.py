"""Staff pages for moderating the social library: the report queue, hidden content,
blocked words and the log of every moderator action.

Moderators, municipality and region administrators may moderate (permission
``community.moderate`` in ``staff.roles``); everyone else is sent to log in (or refused
with 403 when signed in without it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from folkbib.community import selectors, services
from folkbib.community.errors import CommunityInputInvalid, ModerationError
from folkbib.community.models import BlockedWord, ContentKind, Post, Review, Tagging
from folkbib.core import clock
from folkbib.staff.roles import MARK, has_permission

CONTENT_MODELS: dict[str, type[Any]] = {
    ContentKind.POST: Post,
    ContentKind.REVIEW: Review,
    ContentKind.TAGGING: Tagging,
}


def _staff_login_url() -> str:
    # The staff workspace's own login page when it is installed, else the admin's.
    try:
        return reverse("staff:login")
    except NoReverseMatch:
        return reverse("admin:login")


def moderator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), _staff_login_url())
        if not has_permission(request.user, "community.moderate"):
            return render(request, "portal/community/moderation/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    setattr(wrapper, MARK, "community.moderate")
    return wrapper


@require_safe
@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/community/moderation/queue.html",
        {
            "queue": selectors.moderation_queue(),
            "hidden": selectors.hidden_content(),
            "hide_actions": [("hide", _("Dölj")), ("dismiss", _("Avfärda anmälan"))],
            "restore_actions": [("restore", _("Återställ"))],
        },
    )


@require_POST
@moderator_required
def act(request: HttpRequest, kind: str, content_id: int) -> HttpResponse:
    """Hide, restore, or dismiss the reports about one piece of content, with a reason."""
    model = CONTENT_MODELS.get(kind)
    if model is None:
        raise Http404
    content = get_object_or_404(model, pk=content_id)
    action = request.POST.get("action", "")
    operations = {
        "hide": services.hide,
        "restore": services.restore,
        "dismiss": services.dismiss_reports,
    }
    operation = operations.get(action)
    if operation is None:
        raise Http404
    try:
        operation(
            moderator=request.user,
            content=content,
            reason=request.POST.get("reason", ""),
            now=clock.now(),
        )
    except CommunityInputInvalid:
        messages.error(request, _("Ange ett skäl till åtgärden."))
    except ModerationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Åtgärden är utförd och loggad."))
    return redirect("portal:moderation")


@require_http_methods(["GET", "HEAD", "POST"])
@moderator_required
def blocked_words(request: HttpRequest) -> HttpResponse:
    error = ""
    value = ""
    if request.method == "POST":
        value = request.POST.get("word", "")
        try:
            services.block_word(moderator=request.user, word=value, now=clock.now())
        except ModerationError as exc:
            error = exc.message
        else:
            messages.success(request, _("Ordet ”%(word)s” är spärrat.") % {"word": value.strip()})
            return redirect("portal:moderation_words")
    return render(
        request,
        "portal/community/moderation/words.html",
        {"words": BlockedWord.objects.all(), "error": error, "value": value},
        status=400 if error else 200,
    )


@require_POST
@moderator_required
def unblock_word(request: HttpRequest, word_id: int) -> HttpResponse:
    blocked = get_object_or_404(BlockedWord, pk=word_id)
    services.unblock_word(moderator=request.user, blocked=blocked, now=clock.now())
    messages.success(
        request, _("Ordet ”%(word)s” är inte längre spärrat.") % {"word": blocked.word}
    )
    return redirect("portal:moderation_words")


@require_safe
@moderator_required
def log(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/community/moderation/log.html", {"actions": selectors.moderation_log()}
    )
