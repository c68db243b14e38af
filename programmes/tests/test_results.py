"""Staff record, edit, reorder and delete results, key figures and year plans; history kept."""

import dataclasses

import pytest
from django.urls import reverse

from ingrado import annual_figures
from knowledge import jaarverslag as knowledge_jaarverslag
from programmes import figures, services
from programmes.models import KeyFigure, Result, ResultRevision, YearPlan

from .factories import KeyFigureFactory, ResultFactory, YearPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(small_plan):
    return small_plan["projects"]["basis"]


def _texts(project, year=2025):
    return list(
        project.results.filter(year=year).order_by("order", "pk").values_list("text", flat=True)
    )


def test_staff_record_a_result_which_comes_last_and_is_kept_in_the_history(
    staff_client, staff_user, project
):
    response = staff_client.post(
        reverse("programmes:result_add", args=[project.slug]),
        {
            "year": 2025,
            "text": "  Derde rayondag in rayon Noord. ",
            "status": "partly",
            "is_highlight": "on",
        },
        follow=True,
    )
    assert "Het resultaat is vastgelegd." in response.content.decode()
    result = Result.objects.get(text="Derde rayondag in rayon Noord.")
    assert result.is_highlight and result.status == "partly" and result.year == 2025
    assert _texts(project)[-1] == result.text
    revision = ResultRevision.objects.get(action="result_added")
    assert revision.actor == staff_user and revision.before == ""
    assert revision.after == "Derde rayondag in rayon Noord. [Deels behaald]"


def test_editing_a_result_keeps_the_old_and_new_text(staff_client, project):
    result = project.results.first()
    old = result.text
    staff_client.post(
        reverse("programmes:result_edit", args=[result.pk]),
        {"text": "Congres met 560 deelnemers.", "status": "achieved"},
    )
    result.refresh_from_db()
    assert result.text == "Congres met 560 deelnemers." and not result.is_highlight
    revision = ResultRevision.objects.get(action="result_changed")
    assert revision.before.startswith(old) and revision.after.startswith(result.text)
    page = staff_client.get(reverse("programmes:project_detail", args=[project.slug]))
    assert "Resultaat gewijzigd" in page.content.decode()


def test_an_invalid_result_is_refused_with_a_message_and_nothing_saved(staff_client, project):
    before = Result.objects.count()
    response = staff_client.post(
        reverse("programmes:result_add", args=[project.slug]),
        {"year": "abc", "text": "", "status": "nonsense"},
        follow=True,
    )
    assert "kon niet worden opgeslagen" in response.content.decode()
    assert Result.objects.count() == before and not ResultRevision.objects.exists()
    response = staff_client.post(
        reverse("programmes:result_edit", args=[project.results.first().pk]),
        {"text": "", "status": "achieved"},
    )
    assert response.status_code == 200 and "field-error" in response.content.decode()


def test_staff_reorder_results_up_and_down(staff_client, staff_user, project):
    ResultFactory(project=project, text="Derde.")
    assert _texts(project) == ["Congres met 550 deelnemers.", "Intern overleg.", "Derde."]
    last = Result.objects.get(text="Derde.")
    staff_client.post(reverse("programmes:result_move", args=[last.pk]), {"direction": "up"})
    assert _texts(project) == ["Congres met 550 deelnemers.", "Derde.", "Intern overleg."]
    first = Result.objects.get(text="Congres met 550 deelnemers.")
    staff_client.post(reverse("programmes:result_move", args=[first.pk]), {"direction": "up"})
    assert _texts(project)[0] == "Congres met 550 deelnemers."  # already first: unchanged
    staff_client.post(reverse("programmes:result_move", args=[first.pk]), {"direction": "sideways"})
    assert ResultRevision.objects.filter(action="result_moved").count() == 1


