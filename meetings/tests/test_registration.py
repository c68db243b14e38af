from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from meetings import services
from meetings.models import Evaluation, Meeting, PlaceStatus, Registration, WorkshopPlace
from meetings.tests.factories import meeting, workshop
from members.models import Organisation
from members.tests.factories import OrganisationFactory, PersonFactory, RayonFactory
from tests.support import all_at_once

pytestmark = pytest.mark.django_db
S = PlaceStatus


def test_places_are_confirmed_until_full_then_the_waiting_list_grows():
    event = meeting(capacity=2)
    people = [PersonFactory() for _ in range(4)]
    registrations = [services.registration_create(meeting=event, person=p) for p in people]
    assert [r.status for r in registrations] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
        S.WAITLISTED,
    ]
    assert [services.waitlist_position(r) for r in registrations[2:]] == [1, 2]


def test_a_meeting_without_capacity_takes_everyone():
    event = meeting(capacity=None)
    statuses = {
        services.registration_create(meeting=event, person=PersonFactory()).status
        for _ in range(30)
    }
    assert statuses == {S.CONFIRMED}


def test_cancelling_gives_the_place_to_the_first_waiting_who_gets_the_calendar(
    django_capture_on_commit_callbacks,
):
    event = meeting(capacity=1)
    first, second, third = (PersonFactory() for _ in range(3))
    confirmed = services.registration_create(meeting=event, person=first)
    waiting = services.registration_create(meeting=event, person=second)
    services.registration_create(meeting=event, person=third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=confirmed)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED and waiting.promoted_at is not None
    cancelled, promoted = mail.outbox
    assert cancelled.to == [first.email] and "afgemeld" in cancelled.subject.lower()
    assert promoted.to == [second.email] and promoted.attachments[0][0] == "bijeenkomst.ics"


def test_the_academie_and_the_meetings_share_one_rule_for_places():
    """Both apps take and free places through ingrado.places, not through copies."""
    import inspect

    from academy import services as academy
    from ingrado.places import Places

    assert isinstance(academy.ENROLMENT_PLACES, Places)
    assert isinstance(services.MEETING_PLACES, Places)
    assert isinstance(services.WORKSHOP_PLACES, Places)
    for module in (academy, services):
        source = inspect.getsource(module)
        assert "select_for_update().filter(status=" not in source
        assert '.order_by("created_at", "pk")\n        .first()' not in source


def test_the_organisation_and_rayon_are_kept_as_they_were_that_day():
    midden, oost = RayonFactory(name="Midden"), RayonFactory(name="Oost")
    amersfoort = OrganisationFactory(rayon=midden)
    person = PersonFactory(organisation=amersfoort)
    event = meeting()
    registration = services.registration_create(meeting=event, person=person)
    person.organisation = OrganisationFactory(rayon=oost, kind=Organisation.Kind.PARTNER)
    person.save()
    amersfoort.rayon = oost
    amersfoort.save()
    registration.refresh_from_db()
    assert registration.organisation == amersfoort and registration.rayon == midden
    assert registration.organisation_kind == "gemeente" and registration.was_member


def test_members_only_meetings_refuse_people_without_a_member_organisation():
    event = meeting(audience=Meeting.Audience.MEMBERS)
    outsider = PersonFactory(organisation=None)
    with pytest.raises(services.MeetingError, match="alleen voor leden"):
        services.registration_create(meeting=event, person=outsider)
    assert not Registration.objects.exists()


def test_registration_after_the_deadline_and_of_a_draft_is_refused():
    late = meeting(registration_deadline=timezone.localdate() - timedelta(days=1), days_ahead=3)
    with pytest.raises(services.RegistrationClosed):
        services.registration_create(meeting=late, person=PersonFactory())
    draft = meeting(status=Meeting.Status.DRAFT)
    with pytest.raises(services.MeetingNotOpen):
        services.registration_create(meeting=draft, person=PersonFactory())


def test_one_registration_per_person_and_cancelling_after_the_date_is_for_staff():
    event = meeting(days_ahead=2, cancellation_deadline=timezone.localdate() - timedelta(days=1))
    person = PersonFactory()
    registration = services.registration_create(meeting=event, person=person)
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(meeting=event, person=person)
    with pytest.raises(services.CancellationDeadlinePassed):
        services.registration_cancel(registration=registration)
    services.registration_cancel(registration=registration, by_staff=True)
    assert Registration.objects.get().status == S.CANCELLED


def test_one_workshop_per_round_each_with_its_own_places_and_waiting_list():
    event = meeting(kind=Meeting.Kind.WERKCONFERENTIE)
    small = workshop(event, round=1, capacity=1)
    other = workshop(event, round=1, capacity=5)
    afternoon = workshop(event, round=2, capacity=5)
    anne, bram = PersonFactory(), PersonFactory()
    first = services.registration_create(meeting=event, person=anne, workshops=[small, afternoon])
    second = services.registration_create(meeting=event, person=bram, workshops=[small])
    place_of = lambda r, w: WorkshopPlace.objects.get(registration=r, workshop=w)  # noqa: E731
    assert place_of(first, small).status == S.CONFIRMED
    assert place_of(first, afternoon).status == S.CONFIRMED
    assert place_of(second, small).status == S.WAITLISTED
    # Anne changes her morning workshop: her place in the small one goes to Bram.
    services.workshop_choose(registration=first, workshop=other)
    assert place_of(first, small).status == S.CANCELLED
    assert place_of(second, small).status == S.CONFIRMED
    assert WorkshopPlace.objects.filter(registration=first).exclude(status=S.CANCELLED).count() == 2


