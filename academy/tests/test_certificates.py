import io
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from academy import services, stats
from academy.models import Certificate, Session
from academy.tests.factories import average_scores, edition_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_edition():
    """An edition of two sessions that is over."""
    edition = edition_with_sessions(
        capacity=5, enrolment_deadline=timezone.localdate() + timedelta(days=1)
    )
    edition.sessions.all().delete()
    for days in (14, 7):
        Session.objects.create(
            edition=edition,
            date=timezone.localdate() - timedelta(days=days),
            start_time=time(9),
            end_time=time(12),
            location="Utrecht",
        )
    return edition


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    """Issue a certificate and run what is queued after commit (the PDF task)."""

    def run(enrolment):
        with django_capture_on_commit_callbacks(execute=True):
            certificate = services.certificate_issue(enrolment=enrolment)
        certificate.refresh_from_db()
        return certificate

    return run


def _attend(edition, enrolment, sessions=None):
    for session in sessions or edition.sessions.all():
        services.attendance_register(
            edition=edition, session=session, present_enrolment_ids=[enrolment.pk]
        )


def test_only_a_participant_who_attended_every_session_gets_a_certificate(
    past_edition, member, issue
):
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    _attend(past_edition, enrolment, [past_edition.sessions.first()])
    with pytest.raises(services.AcademyError):
        services.certificate_issue(enrolment=enrolment)
    _attend(past_edition, enrolment)
    certificate = issue(enrolment)
    assert certificate.state == Certificate.State.READY  # rendered in-process (no broker)


def test_certificate_pdf_states_name_activity_dates_points_and_code(past_edition, member, issue):
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    _attend(past_edition, enrolment)
    certificate = issue(enrolment)
    with certificate.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(handle).pages)
    assert member.person.full_name in text
    assert past_edition.activity.title in text
    assert "8 KRSD-punten" in text
    assert certificate.code in text
    first = past_edition.sessions.first().date
    assert str(first.year) in text


def test_the_certificate_has_the_associations_look_the_krsd_number_and_is_tagged(
    past_edition, member, issue
):
    import pikepdf

    from programmes.tests import pdf

    member.person.krsd_registered, member.person.krsd_number = True, "KRSD-104233"
    member.person.save()
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    _attend(past_edition, enrolment)
    certificate = issue(enrolment)
    with certificate.file.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert "KRSD-registratienummer KRSD-104233" in text
    assert "Namens de Ingrado Academie" in text  # under the signature line
    assert reader.trailer["/Root"]["/Lang"] == "nl" and "/StructTreeRoot" in reader.trailer["/Root"]
    figures = [(tag, alt) for tag, _page, alt in pdf.structure(data) if tag == "Figure"]
    assert figures == [("Figure", "Ingrado")]  # the logo, not the favicon
    with pikepdf.open(io.BytesIO(data)) as document:
        fonts = {str(font.BaseFont) for font in document.pages[0].Resources.Font.values()}
    assert all("Atkinson-Hyperlegible" in font for font in fonts), fonts


def test_the_verification_page_confirms_the_code(client, past_edition, member, issue):
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    _attend(past_edition, enrolment)
    certificate = issue(enrolment)
    page = client.get(reverse("academy:certificate_verify", args=[certificate.code]))
    assert page.status_code == 200 and member.person.full_name in page.content.decode()
    assert client.get(reverse("academy:certificate_verify", args=["ONBEKEND"])).status_code == 404


def test_the_certificate_downloads_once_the_evaluation_is_in(
    member_client, past_edition, member, issue
):
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    _attend(past_edition, enrolment)
    issue(enrolment)
    url = reverse("academy:certificate_download", args=[enrolment.pk])
    assert member_client.get(url).status_code == 302  # to the evaluation first
    member_client.post(reverse("academy:evaluate", args=[enrolment.pk]), {"score": "9"})
    response = member_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_evaluation_rules(past_edition, member):
    upcoming = edition_with_sessions()
    early = services.enrolment_create(edition=upcoming, person=member.person)
    with pytest.raises(services.AcademyError):
        services.evaluation_submit(enrolment=early, score=9, comments="")
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    with pytest.raises(services.AcademyError):
        services.evaluation_submit(enrolment=enrolment, score=11, comments="")
    services.evaluation_submit(enrolment=enrolment, score=8, comments="Leerzaam")
    with pytest.raises(services.AcademyError):
        services.evaluation_submit(enrolment=enrolment, score=9, comments="Nog een keer")
    assert average_scores([past_edition]) == {past_edition.pk: 8.0}


def test_seeded_2025_figures_are_those_of_the_annual_report(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    figures = stats.year_figures(2025)
    assert figures["activities"] == 23
    assert figures["participants"] > 250
    assert figures["enrolments"] >= figures["participants"]
    assert figures["average_rating"] >= 8
    assert figures["certificates"] == 27
    from academy.models import Edition

    for edition_pk, average in average_scores(
        Edition.objects.filter(sessions__date__year=2025)
    ).items():
        assert average >= 8, edition_pk


def test_manager_sees_colleagues_enrolments_but_a_member_does_not(client, roles_synced):
    from members.tests.factories import ManagerFactory, MemberFactory

    manager = ManagerFactory()
    colleague = MemberFactory(organisation=manager.person.organisation)
    outsider = MemberFactory()
    edition = edition_with_sessions()
    services.enrolment_create(edition=edition, person=colleague.person)
    services.enrolment_create(edition=edition, person=outsider.person)
    client.force_login(manager)
    response = client.get(reverse("academy:organisation_overview"))
    names = [e.person.pk for e in response.context["enrolments"]]
    assert names == [colleague.person.pk]
    client.force_login(colleague)
    assert client.get(reverse("academy:organisation_overview")).status_code == 403


def test_certificate_renders_on_a_real_worker(live_celery_worker, past_edition, member):
    enrolment = services.enrolment_create(edition=past_edition, person=member.person)
    _attend(past_edition, enrolment)
    certificate = services.certificate_issue(enrolment=enrolment)
    import time as clock

    for _ in range(100):
        certificate.refresh_from_db()
        if certificate.state == Certificate.State.READY:
            break
        clock.sleep(0.2)
    assert certificate.state == Certificate.State.READY
