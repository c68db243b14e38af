from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import (
    ConsultationQuestion,
    ConsultationResponse,
    Decision,
    Delegate,
    Document,
    Meeting,
    PlaceStatus,
    Registration,
    WorkshopPlace,
)
from meetings.tests.factories import alv, meeting, member_organisation_with_delegate, workshop
from members.tests.factories import (
    MemberFactory,
    OrganisationFactory,
    PersonFactory,
    RayonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_list_shows_coming_meetings_filters_and_gives_the_calendar(client):
    coming = meeting(title="Themabijeenkomst thuiszitters", days_ahead=10)
    meeting(title="Geweest", days_ahead=-10)
    meeting(title="Concept", status=Meeting.Status.DRAFT)
    page = client.get(reverse("meetings:list"))
    assert [m.pk for m in page.context["page"]] == [coming.pk]
    past = client.get(reverse("meetings:list"), {"period": "voorbij"}).context["page"]
    assert [m.title for m in past] == ["Geweest"]
    body = client.get(reverse("meetings:list_ics"), {"q": "thuis"}).content.decode()
    assert body.count("BEGIN:VEVENT") == 1 and "SUMMARY:Themabijeenkomst thuiszitters" in body
    assert client.get(reverse("meetings:meeting_detail", args=[coming.pk])).status_code == 200


def test_a_rayon_contact_person_drafts_a_rayondag_of_their_own_rayon_and_staff_publish(
    client, staff_user
):
    from django.test import Client

    staff_client = Client()
    staff_client.force_login(staff_user)
    midden, oost = RayonFactory(name="Midden"), RayonFactory(name="Oost")
    contact = MemberFactory()
    contact.person.rayon_contact_for = midden
    contact.person.save()
    client.force_login(contact)
    data = {
        "kind": "rayondag",
        "title": "Rayondag Midden 2027",
        "rayon": midden.pk,
        "date": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "start_time": "09:30",
        "end_time": "15:30",
        "audience": "partners",
        "krsd_points": "4",
    }
    response = client.post(reverse("meetings:meeting_create"), data)
    draft = Meeting.objects.get()
    assert response.status_code == 302 and draft.status == Meeting.Status.DRAFT
    assert draft.created_by == contact
    refused = client.post(reverse("meetings:meeting_create"), {**data, "rayon": oost.pk})
    assert refused.status_code == 200 and Meeting.objects.count() == 1
    # Staff see the draft and publish it; the public sees it only then.
    assert client.post(reverse("meetings:meeting_publish", args=[draft.pk])).status_code == 403
    staff_client.post(reverse("meetings:meeting_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Meeting.Status.PUBLISHED
    # Published, it is no longer the contact person's to change.
    assert client.get(reverse("meetings:meeting_edit", args=[draft.pk])).status_code == 403


def test_bad_input_gets_a_dutch_message_and_saves_nothing(staff_client):
    base = {
        "kind": "rayondag",
        "title": "Rayondag zonder rayon",
        "date": "2030-03-20",
        "start_time": "10:00",
        "end_time": "09:00",
        "audience": "members",
        "krsd_points": "0",
        "votes_per_organisation": "1",
        "answer_per": "organisation",
    }
    page = staff_client.post(reverse("meetings:meeting_create"), base).content.decode()
    assert "Het einde moet na het begin liggen." in page
    assert "Een rayondag hoort bij een rayon" in page
    assert not Meeting.objects.exists()


def test_registering_with_workshops_on_the_page_and_a_double_click_registers_once(
    member_client, member
):
    event = meeting(kind=Meeting.Kind.WERKCONFERENTIE, audience=Meeting.Audience.MEMBERS)
    morning = workshop(event, round=1)
    afternoon = workshop(event, round=2)
    url = reverse("meetings:register", args=[event.pk])
    data = {"round_1": morning.pk, "round_2": afternoon.pk}
    member_client.post(url, data)
    member_client.post(url, data)
    registration = Registration.objects.get()
    assert registration.status == PlaceStatus.CONFIRMED
    assert set(WorkshopPlace.objects.values_list("workshop_id", flat=True)) == {
        morning.pk,
        afternoon.pk,
    }
    page = member_client.get(reverse("meetings:meeting_detail", args=[event.pk])).content.decode()
    assert "Je bent aangemeld." in page


def test_check_in_at_the_door_works_without_javascript_and_counts_for_the_quorum(staff_client):
    general = alv(quorum_percent=50)
    organisation, delegate = member_organisation_with_delegate(general)
    member_organisation_with_delegate(general)
    delegate.last_name = "Zonnebloem"
    delegate.save()
    url = reverse("meetings:check_in", args=[general.pk])
    page = staff_client.get(url, {"q": "zonneb"}).content.decode()
    assert "Zonnebloem" in page and "Aanmelden en inchecken" in page
    assert "Aanwezig of vertegenwoordigd: 0 van 2 lidorganisaties" in page
    response = staff_client.post(url, {"person": delegate.pk, "q": "zonneb"})
    assert response.status_code == 302 and response["Location"].endswith("?q=zonneb")
    page = staff_client.get(response["Location"]).content.decode()
    assert "Aanwezig of vertegenwoordigd: 1 van 2 lidorganisaties" in page
    assert "Quorum gehaald (1 nodig)" in page
    assert Registration.objects.get(person=delegate).is_present


def test_a_document_that_is_not_what_its_name_says_is_refused(staff_client):
    general = alv(days_ahead=10)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = staff_client.post(
        reverse("meetings:document_add", args=[general.pk]),
        {"title": "Jaarrekening", "file": SimpleUploadedFile("jaarrekening.pdf", png)},
    )
    assert response.status_code == 200
    assert "is niet wat de naam zegt" in response.content.decode()
    assert not Document.objects.exists()


def test_draft_documents_are_for_staff_and_board_only(member, board_user):
    from django.test import Client

    general = alv(days_ahead=10)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    services.document_add(
        meeting=general,
        upload=SimpleUploadedFile("begroting.pdf", pdf),
        title="Begroting",
        is_draft=True,
        actor=None,
    )
    url = reverse("meetings:document_download", args=[general.pk, Document.objects.get().pk])
    statuses = []
    for user in (member, board_user):
        reader = Client()
        reader.force_login(user)
        response = reader.get(url)
        if response.streaming:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        statuses.append(response.status_code)
    assert statuses == [404, 200]


def test_a_delegate_votes_on_the_page_and_a_vote_after_closing_is_refused(client, roles_synced):
    general = alv()
    user = UserFactory(organisation=OrganisationFactory())
    delegate, organisation = user.person, user.person.organisation
    Delegate.objects.create(meeting=general, organisation=organisation, person=delegate)
    Registration.objects.create(
        meeting=general, person=delegate, status="confirmed", checked_in_at=timezone.now()
    )
    decision = services.decision_save(meeting=general, actor=None, title="Begroting 2027")
    services.decision_open(decision=decision, actor=None)
    client.force_login(user)
    page = client.get(reverse("meetings:vote_page", args=[general.pk])).content.decode()
    assert f"De stem van {organisation.name}" in page
    vote = reverse("meetings:vote", args=[decision.pk])
    client.post(vote, {"organisation": organisation.pk, "choice": "for"})
    services.decision_close(decision=decision, actor=None)
    response = client.post(
        vote, {"organisation": organisation.pk, "choice": "against"}, follow=True
    )
    assert "Over dit besluit kan niet (meer) worden gestemd." in response.content.decode()
    decision.refresh_from_db()
    assert (decision.tally_for, decision.tally_against) == (1, 0)
    result = client.get(reverse("meetings:decision_detail", args=[decision.pk])).content.decode()
    assert "Aangenomen: 1 voor, 0 tegen, 0 onthoudingen; vereist meer dan de helft" in result


def test_a_consultation_takes_one_answer_per_organisation_until_its_deadline(roles_synced):
    consultation = meeting(
        kind=Meeting.Kind.CONSULTATION,
        answers_until=timezone.now() + timedelta(days=7),
        audience=Meeting.Audience.MEMBERS,
    )
    question = ConsultationQuestion.objects.create(
        meeting=consultation, text="Klaar voor de nieuwe wet?", options="Ja\nNee"
    )
    organisation = OrganisationFactory()
    first, colleague = (PersonFactory(organisation=organisation) for _ in range(2))
    services.consultation_answer(meeting=consultation, person=first, answers={question.pk: "Ja"})
    with pytest.raises(services.AlreadyAnswered):
        services.consultation_answer(
            meeting=consultation, person=colleague, answers={question.pk: "Nee"}
        )
    with pytest.raises(services.MeetingError, match="Kies een van de mogelijkheden"):
        services.consultation_answer(
            meeting=consultation, person=PersonFactory(), answers={question.pk: "Misschien"}
        )
    consultation.answers_until = timezone.now() - timedelta(minutes=1)
    consultation.save()
    with pytest.raises(services.MeetingError, match="voorbij"):
        services.consultation_answer(
            meeting=consultation, person=PersonFactory(), answers={question.pk: "Ja"}
        )
    assert ConsultationResponse.objects.count() == 1
    from meetings.stats import consultation_results

    [result] = consultation_results(consultation)
    assert [(o["option"], o["count"]) for o in result["options"]] == [("Ja", 1), ("Nee", 0)]
    assert result["rayons"] == [organisation.rayon.name]


def test_pages_keep_their_number_of_queries(staff_client, django_assert_max_num_queries):
    from django.test import Client

    client = Client()  # a visitor
    general = alv()
    for _ in range(12):
        org, person = member_organisation_with_delegate(general)
        services.check_in(meeting=general, person=person, actor=None, by_staff=True)
    for _ in range(8):
        meeting(days_ahead=5)
    decision = services.decision_save(meeting=general, actor=None, title="Besluit")
    pages = [
        (client, reverse("meetings:list"), 3),
        (client, reverse("meetings:meeting_detail", args=[general.pk]), 7),
        (staff_client, reverse("meetings:participants", args=[general.pk]), 9),
        (staff_client, reverse("meetings:check_in", args=[general.pk]) + "?q=a", 14),
        (staff_client, reverse("meetings:voting_register", args=[general.pk]), 19),
        (staff_client, reverse("meetings:decisions", args=[general.pk]), 14),
        (staff_client, reverse("meetings:decision_detail", args=[decision.pk]), 8),
        (staff_client, reverse("meetings:figures"), 12),
        (staff_client, reverse("meetings:vote_page", args=[general.pk]), 17),
    ]
    for user_client, url, budget in pages:
        with django_assert_max_num_queries(budget):
            assert user_client.get(url).status_code == 200, url


def test_the_figures_page_and_csv(staff_client):
    held = meeting(days_ahead=-3)
    Registration.objects.create(
        meeting=held,
        person=PersonFactory(),
        status="confirmed",
        checked_in_at=timezone.now(),
        organisation=OrganisationFactory(),
        organisation_kind="gemeente",
        was_member=True,
    )
    year = held.date.year
    page = staff_client.get(reverse("meetings:figures"), {"jaar": year}).content.decode()
    assert "deelnemers" in page
    csv = staff_client.get(reverse("meetings:figures_csv", args=[year])).content.decode()
    assert "Deelnemers,1" in csv and "Bijeenkomsten,1" in csv


def test_the_figures_filtered_to_an_organisation_count_its_people_of_that_day(staff_client):
    then, now = OrganisationFactory(), OrganisationFactory()
    moved = PersonFactory(organisation=now)  # registered while at `then`, moved since
    held = meeting(days_ahead=-3)
    other = meeting(days_ahead=-2)
    for event, person, organisation in (
        (held, moved, then),
        (held, PersonFactory(organisation=then), then),
        (other, PersonFactory(organisation=now), now),
    ):
        Registration.objects.create(
            meeting=event,
            person=person,
            status="confirmed",
            checked_in_at=timezone.now(),
            organisation=organisation,
            was_member=True,
        )
    Registration.objects.create(  # registered, never came: not attended
        meeting=other,
        person=PersonFactory(organisation=then),
        status="confirmed",
        organisation=then,
    )
    year = held.date.year
    url = reverse("meetings:figures")
    of_then = staff_client.get(url, {"jaar": year, "organisatie": then.pk}).context["figures"]
    assert (of_then["meetings"], of_then["participants"], of_then["people"]) == (1, 2, 2)
    of_now = staff_client.get(url, {"jaar": year, "organisatie": now.pk}).context["figures"]
    assert (of_now["meetings"], of_now["participants"], of_now["people"]) == (1, 1, 1)
    everyone = staff_client.get(url, {"jaar": year}).context["figures"]
    assert (everyone["meetings"], everyone["participants"]) == (2, 3)
    # An unknown or malformed organisation shows everyone's figures, never an error.
    for value in ("999999", "abc"):
        response = staff_client.get(url, {"jaar": year, "organisatie": value})
        assert response.status_code == 200 and response.context["figures"] == everyone
    csv = staff_client.get(
        reverse("meetings:figures_csv", args=[year]), {"organisatie": then.pk}
    ).content.decode()
    assert "Deelnemers,2" in csv and "Bijeenkomsten,1" in csv


def test_the_voting_register_page_shows_the_proxies_log(staff_client, roles_synced):
    from members.tests.factories import ManagerFactory

    general = alv(days_ahead=3)
    holder, _delegate = member_organisation_with_delegate(general)
    manager = ManagerFactory()
    services.proxy_grant(meeting=general, holder=holder, actor_person=manager.person, actor=manager)
    page = staff_client.get(reverse("meetings:voting_register", args=[general.pk])).content
    assert holder.name in page.decode() and "gegeven" in page.decode()


def test_decisions_cannot_be_opened_before_the_day(staff_client):
    general = alv(days_ahead=3)
    decision = services.decision_save(meeting=general, actor=None, title="Begroting")
    response = staff_client.post(reverse("meetings:decision_open", args=[decision.pk]), follow=True)
    assert "Stemmen begint op de dag van de vergadering." in response.content.decode()
    assert Decision.objects.get().state == Decision.State.DRAFT
