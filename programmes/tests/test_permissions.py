"""Who may open which page: every view of the app, with every standing user."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from members import roles
from members.tests.factories import BoardFactory, StaffFactory, UserFactory
from programmes.models import AnnualReport, KeyFigure, Result, YearPlan

from .factories import AnnualReportFactory, KeyFigureFactory, YearPlanFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "non_member", "staff", "board"]
PUBLIC = dict.fromkeys(ROLES, 200)
LOGGED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": "login"}
STAFF = {"anonymous": "login", "member": 403, "non_member": 403, "staff": 200, "board": 403}
REPORTS = {**STAFF, "board": 200}


@pytest.fixture
def world(small_plan, member, non_member, staff_user, board_user):
    project = small_plan["projects"]["basis"]
    report = AnnualReportFactory(state="ready")
    report.file.save("jv.pdf", ContentFile(b"%PDF-1.4 test"))
    return {
        "users": {
            "anonymous": None,
            "member": member,
            "non_member": non_member,
            "staff": staff_user,
            "board": board_user,
        },
        "project": project,
        "result": project.results.first(),
        "figure": KeyFigureFactory(project=project, order=0),
        "second_figure": KeyFigureFactory(project=project, order=1, label="landen"),
        "plan": YearPlanFactory(project=project),
        "report": report,
    }


def _outcome(response):
    if response.streaming:
        b"".join(response.streaming_content)
    if response.status_code == 302:
        return "login" if "/accounts/login/" in response["Location"] else "redirect"
    return response.status_code


GET_PAGES = [
    ("programmes:plan", lambda w: {}, PUBLIC),
    ("programmes:programme_detail", lambda w: {"number": 1}, PUBLIC),
    ("programmes:project_detail", lambda w: {"slug": w["project"].slug}, PUBLIC),
    ("programmes:report_online", lambda w: {"year": 2025}, LOGGED_IN),
    ("programmes:result_edit", lambda w: {"pk": w["result"].pk}, STAFF),
    ("programmes:figure_edit", lambda w: {"pk": w["figure"].pk}, STAFF),
    ("programmes:report_list", lambda w: {}, REPORTS),
    ("programmes:report_status", lambda w: {}, REPORTS),
    ("programmes:report_download", lambda w: {"pk": w["report"].pk}, REPORTS),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), GET_PAGES, ids=[p[0] for p in GET_PAGES])
def test_each_page_answers_each_role_as_expected(client, world, name, kwargs, expected):
    url = reverse(name, kwargs=kwargs(world))
    got = {}
    for role in ROLES:
        client.logout()
        if world["users"][role]:
            client.force_login(world["users"][role])
        got[role] = _outcome(client.get(url))
    assert got == expected


POST_ACTIONS = [
    (
        "programmes:result_add",
        lambda w: {"slug": w["project"].slug},
        {"year": 2025, "text": "Nieuw", "status": "achieved"},
    ),
    ("programmes:result_delete", lambda w: {"pk": w["result"].pk}, {}),
    ("programmes:result_move", lambda w: {"pk": w["result"].pk}, {"direction": "down"}),
    (
        "programmes:figure_add",
        lambda w: {"slug": w["project"].slug},
        {"year": 2025, "value": "1", "label": "x"},
    ),
    ("programmes:figure_delete", lambda w: {"pk": w["figure"].pk}, {}),
    ("programmes:figure_move", lambda w: {"pk": w["figure"].pk}, {"direction": "down"}),
    (
        "programmes:year_plan_save",
        lambda w: {"slug": w["project"].slug},
        {"year": 2026, "intended_results": "x"},
    ),
    ("programmes:year_plan_delete", lambda w: {"pk": w["plan"].pk}, {}),
]


ASK_FIRST = {
    "programmes:result_delete",
    "programmes:figure_delete",
    "programmes:year_plan_delete",
}


def _snapshot():
    return (
        list(Result.objects.values_list("pk", "text", "order")),
        list(KeyFigure.objects.values_list("pk", "value", "order")),
        list(YearPlan.objects.values_list("pk", "intended_results")),
    )


@pytest.mark.parametrize(("name", "kwargs", "data"), POST_ACTIONS, ids=[p[0] for p in POST_ACTIONS])
def test_only_staff_can_change_results_figures_and_year_plans(client, world, name, kwargs, data):
    url = reverse(name, kwargs=kwargs(world))
    before = _snapshot()
    for role, expected in [
        ("anonymous", "login"),
        ("member", 403),
        ("non_member", 403),
        ("board", 403),
    ]:
        client.logout()
        if world["users"][role]:
            client.force_login(world["users"][role])
        assert _outcome(client.post(url, data)) == expected, role
    assert _snapshot() == before
    # A delete asks first: its GET is the confirmation page (staff only); the other actions
    # answer POST only.
    assert client.get(url).status_code == (403 if name in ASK_FIRST else 405)
    client.force_login(world["users"]["staff"])
    if name in ASK_FIRST:
        assert client.get(url).status_code == 200
        assert _snapshot() == before
    assert _outcome(client.post(url, data)) == "redirect"
    assert _snapshot() != before


def test_staff_without_two_factor_authentication_are_sent_to_set_it_up(client, world):
    client.force_login(UserFactory(role=roles.STAFF, mfa=False))
    for url in [
        reverse("programmes:report_list"),
        reverse("programmes:result_edit", args=[world["result"].pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/totp/" in response["Location"]
    client.force_login(UserFactory(role=roles.BOARD, mfa=False))
    response = client.get(reverse("programmes:report_download", args=[world["report"].pk]))
    assert response.status_code == 302 and "/totp/" in response["Location"]


def test_downloads_answer_404_for_unknown_and_unfinished_reports(board_client):
    assert board_client.get(reverse("programmes:report_download", args=[987654])).status_code == 404
    queued = AnnualReportFactory(state=AnnualReport.State.QUEUED)
    assert (
        board_client.get(reverse("programmes:report_download", args=[queued.pk])).status_code == 404
    )


def test_board_and_staff_download_the_file_others_are_refused(client, world):
    url = reverse("programmes:report_download", args=[world["report"].pk])
    for user in (StaffFactory(), BoardFactory()):
        client.force_login(user)
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert "jaarverslag-2025.pdf" in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    client.force_login(world["users"]["member"])
    assert client.get(url).status_code == 403


def test_the_online_report_of_a_year_without_results_is_not_found(member_client, small_plan):
    assert member_client.get(reverse("programmes:report_online", args=[2019])).status_code == 404


def test_only_staff_see_the_recording_forms_and_history(client, world):
    url = reverse("programmes:project_detail", args=[world["project"].slug])
    client.force_login(world["users"]["member"])
    page = client.get(url).content.decode()
    assert "Resultaat vastleggen" not in page and "Geschiedenis" not in page
    client.force_login(world["users"]["staff"])
    page = client.get(url).content.decode()
    assert "Resultaat vastleggen" in page
