"""The talking kiosk (``/talking/``) and the staff's barcode sheet: edges that only translate.

The page works without JavaScript (a form: scan, hear, read); ``static/talking/kiosk.js``
adds the keys. Everything the kiosk says comes from here as ``{"text", "audio"}``: the
text for the screen and its aria-live region, the audio as a signed URL
(``/talking/speech/<token>``), so only sentences this server made are ever synthesised.
Listener settings (speed, volume, language) live in the kiosk's session only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from folkbib.catalog.models import Item, Record
from folkbib.circulation import selectors as circulation
from folkbib.consortium.models import Branch
from folkbib.core import clock
from folkbib.core.errors import FolkbibError
from folkbib.patrons.auth import login_patron, logout_patron, session_patron
from folkbib.staff.access import staff_only
from folkbib.talking import barcodes, descriptions, rfid, selectors, services
from folkbib.talking.errors import SpeechFailed
from folkbib.talking.models import Kiosk
from folkbib.talking.responses import audio_response
from folkbib.talking.shaping import Utterance, to_text
from folkbib.talking.speech import FORMATS, Prosody

SALT = "folkbib.talking.speech"
MAX_TOKEN = 6000
SESSION_SETTINGS = "talking_settings"
SESSION_KIOSK = "talking_kiosk_id"
LANGUAGES = ("sv", "en")
RATE_STEP, VOLUME_STEP = 25, 20
# The kiosk page may use the camera (phone mode); every other page may not.
KIOSK_PERMISSIONS = "camera=(self), geolocation=(), microphone=(), payment=()"


# -- the listener's session ------------------------------------------------------------------


def _kiosk(request: HttpRequest) -> Kiosk | None:
    return selectors.active_kiosk(request.session.get(SESSION_KIOSK, ""))


def _settings(request: HttpRequest) -> dict[str, Any]:
    stored = request.session.get(SESSION_SETTINGS) or {}
    language = stored.get("language")
    if language not in LANGUAGES:
        kiosk = _kiosk(request)
        site = getattr(request, "LANGUAGE_CODE", "sv")
        language = kiosk.default_language if kiosk else (site if site in LANGUAGES else "sv")
    prosody = Prosody.clamped(rate=stored.get("rate", 175), volume=stored.get("volume", 100))
    return {"language": language, "rate": prosody.rate, "volume": prosody.volume}


def _prosody(request: HttpRequest) -> Prosody:
    chosen = _settings(request)
    return Prosody.clamped(rate=chosen["rate"], volume=chosen["volume"])


def kiosk_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Speak the listener's language (their choice, else the kiosk's, else the site's)."""

    @wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override(_settings(request)["language"]):
            return view(request, *args, **kwargs)

    return wrapper


# -- what is said ----------------------------------------------------------------------------


def say(utterance: Utterance) -> dict[str, str]:
    token = signing.dumps(utterance.to_json(), salt=SALT, compress=True)
    return {"text": to_text(utterance), "audio": reverse("talking:speech", args=[token])}


def say_text(text: str) -> dict[str, str]:
    return say(descriptions.phrase(text))


def _prompts() -> dict[str, dict[str, str]]:
    texts = {
        "welcome": _(
            "Välkommen till talboksbiblioteket. Skanna en bok, eller skriv streckkod eller "
            "ISBN och tryck Enter. Tryck 6 för hjälp."
        ),
        "help": _(
            "Efter en skanning: tryck 1 för mer om boken, 2 för var den finns, 3 för att "
            "reservera, 0 för att höra igen. Escape tystar. 4 bläddrar bland talböcker och "
            "ljudböcker, 5 ger inställningar, 6 hjälp. I en lista flyttar pilarna och Enter väljer."
        ),
        "nothing": _("Skanna eller välj en bok först."),
        "card": _("Skriv numret på ditt lånekort och tryck Enter."),
        "pin": _("Skriv din PIN-kod och tryck Enter."),
        "cancelled": _("Avbrutet."),
        "end": _("Slut på listan."),
        "top": _("Början av listan."),
        "stopped": _("Tyst."),
        "camera_on": _("Kameran är på. Håll streckkoden framför kameran."),
        "camera_missing": _(
            "Den här webbläsaren kan inte läsa streckkoder med kameran. Skriv ISBN i stället."
        ),
        "wait": _("Ett ögonblick."),
    }
    return {key: say_text(text) for key, text in texts.items()}


