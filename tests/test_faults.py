"""Faults: a worker killed (SIGKILL) in the middle of the jaarverslag.

The unreachable broker is in programmes/tests, the unreachable cache in tests/test_cache.py,
double submissions in the app tests (enrol, approve)."""

import io
import os
import signal
import time

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_a_worker_killed_mid_report_leaves_one_report_after_a_restart(
    celery_worker_process, board_user, settings
):
    from programmes import services
    from programmes.models import AnnualReport

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = celery_worker_process(FAULT_INJECTION_REPORT_DELAY="30", CELERY_VISIBILITY_TIMEOUT="3")
    report = services.report_request(year=2025, actor=board_user)
    assert _wait_for(lambda: AnnualReport.objects.get(pk=report.pk).state == "generating")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    # Redis hands an unacknowledged task out again once its visibility timeout (3 s here)
    # has passed; a worker starting after that picks it up.
    time.sleep(4)
    # The task was acknowledged late: a new worker gets it again and finishes it once.
    celery_worker_process(CELERY_VISIBILITY_TIMEOUT="3")
    ready = _wait_for(lambda: AnnualReport.objects.get(pk=report.pk).state == "ready", 150)
    report.refresh_from_db()
    assert ready, (report.state, report.attempts, report.failure_reason)
    assert report.file and report.attempts == 2
    assert AnnualReport.objects.count() == 1
