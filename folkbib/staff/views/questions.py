"""Ask a librarian, the staff side: the municipality's inbox, a conversation, answering.

A librarian sees the inbox of their own branch's municipality; a region administrator
sees every inbox, with a municipality filter. A conversation outside the user's inbox
is a 404 (it is not confirmed to exist). Answers are given from the desk's branch.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from folkbib.community import selectors, services
from folkbib.community.errors import CommunityError
from folkbib.community.models import Conversation, ConversationStatus
from folkbib.community.services.questions import BODY_MAX_LENGTH
from folkbib.consortium.models import Municipality
from folkbib.staff.access import Desk, desk_view
from folkbib.staff.roles import requires
from folkbib.staff.views.common import now

PER_PAGE = 50
#: A question waiting longer than this is flagged in the inbox.
LATE_AFTER = dt.timedelta(days=2)


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Ditt svar"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Låntagaren ser bibliotekets namn och ditt förnamn, och får ett meddelande."
        ),
    )


def _conversation(desk: Desk, conversation_id: int) -> Conversation:
    try:
        return selectors.inbox_conversation(selectors.inbox_scope(desk.user), conversation_id)
    except Conversation.DoesNotExist:
        raise Http404 from None


@requires("questions.answer")
@require_safe
@desk_view
def inbox(request: HttpRequest, desk: Desk) -> HttpResponse:
    scope = selectors.inbox_scope(desk.user)
    status = request.GET.get("status", "")
    if status not in ConversationStatus.values:
        status = ""
    municipalities: list[Municipality] = []
    municipality_id = None
    if scope.everything:
        municipalities = list(Municipality.objects.order_by("name"))
        chosen = request.GET.get("kommun", "")
        municipality_id = next((m.pk for m in municipalities if str(m.pk) == chosen), None)
    page = Paginator(
        selectors.inbox(scope, status=status, municipality_id=municipality_id), PER_PAGE
    ).get_page(request.GET.get("sida"))
    current = now()
    rows = [
        {
            "conversation": conversation,
            "late": conversation.awaiting_since is not None
            and current - conversation.awaiting_since > LATE_AFTER,
        }
        for conversation in page.object_list
    ]
    return render(
        request,
        "staff/questions.html",
        {
            "desk": desk,
            "scope": scope,
            "rows": rows,
            "current": current,
            "page": page,
            "status": status,
            "statuses": ConversationStatus.choices,
            "municipalities": municipalities,
            "municipality_id": municipality_id,
        },
    )


def _page(
    request: HttpRequest, desk: Desk, conversation: Conversation, form: AnswerForm, status: int
) -> HttpResponse:
    thread = list(selectors.messages_in(conversation))
    if conversation.unread_by_staff:
        services.mark_read_by_staff(staff=desk.user, conversation=conversation, now=now())
    return render(
        request,
        "staff/question.html",
        {
            "desk": desk,
            "conversation": conversation,
            "thread": thread,
            "form": form,
            "is_closed": conversation.status == ConversationStatus.CLOSED,
        },
        status=status,
    )


@requires("questions.answer")
@require_safe
@desk_view
def question(request: HttpRequest, desk: Desk, conversation_id: int) -> HttpResponse:
    return _page(request, desk, _conversation(desk, conversation_id), AnswerForm(), 200)


@requires("questions.answer")
@require_POST
@desk_view
def answer(request: HttpRequest, desk: Desk, conversation_id: int) -> HttpResponse:
    conversation = _conversation(desk, conversation_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        url = request.build_absolute_uri(reverse("portal:question", args=[conversation.pk]))
        try:
            services.reply_as_staff(
                staff=desk.user,
                branch=desk.branch,
                conversation=conversation,
                body=form.cleaned_data["body"],
                now=now(),
                conversation_url=url,
            )
        except CommunityError as error:
            form.add_error(getattr(error, "field", None) or None, error.message)
        else:
            messages.success(request, _("Svaret är skickat till låntagaren."))
            return redirect("staff:question", conversation.pk)
    return _page(request, desk, conversation, form, 400)


@requires("questions.answer")
@require_POST
@desk_view
def close(request: HttpRequest, desk: Desk, conversation_id: int) -> HttpResponse:
    conversation = _conversation(desk, conversation_id)
    services.close_conversation(
        conversation=conversation, staff=desk.user, branch=desk.branch, now=now()
    )
    messages.success(request, _("Frågan är avslutad."))
    return redirect("staff:questions")


@requires("questions.answer")
@require_POST
@desk_view
def reopen(request: HttpRequest, desk: Desk, conversation_id: int) -> HttpResponse:
    conversation = _conversation(desk, conversation_id)
    services.reopen_conversation(
        conversation=conversation, staff=desk.user, branch=desk.branch, now=now()
    )
    messages.success(request, _("Frågan är öppen igen."))
    return redirect("staff:question", conversation.pk)
