"""★ The organisation's timeline, the betrokkenheidskaart and werkconferentie themes from
the helpdesk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.models import Certificate, Enrolment
from academy.tests.factories import edition_with_sessions
from knowledge.tests.factories import TopicFactory, ask
from meetings import engagement, services
from meetings.models import Meeting, Registration
from meetings.tests.factories import alv, meeting
from members.tests.factories import (
    ManagerFactory,
    MemberFactory,
    OrganisationFactory,
    PersonFactory,
    RayonFactory,
)

pytestmark = pytest.mark.django_db


def test_the_timeline_shows_what_the_organisation_did_and_no_secret_choice(client, roles_synced):
    member = MemberFactory()
    organisation = member.person.organisation
    ask(member, subject="Verlof voor een bruiloft in Marokko")
    enrolment = Enrolment.objects.create(
        edition=edition_with_sessions(), person=member.person, status="confirmed", price=0
    )
    Certificate.objects.create(enrolment=enrolment, state="ready")
    general = alv()
    from meetings.models import Delegate

    Delegate.objects.create(meeting=general, organisation=organisation, person=member.person)
    services.check_in(meeting=general, person=member.person, actor=None, by_staff=True)
    for title, secret in (("Jaarrekening 2025", False), ("Benoeming bestuurder", True)):
        decision = services.decision_save(
            meeting=general, actor=None, title=title, is_secret=secret
        )
        services.decision_open(decision=decision, actor=None)
        services.vote_cast(
            decision=decision,
            organisation=organisation,
            choice="against",
            voter=member.person,
            actor=None,
        )
    texts = [event.text for event in engagement.timeline(organisation, staff=True)]
    assert "Vraag: Verlof voor een bruiloft in Marokko" in texts
    assert any(text.startswith("Ingeschreven voor") for text in texts)
    assert any(text.startswith("Certificaat van") for text in texts)
    assert f"Aanwezig bij {general.title}" in texts
    assert "Stem bij Jaarrekening 2025: tegen" in texts
    assert not any("Benoeming bestuurder" in text for text in texts)
    # The organisation's manager sees it too, with a question's topic instead of its subject.
    manager = ManagerFactory(organisation=organisation)
    client.force_login(manager)
    page = client.get(reverse("meetings:organisation_timeline", args=[organisation.pk])).content
    assert "Marokko" not in page.decode() and "Stem bij Jaarrekening 2025: tegen" in page.decode()
    client.force_login(MemberFactory())
    assert (
        client.get(reverse("meetings:organisation_timeline", args=[organisation.pk])).status_code
        == 403
    )


def test_the_betrokkenheidskaart_lists_the_organisations_quiet_for_twelve_months(
    client, roles_synced
):
    rayon = RayonFactory(name="Midden")
    quiet = OrganisationFactory(rayon=rayon, name="Gemeente Stil")
    long_ago = OrganisationFactory(rayon=rayon, name="Gemeente Lang Geleden")
    active = OrganisationFactory(rayon=rayon, name="Gemeente Actief")
    OrganisationFactory(rayon=RayonFactory(name="Oost"), name="Gemeente Elders")
    held = meeting(days_ahead=-40)
    Registration.objects.create(
        meeting=held,
        person=PersonFactory(organisation=active),
        organisation=active,
        status="confirmed",
        checked_in_at=timezone.now() - timedelta(days=40),
    )
    old = meeting(days_ahead=-400)
    Registration.objects.create(
        meeting=old,
        person=PersonFactory(organisation=long_ago),
        organisation=long_ago,
        status="confirmed",
        checked_in_at=timezone.now() - timedelta(days=400),
    )
    contact = MemberFactory(organisation=active)
    contact.person.rayon_contact_for = rayon
    contact.person.save()
    client.force_login(contact)
    page = client.get(reverse("meetings:engagement_map"))
    assert [o.name for o in page.context["map"]["quiet"]] == [
        "Gemeente Lang Geleden",
        "Gemeente Stil",
    ]
    assert [o.name for o in page.context["map"]["active"]] == ["Gemeente Actief"]
    assert quiet.name in page.content.decode() and "Gemeente Elders" not in page.content.decode()


def test_the_werkconferentie_programme_editor_suggests_rising_helpdesk_topics(staff_client, member):
    rising, steady = TopicFactory(name="Thuiszitters"), TopicFactory(name="Verlof")
    for _ in range(3):
        ask(member, topic=rising)
    old = ask(member, topic=steady)
    old.received_at = timezone.now() - timedelta(days=60)
    old.save()
    werk = meeting(kind=Meeting.Kind.WERKCONFERENTIE)
    page = staff_client.get(reverse("meetings:meeting_edit", args=[werk.pk])).content.decode()
    assert "Thema's uit de helpdesk" in page and "Thuiszitters" in page and "▲ +3" in page
    staff_client.post(
        reverse("meetings:item_add", args=[werk.pk]), {"title": "Thema: Thuiszitters"}
    )
    assert list(werk.items.values_list("title", flat=True)) == ["Thema: Thuiszitters"]


def test_the_nieuwsbrief_and_the_werkconferentie_share_one_count_of_rising_topics():
    from communications import selectors as newsletter
    from knowledge import stats

    assert newsletter.topic_trends is stats.topic_trends
    assert engagement.topic_trends is stats.topic_trends
