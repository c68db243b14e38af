"""The Django admin is a door too: results, key figures and year plans changed there go
through the same services as on the project page, into the history, and so into the key of
the online jaarverslag."""

import pytest
from django.test import Client
from django.urls import reverse

from members.tests.factories import AdministratorFactory
from programmes.models import KeyFigure, Result, ResultRevision, YearPlan

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def admin(roles_synced):
    client = Client()
    client.user = AdministratorFactory()
    client.force_login(client.user)
    return client


def _form_data(response) -> dict:
    """What the admin's change form posts back unchanged: the main form's values and every
    inline formset's management form and rows."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def _online(board_client, year=YEAR) -> str:
    return board_client.get(reverse("programmes:report_online", args=[year])).content.decode()


def test_a_result_changed_in_the_admin_is_in_the_history_and_the_online_report_at_once(
    admin, board_client, small_plan, django_capture_on_commit_callbacks
):
    result = Result.objects.get(text="Congres met 550 deelnemers.")
    assert "Congres met 550 deelnemers." in _online(board_client)
    url = reverse("admin:programmes_result_change", args=[result.pk])
    data = {**_form_data(admin.get(url)), "text": "Congres met 600 deelnemers."}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    revision = ResultRevision.objects.get()
    assert (revision.action, revision.actor, revision.year) == ("result_changed", admin.user, YEAR)
    assert revision.before.startswith("Congres met 550 deelnemers.")
    assert revision.after.startswith("Congres met 600 deelnemers.")
    page = _online(board_client)
    assert "Congres met 600 deelnemers." in page and "550 deelnemers" not in page


def test_results_deleted_in_the_admin_are_in_the_history(admin, small_plan):
    results = list(Result.objects.order_by("pk"))
    response = admin.post(
        reverse("admin:programmes_result_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [r.pk for r in results],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Result.objects.exists()
    assert sorted(ResultRevision.objects.values_list("action", "before")) == sorted(
        ("result_deleted", r.revision_text()) for r in results
    )


def test_a_key_figure_recorded_and_deleted_in_the_admin_is_in_the_history(
    admin, board_client, small_plan, django_capture_on_commit_callbacks
):
    project = small_plan["projects"]["basis"]
    assert "bezoekers" not in _online(board_client)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:programmes_keyfigure_add"),
            {"project": project.pk, "year": YEAR, "value": "1.200", "label": "bezoekers"},
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    figure = KeyFigure.objects.get()
    revision = ResultRevision.objects.get()
    assert (revision.action, revision.after, revision.actor) == (
        "figure_added",
        "1.200 bezoekers",
        admin.user,
    )
    assert "bezoekers" in _online(board_client)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("admin:programmes_keyfigure_delete", args=[figure.pk]), {"post": "yes"})
    assert not KeyFigure.objects.exists()
    assert ResultRevision.objects.filter(action="figure_deleted").count() == 1
    assert "bezoekers" not in _online(board_client)


def test_year_plans_written_changed_and_deleted_in_the_admin_are_in_the_history(admin, small_plan):
    project = small_plan["projects"]["basis"]
    url = reverse("admin:programmes_project_change", args=[project.pk])
    data = _form_data(admin.get(url))
    data.update(
        {
            "year_plans-TOTAL_FORMS": 1,
            "year_plans-0-project": project.pk,
            "year_plans-0-year": YEAR,
            "year_plans-0-intended_results": "Een congres.",
        }
    )
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    plan = YearPlan.objects.get()
    data = _form_data(admin.get(url))
    assert data["year_plans-0-id"] == plan.pk
    response = admin.post(
        url, {**data, "year_plans-0-intended_results": "Twee congressen.", "year_plans-0-year": 1}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    plan.refresh_from_db()
    assert (plan.year, plan.intended_results) == (YEAR, "Twee congressen."), "the year stays"
    response = admin.post(url, {**_form_data(admin.get(url)), "year_plans-0-DELETE": "on"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not YearPlan.objects.exists()
    assert list(ResultRevision.objects.order_by("pk").values_list("action", "before", "after")) == [
        ("year_plan_added", "", "Een congres."),
        ("year_plan_changed", "Een congres.", "Twee congressen."),
        ("year_plan_deleted", "Twee congressen.", ""),
    ]
    assert set(ResultRevision.objects.values_list("actor", flat=True)) == {admin.user.pk}


def test_the_admin_changes_a_result_s_project_and_year_only_when_recording_it(admin, small_plan):
    result = Result.objects.get(text="Congres met 550 deelnemers.")
    other = small_plan["projects"]["kennis"]
    url = reverse("admin:programmes_result_change", args=[result.pk])
    data = {**_form_data(admin.get(url)), "project": other.pk, "year": 2026}
    assert admin.post(url, data).status_code == 302
    result.refresh_from_db()
    assert (result.project, result.year) != (other, 2026)
    assert ResultRevision.objects.get().year == YEAR
