"""What the kiosk says about a title at each level, in Swedish and English."""

from __future__ import annotations

import pytest
from django.utils import translation

from folkbib.portal.tests.catalogue import Catalogue
from folkbib.talking import descriptions
from folkbib.talking.shaping import to_ssml, to_text


@pytest.mark.django_db
def test_the_short_description_says_title_author_and_medium(catalogue: Catalogue):
    with translation.override("sv"):
        assert to_text(descriptions.short(catalogue.emil)) == (
            "Emil i Lönneberga, av Astrid Lindgren. Talbok."
        )
    with translation.override("en"):
        assert to_text(descriptions.short(catalogue.emil)) == (
            "Emil i Lönneberga, by Astrid Lindgren. Talking book."
        )


@pytest.mark.django_db
def test_a_swedish_title_in_an_english_sentence_gets_the_swedish_voice(catalogue: Catalogue):
    with translation.override("en"):
        ssml = to_ssml(descriptions.short(catalogue.pippi), voices={"sv", "en"})
    assert '<voice xml:lang="sv">Pippi Långstrump</voice>' in ssml


@pytest.mark.django_db
def test_the_full_description_adds_summary_edition_and_year(catalogue: Catalogue):
    with translation.override("sv"):
        utterance = descriptions.full(catalogue.pippi)
    text = to_text(utterance)
    assert text.startswith("Pippi Långstrump, av Astrid Lindgren. Bok. Pippi bor ensam")
    assert "Ingår i serien Pippi." in text
    assert "1. uppl." in text and "Utgiven 1945." in text
    ssml = to_ssml(utterance)
    assert "första upplagan" in ssml and "nittonhundrafyrtiofem" in ssml


@pytest.mark.django_db
def test_availability_names_the_shelves_and_the_queue(catalogue: Catalogue):
    with translation.override("sv"):
        text = to_text(descriptions.availability(catalogue.pippi))
    assert "Finns på hyllan på Holmsunds bibliotek, hylla Hcf." in text
    assert "Finns på hyllan på Umeå stadsbibliotek, hylla Hcf Lindgren." in text
    assert "Ingen står i kö." in text


@pytest.mark.django_db
def test_availability_of_a_title_out_on_loan_says_when_it_is_back(catalogue: Catalogue):
    with translation.override("sv"):
        text = to_text(descriptions.availability(catalogue.lejonhjarta))
    assert text.startswith("Alla exemplar är utlånade. Först tillbaka väntas ett den 10 december.")
    with translation.override("en"):
        text = to_text(descriptions.availability(catalogue.lejonhjarta))
    assert text.startswith("Every copy is on loan. The first is due back on 10 December.")


@pytest.mark.django_db
def test_the_kiosk_branch_is_named_first(catalogue: Catalogue):
    here = catalogue.branches["vindeln"]
    with translation.override("sv"):
        text = to_text(descriptions.availability(catalogue.pippi, here=here))
    assert text.startswith("Finns på hyllan på Vindelns bibliotek")
