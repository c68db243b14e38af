"""The outbox under faults, with a real Celery worker (a process of its own, on Redis and
PostgreSQL) and a real SMTP server (aiosmtpd) on this machine, at production timings: the
retry pauses, the claim timeout and the requeue time are the production ones; where a test
cannot wait for them, it moves the sweeper's clock (what Celery beat runs every minute).

- the SMTP server refuses one recipient twice for now (451): that recipient gets the mail
  at the third attempt, everyone else at the first, nobody twice (before the outbox the
  helpdesk and Academie tasks retried their whole recipient loop: up to six copies);
- the SMTP server is down during a nieuwsbrief sign-up: the visitor gets the page, not a
  500, and the confirmation arrives once the server is back;
- the worker is killed (SIGKILL) while the server holds a mail unanswered: that mail is
  marked uncertain and not sent again, the rest go out, nobody gets two;
- Redis is down when a mail is queued: the row waits, and the sweeper queues it once Redis
  is back.
"""

import os
import signal
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications.tests.conftest import SmtpSink
from outbox import services
from outbox.models import OutgoingMail
from tests.test_faults import (  # noqa: F401
    _free_port,
    _wait_for,
    own_redis,
    redis_as_cache_and_broker,
)

pytestmark = pytest.mark.django_db(transaction=True)

State = OutgoingMail.State


class RefusingForNow(SmtpSink):
    """The sink, refusing the addresses in `temporary` with a 451 at RCPT that many times."""

    def __init__(self):
        super().__init__()
        self.temporary = {}
        self.refusals = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.temporary.get(address):
            self.temporary[address] -= 1
            self.refusals[address] = self.refusals.get(address, 0) + 1
            return "451 4.7.1 Try again later"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


@pytest.fixture
def smtp_server():
    """A real SMTP server on a port chosen now, started when the test says so."""
    from aiosmtpd.controller import Controller

    port = _free_port()
    sink = RefusingForNow()
    controllers = []

    def start():
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return sink

    yield type("SmtpServer", (), {"port": port, "sink": sink, "start": start})
    for controller in controllers:
        controller.stop()


def _worker_env(port):
    return {
        "DJANGO_SETTINGS_MODULE": "communications.tests.smtp_settings",
        "TEST_SMTP_PORT": str(port),
    }


def _sweep_after(seconds):
    """The sweeper as beat runs it, `seconds` from now."""
    return services.sweep(now=timezone.now() + timedelta(seconds=seconds))


def _rows(**filters):
    return {row.to: row for row in OutgoingMail.objects.filter(**filters)}


def _edition_with(people):
    from academy.models import Enrolment
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions(capacity=len(people))
    for person in people:  # enrolled without mails of their own: only the change is mailed
        Enrolment.objects.create(edition=edition, person=person, status="confirmed", price=0)
    return edition


def test_a_recipient_refused_twice_for_now_gets_one_mail_and_everyone_else_one_too(
    celery_worker_process, smtp_server, settings
):
    from academy import services as academy
    from members.tests.factories import PersonFactory

    sink = smtp_server.start()
    people = PersonFactory.create_batch(6)
    refused = people[2].email
    sink.temporary[refused] = 2
    edition = _edition_with(people)
    celery_worker_process(**_worker_env(smtp_server.port))

    academy.edition_changed_by_staff(edition=edition, cancelled=True)
    others = [person.email for person in people if person.email != refused]
    assert _wait_for(lambda: all(sink.received_by(email) for email in others), 60)
    row = lambda: OutgoingMail.objects.get(to=refused)  # noqa: E731
    assert (row().state, row().attempts) == (State.QUEUED, 1) and "451" in row().error

    # The task tries that row again itself after the first pause (30 seconds)...
    assert _wait_for(lambda: row().attempts == 2 and row().state == State.QUEUED, 90)
    assert sink.refusals[refused] == 2
    # ...and the second pause (two minutes) is waited for by moving the sweeper's clock.
    due = (row().next_attempt_at - timezone.now()).total_seconds()
    assert due > 60
    assert _sweep_after(due + settings.OUTBOX_REQUEUE_AFTER_SECONDS + 1)["queued"] == 1
    assert _wait_for(lambda: row().state == State.SENT, 60), row().error

    for person in people:
        received = sink.received_by(person.email)
        assert len(received) == 1, person.email
        assert received[0]["Subject"].startswith("[Ingrado] Geannuleerd:")
    assert sink.count() == len(people)
    assert row().attempts == 3
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {State.SENT}


