"""The plan and programme pages."""

import pytest
from django.urls import reverse

from .factories import SpeerpuntFactory

pytestmark = pytest.mark.django_db


def test_the_plan_shows_mission_speerpunten_and_programmes(client, small_plan):
    plan = small_plan["plan"]
    speerpunt = SpeerpuntFactory(
        plan=plan,
        letter="A",
        title="Het recht op onderwijs",
        goals_2030="Een Leerrechtwet.\nInclusief onderwijs.",
    )
    small_plan["programmes"][0].speerpunt = speerpunt
    small_plan["programmes"][0].save()
    html = client.get(reverse("programmes:plan")).content.decode()
    assert "Samen kansen zien en waarmaken" in html and "daar maken wij werk van" in html
    assert "Speerpunt A: Het recht op onderwijs" in html and "<li>Inclusief onderwijs.</li>" in html
    assert reverse("programmes:programme_detail", args=[1]) in html
    assert "Programma 3: Sterk vakmanschap" in html
    # Annual reports are linked for logged-in users only.
    assert reverse("programmes:report_online", args=[2025]) not in html


def test_logged_in_users_find_the_online_annual_reports_on_the_plan(member_client, small_plan):
    html = member_client.get(reverse("programmes:plan")).content.decode()
    assert reverse("programmes:report_online", args=[2025]) in html


def test_the_programme_page_lists_its_projects_with_the_stip_op_de_horizon(client, small_plan):
    programme = small_plan["programmes"][1]
    html = client.get(reverse("programmes:programme_detail", args=[3])).content.decode()
    assert programme.description in html
    for slug in ("kennis", "academie"):
        assert reverse("programmes:project_detail", args=[slug]) in html
    assert client.get(reverse("programmes:programme_detail", args=[4])).status_code == 404


def test_an_unknown_project_is_not_found(client, small_plan):
    url = reverse("programmes:project_detail", args=["bestaat-niet"])
    assert client.get(url).status_code == 404
