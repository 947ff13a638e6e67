"""Patron B walks every write URL of patron A's content and gets 404 (or 403), never a change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from folkbib.community import services
from folkbib.community.models import ListEntry, ReadingList, Review, Tagging

pytestmark = pytest.mark.usefixtures("portal_urls")


@pytest.fixture
def annas(anna, pippi, now):
    review = services.write_review(patron=anna, record=pippi, text="Annas recension", now=now)
    tagging = services.add_tag(patron=anna, record=pippi, name="annas tagg", now=now)
    private = services.create_list(patron=anna, name="Annas hemliga", now=now)
    public = services.create_list(patron=anna, name="Annas öppna", is_public=True, now=now)
    entry = services.add_entry(patron=anna, reading_list=public, record=pippi, now=now)
    return {
        "review": review,
        "tagging": tagging,
        "private": private,
        "public": public,
        "entry": entry,
    }


def test_another_patron_cannot_touch_annas_content(login, bertil, pippi, annas):
    client = login(bertil)
    attempts = [
        ("post", reverse("portal:untag_record", args=[pippi.pk, annas["tagging"].pk]), {}),
        ("post", reverse("portal:delete_review", args=[pippi.pk]), {}),
        ("get", reverse("portal:reading_list", args=[annas["private"].pk]), {}),
        ("get", reverse("portal:edit_reading_list", args=[annas["public"].pk]), {}),
        (
            "post",
            reverse("portal:edit_reading_list", args=[annas["public"].pk]),
            {"name": "Bertils nu"},
        ),
        ("post", reverse("portal:delete_reading_list", args=[annas["public"].pk]), {}),
        ("post", reverse("portal:delete_reading_list", args=[annas["private"].pk]), {}),
        (
            "post",
            reverse(
                "portal:remove_from_reading_list", args=[annas["public"].pk, annas["entry"].pk]
            ),
            {},
        ),
        (
            "post",
            reverse("portal:add_to_list", args=[pippi.pk]),
            {"list": str(annas["private"].pk)},
        ),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data)
        assert response.status_code in (403, 404), (method, url, response.status_code)
    assert Review.objects.get().text == "Annas recension"
    assert Tagging.objects.filter(pk=annas["tagging"].pk).exists()
    assert sorted(ReadingList.objects.values_list("name", flat=True)) == [
        "Annas hemliga",
        "Annas öppna",
    ]
    assert ListEntry.objects.count() == 1


def test_bertils_review_page_edits_only_his_own_review(login, bertil, pippi, annas):
    client = login(bertil)
    page = client.get(reverse("portal:review", args=[pippi.pk])).content.decode()
    assert "Annas recension" not in page
    client.post(reverse("portal:review", args=[pippi.pk]), {"text": "Bertils"})
    assert sorted(Review.objects.values_list("text", flat=True)) == ["Annas recension", "Bertils"]


def test_the_record_page_offers_removal_of_own_tags_only(login, bertil, pippi, annas, now):
    services.add_tag(patron=bertil, record=pippi, name="bertils tagg", now=now)
    page = login(bertil).get(reverse("portal:record", args=[pippi.pk])).content.decode()
    assert "Ta bort min tagg ”bertils tagg”" in page
    assert "Ta bort min tagg ”annas tagg”" not in page
