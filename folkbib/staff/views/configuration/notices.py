"""Notice texts: a municipality's own wording of each notice, per language and channel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.http import require_http_methods, require_POST

from folkbib.circulation.models import NoticeKind
from folkbib.circulation.notices import texts
from folkbib.circulation.notices.rendering import TEMPLATE
from folkbib.circulation.notices.texts import NoticeTextInvalid
from folkbib.consortium.models import NoticeText
from folkbib.staff.roles import configurable_municipalities, home_municipality_id, requires
from folkbib.staff.views.configuration.common import municipality_in_scope, now, page

CHANNEL_NAMES = dict(texts.CHANNELS)


class NoticeTextForm(forms.Form):
    subject = forms.CharField(
        label=gettext_lazy("Ämnesrad"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Tomt: standardämnet. Används inte i SMS."),
    )
    body = forms.CharField(
        label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 12, "cols": 60})
    )


def _sample(language: str, region: str) -> dict[str, Any]:
    """Made-up values so the standard text can be read as a patron would get it."""
    today = dt.date(2026, 6, 15)
    with override(language):
        return {
            "first_name": "Anna",
            "region": region,
            "title": "Pippi Långstrump",
            "author": "Astrid Lindgren",
            "due": today,
            "days_overdue": 3,
            "level": 1,
            "final": False,
            "branch": _("Stadsbiblioteket"),
            "pickup_by": today + dt.timedelta(days=7),
            "expires": today + dt.timedelta(days=30),
            "staff_name": "Bibbi",
            "reply": _("Ja, den finns att låna på ditt bibliotek."),
            "url": "https://bibliotek.example.org/mina-sidor/fragor/1/",
        }


def _standard(kind: str, language: str, channel: str, region: str) -> str:
    suffix = ".sms.txt" if channel == texts.SMS else ".txt"
    with override(language):
        return render_to_string(
            f"notices/{TEMPLATE[NoticeKind(kind)]}{suffix}", _sample(language, region)
        ).strip()


def _checked(kind: str, language: str, channel: str) -> None:
    if (
        kind not in NoticeKind.values
        or language not in dict(settings.LANGUAGES)
        or channel not in CHANNEL_NAMES
    ):
        raise Http404


@requires("config.notices")
@require_http_methods(["GET", "HEAD"])
def notice_list(request: HttpRequest) -> HttpResponse:
    """Every notice of one municipality (``?kommun=``), own wording or standard."""
    municipalities = list(configurable_municipalities(request.user))
    wanted = request.GET.get("kommun") or str(home_municipality_id(request.user) or "")
    chosen = next((m for m in municipalities if str(m.pk) == wanted), None)
    if chosen is None and municipalities:
        chosen = municipalities[0]
    own = set()
    if chosen is not None:
        own = set(
            NoticeText.objects.filter(municipality=chosen).values_list(
                "kind", "language", "channel"
            )
        )
    rows = [
        (
            kind,
            label,
            [
                (code, name, channel, channel_name, (kind, code, channel) in own)
                for code, name in settings.LANGUAGES
                for channel, channel_name in texts.CHANNELS
            ],
        )
        for kind, label in NoticeKind.choices
    ]
    return page(
        request,
        "staff/admin/notices.html",
        {"municipalities": municipalities, "chosen": chosen, "rows": rows},
    )


@requires("config.notices")
@require_http_methods(["GET", "POST"])
def notice_edit(
    request: HttpRequest, municipality_id: int, kind: str, language: str, channel: str
) -> HttpResponse:
    municipality = municipality_in_scope(request, municipality_id)
    _checked(kind, language, channel)
    own = NoticeText.objects.filter(
        municipality=municipality, kind=kind, language=language, channel=channel
    ).first()
    initial = {"subject": own.subject, "body": own.body} if own is not None else {}
    form = NoticeTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            texts.set_notice_text(
                staff=request.user,
                municipality=municipality,
                kind=kind,
                language=language,
                channel=channel,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                now=now(),
            )
        except NoticeTextInvalid as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Den egna texten är sparad."))
            return redirect(f"{reverse('staff:admin_notices')}?kommun={municipality.pk}")
    return page(
        request,
        "staff/admin/notice_form.html",
        {
            "form": form,
            "municipality": municipality,
            "own": own,
            "kind_label": NoticeKind(kind).label,
            "language_name": dict(settings.LANGUAGES)[language],
            "language": language,
            "channel_name": CHANNEL_NAMES[channel],
            "standard": _standard(kind, language, channel, municipality.region.name),
            "placeholders": texts.PLACEHOLDERS.items(),
        },
    )


@requires("config.notices")
@require_POST
def notice_reset(
    request: HttpRequest, municipality_id: int, kind: str, language: str, channel: str
) -> HttpResponse:
    municipality = municipality_in_scope(request, municipality_id)
    _checked(kind, language, channel)
    own = NoticeText.objects.filter(
        municipality=municipality, kind=kind, language=language, channel=channel
    ).first()
    if own is not None:
        texts.reset_notice_text(staff=request.user, notice_text=own, now=now())
        messages.success(request, _("Standardtexten gäller igen."))
    return redirect(f"{reverse('staff:admin_notices')}?kommun={municipality.pk}")