def test_a_sign_up_while_the_mail_server_is_down_answers_and_the_confirmation_follows(
    celery_worker_process, smtp_server, settings
):
    from communications.models import Subscriber

    celery_worker_process(**_worker_env(smtp_server.port))  # nothing listens on the port yet
    response = Client().post(reverse("communications:subscribe"), {"email": "nieuw@gemeente.nl"})
    assert response.status_code in (200, 302)
    row = lambda: OutgoingMail.objects.get(to="nieuw@gemeente.nl")  # noqa: E731
    assert _wait_for(lambda: row().attempts == 1 and row().state == State.QUEUED, 60)
    assert "refused" in row().error.lower()

    sink = smtp_server.start()
    due = (row().next_attempt_at - timezone.now()).total_seconds()
    _sweep_after(due + settings.OUTBOX_REQUEUE_AFTER_SECONDS + 1)
    assert _wait_for(lambda: row().state == State.SENT, 60), row().error
    [message] = sink.received_by("nieuw@gemeente.nl")
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "/nieuwsbrief/bevestigen/" in body
    # The task's own retry (queued after the first pause) finds the row sent: it sends nothing.
    from outbox.tasks import send_outgoing_mail

    assert send_outgoing_mail.apply(args=[row().pk]).get() == "skipped"
    assert len(sink.received_by("nieuw@gemeente.nl")) == 1
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_worker_killed_while_a_mail_is_handed_over_leaves_it_uncertain_and_nobody_gets_two(
    celery_worker_process, smtp_server, settings, staff_user
):
    from academy import services as academy
    from members.tests.factories import PersonFactory

    sink = smtp_server.start()
    people = PersonFactory.create_batch(3)
    in_flight = people[1].email
    sink.slow[in_flight] = 20  # recorded at once, answered after twenty seconds
    edition = _edition_with(people)
    first = celery_worker_process(**_worker_env(smtp_server.port))

    academy.edition_changed_by_staff(edition=edition, cancelled=False)
    assert _wait_for(lambda: sink.received_by(in_flight), 60)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    states = {to: row.state for to, row in _rows().items()}
    assert states == {
        people[0].email: State.SENT,
        in_flight: State.SENDING,
        people[2].email: State.QUEUED,
    }

    # A new worker sends what was still queued; the mail in flight stays as it is.
    celery_worker_process(**_worker_env(smtp_server.port))
    assert _wait_for(lambda: _rows()[people[2].email].state == State.SENT, 60)
    assert _rows()[in_flight].state == State.SENDING

    # The sweeper, once the claim timeout has passed: uncertain, not sent again.
    result = _sweep_after(settings.OUTBOX_CLAIM_TIMEOUT_SECONDS + 1)
    assert result == {"uncertain": 1, "queued": 0}
    time.sleep(3)
    assert _rows()[in_flight].state == State.UNCERTAIN
    for person in people:
        assert len(sink.received_by(person.email)) == 1, person.email
    assert sink.count() == 3

    # Staff see it, and only they decide to send it again.
    staff = Client()
    staff.force_login(staff_user)
    page = staff.get(reverse("outbox:mail_list")).content.decode()
    assert in_flight in page and "Onzeker" in page


def test_a_mail_queued_while_redis_is_down_is_sent_once_it_is_back(
    celery_worker_process,
    redis_as_cache_and_broker,  # noqa: F811
    smtp_server,
    settings,
):
    from communications import services as newsletter

    sink = smtp_server.start()
    redis_as_cache_and_broker.stop()
    newsletter.subscription_request(email="later@gemeente.nl")  # the request still answers
    row = lambda: OutgoingMail.objects.get(to="later@gemeente.nl")  # noqa: E731
    assert (row().state, row().attempts) == (State.QUEUED, 0)

    redis_as_cache_and_broker.start()
    celery_worker_process(
        REDIS_URL=redis_as_cache_and_broker.url,
        CELERY_BROKER_URL=redis_as_cache_and_broker.broker_url,
        **_worker_env(smtp_server.port),
    )
    time.sleep(3)
    assert row().state == State.QUEUED  # its task was never queued
    _sweep_after(settings.OUTBOX_REQUEUE_AFTER_SECONDS + 1)
    assert _wait_for(lambda: row().state == State.SENT, 60), row().error
    assert len(sink.received_by("later@gemeente.nl")) == 1
