"""GET /api/v1/talking/items/{barcode} and /records/{id}: the spoken description as audio."""

from __future__ import annotations

import pytest

from folkbib.portal.tests.catalogue import Catalogue
from folkbib.talking.tests.audio import probe

PIPPI_BARCODE = "30000001"  # the first item of the test catalogue


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "accept", "codec", "rate", "content_type"),
    [
        ("", "", "pcm_s16le", 22050, "audio/wav"),
        ("?format=opus", "", "opus", 48000, "audio/ogg; codecs=opus"),
        ("?format=mp3", "", "mp3", 22050, "audio/mpeg"),
        ("", "audio/mpeg", "mp3", 22050, "audio/mpeg"),
        ("", "audio/ogg;q=0.9, audio/wav;q=0.5", "opus", 48000, "audio/ogg; codecs=opus"),
    ],
)
def test_an_item_is_spoken_in_the_asked_format(
    client, catalogue: Catalogue, espeak, query, accept, codec, rate, content_type
):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(f"/api/v1/talking/items/{PIPPI_BARCODE}{query}", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Language"] == "sv"
    info = probe(_body(response))
    assert (info["codec"], info["sample_rate"]) == (codec, rate)
    assert float(info["duration"]) > 1  # type: ignore[arg-type]


@pytest.mark.django_db
def test_the_levels_say_more_and_more(client, catalogue: Catalogue, espeak):
    durations = {}
    for level in ("short", "full"):
        response = client.get(f"/api/v1/talking/records/{catalogue.pippi.pk}?level={level}")
        assert response.status_code == 200
        durations[level] = probe(_body(response))["duration"]
    assert durations["full"] > durations["short"]
    availability = client.get(f"/api/v1/talking/records/{catalogue.pippi.pk}?level=availability")
    assert availability.status_code == 200


@pytest.mark.django_db
def test_a_repeated_request_is_served_from_the_cache_and_revalidates(
    client, catalogue: Catalogue, fake_engine
):
    url = f"/api/v1/talking/items/{PIPPI_BARCODE}?rate=220&volume=80"
    first = client.get(url)
    second = client.get(url)
    assert len(fake_engine.calls) == 1
    assert fake_engine.calls[0][2].rate == 220
    assert first["ETag"] == second["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert len(fake_engine.calls) == 1


@pytest.mark.django_db
def test_english_is_spoken_on_request(client, catalogue: Catalogue, fake_engine):
    response = client.get(f"/api/v1/talking/records/{catalogue.hobbit.pk}?lang=en")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    ssml, voice, _prosody = fake_engine.calls[0]
    assert voice == "en"
    assert "The hobbit" in ssml and "by J R R Tolkien" in ssml


@pytest.mark.django_db
def test_unknown_things_are_json_errors(client, catalogue: Catalogue, fake_engine):
    assert client.get("/api/v1/talking/items/99999999").status_code == 404
    assert client.get("/api/v1/talking/records/999999").json()["error"] == "not_found"
    url = f"/api/v1/talking/items/{PIPPI_BARCODE}"
    assert client.get(url + "?level=everything").status_code == 400
    assert client.get(url + "?format=flac").status_code == 406
    assert client.get(url, HTTP_ACCEPT="application/json").status_code == 406
    assert client.get(url + "?lang=de").status_code == 400
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_the_openapi_document_lists_the_talking_routes(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert {"/talking/items/{barcode}", "/talking/records/{id}"} <= set(spec["paths"])
