"""Sending in batches: each subscriber once, failures recorded, scheduling and progress."""

from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from communications import sending, services
from communications.models import Delivery, Newsletter

from . import backends
from .factories import SectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches(settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    settings.NEWSLETTER_BATCH_PAUSE_SECONDS = 0


@pytest.fixture
def refusing_backend(settings):
    settings.EMAIL_BACKEND = "communications.tests.backends.RefusingBackend"
    yield backends
    backends.REFUSED.clear()
    backends.TEMPORARY.clear()


def _send(newsletter, capture):
    with capture(execute=True):
        return services.newsletter_send(newsletter=newsletter)


def test_a_newsletter_goes_in_batches_to_every_subscriber_once(
    batches, django_capture_on_commit_callbacks, monkeypatch
):
    subscribers = SubscriberFactory.create_batch(5)
    SubscriberFactory(status="pending")
    SubscriberFactory(status="unsubscribed")
    SubscriberFactory(status="paused")
    newsletter = SectionFactory().newsletter
    calls = []
    real = sending.send_batch
    monkeypatch.setattr(sending, "send_batch", lambda **kw: calls.append(kw) or real(**kw))
    assert _send(newsletter, django_capture_on_commit_callbacks) == 5
    assert sorted(m.to[0] for m in outbox.outbox) == sorted(s.email for s in subscribers)
    assert len(calls) == 3  # 2 + 2 + 1
    newsletter.refresh_from_db()
    assert newsletter.status == "sent" and newsletter.finished_at is not None
    assert (newsletter.recipients, newsletter.delivered, newsletter.failed) == (5, 5, 0)
    # A batch run again (a task delivered twice) sends nobody anything.
    Newsletter.objects.filter(pk=newsletter.pk).update(status="sending")
    sending.send_batch(newsletter_id=newsletter.pk)
    assert len(outbox.outbox) == 5


def test_each_mail_carries_only_the_recipients_name_and_their_own_unsubscribe_link(
    django_capture_on_commit_callbacks,
):
    anne = SubscriberFactory(name="Anne de Vries")
    bram = SubscriberFactory(name="Bram Bos")
    _send(SectionFactory().newsletter, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in outbox.outbox}
    anne_mail, bram_mail = by_address[anne.email], by_address[bram.email]
    assert "Beste Anne de Vries" in anne_mail.body and "Bram" not in anne_mail.body
    assert (
        anne_mail.extra_headers["List-Unsubscribe"] != bram_mail.extra_headers["List-Unsubscribe"]
    )
    assert anne_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_someone_who_unsubscribes_while_it_is_being_sent_gets_nothing(
    django_capture_on_commit_callbacks, monkeypatch
):
    staying, leaving = SubscriberFactory(), SubscriberFactory()
    newsletter = SectionFactory().newsletter
    monkeypatch.setattr(sending, "queue_batch", lambda *a, **k: True)
    _send(newsletter, django_capture_on_commit_callbacks)
    services.subscription_unsubscribe(subscriber_pk=leaving.pk)
    sending.send_batch(newsletter_id=newsletter.pk)
    assert [m.to[0] for m in outbox.outbox] == [staying.email]
    assert Delivery.objects.get(subscriber=leaving).state == "skipped"


def test_three_hard_failures_in_a_row_pause_an_address(
    refusing_backend, django_capture_on_commit_callbacks
):
    bouncing = SubscriberFactory(email="weg@voorbeeld.nl")
    SubscriberFactory()
    refusing_backend.REFUSED.add(bouncing.email)
    for _ in range(3):
        newsletter = SectionFactory().newsletter
        _send(newsletter, django_capture_on_commit_callbacks)
        failed = Delivery.objects.get(newsletter=newsletter, subscriber=bouncing)
        assert failed.state == "failed" and "550" in failed.error
    bouncing.refresh_from_db()
    assert bouncing.status == "paused" and bouncing.hard_failures == 3
    newsletter = SectionFactory().newsletter
    assert _send(newsletter, django_capture_on_commit_callbacks) == 1  # no longer mailed


def test_a_temporary_refusal_is_tried_again_and_a_success_clears_the_failures(
    refusing_backend, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(hard_failures=2)
    refusing_backend.TEMPORARY[subscriber.email] = 1
    newsletter = SectionFactory().newsletter
    _send(newsletter, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get(newsletter=newsletter)
    assert (delivery.state, delivery.attempts) == ("sent", 2)
    subscriber.refresh_from_db()
    assert subscriber.hard_failures == 0 and subscriber.status == "subscribed"


def test_a_mail_whose_worker_stopped_while_sending_is_marked_uncertain_and_not_sent_again(
    monkeypatch, django_capture_on_commit_callbacks, settings
):
    first, second = SubscriberFactory(), SubscriberFactory()
    newsletter = SectionFactory().newsletter
    queued = []
    monkeypatch.setattr(sending, "queue_batch", lambda pk, **k: queued.append(pk) or True)
    _send(newsletter, django_capture_on_commit_callbacks)
    # A worker claimed the first row and died before it could mark it (SIGKILL mid-SMTP).
    claimed = sending._claim_next(newsletter.pk)
    assert claimed.subscriber == first and claimed.state == "sending"
    queued.clear()
    timeout = timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT_SECONDS + 1)
    assert sending.sweep(now=timezone.now())["uncertain"] == 0, "a live claim is left alone"
    swept = sending.sweep(now=timezone.now() + timeout)
    assert swept == {"uncertain": 1, "resumed": 1, "finished": 0} and queued == [newsletter.pk]
    sending.send_batch(newsletter_id=newsletter.pk)
    assert [m.to[0] for m in outbox.outbox] == [second.email]
    newsletter.refresh_from_db()
    assert (newsletter.status, newsletter.delivered, newsletter.failed) == ("sent", 1, 1)


def test_when_the_mail_server_cannot_be_reached_nothing_is_claimed_and_it_tries_again(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    SubscriberFactory()
    newsletter = SectionFactory().newsletter
    queued = []
    monkeypatch.setattr(sending, "queue_batch", lambda pk, **k: queued.append(k) or True)
    _send(newsletter, django_capture_on_commit_callbacks)
    sending.send_batch(newsletter_id=newsletter.pk)
    assert Delivery.objects.get().state == "queued"
    assert queued[-1] == {"countdown": sending.RETRY_WHEN_SERVER_DOWN_SECONDS}


def test_a_scheduled_newsletter_is_sent_when_its_moment_has_come(
    staff_client, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    newsletter = SectionFactory().newsletter
    at = timezone.localtime() + timedelta(hours=2)
    response = staff_client.post(
        reverse("communications:newsletter_schedule", args=[newsletter.pk]),
        {"scheduled_at": at.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "wordt verstuurd op" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.status == "scheduled"
    assert services.newsletters_send_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.newsletters_send_due(now=timezone.now() + timedelta(hours=3)) == 1
    newsletter.refresh_from_db()
    assert newsletter.status == "sent" and len(outbox.outbox) == 1


def test_a_moment_in_the_past_cannot_be_scheduled(staff_client):
    newsletter = SectionFactory().newsletter
    response = staff_client.post(
        reverse("communications:newsletter_schedule", args=[newsletter.pk]),
        {"scheduled_at": "2020-01-01T10:00"},
        follow=True,
    )
    assert "Kies een moment in de toekomst" in response.content.decode()
    assert Newsletter.objects.get().status == "draft"


def test_the_management_command_runs_what_beat_runs(capsys):
    call_command("send_newsletters")
    assert "newsletters started: 0" in capsys.readouterr().out


def test_staff_send_now_and_follow_the_progress(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    newsletter = SectionFactory().newsletter
    url = reverse("communications:newsletter_send", args=[newsletter.pk])
    response = staff_client.post(url, follow=True)
    assert "Vink het vakje aan" in response.content.decode()
    monkeypatch.setattr(sending, "queue_batch", lambda *a, **k: True)  # the worker is busy
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"confirm": "yes"}, follow=True)
    page = response.content.decode()
    assert "wordt verstuurd naar 3 abonnees" in page
    assert 'hx-trigger="every 2s"' in page
    progress = staff_client.get(
        reverse("communications:newsletter_progress", args=[newsletter.pk]), HTTP_HX_REQUEST="true"
    )
    assert progress.context["progress"]["to_go"] == 3
    sending.send_batch(newsletter_id=newsletter.pk)
    progress = staff_client.get(reverse("communications:newsletter_progress", args=[newsletter.pk]))
    assert progress.context["progress"]["sent"] == 3
    assert "hx-trigger" not in progress.content.decode(), "polling stops once it is sent"
