"""The certificate PDF task: idempotent, failures recorded, files rendered on demand."""

import pytest
from django.urls import reverse
from pypdf import PdfReader

from academy import services, tasks
from academy.models import Certificate, Evaluation
from academy.tests.factories import past_edition_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(member):
    edition = past_edition_with_sessions(sessions=1)
    enrolment = services.enrolment_create(edition=edition, person=member.person)
    return Certificate.objects.create(enrolment=enrolment)


def test_rendering_twice_keeps_one_file_and_the_same_code(certificate):
    tasks.render_certificate.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    first_name, code = certificate.file.name, certificate.code
    tasks.render_certificate.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.READY
    assert (certificate.file.name, certificate.code) == (first_name, code)


def test_a_failing_rendering_is_recorded_and_issuing_again_retries_it(
    certificate, monkeypatch, django_capture_on_commit_callbacks
):
    import weasyprint

    def broken(*args, **kwargs):
        raise ValueError("lettertype ontbreekt")

    monkeypatch.setattr(weasyprint, "HTML", broken)
    tasks.render_certificate.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.FAILED
    assert "lettertype ontbreekt" in certificate.failure_reason

    monkeypatch.undo()
    services.attendance_register(
        edition=certificate.enrolment.edition,
        session=certificate.enrolment.edition.sessions.get(),
        present_enrolment_ids=[certificate.enrolment_id],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_issue(enrolment=certificate.enrolment)
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.READY and certificate.failure_reason == ""


def test_a_transient_error_is_retried_and_the_last_one_recorded(certificate, monkeypatch):
    import weasyprint

    calls = []

    def disk_full(*args, **kwargs):
        calls.append(1)
        raise OSError("schijf vol")

    monkeypatch.setattr(weasyprint, "HTML", disk_full)
    tasks.render_certificate.apply(args=[certificate.pk])
    certificate.refresh_from_db()
    assert len(calls) == tasks.render_certificate.max_retries + 1
    assert certificate.state == Certificate.State.FAILED
    assert "schijf vol" in certificate.failure_reason


def test_a_certificate_without_a_file_is_made_by_the_task_when_downloaded(
    member_client, certificate, django_capture_on_commit_callbacks, monkeypatch
):
    Certificate.objects.filter(pk=certificate.pk).update(state=Certificate.State.READY)
    Evaluation.objects.create(enrolment=certificate.enrolment, score=8)
    url = reverse("academy:certificate_download", args=[certificate.enrolment_id])
    sent = []
    monkeypatch.setattr(tasks.render_certificate, "apply_async", lambda **kw: sent.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        waiting = member_client.get(url)
    assert waiting.status_code == 302 and sent == [{"args": [certificate.pk], "retry": False}]
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.QUEUED, "the request renders nothing itself"
    tasks.render_certificate.apply(args=[certificate.pk])  # what the worker does
    response = member_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    content = b"".join(response.streaming_content)
    text = PdfReader(__import__("io").BytesIO(content)).pages[0].extract_text()
    assert certificate.code in text
    certificate.refresh_from_db()
    assert certificate.file


def test_the_certificate_is_issued_only_after_the_transaction_commits(
    member, django_capture_on_commit_callbacks
):
    edition = past_edition_with_sessions(sessions=1)
    enrolment = services.enrolment_create(edition=edition, person=member.person)
    services.attendance_register(
        edition=edition, session=edition.sessions.get(), present_enrolment_ids=[enrolment.pk]
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate = services.certificate_issue(enrolment=enrolment)
    assert len(callbacks) == 1
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.QUEUED and not certificate.file
    callbacks[0]()
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.READY
