"""Public pages of the social library: ratings, tags, reviews, lists and the forum.

Edges only translate: read the form, call a ``community`` service or selector, and map
a typed error to the field it is about. Anyone may read what is public; writing needs
a signed-in patron (else the login page, coming back here with ``next``). Every write
is a POST that redirects (the page works without JavaScript); a refused write shows
its form again with the message tied to the field.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from folkbib.catalog.models import Record
from folkbib.community import selectors, services
from folkbib.community.errors import (
    CommunityError,
    CommunityInputInvalid,
    DisplayNameRequired,
)
from folkbib.community.models import (
    Board,
    CommunityProfile,
    ListEntry,
    Post,
    ReadingList,
    Review,
    Tagging,
)
from folkbib.core import clock
from folkbib.patrons.auth import session_patron
from folkbib.patrons.models import Patron
from folkbib.portal.access import patron_required, safe_next

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50
#: URL word -> (model, service kind) for reports.
REPORTABLE: dict[str, type[Any]] = {"inlagg": Post, "recension": Review, "tagg": Tagging}


def _record(record_id: int) -> Record:
    return get_object_or_404(
        Record.objects.only("id", "title", "subtitle", "language"), pk=record_id
    )


def _record_url(record: Record, anchor: str = "community") -> str:
    return f"{reverse('portal:record', args=[record.pk])}#{anchor}"


def _name_first(request: HttpRequest) -> HttpResponseRedirect:
    """Writing in public needs a display name: choose it, then come back."""
    messages.info(request, DisplayNameRequired().message)
    target = request.get_full_path() if request.method == "GET" else safe_next(request)
    return redirect(f"{reverse('portal:community_profile')}?{urlencode({'next': target})}")


def _field_error(exc: CommunityInputInvalid, default: str) -> dict[str, str]:
    return {exc.field or default: exc.message}


# --- the public name ---------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def profile(request: HttpRequest, patron: Patron) -> HttpResponse:
    current = CommunityProfile.objects.filter(patron=patron).first()
    value = current.display_name if current else ""
    errors: dict[str, str] = {}
    if request.method == "POST":
        value = request.POST.get("display_name", "")
        try:
            services.set_display_name(patron=patron, display_name=value, now=clock.now())
        except CommunityInputInvalid as exc:
            errors = {"display_name": exc.message}
        else:
            messages.success(request, _("Ditt namn är sparat."))
            return redirect(safe_next(request, reverse("portal:forum")))
    return render(
        request,
        "portal/community/profile.html",
        {"value": value, "errors": errors, "next": safe_next(request, ""), "has_profile": current},
        status=400 if errors else 200,
    )


# --- ratings, tags and reviews of a work ---------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def rate(request: HttpRequest, patron: Patron, record_id: int) -> HttpResponse:
    record = _record(record_id)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if "remove" in request.POST:
            services.unrate(patron=patron, record=record)
            messages.success(request, _("Ditt betyg är borttaget."))
            return redirect(_record_url(record, "rating"))
        try:
            stars = int(request.POST.get("stars", ""))
        except ValueError:
            stars = 0
        try:
            services.rate(patron=patron, record=record, stars=stars, now=clock.now())
        except CommunityInputInvalid as exc:
            errors = {"stars": exc.message}
        else:
            messages.success(
                request,
                _("Du gav %(title)s betyget %(stars)d av 5.")
                % {"title": record.title, "stars": stars},
            )
            return redirect(_record_url(record, "rating"))
    community = selectors.record_community(record, patron=patron)
    return render(
        request,
        "portal/community/rate.html",
        {"record": record, "community": community, "errors": errors},
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def tag(request: HttpRequest, patron: Patron, record_id: int) -> HttpResponse:
    record = _record(record_id)
    errors: dict[str, str] = {}
    value = ""
    if request.method == "POST":
        value = request.POST.get("tag", "")
        try:
            tagging = services.add_tag(patron=patron, record=record, name=value, now=clock.now())
        except CommunityInputInvalid as exc:
            errors = {"tag": exc.message}
        else:
            messages.success(request, _("Taggen ”%(tag)s” är tillagd.") % {"tag": tagging.tag.name})
            return redirect(_record_url(record, "tags"))
    community = selectors.record_community(record, patron=patron)
    return render(
        request,
        "portal/community/tag_form.html",
        {"record": record, "community": community, "errors": errors, "value": value},
        status=400 if errors else 200,
    )


@require_POST
@patron_required
def untag(request: HttpRequest, patron: Patron, record_id: int, tagging_id: int) -> HttpResponse:
    # Someone else's tagging is simply not found: no hint that it exists.
    tagging = get_object_or_404(
        Tagging.objects.select_related("tag", "record"),
        pk=tagging_id,
        record_id=record_id,
        patron=patron,
    )
    services.remove_tag(patron=patron, tagging=tagging)
    messages.success(request, _("Taggen ”%(tag)s” är borttagen.") % {"tag": tagging.tag.name})
    return redirect(_record_url(tagging.record, "tags"))


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def review(request: HttpRequest, patron: Patron, record_id: int) -> HttpResponse:
    record = _record(record_id)
    if not CommunityProfile.objects.filter(patron=patron).exists():
        return _name_first(request)
    own = Review.objects.filter(record=record, patron=patron).first()
    value = own.text if own else ""
    errors: dict[str, str] = {}
    if request.method == "POST":
        value = request.POST.get("text", "")
        try:
            if own is None:
                services.write_review(patron=patron, record=record, text=value, now=clock.now())
            else:
                services.edit_review(patron=patron, review=own, text=value, now=clock.now())
        except CommunityInputInvalid as exc:
            errors = {"text": exc.message}
        except CommunityError as exc:
            errors = {"text": exc.message}
        else:
            messages.success(request, _("Din recension är publicerad."))
            return redirect(_record_url(record, "reviews"))
    return render(
        request,
        "portal/community/review_form.html",
        {"record": record, "review": own, "value": value, "errors": errors},
        status=400 if errors else 200,
    )


@require_POST
@patron_required
def delete_review(request: HttpRequest, patron: Patron, record_id: int) -> HttpResponse:
    own = get_object_or_404(
        Review.objects.select_related("record"), record_id=record_id, patron=patron
    )
    services.delete_review(patron=patron, review=own)
    messages.success(request, _("Din recension är borttagen."))
    return redirect(_record_url(own.record, "reviews"))


# --- tags ------------------------------------------------------------------------------


@require_safe
def tag_cloud(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/community/tag_cloud.html", {"tags": selectors.tag_cloud()})


@require_safe
def tag_page(request: HttpRequest, name: str) -> HttpResponse:
    found = selectors.tag_named(name)
    if found is None:
        raise Http404
    records = list(selectors.records_by_tag(found))
    if not records:
        raise Http404
    return render(request, "portal/community/tag_page.html", {"tag": found, "records": records})


# --- reading lists -----------------------------------------------------------------------


@require_safe
def lists(request: HttpRequest) -> HttpResponse:
    patron = session_patron(request)
    return render(
        request,
        "portal/community/lists.html",
        {
            "public_lists": selectors.public_lists()[:100],
            "my_lists": selectors.lists_of(patron) if patron else None,
            "patron": patron,
        },
    )


def _list_form(request: HttpRequest) -> dict[str, Any]:
    return {
        "name": request.POST.get("name", ""),
        "description": request.POST.get("description", ""),
        "is_public": request.POST.get("is_public") == "1",
    }


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def new_list(request: HttpRequest, patron: Patron) -> HttpResponse:
    values: dict[str, Any] = {"name": "", "description": "", "is_public": False}
    errors: dict[str, str] = {}
    record_id = request.POST.get("record") or request.GET.get("post") or ""
    if request.method == "POST":
        values = _list_form(request)
        try:
            created = services.create_list(patron=patron, now=clock.now(), **values)
        except DisplayNameRequired:
            return _name_first(request)
        except CommunityInputInvalid as exc:
            errors = _field_error(exc, "name")
        else:
            if record_id.isdigit():
                record = Record.objects.filter(pk=int(record_id)).first()
                if record is not None:
                    services.add_entry(
                        patron=patron, reading_list=created, record=record, now=clock.now()
                    )
            messages.success(request, _("Listan ”%(name)s” är skapad.") % {"name": created.name})
            return redirect("portal:reading_list", list_id=created.pk)
    return render(
        request,
        "portal/community/list_form.html",
        {"values": values, "errors": errors, "reading_list": None, "record_id": record_id},
        status=400 if errors else 200,
    )


@require_safe
def reading_list(request: HttpRequest, list_id: int) -> HttpResponse:
    patron = session_patron(request)
    try:
        found = selectors.visible_list(list_id, viewer=patron)
    except ReadingList.DoesNotExist as exc:
        raise Http404 from exc  # a private list looks exactly like a missing one
    return render(
        request,
        "portal/community/list_detail.html",
        {"reading_list": found, "is_owner": patron is not None and found.owner_id == patron.pk},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def edit_list(request: HttpRequest, patron: Patron, list_id: int) -> HttpResponse:
    own = get_object_or_404(ReadingList, pk=list_id, owner=patron)
    values: dict[str, Any] = {
        "name": own.name,
        "description": own.description,
        "is_public": own.is_public,
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = _list_form(request)
        try:
            services.update_list(patron=patron, reading_list=own, now=clock.now(), **values)
        except DisplayNameRequired:
            return _name_first(request)
        except CommunityInputInvalid as exc:
            errors = _field_error(exc, "name")
        else:
            messages.success(request, _("Listan är sparad."))
            return redirect("portal:reading_list", list_id=own.pk)
    return render(
        request,
        "portal/community/list_form.html",
        {"values": values, "errors": errors, "reading_list": own},
        status=400 if errors else 200,
    )


@require_POST
@patron_required
def delete_list(request: HttpRequest, patron: Patron, list_id: int) -> HttpResponse:
    own = get_object_or_404(ReadingList, pk=list_id, owner=patron)
    services.delete_list(patron=patron, reading_list=own)
    messages.success(request, _("Listan ”%(name)s” är borttagen.") % {"name": own.name})
    return redirect("portal:reading_lists")


@require_POST
@patron_required
def add_to_list(request: HttpRequest, patron: Patron, record_id: int) -> HttpResponse:
    record = _record(record_id)
    chosen = request.POST.get("list", "")
    own = (
        ReadingList.objects.filter(pk=int(chosen), owner=patron).first()
        if chosen.isdigit()
        else None
    )
    if own is None:
        raise Http404
    services.add_entry(patron=patron, reading_list=own, record=record, now=clock.now())
    messages.success(
        request,
        _("%(title)s finns nu på listan ”%(name)s”.") % {"title": record.title, "name": own.name},
    )
    return redirect(_record_url(record, "lists"))


@require_POST
@patron_required
def remove_from_list(
    request: HttpRequest, patron: Patron, list_id: int, entry_id: int
) -> HttpResponse:
    entry = get_object_or_404(
        ListEntry.objects.select_related("reading_list", "record"),
        pk=entry_id,
        reading_list_id=list_id,
        reading_list__owner=patron,
    )
    services.remove_entry(patron=patron, entry=entry, now=clock.now())
    messages.success(
        request, _("%(title)s är borttagen från listan.") % {"title": entry.record.title}
    )
    return redirect("portal:reading_list", list_id=list_id)


# --- the forum ---------------------------------------------------------------------------


@require_safe
def forum(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/community/forum.html", {"boards": selectors.boards()})


@require_safe
def board(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Board, slug=slug, is_active=True)
    page = Paginator(selectors.threads_on(found), THREADS_PER_PAGE).get_page(
        request.GET.get("sida")
    )
    return render(
        request,
        "portal/community/board.html",
        {"board": found, "page": page, "patron": session_patron(request)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def new_thread(request: HttpRequest, patron: Patron, slug: str) -> HttpResponse:
    found = get_object_or_404(Board, slug=slug, is_active=True)
    if not CommunityProfile.objects.filter(patron=patron).exists():
        return _name_first(request)
    values = {"title": "", "body": "", "subscribe": True}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {
            "title": request.POST.get("title", ""),
            "body": request.POST.get("body", ""),
            "subscribe": request.POST.get("subscribe") == "1",
        }
        try:
            thread = services.create_thread(
                patron=patron,
                board=found,
                title=str(values["title"]),
                body=str(values["body"]),
                subscribe=bool(values["subscribe"]),
                now=clock.now(),
            )
        except CommunityInputInvalid as exc:
            errors = _field_error(exc, "body")
        else:
            return redirect("portal:forum_thread", thread_id=thread.pk)
    return render(
        request,
        "portal/community/thread_form.html",
        {"board": found, "values": values, "errors": errors},
        status=400 if errors else 200,
    )


def _thread_or_404(thread_id: int) -> Any:
    try:
        return selectors.visible_thread(thread_id)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


@require_safe
def thread(request: HttpRequest, thread_id: int) -> HttpResponse:
    found = _thread_or_404(thread_id)
    patron = session_patron(request)
    page = Paginator(selectors.posts_in(found), POSTS_PER_PAGE).get_page(request.GET.get("sida"))
    return render(
        request,
        "portal/community/thread.html",
        {
            "thread": found,
            "page": page,
            "patron": patron,
            "subscribed": patron is not None and selectors.is_subscribed(patron, found),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def reply(request: HttpRequest, patron: Patron, thread_id: int) -> HttpResponse:
    found = _thread_or_404(thread_id)
    if not CommunityProfile.objects.filter(patron=patron).exists():
        return _name_first(request)
    quote_id = request.POST.get("quoted") or request.GET.get("citera") or ""
    quoted = None
    if quote_id.isdigit():
        quoted = (
            Post.objects.filter(pk=int(quote_id), thread=found, hidden_at__isnull=True)
            .select_related("author__community_profile")
            .first()
        )
    body = ""
    errors: dict[str, str] = {}
    if request.method == "POST":
        body = request.POST.get("body", "")
        url = request.build_absolute_uri(reverse("portal:forum_thread", args=[found.pk]))
        try:
            post = services.reply(
                patron=patron,
                thread=found,
                body=body,
                quoted=quoted,
                now=clock.now(),
                thread_url=url,
            )
        except CommunityInputInvalid as exc:
            errors = {"body": exc.message}
        except CommunityError as exc:
            errors = {"body": exc.message}
        else:
            last_page = (found.post_count + 1 + POSTS_PER_PAGE - 1) // POSTS_PER_PAGE
            suffix = f"?sida={last_page}" if last_page > 1 else ""
            return redirect(
                f"{reverse('portal:forum_thread', args=[found.pk])}{suffix}#post-{post.pk}"
            )
    return render(
        request,
        "portal/community/reply_form.html",
        {"thread": found, "quoted": quoted, "body": body, "errors": errors},
        status=400 if errors else 200,
    )


@require_POST
@patron_required
def subscription(request: HttpRequest, patron: Patron, thread_id: int) -> HttpResponse:
    found = _thread_or_404(thread_id)
    if request.POST.get("subscribe") == "1":
        services.subscribe(patron=patron, thread=found, now=clock.now())
        messages.success(request, _("Du får e-post när någon svarar i tråden."))
    else:
        services.unsubscribe(patron=patron, thread=found)
        messages.success(request, _("Du får inte längre e-post om den här tråden."))
    return redirect("portal:forum_thread", thread_id=found.pk)


# --- reports -----------------------------------------------------------------------------


def _reportable(kind: str, content_id: int) -> Any:
    model = REPORTABLE.get(kind)
    if model is None:
        raise Http404
    content = model.objects.filter(pk=content_id, hidden_at__isnull=True).first()
    if content is None:
        raise Http404
    return content


def _content_url(content: Any) -> str:
    if isinstance(content, Post):
        return f"{reverse('portal:forum_thread', args=[content.thread_id])}#post-{content.pk}"
    return _record_url(content.record, "reviews" if isinstance(content, Review) else "tags")


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def report(request: HttpRequest, patron: Patron, kind: str, content_id: int) -> HttpResponse:
    content = _reportable(kind, content_id)
    errors: dict[str, str] = {}
    reason = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        try:
            services.report(patron=patron, content=content, reason=reason, now=clock.now())
        except CommunityInputInvalid as exc:
            errors = {"reason": exc.message}
        else:
            messages.success(request, _("Tack! En moderator tittar på din anmälan."))
            return redirect(_content_url(content))
    return render(
        request,
        "portal/community/report_form.html",
        {
            "content": content,
            "kind": kind,
            "reason": reason,
            "errors": errors,
            "back_url": _content_url(content),
        },
        status=400 if errors else 200,
    )
