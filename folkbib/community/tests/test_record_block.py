"""The record page's community block, and the one most visitors see: of a record nobody
has rated, tagged or reviewed, not signed in, kept once per language."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.template import RequestContext, engines
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from folkbib.community import selectors, services
from folkbib.community.tests.factories import make_record
from folkbib.core.sessions import SessionStore

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal_urls")]


def _block(page: str) -> str:
    return re.search(r'<section id="community".*?</section>', page, re.S).group(0)


def _page(client, record, query: str = "") -> str:
    response = client.get(reverse("portal:record", args=[record.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_sees_the_same_none_yet_block_on_every_quiet_record_but_its_own_return(
    client, pippi
):
    emil = make_record("Emil i Lönneberga")
    pippis, emils = _block(_page(client, pippi, "?a=1&b=2")), _block(_page(client, emil))
    pippi_next = f"/post/{pippi.pk}/%3Fa%3D1%26b%3D2"
    assert f'href="/logga-in/?next={pippi_next}"' in pippis
    assert f'href="/logga-in/?next=/post/{emil.pk}/"' in emils
    assert pippis.replace(pippi_next, "NEXT") == emils.replace(f"/post/{emil.pk}/", "NEXT")
    assert "Inga betyg ännu." in pippis and "Inga recensioner ännu." in pippis


def test_the_kept_block_is_what_the_template_makes_of_the_page(client, pippi):
    kept = _block(_page(client, pippi))
    request = RequestFactory().get(reverse("portal:record", args=[pippi.pk]))
    community = {
        "patron": None,
        "data": selectors.record_community(pippi, patron=None),
        "login_next": f"/post/{pippi.pk}/",
    }
    made = render_to_string(
        "portal/community/_record_block.html",
        {"record": pippi, "community": community},
        request=request,
    )
    assert kept == _block(made)


def test_the_kept_block_is_in_the_pages_language(client, pippi):
    assert "Inga betyg ännu." in _block(_page(client, pippi))
    client.cookies["django_language"] = "en"
    english = _block(_page(client, pippi))
    assert "No ratings yet." in english and "Inga betyg ännu." not in english
    client.cookies["django_language"] = "sv"
    assert "Inga betyg ännu." in _block(_page(client, pippi))


def test_a_visitors_messages_are_shown_in_the_block_of_a_quiet_record(pippi):
    request = RequestFactory().get(reverse("portal:record", args=[pippi.pk]))
    request.session = SessionStore()
    request._messages = CookieStorage(request)
    get_messages(request).add(constants.SUCCESS, "Du är utloggad.")
    template = engines["django"].engine.from_string(
        "{% load community %}{% record_community_block record %}"
    )
    block = template.render(RequestContext(request, {"record": pippi}))
    assert '<p class="message message-success">Du är utloggad.</p>' in block
    assert "Inga betyg ännu." in block


def test_a_visitor_sees_the_ratings_tags_and_reviews_a_record_has(client, anna, bertil, pippi, now):
    services.rate(patron=anna, record=pippi, stars=4, now=now)
    services.add_tag(patron=bertil, record=pippi, name="starka flickor", now=now)
    services.write_review(patron=anna, record=pippi, text="Rolig!", now=now)
    block = _block(_page(client, pippi))
    assert "Betyg 4,0 av 5 (1 betyg)" in block
    assert ">starka flickor</a>" in block
    assert "Rolig!" in block and "Läsande Anna" in block
    assert f'href="/logga-in/?next=/post/{pippi.pk}/"' in block


def _community_queries(client, record) -> int:
    with CaptureQueriesContext(connection) as captured:
        _page(client, record)
    return sum('"community_' in q["sql"] for q in captured.captured_queries)


def test_a_record_nobody_has_rated_tagged_or_reviewed_costs_a_visitor_one_read(client, pippi):
    assert _community_queries(client, pippi) == 1


def test_a_record_with_every_part_costs_a_visitor_a_read_for_each_and_one_more(
    client, anna, pippi, now
):
    services.rate(patron=anna, record=pippi, stars=4, now=now)
    services.add_tag(patron=anna, record=pippi, name="humor", now=now)
    services.write_review(patron=anna, record=pippi, text="Rolig!", now=now)
    assert _community_queries(client, pippi) == 4


def test_a_patron_on_a_quiet_record_reads_their_own_review_and_lists_besides(login, anna, pippi):
    # which parts, the patron's own review (perhaps hidden), their lists
    assert _community_queries(login(anna), pippi) == 3
