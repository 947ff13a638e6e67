"""The hooks ``folkbib serve`` gives gunicorn."""

from __future__ import annotations

import gc

from folkbib.operations import gunicorn_conf


def test_a_worker_freezes_what_it_loaded_before_serving():
    assert gc.get_freeze_count() == 0
    try:
        gunicorn_conf.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_worker_exiting_without_a_metrics_directory_marks_nothing(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)

    class Worker:
        pid = 12345

    gunicorn_conf.child_exit(server=None, worker=Worker())