def _spoken_record(
    record: Record, level: str, *, item: Item | None = None, here: Branch | None = None
) -> dict[str, Any]:
    utterance = descriptions.describe(record, level, item=item, here=here)
    return {
        "say": say(utterance),
        "record": record.pk,
        "item": item.barcode if item else "",
        "title": record.title,
    }


def _lookup(request: HttpRequest, code: str) -> tuple[dict[str, Any], int]:
    try:
        found = selectors.find(code)
    except rfid.RfidError:
        return {"say": say_text(_("RFID-etiketten gick inte att läsa. Försök igen."))}, 422
    if found is None:
        return {
            "say": say_text(
                _("Hittade ingen bok med numret %(code)s.") % {"code": " ".join(code[:40])}
            )
        }, 404
    kiosk = _kiosk(request)
    here = kiosk.branch if kiosk else None
    return _spoken_record(found.record, "short", item=found.item, here=here), 200


# -- the kiosk page --------------------------------------------------------------------------

SESSION_COUNTED = "talking_counted_on"


def _count_visitor(request: HttpRequest) -> None:
    """Count this listener once a day in the anonymous statistics (reloads are not visits)."""
    now = clock.now()
    today = clock.local_date(now).isoformat()
    if request.session.get(SESSION_COUNTED) != today:
        kiosk = _kiosk(request)
        services.count_visit(branch=kiosk.branch if kiosk else None, now=now)
        request.session[SESSION_COUNTED] = today


@kiosk_view
@require_GET
def kiosk(request: HttpRequest) -> HttpResponse:
    if "kiosk" in request.GET:
        chosen = selectors.active_kiosk(request.GET["kiosk"])
        if chosen is not None:
            request.session[SESSION_KIOSK] = chosen.pk
            request.session.pop(SESSION_SETTINGS, None)
            translation.activate(_settings(request)["language"])
    _count_visitor(request)
    result = None
    status = 200
    code = request.GET.get("code", "").strip()
    if code:
        result, status = _lookup(request, code)
    response = render(
        request,
        "talking/kiosk.html",
        {
            "prompts": _prompts(),
            "result": result,
            "code": code,
            "settings": _settings(request),
            "kiosk": _kiosk(request),
            "patron": session_patron(request),
        },
        status=status,
    )
    response["Permissions-Policy"] = KIOSK_PERMISSIONS
    return response


@kiosk_view
@require_POST
def lookup(request: HttpRequest) -> JsonResponse:
    data, status = _lookup(request, request.POST.get("code", ""))
    return JsonResponse(data, status=status)


@kiosk_view
@require_GET
def describe(request: HttpRequest, record_id: int, level: str) -> JsonResponse:
    if level not in descriptions.LEVELS:
        raise Http404
    record = get_object_or_404(
        Record.objects.defer("marc") if level != "full" else Record.objects, pk=record_id
    )
    item = (
        selectors.item_by_barcode(request.GET.get("item", "")) if request.GET.get("item") else None
    )
    if item is not None and item.record_id != record.pk:
        item = None
    kiosk = _kiosk(request)
    return JsonResponse(
        _spoken_record(record, level, item=item, here=kiosk.branch if kiosk else None)
    )


@never_cache
@require_GET
def speech(request: HttpRequest, token: str) -> HttpResponseBase:
    if len(token) > MAX_TOKEN:
        raise Http404
    try:
        utterance = Utterance.from_json(signing.loads(token, salt=SALT))
    except signing.BadSignature as error:
        raise Http404 from error
    try:
        spoken = services.speak(utterance, prosody=_prosody(request), audio_format=FORMATS["wav"])
    except SpeechFailed as error:
        return JsonResponse({"error": "speech_failed", "message": error.message}, status=503)
    return audio_response(request, spoken, language=utterance.language)


# -- browsing by ear -------------------------------------------------------------------------


def _entry(text: str, **action: Any) -> dict[str, Any]:
    return {"say": say_text(text), **action}


def _record_entries(records: list[Record]) -> list[dict[str, Any]]:
    return [{"say": say(descriptions.short(record)), "open": record.pk} for record in records]


