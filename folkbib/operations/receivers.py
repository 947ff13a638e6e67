"""Counting circulation from the signals Django sends for the domain's own writes.

Every checkout, renewal, checkin and hold writes one anonymous ``CirculationEvent``
(``circulation.services.common.record_event``), whichever edge asked for it. Listening
to that row's ``post_save`` counts them all without circulation knowing this app
exists (domain apps never import operations), and ``on_commit`` counts only what was
really committed: a refused or rolled-back checkout is not a checkout.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from folkbib.circulation.jobs import JobResult, job_finished
from folkbib.circulation.models import CirculationEvent
from folkbib.operations import metrics

_UID = "folkbib.operations.count_circulation_event"
_JOB_UID = "folkbib.operations.time_job"


def count_circulation_event(
    sender: type[CirculationEvent], instance: CirculationEvent, created: bool, **kwargs: Any
) -> None:
    if created:
        transaction.on_commit(partial(metrics.circulation_event, instance.kind))


def time_job(sender: Any, result: JobResult, **kwargs: Any) -> None:
    metrics.observe_job(job=result.name, seconds=result.seconds, ok=result.ok)


def connect() -> None:
    post_save.connect(count_circulation_event, sender=CirculationEvent, dispatch_uid=_UID)
    job_finished.connect(time_job, dispatch_uid=_JOB_UID)


def disconnect() -> None:
    post_save.disconnect(sender=CirculationEvent, dispatch_uid=_UID)
    job_finished.disconnect(dispatch_uid=_JOB_UID)
