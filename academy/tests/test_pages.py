"""The catalogue, the edition page, enrolling through the page, and Mijn Ingrado."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy import services
from academy.models import Activity, Certificate, Enrolment, Evaluation
from academy.tests.factories import (
    ActivityFactory,
    edition_with_sessions,
    past_edition_with_sessions,
)
from members.tests.factories import PersonFactory
from tests.support import page_queries

pytestmark = pytest.mark.django_db
CATALOGUE = reverse("academy:catalogue")


def _listed(client, **params):
    return [e.pk for e in client.get(CATALOGUE, params).context["page"]]


def test_the_catalogue_lists_only_upcoming_published_editions_that_go_ahead(client):
    upcoming = edition_with_sessions(days_ahead=10)
    edition_with_sessions(days_ahead=-10)
    edition_with_sessions(activity=ActivityFactory(is_published=False))
    edition_with_sessions(is_cancelled=True)
    assert _listed(client) == [upcoming.pk]


def test_the_catalogue_filters_by_kind_audience_month_and_text(client):
    webinar = edition_with_sessions(
        days_ahead=10,
        activity=ActivityFactory(
            kind=Activity.Kind.WEBINAR,
            audience=Activity.Audience.DOORSTROOMPUNT,
            title="Webinar Wet van school naar duurzaam werk",
        ),
    )
    training = edition_with_sessions(
        days_ahead=45,
        activity=ActivityFactory(
            kind=Activity.Kind.TRAINING,
            audience=Activity.Audience.LEERPLICHT,
            description="Over vrijstelling 5 onder b.",
        ),
    )
    assert _listed(client, kind="webinar") == [webinar.pk]
    assert _listed(client, audience="leerplicht") == [training.pk]
    month = training.sessions.get().date.month
    assert _listed(client, month=str(month)) == [training.pk]
    assert _listed(client, q="duurzaam") == [webinar.pk]
    assert _listed(client, q="5 onder b") == [training.pk]


def test_an_invalid_filter_value_is_not_an_error(client):
    edition_with_sessions()
    response = client.get(CATALOGUE, {"kind": "cursus", "month": "13", "page": "x"})
    assert response.status_code == 200


def test_the_catalogue_query_count_does_not_grow_with_editions(client):
    def count_for(number):
        Enrolment.objects.all().delete()
        for _ in range(number):
            edition = edition_with_sessions(sessions=3)
            services.enrolment_create(edition=edition, person=PersonFactory())
        cache.clear()  # anonymous pages are cached for a minute
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CATALOGUE, {"places_left": "on"}).status_code == 200
        return len(queries)

    assert count_for(2) == count_for(25) <= 6


@pytest.mark.parametrize(
    ("who", "price", "label"),
    [
        ("member", "300,00", "ledenprijs"),
        ("non_member", "400,00", "prijs voor niet-leden"),
        ("anonymous", "400,00", "prijs voor niet-leden"),
    ],
)
def test_the_edition_page_shows_the_price_for_this_visitor(client, request, who, price, label):
    edition = edition_with_sessions()
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("academy:edition_detail", args=[edition.pk])).content.decode()
    assert f"€\u00a0{price}" in page and label in page  # the amount never wraps from its €


def test_the_edition_page_shows_places_left_sessions_and_krsd_points(client):
    edition = edition_with_sessions(capacity=3, sessions=2)
    services.enrolment_create(edition=edition, person=PersonFactory())
    page = client.get(reverse("academy:edition_detail", args=[edition.pk])).content.decode()
    assert "2 van 3" in page
    assert "8 punten" in page and "KRSD-2401" in page
    for session in edition.sessions.all():
        assert session.date.strftime("%Y") in page
    assert reverse("academy:edition_ics", args=[edition.pk]) in page


def test_enrolling_through_the_page_confirms_and_then_offers_to_cancel(member_client, member):
    edition = edition_with_sessions()
    response = member_client.post(reverse("academy:enrol", args=[edition.pk]), follow=True)
    page = response.content.decode()
    assert "Je bent ingeschreven" in page and "Mijn inschrijving annuleren" in page
    assert Enrolment.objects.get(person=member.person).status == Enrolment.Status.CONFIRMED


def test_a_full_edition_offers_the_waiting_list_and_shows_the_position(member_client, member):
    edition = edition_with_sessions(capacity=1)
    services.enrolment_create(edition=edition, person=PersonFactory())
    url = reverse("academy:edition_detail", args=[edition.pk])
    assert "Op de wachtlijst" in member_client.get(url).content.decode()
    page = member_client.post(reverse("academy:enrol", args=[edition.pk]), follow=True)
    assert "Je staat op nummer 1 van de wachtlijst." in page.content.decode()
    assert "Van de wachtlijst af" in page.content.decode()


def test_leaving_the_waiting_list_through_the_page(member_client, member):
    edition = edition_with_sessions(capacity=1)
    services.enrolment_create(edition=edition, person=PersonFactory())
    waiting = services.enrolment_create(edition=edition, person=member.person)
    response = member_client.post(
        reverse("academy:enrolment_cancel", args=[waiting.pk]), follow=True
    )
    assert "Je staat niet meer op de wachtlijst." in response.content.decode()
    assert Enrolment.objects.get(pk=waiting.pk).status == Enrolment.Status.CANCELLED


def test_a_member_cancelling_after_the_deadline_gets_a_message_and_keeps_the_place(
    member_client, member
):
    edition = edition_with_sessions(cancellation_deadline=timezone.localdate() - timedelta(1))
    enrolment = services.enrolment_create(edition=edition, person=member.person)
    response = member_client.post(
        reverse("academy:enrolment_cancel", args=[enrolment.pk]), follow=True
    )
    assert response.status_code == 200
    assert "medewerkers beslissen" in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CONFIRMED


def test_enrolling_after_the_deadline_through_the_page_is_a_message_not_an_error(
    member_client, member
):
    edition = edition_with_sessions(enrolment_deadline=timezone.localdate() - timedelta(1))
    page = member_client.get(reverse("academy:edition_detail", args=[edition.pk]))
    assert "De inschrijving is gesloten." in page.content.decode()
    response = member_client.post(reverse("academy:enrol", args=[edition.pk]), follow=True)
    assert response.status_code == 200
    assert "De inschrijftermijn is verstreken." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_my_ingrado_shows_enrolments_waiting_positions_certificates_and_evaluation_prompts(
    member_client, member
):
    upcoming = edition_with_sessions(activity=ActivityFactory(title="Basistraining leerplicht"))
    upcoming_enrolment = services.enrolment_create(edition=upcoming, person=member.person)
    full = edition_with_sessions(capacity=1, activity=ActivityFactory(title="MAS"))
    services.enrolment_create(edition=full, person=PersonFactory())
    services.enrolment_create(edition=full, person=member.person)
    past = past_edition_with_sessions(activity=ActivityFactory(title="Moreel Kompas"))
    done = services.enrolment_create(edition=past, person=member.person)
    Certificate.objects.create(enrolment=done, state=Certificate.State.READY)
    evaluated = past_edition_with_sessions(activity=ActivityFactory(title="Wpg"))
    finished = services.enrolment_create(edition=evaluated, person=member.person)
    Evaluation.objects.create(enrolment=finished, score=9)
    Certificate.objects.create(enrolment=finished, state=Certificate.State.READY)
    attended = services.enrolment_create(
        edition=past_edition_with_sessions(activity=ActivityFactory(title="Verzuim")),
        person=member.person,
    )
    rated = services.enrolment_create(
        edition=past_edition_with_sessions(activity=ActivityFactory(title="Thuiszitters")),
        person=member.person,
    )
    Evaluation.objects.create(enrolment=rated, score=7)
    Certificate.objects.create(enrolment=rated, state=Certificate.State.QUEUED)

    page = member_client.get(reverse("members:dashboard")).content.decode()
    assert "Thuiszitters</a> — Bevestigd\n · Certificaat: in de wachtrij</li>" in page
    assert reverse("academy:evaluate", args=[attended.pk]) in page
    assert reverse("academy:evaluate", args=[rated.pk]) not in page
    assert reverse("academy:evaluate", args=[upcoming_enrolment.pk]) not in page
    assert "Basistraining leerplicht" in page
    assert "wachtlijst, nummer 1" in page
    assert reverse("academy:evaluate", args=[done.pk]) in page
    assert "evalueer om je certificaat te krijgen" in page
    assert reverse("academy:certificate_download", args=[finished.pk]) in page


def test_my_ingrado_panel_queries_do_not_grow_with_enrolments(member_client, member):

    def count_for(number):
        Enrolment.objects.filter(person=member.person).delete()
        for index in range(number):
            edition = edition_with_sessions(capacity=0 if index % 2 else 5, sessions=2)
            services.enrolment_create(edition=edition, person=member.person)
        with CaptureQueriesContext(connection) as queries:
            member_client.get(reverse("members:dashboard"))
        return len(page_queries(queries))

    # user, roles (groups), person, questions, enrolments, their editions' sessions,
    # waiting-list positions, and the permissions the menu asks for (user's, groups'); the
    # meetings' panel: registrations, voting delegations, open consultations
    assert count_for(2) == count_for(9) == 12


def test_mijn_ingrado_takes_the_end_of_each_editions_last_session():
    from datetime import datetime, time

    from academy.models import Session
    from academy.selectors import last_session_ends

    edition = edition_with_sessions(sessions=2)  # 9-12 h, thirty and 37 days ahead
    last = Session.objects.filter(edition=edition).order_by("date").last()
    Session.objects.create(
        edition=edition, date=last.date, start_time=time(13), end_time=time(16, 30)
    )
    Session.objects.create(  # earlier on the same day, ending before the afternoon one
        edition=edition, date=last.date, start_time=time(8), end_time=time(10)
    )
    without_sessions = edition_with_sessions(sessions=0)

    ends = last_session_ends({edition.pk, without_sessions.pk})
    assert ends == {edition.pk: timezone.make_aware(datetime.combine(last.date, time(16, 30)))}
    assert last_session_ends(set()) == {}


def test_mijn_ingrado_rows_label_their_status_and_certificate_and_keep_unknown_values():
    from academy.selectors import DashboardEnrolment

    def row(status, certificate_state):
        return DashboardEnrolment(
            pk=1,
            edition_id=1,
            status=status,
            title="Basistraining",
            certificate_state=certificate_state,
            evaluation_pk=None,
            last_session_end=None,
        )

    known = row("confirmed", "failed")
    assert (str(known.status_label), str(known.certificate_label)) == ("Bevestigd", "Mislukt")
    unknown = row("imported", "archived")
    assert (unknown.status_label, unknown.certificate_label) == ("imported", "archived")


def test_a_full_edition_tells_only_a_newcomer_that_they_join_the_waiting_list(
    member_client, member, other_member
):
    edition = edition_with_sessions(capacity=1)
    services.enrolment_create(edition=edition, person=member.person)
    url = reverse("academy:edition_detail", args=[edition.pk])
    enrolled = member_client.get(url).content.decode()
    assert "je komt op de wachtlijst" not in enrolled
    assert "<dt>Plaatsen vrij</dt><dd>geen</dd>" in enrolled
    member_client.force_login(other_member)
    assert "geen: je komt op de wachtlijst" in member_client.get(url).content.decode()


@pytest.mark.parametrize(("rate", "note"), [(None, "vrijgesteld van btw"), (21, "incl. 21% btw")])
def test_every_price_says_what_it_includes(client, member, settings, rate, note):
    from django.test import Client

    settings.ACADEMY_VAT_RATE = rate
    edition = edition_with_sessions()
    catalogue = client.get(CATALOGUE).content.decode()
    member_client = Client()
    member_client.force_login(member)
    assert (
        "€\u00a0300,00 voor leden, €\u00a0400,00 voor anderen, "
        f'<span class="vat-note">{note}</span>' in catalogue
    )
    page = member_client.get(reverse("academy:edition_detail", args=[edition.pk]))
    assert (
        f'€\u00a0300,00 (ledenprijs), <span class="vat-note">{note}</span>' in page.content.decode()
    )
    visitor = client.get(reverse("academy:edition_detail", args=[edition.pk])).content.decode()
    assert "€\u00a0400,00 (prijs voor niet-leden; leden betalen €\u00a0300,00), " in visitor
    assert note in visitor


def test_a_free_activity_reads_free_without_a_vat_note(client):
    edition = edition_with_sessions(activity=ActivityFactory(price_member=0, price_non_member=0))
    page = client.get(reverse("academy:edition_detail", args=[edition.pk])).content.decode()
    assert "gratis (prijs voor niet-leden; leden betalen gratis)" in page
    assert "btw" not in page
