"""The jaarverslag's content: the seed's 2025 results and the figures of the stats functions."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from programmes import selectors, services

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _projects(year=2025, highlights_only=True):
    return {
        entry.project.name: entry
        for programme in selectors.report_data(year, highlights_only=highlights_only)
        for entry in programme.projects
    }


def test_the_command_without_html_writes_only_the_pdf(small_plan, tmp_path):
    pdf = tmp_path / "out.pdf"
    call_command("annual_report", "2025", output=str(pdf), stdout=io.StringIO())
    assert "Congres met 550 deelnemers." in pdf_text(pdf.read_bytes())
    assert list(Path(tmp_path).iterdir()) == [pdf]


def test_the_online_report_shows_a_new_result_at_once(member_client, staff_user, small_plan):
    # Every member reads one shared rendering of the report, until its data changes: each
    # change through the services leaves a revision, and a new revision a new rendering.
    url = reverse("programmes:report_online", args=[2025])
    assert "Congres met 550 deelnemers." in member_client.get(url).content.decode()
    kennis = small_plan["projects"]["kennis"]
    result = services.result_save(
        project=kennis,
        year=2025,
        text="Nieuwe handreiking verzuim.",
        is_highlight=True,
        status="partly",
        actor=staff_user,
    )
    page = member_client.get(url).content.decode()
    assert "Nieuwe handreiking verzuim." in page and "Deels behaald: 1" in page
    services.key_figure_save(
        project=kennis, year=2025, value="12", label="webinars", actor=staff_user
    )
    assert "<strong>12</strong> webinars" in member_client.get(url).content.decode()
    services.entry_delete(entry=result, actor=staff_user)
    assert "Nieuwe handreiking verzuim." not in member_client.get(url).content.decode()


def test_a_second_reader_gets_the_shared_rendering_without_its_queries(
    member_client, other_member, small_plan, django_assert_max_num_queries
):
    url = reverse("programmes:report_online", args=[2025])
    member_client.get(url)
    member_client.force_login(other_member)
    # The session, the user, the year's results, the version (results and texts), the
    # permissions: no figures.
    with django_assert_max_num_queries(8):
        assert "Congres met 550 deelnemers." in member_client.get(url).content.decode()


def test_the_online_report_is_shown_in_the_readers_language(member_client, small_plan):
    url = reverse("programmes:report_online", args=[2025])
    assert "Programma 1" in member_client.get(url).content.decode()
    member_client.cookies["django_language"] = "en"
    assert "Programme 1" in member_client.get(url).content.decode()


def test_the_online_report_shows_a_changed_foreword_at_once(member_client, staff_user, small_plan):
    url = reverse("programmes:report_online", args=[2025])
    member_client.get(url)
    services.edition_save(
        year=2025,
        actor=staff_user,
        foreword="Een jaar om trots op te zijn.",
        foreword_signed_by="Petra Hoekstra",
        foreword_signatory="chair",
    )
    assert "Een jaar om trots op te zijn." in member_client.get(url).content.decode()