def test_cancelling_a_registration_frees_its_workshop_places():
    event = meeting(kind=Meeting.Kind.WERKCONFERENTIE)
    small = workshop(event, capacity=1)
    anne = services.registration_create(meeting=event, person=PersonFactory(), workshops=[small])
    bram = services.registration_create(meeting=event, person=PersonFactory(), workshops=[small])
    services.registration_cancel(registration=anne)
    assert WorkshopPlace.objects.get(registration=bram).status == S.CONFIRMED


def test_a_higher_capacity_set_in_the_admin_promotes_the_waiting(client, admin_user_role):
    """The admin is a door to the same rule: raising the capacity there gives the free
    places to the first waiting."""
    from django.urls import reverse

    event = meeting(capacity=1)
    for _ in range(3):
        services.registration_create(meeting=event, person=PersonFactory())
    client.force_login(admin_user_role)
    data = {
        "kind": event.kind,
        "title": event.title,
        "date": event.date.isoformat(),
        "start_time": "10:00",
        "end_time": "16:00",
        "audience": event.audience,
        "capacity": "3",
        "status": event.status,
        "krsd_points": "0",
        "votes_per_organisation": "1",
        "answer_per": "organisation",
        "created_at_0": event.created_at.date().isoformat(),
        "created_at_1": "10:00:00",
    }
    for prefix in ("items", "workshops", "questions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    response = client.post(reverse("admin:meetings_meeting_change", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Registration.objects.filter(status=S.CONFIRMED).count() == 3


def test_reminders_go_out_the_day_before_and_once(django_capture_on_commit_callbacks):
    tomorrow = meeting(days_ahead=1)
    later = meeting(days_ahead=5)
    person = PersonFactory()
    services.registration_create(meeting=tomorrow, person=person)
    services.registration_create(meeting=later, person=PersonFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 1
        assert services.reminders_send() == 0
    [reminder] = mail.outbox
    assert reminder.to == [person.email] and reminder.subject.startswith("[Ingrado] Morgen")


def test_evaluation_once_after_the_meeting():
    past = meeting(days_ahead=-1, registration_deadline=None)
    registration = Registration.objects.create(
        meeting=past, person=PersonFactory(), status=S.CONFIRMED
    )
    services.evaluation_submit(registration=registration, score=8)
    with pytest.raises(services.MeetingError):
        services.evaluation_submit(registration=registration, score=9)
    upcoming = services.registration_create(meeting=meeting(), person=PersonFactory())
    with pytest.raises(services.MeetingError, match="na de bijeenkomst"):
        services.evaluation_submit(registration=upcoming, score=8)
    with pytest.raises(services.MeetingError):
        services.evaluation_submit(
            registration=Registration.objects.create(
                meeting=past, person=PersonFactory(), status=S.CONFIRMED
            ),
            score=11,
        )
    assert list(Evaluation.objects.values_list("score", flat=True)) == [8]


def test_erasure_frees_the_place_for_the_first_real_person_and_keeps_the_counts():
    from members.services import person_erase

    event = meeting(capacity=1)
    held = meeting(days_ahead=-10)
    leaving = PersonFactory()
    Registration.objects.create(
        meeting=held, person=leaving, status=S.CONFIRMED, checked_in_at=timezone.now()
    )
    services.registration_create(meeting=event, person=leaving)
    erased_waiting = PersonFactory()
    services.registration_create(meeting=event, person=erased_waiting)
    real = PersonFactory()
    services.registration_create(meeting=event, person=real)
    person_erase(person=erased_waiting, actor=None)
    person_erase(person=leaving, actor=None)
    assert Registration.objects.get(meeting=event, person=real).status == S.CONFIRMED
    assert Registration.objects.get(meeting=held, person=leaving).status == S.CONFIRMED


def test_forty_simultaneous_registrations_for_ten_places(transactional_db, postgres_only):
    """40 people register at the same moment from separate connections: exactly 10 get a
    place, 30 wait in order."""
    event = meeting(capacity=10)
    people = [PersonFactory() for _ in range(40)]
    outcomes = all_at_once(
        [lambda p=p: services.registration_create(meeting=event, person=p) for p in people]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    statuses = list(Registration.objects.filter(meeting=event).values_list("status", flat=True))
    assert statuses.count(S.CONFIRMED) == 10
    assert statuses.count(S.WAITLISTED) == 30
    waiting = list(Registration.objects.filter(meeting=event, status=S.WAITLISTED))
    assert sorted(services.waitlist_positions(waiting).values()) == list(range(1, 31))


def test_every_meeting_mail_leaves_through_one_function():
    """The meetings queue every mail in the outbox through one function,
    `meetings.notifications.mail`."""
    import pathlib

    import meetings

    root = pathlib.Path(meetings.__file__).parent
    callers = [
        path.name
        for path in root.glob("*.py")
        if "mail_queue(" in path.read_text()
        or "EmailMultiAlternatives" in path.read_text()
    ]
    assert callers == ["notifications.py"]
    source = (root / "notifications.py").read_text()
    assert source.count("mail_queue(") == 1
