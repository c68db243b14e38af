"""The outbox: one row per recipient made in the caller's transaction, sent once after it
commits, a temporary refusal tried again for that row alone, a refusal for good failed, a
mail whose fate is unknown marked uncertain and never sent again by itself; staff send one
again. (With a real worker and a real SMTP server: tests/test_outbox_faults.py.)"""

import smtplib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from outbox import services, smtp
from outbox.models import OutgoingMail
from outbox.tasks import send_outgoing_mail

from . import backends

pytestmark = pytest.mark.django_db

State = OutgoingMail.State


@pytest.fixture(autouse=True)
def scripted_server(settings):
    settings.EMAIL_BACKEND = "outbox.tests.backends.ScriptedBackend"
    backends.reset()
    yield backends
    backends.reset()


def _confirmation(to, **options):
    return services.mail_queue(
        prefix="communications/emails/confirm",
        context={
            "subscriber": SimpleNamespace(name="Noor Visser"),
            "confirm_url": "https://portal.ingrado.test/nieuwsbrief/bevestigen/x/",
            "days": 7,
        },
        to=to,
        **options,
    )


def _at(mail_row, **moved):
    """Now, moved forward: the sweeper runs at production timings, its clock is moved."""
    return timezone.now() + timedelta(**moved)


def test_each_recipient_gets_a_row_with_the_rendered_mail_sent_once_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rows = _confirmation(["a@gemeente.nl", "b@gemeente.nl", "a@gemeente.nl"], about="test:1")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert [row.to for row in rows] == ["a@gemeente.nl", "b@gemeente.nl"]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@gemeente.nl", "b@gemeente.nl"]
    row = OutgoingMail.objects.get(to="a@gemeente.nl")
    assert row.state == State.SENT and row.sent_at and row.attempts == 1
    assert row.subject.startswith("[Ingrado] ") and "Noor Visser" in row.text
    assert "<html" in row.html and row.language == "nl" and row.about == "test:1"
    assert row.template == "communications/emails/confirm"
    [message] = [m for m in mail.outbox if m.to == ["a@gemeente.nl"]]
    assert message.extra_headers["Message-ID"] == row.headers["Message-ID"]
    assert message.alternatives[0][1] == "text/html"

    assert send_outgoing_mail.apply(args=[row.pk]).get() == "skipped"  # a task run again
    assert len(mail.outbox) == 2


def test_a_mail_queued_in_a_transaction_that_fails_is_never_sent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        sid = transaction.savepoint()
        _confirmation("a@gemeente.nl")
        transaction.savepoint_rollback(sid)
    assert OutgoingMail.objects.count() == 0 and mail.outbox == []


