"""Suggestions as you type: titles by prefix, distinct, never more than asked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.catalog.selectors import title_suggestions
from folkbib.catalog.tests.search_helpers import make_record

pytestmark = pytest.mark.django_db


def titled(title: str):
    return make_record(title, sort_title=title.lower())


def test_titles_starting_with_the_typed_letters_are_suggested_once_each():
    for title in ("Pippi Långstrump", "Pippi Långstrump", "Pippi går ombord", "Emil i Lönneberga"):
        titled(title)
    assert title_suggestions("PIPPI") == ["Pippi går ombord", "Pippi Långstrump"]
    assert title_suggestions("p") == []  # one letter is too little to be useful
    assert title_suggestions("xyz") == []


def test_the_suggestion_endpoint_answers_json(client):
    titled("Bröderna Lejonhjärta")
    data = client.get(reverse("portal:suggestions"), {"q": "bröd"}).json()
    assert data == {"q": "bröd", "suggestions": ["Bröderna Lejonhjärta"]}
