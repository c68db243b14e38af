"""Generated files (certificates, annual reports): nothing is lost when the broker is away,
nothing stays stuck after a worker dies, and "Genereer" twice makes one report. Recovery is
proven through the sweeper at production time limits: the tests move the clock, they do not
shorten a limit."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from academy import services as academy
from academy.models import Certificate
from academy.tasks import render_certificate
from academy.tests.factories import past_edition_with_sessions
from ingrado import generated_files
from members.tests.factories import PersonFactory
from programmes import services as programmes
from programmes.models import AnnualReport
from programmes.tasks import generate_annual_report

pytestmark = pytest.mark.django_db


def _attended_edition(people=2):
    edition = past_edition_with_sessions(sessions=1)
    enrolments = [
        academy.enrolment_create(edition=edition, person=PersonFactory()) for _ in range(people)
    ]
    academy.attendance_register(
        edition=edition,
        session=edition.sessions.get(),
        present_enrolment_ids=[e.pk for e in enrolments],
    )
    return edition


def _broker_down(monkeypatch, task):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(task, "apply_async", unreachable)


def _later(model, seconds=1):
    """The moment just past the production time limit of `model`."""
    return timezone.now() + model.time_limit() + timedelta(seconds=seconds)


@pytest.mark.django_db(transaction=True)
def test_certificates_issued_while_the_broker_is_down_are_kept_and_sent_by_the_sweeper(
    staff_client, monkeypatch
):
    edition = _attended_edition()
    _broker_down(monkeypatch, render_certificate)
    response = staff_client.post(
        reverse("academy:issue_certificates", args=[edition.pk]), follow=True
    )
    assert response.status_code == 200
    assert "de wachtrij voor taken is nu niet bereikbaar" in response.content.decode()
    assert list(Certificate.objects.values_list("state", flat=True)) == ["queued", "queued"]
    monkeypatch.undo()  # the broker is back: nobody has to do anything
    assert generated_files.sweep(now=timezone.now()) == {
        "Certificate": 0,
        "AnnualReport": 0,
        "MeetingReport": 0,
    }
    generated_files.sweep(now=_later(Certificate))
    assert set(Certificate.objects.values_list("state", flat=True)) == {"ready"}


@pytest.mark.django_db(transaction=True)
def test_issuing_again_queues_the_certificates_that_are_waiting(staff_client, monkeypatch):
    edition = _attended_edition()
    _broker_down(monkeypatch, render_certificate)
    staff_client.post(reverse("academy:issue_certificates", args=[edition.pk]))
    monkeypatch.undo()
    response = staff_client.post(
        reverse("academy:issue_certificates", args=[edition.pk]), follow=True
    )
    assert (
        "2 certificaten die mislukten of bleven hangen worden opnieuw gemaakt."
        in response.content.decode()
    )
    assert set(Certificate.objects.values_list("state", flat=True)) == {"ready"}


def test_a_certificate_left_generating_by_a_dead_worker_is_recovered_by_the_sweeper():
    edition = _attended_edition(people=1)
    certificate = Certificate.objects.create(enrolment=edition.enrolments.get())
    generated_files.claim(Certificate, certificate.pk, "worker-that-died")
    assert Certificate.objects.get().state == "generating"
    assert generated_files.sweep(now=timezone.now())["Certificate"] == 0  # within the limit
    assert generated_files.sweep(now=_later(Certificate))["Certificate"] == 1
    certificate.refresh_from_db()
    assert certificate.state == "ready" and certificate.file and certificate.attempts == 2
    # Idempotent: the next sweep finds nothing, and the late redelivery changes nothing.
    assert generated_files.sweep(now=_later(Certificate))["Certificate"] == 0
    render_certificate.apply(args=[certificate.pk], task_id="worker-that-died")
    assert Certificate.objects.get().file.name == certificate.file.name


def test_staff_see_a_stuck_certificate_with_its_age_and_can_retry_it(staff_client):
    edition = _attended_edition(people=1)
    certificate = Certificate.objects.create(enrolment=edition.enrolments.get())
    Certificate.objects.filter(pk=certificate.pk).update(
        state="generating",
        state_changed_at=timezone.now() - Certificate.time_limit() - timedelta(minutes=1),
    )
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    assert "Wordt gemaakt" in page and "al 6" in page and "duurt te lang" in page
    assert "1 certificaat opnieuw proberen" in page


def test_a_file_that_keeps_getting_stuck_is_given_up_with_the_reason(settings):
    edition = _attended_edition(people=1)
    certificate = Certificate.objects.create(
        enrolment=edition.enrolments.get(), attempts=generated_files.MAX_ATTEMPTS
    )
    generated_files.sweep(now=_later(Certificate))
    certificate.refresh_from_db()
    assert certificate.state == "failed"
    assert "3 pogingen" in certificate.failure_reason


def test_the_time_limits_are_the_production_ones():
    assert Certificate.time_limit() == timedelta(seconds=settings.CERTIFICATE_TIMEOUT_SECONDS)
    assert AnnualReport.time_limit() == timedelta(seconds=settings.ANNUAL_REPORT_TIMEOUT_SECONDS)
    assert settings.CERTIFICATE_TIMEOUT_SECONDS == 300
    assert settings.ANNUAL_REPORT_TIMEOUT_SECONDS == 600
    assert settings.CELERY_BEAT_SCHEDULE["recover-generated-files"]["schedule"] == 60.0


def test_genereer_pressed_twice_makes_one_report(board_client, monkeypatch):
    sent = []
    monkeypatch.setattr(generate_annual_report, "apply_async", lambda **kw: sent.append(kw))
    for _ in range(2):
        response = board_client.post(reverse("programmes:report_list"), {"year": 2025})
        assert response.status_code == 302
    assert AnnualReport.objects.count() == 1
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert page.count("Het jaarverslag 2025 wordt gemaakt.") == 1


def test_the_report_page_says_being_made_without_zero_minutes_and_no_message_lingers(
    board_client, monkeypatch
):
    """Issue 25: "Wordt gemaakt al 0 minuten", and "wordt gegenereerd" still on the page
    after the report was ready."""
    monkeypatch.setattr(generate_annual_report, "apply_async", lambda **kw: None)
    response = board_client.post(reverse("programmes:report_list"), {"year": 2025}, follow=True)
    page = response.content.decode()
    assert "Het jaarverslag 2025 wordt gemaakt." in page
    assert "0\xa0minuten" not in page and "al " not in page.split('id="report-status"')[1]
    AnnualReport.objects.update(state_changed_at=timezone.now() - timedelta(minutes=3))
    status = board_client.get(reverse("programmes:report_status")).content.decode()
    assert "al 3\xa0minuten" in status

    AnnualReport.objects.update(state=AnnualReport.State.READY, finished_at=timezone.now())
    status = board_client.get(reverse("programmes:report_status")).content.decode()
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    for html in (status, page):
        assert "wordt gemaakt" not in html and "gegenereerd" not in html
        assert "Download PDF" in html


def test_a_database_constraint_keeps_one_open_report_per_year(board_user):
    from django.db import IntegrityError, transaction

    AnnualReport.objects.create(year=2025, requested_by=board_user)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.create(year=2025, requested_by=board_user)
    AnnualReport.objects.create(year=2025, state="ready")  # done ones may be many
    assert programmes.report_request(year=2025, actor=board_user)[1] is False


@pytest.mark.django_db(transaction=True)
def test_simultaneous_genereer_clicks_make_one_report(postgres_only, roles_synced, monkeypatch):
    import threading

    from django.db import connection

    from members.tests.factories import BoardFactory

    board = BoardFactory()
    monkeypatch.setattr(generate_annual_report, "apply_async", lambda **kw: None)
    barrier = threading.Barrier(6)
    results = []

    def click():
        barrier.wait()
        try:
            results.append(programmes.report_request(year=2025, actor=board)[1])
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert AnnualReport.objects.count() == 1 and results.count(True) == 1
