"""My pages: "Frågor till biblioteket" (ask a librarian).

Edges only translate: the services in ``community.services.questions`` decide. A
patron only ever reaches their own conversations: every lookup is filtered by the
signed-in patron, so another patron's conversation is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.community import selectors, services
from folkbib.community.errors import CommunityError, CommunityInputInvalid
from folkbib.community.models import Conversation, ConversationStatus
from folkbib.consortium.models import Branch
from folkbib.core import clock
from folkbib.patrons.models import Patron
from folkbib.portal import question_forms as forms
from folkbib.portal.access import patron_required


def _own(patron: Patron, conversation_id: int) -> Conversation:
    try:
        return selectors.patrons_conversation(patron, conversation_id)
    except Conversation.DoesNotExist:
        raise Http404 from None


@patron_required
def questions(request: HttpRequest, patron: Patron) -> HttpResponse:
    conversations = list(selectors.conversations_of(patron))
    return render(
        request,
        "portal/account/questions.html",
        {
            "patron": patron,
            "conversations": conversations,
            "unread": sum(1 for c in conversations if c.unread_by_patron),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@patron_required
def ask(request: HttpRequest, patron: Patron) -> HttpResponse:
    form = forms.AskForm(request.POST or None, initial={"branch": patron.home_branch_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = services.ask_library(
                patron=patron,
                branch=Branch(pk=data["branch"]),
                subject=data["subject"],
                body=data["body"],
                now=clock.now(),
            )
        except CommunityInputInvalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except CommunityError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Din fråga är skickad till %(library)s. Du får ett meddelande när de har svarat.")
                % {"library": conversation.branch.name},
            )
            return redirect("portal:question", conversation.pk)
    return render(
        request,
        "portal/account/question_new.html",
        {"patron": patron, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD"])
@patron_required
def question(request: HttpRequest, patron: Patron, conversation_id: int) -> HttpResponse:
    conversation = _own(patron, conversation_id)
    return _page(request, patron, conversation, forms.ReplyForm())


def _page(
    request: HttpRequest,
    patron: Patron,
    conversation: Conversation,
    form: forms.ReplyForm,
    *,
    status: int = 200,
) -> HttpResponse:
    thread = list(selectors.messages_in(conversation))
    # Seen now: the answers are on the screen. The old marker still tells which are new.
    read_before = conversation.patron_read_at
    if conversation.unread_by_patron:
        services.mark_read_by_patron(patron=patron, conversation=conversation, now=clock.now())
    return render(
        request,
        "portal/account/question.html",
        {
            "patron": patron,
            "conversation": conversation,
            "thread": thread,
            "read_before": read_before,
            "form": form,
            "is_closed": conversation.status == ConversationStatus.CLOSED,
        },
        status=status,
    )


@require_POST
@patron_required
def reply(request: HttpRequest, patron: Patron, conversation_id: int) -> HttpResponse:
    conversation = _own(patron, conversation_id)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_as_patron(
                patron=patron,
                conversation=conversation,
                body=form.cleaned_data["body"],
                now=clock.now(),
            )
        except CommunityInputInvalid as error:
            form.add_error("body", error.message)
        except CommunityError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Ditt meddelande är skickat."))
            return redirect("portal:question", conversation.pk)
    return _page(request, patron, conversation, form, status=400)


@require_POST
@patron_required
def close(request: HttpRequest, patron: Patron, conversation_id: int) -> HttpResponse:
    conversation = _own(patron, conversation_id)
    services.close_conversation(conversation=conversation, patron=patron, now=clock.now())
    messages.success(request, _("Frågan är avslutad."))
    return redirect("portal:question", conversation.pk)


@require_POST
@patron_required
def reopen(request: HttpRequest, patron: Patron, conversation_id: int) -> HttpResponse:
    conversation = _own(patron, conversation_id)
    services.reopen_conversation(conversation=conversation, patron=patron, now=clock.now())
    messages.success(request, _("Frågan är öppen igen."))
    return redirect("portal:question", conversation.pk)
