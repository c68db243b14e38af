"""Staff write the publieksversie's own parts in the portal (voorwoord, cover photo, financial
summary, quotes, dated highlights), every change in the history; the board publishes a
report made on the public address, which makes its year's online version public."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from programmes import report, services
from programmes.models import AnnualReport, EditionRevision, MemberQuote, ReportEdition, Result

from .factories import ResultFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://portal.ingrado.nl"


def _png(width=40, height=20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#6b1f5e").save(buffer, "PNG")
    return buffer.getvalue()


def _texts(**changes):
    data = {
        "foreword": "Een bijzonder jaar.\nDank aan alle leden.",
        "foreword_signed_by": "Petra Hoekstra",
        "foreword_signatory": "chair",
        "financial_summary": "Binnen de begroting.",
        "publication_date": "2026-04-16",
        "cover_image_alt": "",
        "cover_image_credit": "",
    }
    data.update(changes)
    return data


def test_staff_write_the_foreword_and_financial_summary_and_the_report_shows_them(
    staff_client, small_plan
):
    url = reverse("programmes:edition_edit", args=[2025])
    response = staff_client.post(url, _texts())
    assert response.status_code == 302
    edition = ReportEdition.objects.get(year=2025)
    assert edition.foreword_signed_by == "Petra Hoekstra"
    revision = EditionRevision.objects.get(edition=edition)
    assert revision.action == "texts_changed" and "Een bijzonder jaar." in revision.after
    html = report.render_report_html(2025)
    assert "<h2>Voorwoord</h2>" in html and "<b>Petra Hoekstra</b>Voorzitter" in html
    assert "Gepubliceerd op 16\u00a0april\u00a02026" in html
    assert "Binnen de begroting." not in html  # no Bedrijfsvoering programme in this plan
    page = staff_client.get(url).content.decode()
    assert "Teksten gewijzigd" in page  # the history


def test_a_foreword_without_its_signature_is_refused_in_dutch_and_nothing_is_saved(
    staff_client, small_plan
):
    response = staff_client.post(
        reverse("programmes:edition_edit", args=[2025]),
        _texts(foreword_signed_by="", foreword_signatory=""),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Wie ondertekent het voorwoord?" in page
    assert "Ondertekend als voorzitter of als directeur?" in page
    assert not ReportEdition.objects.exists()


def test_staff_upload_a_cover_photo_that_must_be_described(staff_client, small_plan):
    url = reverse("programmes:edition_edit", args=[2025])
    photo = SimpleUploadedFile("omslag.png", _png(), content_type="image/png")
    response = staff_client.post(url, {**_texts(), "cover_image": photo})
    assert "Beschrijf de foto voor lezers die hem niet kunnen zien." in response.content.decode()
    assert not ReportEdition.objects.exists()
    photo = SimpleUploadedFile("omslag.png", _png(), content_type="image/png")
    response = staff_client.post(
        url, {**_texts(cover_image_alt="Leden op de ALV"), "cover_image": photo}
    )
    assert response.status_code == 302
    edition = ReportEdition.objects.get(year=2025)
    assert edition.cover_image.name.startswith("jaarverslag/omslag")
    assert edition.revisions.filter(action="cover_changed").exists()
    html = report.render_report_html(2025)
    assert '<img class="photo" src="data:image/png;base64,' in html
    assert 'alt="Leden op de ALV"' in html


def test_a_file_that_is_no_image_is_refused_as_cover(staff_client, small_plan):
    fake = SimpleUploadedFile("omslag.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = staff_client.post(
        reverse("programmes:edition_edit", args=[2025]),
        {**_texts(cover_image_alt="x"), "cover_image": fake},
    )
    assert response.status_code == 200 and not ReportEdition.objects.exists()


def test_staff_add_change_and_delete_quotes_with_history(staff_client, small_plan):
    staff_client.post(
        reverse("programmes:quote_add", args=[2025]),
        {"text": "Snel een goed antwoord.", "name": "Sanne de Vries", "role": "leerplicht"},
    )
    quote = MemberQuote.objects.get()
    staff_client.post(
        reverse("programmes:quote_edit", args=[quote.pk]),
        {"text": "Altijd snel een goed antwoord.", "name": "Sanne de Vries", "role": ""},
    )
    assert "“Altijd snel een goed antwoord.”" in report.render_report_html(2025)
    assert "Leden aan het woord" in report.render_report_html(2025)
    confirm = staff_client.get(reverse("programmes:quote_delete", args=[quote.pk]))
    assert "Dit citaat uit het jaarverslag 2025 verwijderen?" in confirm.content.decode()
    staff_client.post(reverse("programmes:quote_delete", args=[quote.pk]))
    assert not MemberQuote.objects.exists()
    actions = list(EditionRevision.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["quote_added", "quote_changed", "quote_deleted"]
    assert "Leden aan het woord" not in report.render_report_html(2025)


def test_a_highlight_for_the_year_at_a_glance_needs_its_date_within_the_year(
    staff_client, small_plan
):
    project = small_plan["projects"]["basis"]
    url = reverse("programmes:result_add", args=[project.slug])
    data = {"text": "ALV", "status": "achieved", "in_overview": "on", "year": 2025}
    response = staff_client.post(url, data, follow=True)
    assert "Vul de datum in van een resultaat dat in &#x27;in vogelvlucht&#x27; staat." in (
        response.content.decode()
    )
    staff_client.post(url, {**data, "happened_on": "2024-04-16"})
    assert not Result.objects.filter(text="ALV").exists()
    staff_client.post(url, {**data, "happened_on": "2025-04-16"})
    assert Result.objects.get(text="ALV").happened_on.isoformat() == "2025-04-16"
    html = report.render_report_html(2025)
    assert '<b class="date">16\u00a0april\u00a02025</b><p class="what">ALV</p>' in html


def _ready_report(site_url, is_draft=False):
    made = AnnualReport.objects.create(
        year=2025, state="ready", site_url=site_url, is_draft=is_draft
    )
    made.file.save("jv.pdf", ContentFile(b"%PDF-1.7"))
    return made


def test_a_draft_made_on_a_local_address_cannot_be_published(board_client, small_plan):
    draft = _ready_report("http://127.0.0.1:8000", is_draft=True)
    response = board_client.post(reverse("programmes:report_publish", args=[draft.pk]), follow=True)
    assert "Dit jaarverslag is een concept: het is gemaakt met het lokale adres" in (
        response.content.decode()
    )
    assert not ReportEdition.objects.filter(published_report__isnull=False).exists()


def test_the_board_is_told_when_the_portal_runs_on_a_local_address(board_client, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert "is het lokale adres http://127.0.0.1:8000" in page
    settings.SITE_URL = PUBLIC
    page = board_client.get(reverse("programmes:report_list")).content.decode()
    assert "lokale adres" not in page


def test_publishing_makes_the_years_online_version_public_and_withdrawing_closes_it(
    board_client, small_plan
):
    from django.test import Client

    client = Client()  # anonymous (board_client is the test's own client, logged in)
    url = reverse("programmes:report_online", args=[2025])
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    published = _ready_report(PUBLIC)
    board_client.post(reverse("programmes:report_publish", args=[published.pk]))
    assert ReportEdition.objects.get(year=2025).published_report == published
    page = client.get(url)
    assert page.status_code == 200 and "Jaarverslag 2025" in page.content.decode()
    assert "/jaarverslag/rapport/" not in page.content.decode()  # no staff links
    board_client.post(reverse("programmes:report_withdraw", args=[2025]))
    assert client.get(url).status_code == 302
    actions = list(EditionRevision.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["published", "withdrawn"]


def test_the_task_records_the_address_the_report_was_made_for(small_plan, settings):
    settings.SITE_URL = "http://localhost:8000"
    local = AnnualReport.objects.create(year=2025)
    services.report_generate(report_pk=local.pk)
    local.refresh_from_db()
    assert (local.state, local.site_url, local.is_draft) == ("ready", "http://localhost:8000", True)
    settings.SITE_URL = PUBLIC
    public = AnnualReport.objects.create(year=2025)
    services.report_generate(report_pk=public.pk)
    public.refresh_from_db()
    assert (public.site_url, public.is_draft) == (PUBLIC, False)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost", True),
        ("http://[::1]:8000", True),
        ("http://10.0.0.5", True),
        ("http://portal", True),
        ("https://portal.test", True),
        ("https://portal.ingrado.nl", False),
        ("https://93.184.216.34", False),
    ],
)
def test_local_addresses_are_recognised(url, local):
    from ingrado.site import is_local_address

    assert is_local_address(url) is local


def test_results_marked_for_the_year_at_a_glance_are_listed_by_date(small_plan):
    project = small_plan["projects"]["basis"]
    ResultFactory(project=project, text="Tweede", in_overview=True, happened_on="2025-09-30")
    ResultFactory(project=project, text="Eerste", in_overview=True, happened_on="2025-03-20")
    ResultFactory(project=project, text="Niet gemarkeerd", happened_on="2025-01-02")
    from programmes.selectors import overview_results

    assert [result.text for result in overview_results(2025)] == ["Eerste", "Tweede"]
