"""/healthz and /readyz as a load balancer sees them."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_a_live_process_says_ok_without_asking_anything_else(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_node_with_database_and_index_is_ready_and_names_its_speech_engine(client, fake_engine):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert {name for name, check in body["checks"].items() if check["ok"]} == {
        "database",
        "search_index",
        "speech_engine",
    }
    assert body["checks"]["speech_engine"]["detail"].startswith("fake")


@pytest.mark.django_db
def test_a_node_whose_search_index_cannot_open_is_taken_out_of_service(
    client, settings, tmp_path, fake_engine
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the index directory should be")
    settings.SEARCH_INDEX_DIR = blocker / "index"

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["search_index"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_a_missing_speech_engine_is_reported_but_the_site_stays_in_service(client, settings):
    settings.SPEECH_ENGINE = "folkbib.operations.tests.test_health.NoSuchEngine"

    response = client.get("/readyz")

    assert response.status_code == 200
    speech = response.json()["checks"]["speech_engine"]
    assert speech == {**speech, "ok": False, "required": False}
