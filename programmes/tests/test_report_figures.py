"""The kerncijfers beside the year before, the series of the years side by side, their
charts, and the online version that shows them."""

import html as html_module
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from programmes import charts, report, report_figures
from programmes.models import AnnualReport
from programmes.report_figures import KeyFigure, Series

from .factories import ResultFactory

pytestmark = pytest.mark.django_db


def _words(figure):
    with translation.override("nl"):
        return figure.arrow, figure.change_words, figure.value_text, figure.previous_text


def test_a_key_figure_states_its_change_in_words_and_not_only_by_arrow_or_colour():
    assert _words(KeyFigure("Vragen", 1508, 1472, 2025)) == (
        "▲",
        "36 meer dan in 2024",
        "1.508",
        "1.472",
    )
    assert _words(KeyFigure("Vragen", 14043, 2, 2025))[1] == "14.041 meer dan in 2024"
    assert _words(KeyFigure("Vragen", 400, 472, 2025))[:2] == ("▼", "72 minder dan in 2024")
    assert _words(KeyFigure("Binnen vijf", 91.5, 88.6, 2025, decimals=1, percentage=True)) == (
        "▲",
        "2,9 procentpunt hoger dan in 2024",
        "91,5\u00a0%",
        "88,6\u00a0%",
    )
    assert _words(KeyFigure("Mediaan", 3, 4.5, 2025, decimals=1))[:2] == (
        "▼",
        "1,5 lager dan in 2024",
    )
    assert _words(KeyFigure("Leden", 177, 177, 2025))[:2] == ("=", "gelijk aan 2024")
    assert _words(KeyFigure("Nieuw", 12, None, 2025)) == ("", "geen cijfer over 2024", "12", "–")
    assert _words(KeyFigure("Weg", None, 12, 2025))[:2] == ("", "geen cijfer over 2025")


def test_the_kerncijfers_leave_out_subjects_without_data_and_never_count_a_missing_year_as_zero(
    small_plan,
):
    with translation.override("nl"):
        groups = report_figures.kerncijfers(2025)
    # No helpdesk or Academie data at all: those groups are left out.
    assert [group.title for group in groups] == ["Vereniging"]


def test_the_state_of_the_year_plan_counts_projects_by_the_status_of_their_results(small_plan):
    projects = small_plan["projects"]
    ResultFactory(project=projects["kennis"], status="partly")
    ResultFactory(project=projects["kennis"], status="achieved")
    ResultFactory(project=projects["academie"], status="not")
    programmes = report.report_sections(2025, highlights_only=True)["programmes"]
    state = report_figures.plan_state(programmes)
    assert (state.achieved, state.partly, state.not_achieved) == (1, 1, 1)
    assert state.partly_projects == [projects["kennis"]]
    assert state.not_projects == [projects["academie"]]


def test_years_without_data_are_left_out_of_the_series_not_drawn_as_zero(small_plan):
    found = report_figures.series(2025)
    assert found["questions"].rows == [] and found["participants"].rows == []
    assert "topics" not in found and "results" not in found


def test_a_chart_with_one_value_is_stated_in_words_and_not_drawn():
    with translation.override("nl"):
        chart = charts.column_chart(Series("Deelnemers per jaar", [(2025, 268)]), highlight=2025)
    assert chart.svg == ""
    assert chart.alt == "Deelnemers per jaar: 2025: 268."
    empty = charts.column_chart(Series("Deelnemers per jaar", []))
    assert (empty.svg, empty.alt) == ("", "Deelnemers per jaar")
    two = charts.column_chart(Series("Deelnemers per jaar", [(2024, 190), (2025, 268)]))
    assert two.svg.count("<rect") == 2 and "2024: 190; 2025: 268." in two.alt


def test_the_report_states_a_single_years_figure_in_words(small_plan):
    from academy.tests.factories import edition_with_sessions  # noqa: F401 - the app's data

    html = report.render_report_html(2025)
    # No year has questions or participants: no chart is drawn, and no empty section shown.
    assert 'class="chart"' not in html and 'id="jaren"' not in html


def test_every_text_in_a_chart_is_escaped():
    hostile = '<script>alert("x")</script>&'
    column = charts.column_chart(Series(hostile, [(hostile, 3), ("2025", 4)]))
    bars = charts.paired_bar_chart(
        Series(hostile, [(hostile, 5, 2), ('"><img src=x onerror=alert(1)>', 4, 1)]), year=2025
    )
    for chart in (column, bars):
        assert "<script" not in chart.svg and "<img" not in chart.svg
        assert "&lt;script&gt;" in chart.svg and "&quot;" in chart.svg
        # Only the chart's own elements are markup.
        tags = set(re.findall(r"<([a-z]+)", chart.svg))
        assert tags <= {"svg", "title", "rect", "text", "line"}
        for size in re.findall(r'font-size="([\d.]+)"', chart.svg):
            assert float(size) >= charts.MIN_FONT_PT  # one unit is one point
        # The accessible name says the same as the title, unescaped once by the parser.
        label = re.search(r'aria-label="([^"]*)"', chart.svg)[1]
        assert html_module.unescape(label) == chart.alt


def test_the_online_version_links_the_board_to_the_pdf_of_the_year(board_client, small_plan):
    url = reverse("programmes:report_online", args=[2025])
    page = board_client.get(url).content.decode()
    assert "Publieksversie 2025 als pdf genereren" in page
    assert reverse("programmes:report_list") in page
    ready = AnnualReport.objects.create(year=2025, state=AnnualReport.State.READY)
    ready.file.save("jv.pdf", ContentFile(b"%PDF-1.7"))
    page = board_client.get(url).content.decode()
    assert reverse("programmes:report_download", args=[ready.pk]) in page
    assert "Publieksversie 2025 downloaden (pdf)" in page


@pytest.mark.parametrize("year", [0, 1, 2099, 32768, 99999999999])
def test_an_impossible_or_empty_year_of_the_online_version_is_not_found(member_client, year):
    response = member_client.get(reverse("programmes:report_online", args=[year]))
    assert response.status_code == 404