def test_results_of_another_year_are_not_mixed_in_when_reordering(staff_user, project):
    other_year = ResultFactory(project=project, year=2024, order=0, text="Vorig jaar.")
    services.entry_move(
        entry=project.results.get(text="Intern overleg."), direction="up", actor=staff_user
    )
    assert _texts(project) == ["Intern overleg.", "Congres met 550 deelnemers."]
    other_year.refresh_from_db()
    assert other_year.order == 0


def test_deleting_a_result_is_recorded(staff_client, project):
    result = project.results.first()
    staff_client.post(reverse("programmes:result_delete", args=[result.pk]))
    assert not Result.objects.filter(pk=result.pk).exists()
    assert ResultRevision.objects.get(action="result_deleted").before == result.revision_text()


def test_staff_record_edit_reorder_and_delete_key_figures(staff_client, project):
    for value, label in [("550", "deelnemers"), ("18", "landen")]:
        staff_client.post(
            reverse("programmes:figure_add", args=[project.slug]),
            {"year": 2025, "value": value, "label": label},
        )
    figures_ = list(KeyFigure.objects.order_by("order"))
    assert [(f.value, f.order) for f in figures_] == [("550", 0), ("18", 1)]
    staff_client.post(
        reverse("programmes:figure_edit", args=[figures_[0].pk]),
        {"value": "560", "label": "deelnemers"},
    )
    staff_client.post(reverse("programmes:figure_move", args=[figures_[1].pk]), {"direction": "up"})
    assert list(KeyFigure.objects.order_by("order").values_list("value", flat=True)) == [
        "18",
        "560",
    ]
    staff_client.post(reverse("programmes:figure_delete", args=[figures_[1].pk]))
    assert list(KeyFigure.objects.values_list("value", flat=True)) == ["560"]
    actions = set(ResultRevision.objects.values_list("action", flat=True))
    assert actions == {"figure_added", "figure_changed", "figure_moved", "figure_deleted"}
    assert ResultRevision.objects.get(action="figure_changed").before == "550 deelnemers"


def test_staff_write_change_and_delete_a_year_plan(staff_client, project):
    url = reverse("programmes:year_plan_save", args=[project.slug])
    staff_client.post(url, {"year": 2026, "intended_results": "Twintig teams.", "activities": "x"})
    staff_client.post(url, {"year": 2026, "intended_results": "Dertig teams.", "activities": ""})
    plan = YearPlan.objects.get(project=project, year=2026)
    assert plan.intended_results == "Dertig teams." and plan.activities == ""
    revisions = list(ResultRevision.objects.order_by("pk").values_list("action", "before"))
    assert revisions == [("year_plan_added", ""), ("year_plan_changed", "Twintig teams.")]
    staff_client.post(reverse("programmes:year_plan_delete", args=[plan.pk]))
    assert not YearPlan.objects.filter(pk=plan.pk).exists()


def test_the_project_page_shows_year_plans_and_results_per_year(member_client, project):
    YearPlanFactory(project=project, year=2026, intended_results="Twintig nieuwe teams.")
    ResultFactory(project=project, year=2026, text="Tien teams getraind.", status="partly")
    page = member_client.get(reverse("programmes:project_detail", args=[project.slug]))
    html = page.content.decode()
    assert html.index('id="year-2026"') < html.index('id="year-2025"')
    assert "Twintig nieuwe teams." in html and "Tien teams getraind." in html
    assert "Deels behaald" in html and project.end_result_2030 in html


def _helpdesk_figures(monkeypatch, data, years=None):
    """The helpdesk's registered figures, with `data` for the years (every year: None)."""
    provider = dataclasses.replace(
        knowledge_jaarverslag.PROVIDER,
        name="knowledge-in-test",
        year_figures=lambda year: data if years is None or year in years else None,
    )
    monkeypatch.setitem(annual_figures._providers, "knowledge", provider)