def _menu(title: str, entries: list[dict[str, Any]], empty: str = "") -> JsonResponse:
    if not entries and empty:
        return JsonResponse({"say": say_text(empty), "entries": []})
    heading = ngettext("%(title)s. Ett val.", "%(title)s. %(count)d val.", len(entries))
    return JsonResponse(
        {"say": say_text(heading % {"title": title, "count": len(entries)}), "entries": entries}
    )


@kiosk_view
@require_GET
def browse(request: HttpRequest) -> JsonResponse:
    menu = [
        _entry(_("Talböcker och ljudböcker efter genre"), menu=reverse("talking:genres")),
        _entry(_("Nya talböcker och ljudböcker"), menu=reverse("talking:new")),
        _entry(_("Mina lån"), menu=reverse("talking:loans"), needs_patron=True),
    ]
    return _menu(_("Bläddra"), menu)


@kiosk_view
@require_GET
def genres(request: HttpRequest) -> JsonResponse:
    entries = [
        _entry(
            ngettext("%(genre)s, en titel", "%(genre)s, %(count)d titlar", count)
            % {"genre": genre, "count": count},
            menu=f"{reverse('talking:genre')}?{_query(genre=genre)}",
        )
        for genre, count in selectors.spoken_genres()
    ]
    return _menu(_("Genrer"), entries, empty=_("Det finns inga talböcker eller ljudböcker."))


def _query(**params: str) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


@kiosk_view
@require_GET
def genre(request: HttpRequest) -> JsonResponse:
    name = request.GET.get("genre", "")[:200]
    records = selectors.spoken_records(genre=name)
    return _menu(name or _("Alla"), _record_entries(records), empty=_("Inga titlar."))


@kiosk_view
@require_GET
def new_arrivals(request: HttpRequest) -> JsonResponse:
    return _menu(
        _("Nya talböcker och ljudböcker"),
        _record_entries(selectors.new_spoken_arrivals()),
        empty=_("Inga nya titlar."),
    )


@kiosk_view
@require_GET
def loans(request: HttpRequest) -> JsonResponse:
    patron = session_patron(request)
    if patron is None:
        return JsonResponse(
            {"say": say_text(_("Logga in först.")), "needs_patron": True}, status=403
        )
    entries = []
    for loan in circulation.active_loans(patron):
        utterance = descriptions.short(loan.item.record)
        due = descriptions.phrase(
            " " + _("Lämnas tillbaka senast %(date)s.") % {"date": descriptions._day(loan.due_date)}
        )
        entries.append({"say": say(utterance + due), "open": loan.item.record_id})
    return _menu(_("Mina lån"), entries, empty=_("Du har inga lån just nu."))


# -- signing in and reserving ----------------------------------------------------------------


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


@kiosk_view
@require_POST
def sign_in(request: HttpRequest) -> JsonResponse:
    try:
        patron = services.sign_in(
            card_number=request.POST.get("card", ""),
            pin=request.POST.get("pin", ""),
            address=_address(request),
            now=clock.now(),
        )
    except FolkbibError as error:
        return JsonResponse({"say": say_text(error.message), "ok": False}, status=403)
    settings = request.session.get(SESSION_SETTINGS)
    kiosk_id = request.session.get(SESSION_KIOSK)
    login_patron(request, patron)
    # The listener's settings and the kiosk survive the new session key.
    if settings is not None:
        request.session[SESSION_SETTINGS] = settings
    if kiosk_id is not None:
        request.session[SESSION_KIOSK] = kiosk_id
    text = _("Du är inloggad, %(name)s.") % {"name": patron.first_name}
    return JsonResponse({"say": say_text(text), "ok": True})


@kiosk_view
@require_POST
def sign_out(request: HttpRequest) -> JsonResponse:
    settings = request.session.get(SESSION_SETTINGS)
    kiosk_id = request.session.get(SESSION_KIOSK)
    logout_patron(request)
    if settings is not None:
        request.session[SESSION_SETTINGS] = settings
    if kiosk_id is not None:
        request.session[SESSION_KIOSK] = kiosk_id
    return JsonResponse({"say": say_text(_("Du är utloggad."))})


