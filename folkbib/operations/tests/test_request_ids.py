"""Request ids in responses and in every log line; JSON log lines a shipper can read."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from folkbib.operations import requestids
from folkbib.operations.logs import JsonFormatter


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_a_proxys_own_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    again = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32 and made != again

    kept = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")
    assert kept["X-Request-ID"] == "lb-7f3a9c21-0001"


@pytest.mark.django_db
def test_a_request_id_that_could_forge_log_lines_is_replaced(client):
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" level=ERROR\nfake line')
    assert forged["X-Request-ID"] != 'x" level=ERROR\nfake line'
    assert len(forged["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_the_access_log_line_has_the_requests_id_route_and_status(client, caplog):
    with caplog.at_level(logging.INFO, logger="folkbib.requests"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="trace-12345678")
    (record,) = [r for r in caplog.records if r.name == "folkbib.requests"]
    line = json.loads(JsonFormatter().format(record))
    assert response["X-Request-ID"] == "trace-12345678"
    assert line["request_id"] == "trace-12345678"
    assert (line["route"], line["status"], line["method"]) == ("healthz", 200, "GET")
    assert line["level"] == "INFO" and line["logger"] == "folkbib.requests"


def test_a_log_line_written_during_a_request_names_it_and_a_traceback_stays_in_one_line():
    token = requestids.begin("req-abcdef12")
    try:
        try:
            raise ValueError("the scanner sent nothing")
        except ValueError:
            record = logging.LogRecord(
                "folkbib.x", logging.ERROR, __file__, 1, "failed %s", ("x",), None
            )
            record.exc_info = sys.exc_info()
        requestids.RequestIdFilter().filter(record)
    finally:
        requestids.end(token)

    text = JsonFormatter().format(record)

    assert "\n" not in text
    line = json.loads(text)
    assert line["message"] == "failed x"
    assert line["request_id"] == "req-abcdef12"
    assert "ValueError: the scanner sent nothing" in line["exc_info"]
    assert requestids.current() == ""
