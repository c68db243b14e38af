"""The whole path on a real Celery worker (Redis): the button, the task, the download."""

import time

from django.urls import reverse

from programmes.models import AnnualReport

from .conftest import pdf_text


def test_the_button_queues_a_real_task_whose_pdf_can_be_downloaded(
    live_celery_worker, board_client, small_plan
):
    response = board_client.post(reverse("programmes:report_list"), {"year": 2025}, follow=True)
    assert response.status_code == 200
    report = AnnualReport.objects.get()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.state in (AnnualReport.State.READY, AnnualReport.State.FAILED):
            break
        time.sleep(0.2)
    assert report.state == AnnualReport.State.READY, report.failure_reason
    assert report.task_id and report.attempts == 1
    status = board_client.get(reverse("programmes:report_status")).content.decode()
    assert "hx-get" not in status
    response = board_client.get(reverse("programmes:report_download", args=[report.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert "Jaarverslag 2025" in text and "Congres met 550 deelnemers." in text