def test_attachments_and_headers_travel_with_the_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.mail_queue(
            prefix="communications/emails/confirm",
            context={"subscriber": None, "confirm_url": "x", "days": 7},
            to="a@gemeente.nl",
            attachments=[("academie.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
            headers={"List-Id": "test <test.ingrado.nl>"},
        )
    [message] = mail.outbox
    assert message.extra_headers["List-Id"] == "test <test.ingrado.nl>"
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("academie.ics", "text/calendar")
    assert "BEGIN:VCALENDAR" in content


def test_a_message_built_elsewhere_becomes_one_row_per_recipient(
    django_capture_on_commit_callbacks,
):
    message = EmailMultiAlternatives(
        "Onderwerp", "Tekst", "Ingrado <noreply@ingrado.nl>", ["a@x.nl"], cc=["b@x.nl"]
    )
    message.attach_alternative("<p>Tekst</p>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        rows = services.mail_queue_message(message=message, template="allauth")
    assert [(r.to, r.subject, r.html) for r in rows] == [
        ("a@x.nl", "Onderwerp", "<p>Tekst</p>"),
        ("b@x.nl", "Onderwerp", "<p>Tekst</p>"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.nl", "b@x.nl"]


def test_a_temporary_refusal_tries_that_row_again_later_and_only_that_row(
    django_capture_on_commit_callbacks, scripted_server
):
    scripted_server.TEMPORARY["b@gemeente.nl"] = 2
    with django_capture_on_commit_callbacks(execute=True):
        _confirmation(["a@gemeente.nl", "b@gemeente.nl", "c@gemeente.nl"])
    assert sorted(m.to[0] for m in mail.outbox) == ["a@gemeente.nl", "c@gemeente.nl"]
    row = OutgoingMail.objects.get(to="b@gemeente.nl")
    assert (row.state, row.attempts) == (State.QUEUED, 1) and "451" in row.error
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=25)  # a pause first

    # The sweeper picks it up once its attempt is due (its clock moved, no limit shortened).
    later = row.next_attempt_at + timedelta(seconds=301)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep(now=later) == {"uncertain": 0, "queued": 1}
    row.refresh_from_db()
    assert (row.state, row.attempts) == (State.QUEUED, 2)
    assert row.next_attempt_at > timezone.now() + timedelta(seconds=100)  # a longer pause
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(now=row.next_attempt_at + timedelta(seconds=301))
    row.refresh_from_db()
    assert (row.state, row.attempts) == (State.SENT, 3)
    for address in ("a@gemeente.nl", "b@gemeente.nl", "c@gemeente.nl"):
        assert [m.to for m in mail.outbox].count([address]) == 1, address


def test_an_unreachable_server_is_tried_again_until_the_attempts_are_used_up(
    django_capture_on_commit_callbacks, scripted_server, settings
):
    scripted_server.UNREACHABLE["on"] = True
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _confirmation("a@gemeente.nl")
    for _ in range(settings.OUTBOX_MAX_ATTEMPTS - 1):
        row.refresh_from_db()
        assert row.state == State.QUEUED and "Connection refused" in row.error
        send_outgoing_mail.apply(args=[row.pk])
    row.refresh_from_db()
    assert (row.state, row.attempts) == (State.FAILED, settings.OUTBOX_MAX_ATTEMPTS)
    assert mail.outbox == []


def test_a_refusal_for_good_fails_at_once(django_capture_on_commit_callbacks, scripted_server):
    scripted_server.REFUSED.add("weg@gemeente.nl")
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _confirmation("weg@gemeente.nl")
    row.refresh_from_db()
    assert (row.state, row.attempts) == (State.FAILED, 1) and "550" in row.error


def test_a_connection_lost_while_handing_over_leaves_the_mail_uncertain_and_unsent_again(
    django_capture_on_commit_callbacks, scripted_server
):
    scripted_server.DISCONNECTED.add("a@gemeente.nl")
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _confirmation("a@gemeente.nl")
    row.refresh_from_db()
    assert row.state == State.UNCERTAIN
    scripted_server.DISCONNECTED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(now=_at(row, days=1))
        send_outgoing_mail.apply(args=[row.pk])
    row.refresh_from_db()
    assert row.state == State.UNCERTAIN and mail.outbox == []


def test_the_sweeper_marks_a_mail_whose_worker_stopped_uncertain_and_queues_lost_ones(
    django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=False):  # the broker lost both tasks
        claimed, lost = _confirmation(["a@gemeente.nl", "b@gemeente.nl"])
    OutgoingMail.objects.filter(pk=claimed.pk).update(
        state=State.SENDING, claim="dead", claimed_at=timezone.now(), attempts=1
    )
    # Within the limits nothing happens: the task may still be on its way.
    assert services.sweep() == {"uncertain": 0, "queued": 0}
    timeout = settings.OUTBOX_CLAIM_TIMEOUT_SECONDS
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep(now=_at(claimed, seconds=timeout + 1)) == {
            "uncertain": 1,
            "queued": 1,
        }
    claimed.refresh_from_db()
    lost.refresh_from_db()
    assert claimed.state == State.UNCERTAIN and "may or may not have arrived" in claimed.error
    assert lost.state == State.SENT
    assert [m.to for m in mail.outbox] == [["b@gemeente.nl"]]


def test_staff_send_a_failed_or_uncertain_mail_again_once(
    django_capture_on_commit_callbacks, scripted_server, staff_user
):
    scripted_server.DISCONNECTED.add("a@gemeente.nl")
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _confirmation("a@gemeente.nl")
    scripted_server.DISCONNECTED.clear()
    row.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        copy = services.mail_resend(mail=row, actor=staff_user)
    copy.refresh_from_db()
    assert (copy.state, copy.resent_from, copy.resent_by) == (State.SENT, row, staff_user)
    assert copy.headers["Message-ID"] == row.headers["Message-ID"]  # a mail program may drop it
    assert (copy.subject, copy.text, copy.html) == (row.subject, row.text, row.html)
    assert [m.to for m in mail.outbox] == [["a@gemeente.nl"]]
    with pytest.raises(services.CannotResend):
        services.mail_resend(mail=row, actor=staff_user)
    with pytest.raises(services.CannotResend):
        services.mail_resend(mail=copy, actor=staff_user)  # it was sent


def test_old_mails_are_deleted_and_a_persons_mails_go_with_them(
    django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        _confirmation(["a@gemeente.nl", "B@Gemeente.nl"])
    assert services.mails_delete_old() == 0
    later = timezone.now() + timedelta(days=settings.OUTBOX_KEEP_DAYS, seconds=1)
    _confirmation("c@gemeente.nl")  # still queued: kept
    assert services.mails_delete_old(now=later) == 2
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["c@gemeente.nl"]
    assert services.mails_erase_addresses("C@gemeente.nl") == 1


def test_the_sweeper_and_the_clean_up_are_scheduled(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["sweep-outgoing-mail"]["task"] == "outbox.tasks.sweep_outgoing_mail"
    assert schedule["sweep-outgoing-mail"]["schedule"] == 60.0
    assert schedule["delete-old-outgoing-mail"]["task"] == "outbox.tasks.delete_old_outgoing_mail"
    assert settings.OUTBOX_CLAIM_TIMEOUT_SECONDS == 600  # the production limits
    assert settings.OUTBOX_REQUEUE_AFTER_SECONDS == 300


def test_smtp_codes_are_read_from_the_refusal():
    refused = smtplib.SMTPRecipientsRefused({"a@x.nl": (451, b"later")})
    assert smtp.refusal_code(refused) == 451
    assert smtp.refusal_code(smtplib.SMTPDataError(554, b"no")) == 554
    assert smtp.refusal_code(smtplib.SMTPServerDisconnected("gone")) is None


def test_an_address_the_server_will_not_take_never_refuses_the_change_that_mails_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        [row] = _confirmation("geen adres")
    row.refresh_from_db()
    assert row.state in (State.SENT, State.FAILED)  # the server's decision, not the service's
