"""The jaarverslag task: states, failure, retries, idempotency, timeout, unreachable broker."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes import report, services
from programmes.models import AnnualReport
from programmes.tasks import generate_annual_report

from .conftest import pdf_text
from .factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


def _request(board_client, django_capture_on_commit_callbacks, year=2025, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return board_client.post(reverse("programmes:report_list"), {"year": year}, **kwargs)


def test_the_button_records_a_request_that_becomes_ready(
    board_client, board_user, small_plan, django_capture_on_commit_callbacks
):
    response = _request(board_client, django_capture_on_commit_callbacks, follow=True)
    assert "Het jaarverslag 2025 wordt gemaakt." in response.content.decode()
    report_row = AnnualReport.objects.get()
    assert report_row.state == AnnualReport.State.READY
    assert report_row.requested_by == board_user
    assert report_row.attempts == 1 and report_row.task_id
    assert report_row.started_at <= report_row.finished_at
    with report_row.file.open("rb") as stored:
        assert "Congres met 550 deelnemers." in pdf_text(stored.read())


def test_the_task_is_queued_only_after_the_request_is_committed(
    board_user, small_plan, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(generate_annual_report, "apply_async", lambda **kw: queued.append(kw))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        row, created = services.report_request(year=2025, actor=board_user)
    assert created and queued == [] and len(callbacks) == 1
    callbacks[0]()
    assert queued == [{"args": [row.pk], "retry": False}]
    assert AnnualReport.objects.get().state == AnnualReport.State.QUEUED


def test_a_failing_render_is_recorded_with_its_reason_and_shown(
    board_client, small_plan, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(year):
        raise ValueError("sjabloon ontbreekt")

    monkeypatch.setattr(report, "render_report_html", broken)
    _request(board_client, django_capture_on_commit_callbacks)
    row = AnnualReport.objects.get()
    assert row.state == AnnualReport.State.FAILED
    assert row.failure_reason == "ValueError: sjabloon ontbreekt"
    assert row.finished_at and not row.file
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert "sjabloon ontbreekt" in page and "Mislukt" in page and "Opnieuw proberen" in page


def test_a_transient_error_is_retried_and_the_report_still_becomes_ready(
    board_user, small_plan, monkeypatch
):
    original = report.render_pdf
    failures = iter([ConnectionResetError("schijf even weg")])

    def flaky(html):
        for error in failures:
            raise error
        return original(html)

    monkeypatch.setattr(report, "render_pdf", flaky)
    row = AnnualReportFactory(requested_by=board_user)
    generate_annual_report.apply(args=[row.pk])
    row.refresh_from_db()
    assert row.state == AnnualReport.State.READY
    assert row.attempts == 2


def test_a_transient_error_that_persists_ends_failed_after_the_retries(
    board_user, small_plan, monkeypatch
):
    calls = []

    def down(html):
        calls.append(1)
        raise OSError("opslag onbereikbaar")

    monkeypatch.setattr(report, "render_pdf", down)
    row = AnnualReportFactory(requested_by=board_user)
    generate_annual_report.apply(args=[row.pk])
    row.refresh_from_db()
    assert len(calls) == generate_annual_report.max_retries + 1
    assert row.state == AnnualReport.State.FAILED
    assert "opslag onbereikbaar" in row.failure_reason


def test_a_ready_report_is_not_rendered_again(board_user, small_plan, monkeypatch):
    row = AnnualReportFactory(requested_by=board_user)
    services.report_generate(report_pk=row.pk, task_id="a")
    first = AnnualReport.objects.get(pk=row.pk)
    monkeypatch.setattr(report, "build_report", pytest.fail)
    services.report_generate(report_pk=row.pk, task_id="b")
    again = AnnualReport.objects.get(pk=row.pk)
    assert again.file.name == first.file.name and again.attempts == 1


def test_a_report_being_generated_by_another_attempt_is_not_duplicated(
    board_user, small_plan, monkeypatch
):
    row = AnnualReportFactory(
        requested_by=board_user,
        state=AnnualReport.State.GENERATING,
        started_at=timezone.now(),
        task_id="first-attempt",
        attempts=1,
    )
    monkeypatch.setattr(report, "build_report", pytest.fail)
    services.report_generate(report_pk=row.pk, task_id="second-attempt")
    row.refresh_from_db()
    assert row.state == AnnualReport.State.GENERATING and row.attempts == 1
    assert row.task_id == "first-attempt"


def test_the_same_attempt_delivered_again_after_a_worker_died_finishes_the_report(
    board_user, small_plan
):
    row = AnnualReportFactory(
        requested_by=board_user,
        state=AnnualReport.State.GENERATING,
        started_at=timezone.now(),
        task_id="redelivered",
        attempts=1,
    )
    services.report_generate(report_pk=row.pk, task_id="redelivered")
    row.refresh_from_db()
    assert row.state == AnnualReport.State.READY and row.attempts == 2


def test_an_attempt_overtaken_after_the_timeout_does_not_overwrite_the_new_one(
    board_user, small_plan, monkeypatch
):
    row = AnnualReportFactory(requested_by=board_user)
    original = report.build_report

    def slow(year):
        # Meanwhile the report was retried and claimed by another attempt.
        AnnualReport.objects.filter(pk=row.pk).update(task_id="newer")
        return original(year)

    monkeypatch.setattr(report, "build_report", slow)
    services.report_generate(report_pk=row.pk, task_id="older")
    row.refresh_from_db()
    assert row.task_id == "newer" and row.state == AnnualReport.State.GENERATING
    assert not row.file


def test_a_report_stuck_generating_past_the_timeout_is_shown_and_can_be_retried(
    board_client, board_user, small_plan, settings, django_capture_on_commit_callbacks
):
    settings.ANNUAL_REPORT_TIMEOUT_SECONDS = 600
    row = AnnualReportFactory(
        requested_by=board_user,
        state=AnnualReport.State.GENERATING,
        state_changed_at=timezone.now() - timedelta(seconds=601),
        task_id="lost",
    )
    assert row.is_overdue() and row.can_retry()
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert "duurt te lang" in page
    with django_capture_on_commit_callbacks(execute=True):
        board_client.post(reverse("programmes:report_retry", args=[row.pk]))
    row.refresh_from_db()
    assert row.state == AnnualReport.State.READY and row.task_id != "lost"


def test_a_report_generating_within_the_timeout_cannot_be_retried(
    board_client, board_user, small_plan
):
    row = AnnualReportFactory(
        requested_by=board_user, state=AnnualReport.State.GENERATING, started_at=timezone.now()
    )
    response = board_client.post(reverse("programmes:report_retry", args=[row.pk]), follow=True)
    assert "Dit bestand wordt nu gemaakt" in response.content.decode()
    row.refresh_from_db()
    assert row.state == AnnualReport.State.GENERATING


def test_the_status_polls_while_a_report_is_pending_and_stops_when_done(
    board_client, board_user, small_plan
):
    row = AnnualReportFactory(requested_by=board_user)
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert 'hx-get="/jaarverslag/status/"' in page and 'hx-trigger="every 2s"' in page
    assert "In de wachtrij" in page
    services.report_generate(report_pk=row.pk)
    partial = board_client.get(reverse("programmes:report_status"), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "hx-get" not in html and "<html" not in html
    assert reverse("programmes:report_download", args=[row.pk]) in html


def test_earlier_versions_are_listed_with_time_and_who_asked(board_client, board_user, staff_user):
    AnnualReportFactory(requested_by=staff_user, year=2024, state="ready")
    AnnualReportFactory(requested_by=board_user, year=2025, state="failed", failure_reason="x")
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert staff_user.get_full_name() in page and board_user.get_full_name() in page
    assert page.index(">2025<") < page.index(">2024<")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("error_name", ["kombu", "redis"])
def test_an_unreachable_broker_gives_a_dutch_message_and_keeps_the_request(
    client, roles_synced, monkeypatch, error_name
):
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError

    from members.tests.factories import BoardFactory

    client.force_login(BoardFactory())
    error = {
        "kombu": OperationalError("Error 111 connecting to localhost:6379. Connection refused."),
        "redis": RedisConnectionError("Connection refused"),
    }[error_name]

    def unreachable(*args, **kwargs):
        raise error

    monkeypatch.setattr(generate_annual_report, "apply_async", unreachable)
    response = client.post(reverse("programmes:report_list"), {"year": 2025}, follow=True)
    assert response.status_code == 200
    assert "de wachtrij voor taken is nu niet bereikbaar" in response.content.decode()
    row = AnnualReport.objects.get()
    assert row.state == AnnualReport.State.QUEUED and row.year == 2025
    # The same happens on a retry, and the request is still there.
    response = client.post(reverse("programmes:report_retry", args=[row.pk]), follow=True)
    assert "niet bereikbaar" in response.content.decode()
    assert AnnualReport.objects.get().state == AnnualReport.State.QUEUED


def test_a_ready_report_cannot_be_retried(board_client, board_user):
    row = AnnualReportFactory(requested_by=board_user, state="ready")
    board_client.post(reverse("programmes:report_retry", args=[row.pk]))
    row.refresh_from_db()
    assert row.state == AnnualReport.State.READY


def test_an_invalid_year_gives_a_message_and_records_nothing(board_client):
    response = board_client.post(reverse("programmes:report_list"), {"year": "1900"}, follow=True)
    assert "Kies een jaar tussen 2016 en 2035" in response.content.decode()
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_sweeper_queues_a_stuck_report_again(small_plan, board_user):
    """What beat runs every minute and operators run as recover_generated_files."""
    from ingrado import generated_files

    stuck = AnnualReport.objects.create(year=2025, requested_by=board_user)
    AnnualReport.objects.filter(pk=stuck.pk).update(
        state_changed_at=timezone.now() - timedelta(hours=1)
    )
    generated_files.sweep()
    assert AnnualReport.objects.get(pk=stuck.pk).state == AnnualReport.State.READY
