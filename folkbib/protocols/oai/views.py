"""The /oai endpoint: HTTP in, the protocol's XML out (GET and POST alike)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .arguments import parse_request
from .errors import BadArgument, BadVerb, OaiError
from .responses import envelope, error_element
from .verbs import Context, answer


@csrf_exempt  # harvesters POST forms without a session; nothing here changes state
@require_http_methods(["GET", "POST"])
def oai(request: HttpRequest) -> HttpResponse:
    query = request.POST if request.method == "POST" else request.GET
    arguments = {name: query.getlist(name) for name in query}
    context = Context(base_url=request.build_absolute_uri(reverse("oai:oai")), now=timezone.now())
    echoed = {name: values[0] for name, values in arguments.items() if len(values) == 1}
    try:
        body = answer(parse_request(arguments), context)
    except OaiError as error:
        if isinstance(error, BadVerb | BadArgument):
            echoed = {}
        body = error_element(error)
    document = envelope(body, base_url=context.base_url, now=context.now, echoed=echoed)
    return HttpResponse(document, content_type="text/xml; charset=utf-8")