def test_the_kennis_project_shows_the_computed_helpdesk_figures(client, small_plan, monkeypatch):
    data = {
        "answered": 1508,
        "askers": 297,
        "organisations": 152,
        "top_topics": [
            ("Vrijstellingen", 92),
            ("Aanwezigheid en verzuim", 86),
            ("Wet politiegegevens", 81),
            ("Overig", 3),
        ],
    }
    _helpdesk_figures(monkeypatch, data)
    html = client.get(reverse("programmes:project_detail", args=["kennis"])).content.decode()
    assert "<strong>1.508</strong> vragen" in html and "<strong>297</strong> vragenstellers" in html
    assert "In totaal werden 1.508 vragen" in html
    assert "Wet politiegegevens (81)" in html and "Overig" not in html
    assert "berekend" in html


def test_a_renamed_project_keeps_the_figures_registered_for_its_code(
    client, small_plan, monkeypatch
):
    data = {"answered": 508, "askers": 297, "organisations": 152, "top_topics": []}
    _helpdesk_figures(monkeypatch, data)
    kennis = small_plan["projects"]["kennis"]
    kennis.name, kennis.slug = "Vraag en antwoord", "vraag-en-antwoord"
    kennis.save()
    html = client.get(reverse("programmes:project_detail", args=[kennis.slug])).content.decode()
    assert "<strong>508</strong> vragen" in html
    assert figures.computed_for(kennis, 2025).text.startswith("In totaal werden 508 vragen")


def test_a_recorded_figure_replaces_the_computed_one_on_the_project_page(
    client, small_plan, monkeypatch
):
    data = {"answered": 508, "askers": 297, "organisations": 152, "top_topics": []}
    _helpdesk_figures(monkeypatch, data, years={2025})
    KeyFigureFactory(project=small_plan["projects"]["kennis"], value="510", label="vragen")
    html = client.get(reverse("programmes:project_detail", args=["kennis"])).content.decode()
    assert "<strong>510</strong> vragen" in html and "<strong>508</strong>" not in html


def test_without_registered_figures_the_projects_show_no_computed_figures(
    client, small_plan, monkeypatch
):
    monkeypatch.setattr(annual_figures, "_providers", {})
    assert figures.computed_for(small_plan["projects"]["kennis"], 2025) == figures.Computed()
    for slug in ("kennis", "academie"):
        response = client.get(reverse("programmes:project_detail", args=[slug]))
        assert response.status_code == 200 and "berekend" not in response.content.decode()
    from programmes.report import build_report

    assert build_report(2025).pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "make", "asks"),
    [
        ("result_delete", lambda p: ResultFactory(project=p, text="Rayondag Noord"), "resultaat"),
        ("figure_delete", lambda p: KeyFigureFactory(project=p, label="deelnemers"), "kerncijfer"),
        (
            "year_plan_delete",
            lambda p: YearPlanFactory(project=p, intended_results="Twee rayondagen"),
            "jaarplan",
        ),
    ],
)
def test_a_delete_asks_for_confirmation_first_and_then_deletes(
    staff_client, project, name, make, asks
):
    entry = make(project)
    url = reverse(f"programmes:{name}", args=[entry.pk])
    project_page = staff_client.get(reverse("programmes:project_detail", args=[project.slug]))
    assert f'<a href="{url}">' in project_page.content.decode(), "a link, not a button"
    confirmation = staff_client.get(url)
    page = confirmation.content.decode()
    assert confirmation.status_code == 200 and asks in page.lower()
    assert f'<form method="post" action="{url}"' in page and "Ja, verwijderen" in page
    assert type(entry).objects.filter(pk=entry.pk).exists(), "the GET deleted nothing"
    staff_client.post(url)
    assert not type(entry).objects.filter(pk=entry.pk).exists()


def test_the_edit_pages_link_to_the_confirmation(staff_client, project):
    result = ResultFactory(project=project)
    figure = KeyFigureFactory(project=project)
    for name, entry in (("result", result), ("figure", figure)):
        page = staff_client.get(reverse(f"programmes:{name}_edit", args=[entry.pk]))
        delete = reverse(f"programmes:{name}_delete", args=[entry.pk])
        assert f'href="{delete}"' in page.content.decode()
