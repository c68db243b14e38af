"""A real Celery worker killed (SIGKILL) in the middle of sending a newsletter through a real
SMTP server: after the sweeper and a new worker, every subscriber has exactly one mail.

The worker is killed at the worst moment: the SMTP server has received one subscriber's mail
but not yet answered, so the worker cannot know it arrived. That mail is marked uncertain and
never sent again; everyone after it gets theirs from the new worker."""

import os
import signal
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from communications import sending, services
from communications.models import Delivery, Newsletter

from .factories import SubscriberFactory, newsletter_with_sections

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _states(newsletter):
    return sorted(Delivery.objects.filter(newsletter=newsletter).values_list("state", flat=True))


def test_a_worker_killed_halfway_resumes_without_mailing_anyone_twice(
    celery_worker_process, smtp_sink, settings
):
    subscribers = SubscriberFactory.create_batch(40)
    newsletter = newsletter_with_sections(2)
    in_flight = subscribers[14]  # the fifth of the second batch of ten
    smtp_sink.slow[in_flight.email] = 20
    worker_env = {
        "DJANGO_SETTINGS_MODULE": "communications.tests.smtp_settings",
        "TEST_SMTP_PORT": str(smtp_sink.port),
        "NEWSLETTER_BATCH_SIZE": "10",
        "NEWSLETTER_BATCH_PAUSE_SECONDS": "0.2",
    }
    first = celery_worker_process(**worker_env)
    assert services.newsletter_send(newsletter=newsletter) == 40  # queued after commit

    # The server has the in-flight mail and keeps the worker waiting for its answer.
    assert _wait_for(lambda: smtp_sink.received_by(in_flight.email), 90)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    states = _states(newsletter)
    assert (states.count("sent"), states.count("sending"), states.count("queued")) == (14, 1, 25)
    assert Delivery.objects.get(subscriber=in_flight).state == "sending"

    # A new worker alone does nothing: the killed worker's task stays with the broker for its
    # visibility timeout (an hour).
    celery_worker_process(**worker_env)
    time.sleep(3)
    assert _states(newsletter).count("queued") == 25

    # The sweeper (Celery beat, every minute) once the claim timeout has passed: the clock is
    # moved, the limit is not shortened.
    later = timezone.now() + timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT_SECONDS + 1)
    assert sending.sweep(now=later) == {"uncertain": 1, "resumed": 1, "finished": 0}
    assert _wait_for(lambda: Newsletter.objects.get(pk=newsletter.pk).status == "sent", 120)

    for subscriber in subscribers:
        assert len(smtp_sink.received_by(subscriber.email)) == 1, subscriber.email
    assert smtp_sink.count() == 40
    newsletter.refresh_from_db()
    assert (newsletter.recipients, newsletter.delivered, newsletter.failed) == (40, 39, 1)
    assert Delivery.objects.get(subscriber=in_flight).state == "uncertain"