@kiosk_view
@require_GET
def pickup_branches(request: HttpRequest) -> JsonResponse:
    patron = session_patron(request)
    kiosk = _kiosk(request)
    first = kiosk.branch if kiosk else (patron.home_branch if patron else None)
    entries = [
        _entry(branch.name, branch=branch.pk) for branch in selectors.pickup_branches(first=first)
    ]
    return _menu(_("Välj var du vill hämta boken. Pil upp och ned flyttar, Enter väljer."), entries)


@kiosk_view
@require_POST
def reserve(request: HttpRequest) -> JsonResponse:
    patron = session_patron(request)
    if patron is None:
        return JsonResponse(
            {"say": say_text(_("Logga in först.")), "needs_patron": True}, status=403
        )
    record = Record.objects.defer("marc").filter(pk=request.POST.get("record") or 0).first()
    branch = Branch.objects.filter(pk=request.POST.get("branch") or 0).first()
    if record is None or branch is None:
        return JsonResponse({"say": say_text(_("Boken eller biblioteket finns inte."))}, status=400)
    try:
        services.reserve(patron=patron, record=record, pickup_branch=branch, now=clock.now())
    except FolkbibError as error:
        return JsonResponse({"say": say_text(error.message), "ok": False}, status=409)
    text = _("%(title)s är reserverad. Du hämtar den på %(branch)s.") % {
        "title": record.title,
        "branch": branch.name,
    }
    return JsonResponse({"say": say_text(text), "ok": True})


# -- listener settings -----------------------------------------------------------------------


@kiosk_view
@require_GET
def settings_menu(request: HttpRequest) -> JsonResponse:
    current = _settings(request)
    other = "en" if current["language"] == "sv" else "sv"
    entries = [
        _entry(_("Snabbare tal"), setting="faster"),
        _entry(_("Långsammare tal"), setting="slower"),
        _entry(_("Högre volym"), setting="louder"),
        _entry(_("Lägre volym"), setting="softer"),
        {
            "say": say(descriptions.phrase("Talk English" if other == "en" else "Tala svenska")),
            "setting": f"language-{other}",
        },
    ]
    return _menu(_("Inställningar"), entries)


@kiosk_view
@require_POST
def change_setting(request: HttpRequest) -> JsonResponse:
    current = _settings(request)
    change = request.POST.get("setting", "")
    if change == "faster":
        current["rate"] += RATE_STEP
    elif change == "slower":
        current["rate"] -= RATE_STEP
    elif change == "louder":
        current["volume"] += VOLUME_STEP
    elif change == "softer":
        current["volume"] -= VOLUME_STEP
    elif change.startswith("language-") and change[9:] in LANGUAGES:
        current["language"] = change[9:]
    else:
        return JsonResponse({"say": say_text(_("Okänd inställning."))}, status=400)
    prosody = Prosody.clamped(rate=current["rate"], volume=current["volume"])
    request.session[SESSION_SETTINGS] = {
        "language": current["language"],
        "rate": prosody.rate,
        "volume": prosody.volume,
    }
    with translation.override(current["language"]):
        if change.startswith("language-"):
            text = _("Svenska valt.") if current["language"] == "sv" else _("English chosen.")
        elif change in ("faster", "slower"):
            text = _("Talhastighet %(rate)d ord per minut.") % {"rate": prosody.rate}
        else:
            text = _("Volym %(volume)d procent.") % {"volume": prosody.volume}
        return JsonResponse({"say": say_text(text), "reload": change.startswith("language-")})


# -- staff: a printable sheet of barcodes ----------------------------------------------------


@staff_only
@require_GET
def barcode_sheet(request: HttpRequest) -> HttpResponse:
    branches = list(Branch.objects.filter(is_active=True).order_by("name"))
    chosen = None
    branch_id = request.GET.get("branch", "")
    if branch_id.isdigit():
        chosen = next((b for b in branches if b.pk == int(branch_id)), None)
    symbology = "qr" if request.GET.get("as") == "qr" else "code128"
    items = selectors.shelf_items(branch=chosen) if chosen else []
    labels = [
        {"item": item, "svg": barcodes.svg(item.barcode, symbology=symbology)} for item in items
    ]
    return render(
        request,
        "talking/sheet.html",
        {"branches": branches, "branch": chosen, "labels": labels, "symbology": symbology},
    )
