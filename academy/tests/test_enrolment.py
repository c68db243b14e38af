import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from academy import selectors, services
from academy.models import Enrolment
from academy.tests.factories import edition_with_sessions
from members.tests.factories import MemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Enrolment.Status


def test_places_are_confirmed_until_full_then_the_waiting_list_grows(roles_synced):
    edition = edition_with_sessions(capacity=2)
    people = [PersonFactory() for _ in range(4)]
    enrolments = [services.enrolment_create(edition=edition, person=p) for p in people]
    assert [e.status for e in enrolments] == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED, S.WAITLISTED]
    assert [selectors.waitlist_position(e) for e in enrolments[2:]] == [1, 2]


def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(
    django_capture_on_commit_callbacks,
):
    edition = edition_with_sessions(capacity=1)
    first, second, third = (PersonFactory() for _ in range(3))
    confirmed = services.enrolment_create(edition=edition, person=first)
    waiting = services.enrolment_create(edition=edition, person=second)
    services.enrolment_create(edition=edition, person=third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=confirmed)
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED and waiting.promoted_at is not None
    cancelled, promoted = mail.outbox
    assert cancelled.to == [first.email] and "geannuleerd" in cancelled.subject
    assert promoted.to == [second.email] and promoted.attachments[0][0] == "academie.ics"


def test_leaving_the_waiting_list_moves_the_others_up():
    edition = edition_with_sessions(capacity=1)
    services.enrolment_create(edition=edition, person=PersonFactory())
    second = services.enrolment_create(edition=edition, person=PersonFactory())
    third = services.enrolment_create(edition=edition, person=PersonFactory())
    services.enrolment_cancel(enrolment=second)
    assert selectors.waitlist_position(Enrolment.objects.get(pk=third.pk)) == 1


def test_one_enrolment_per_person_per_edition():
    edition = edition_with_sessions()
    person = PersonFactory()
    services.enrolment_create(edition=edition, person=person)
    with pytest.raises(services.AcademyError):
        services.enrolment_create(edition=edition, person=person)


def test_enrolment_after_the_deadline_is_refused():
    edition = edition_with_sessions(enrolment_deadline=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.AcademyError):
        services.enrolment_create(edition=edition, person=PersonFactory())


def test_cancelling_after_the_deadline_is_for_staff_to_decide():
    edition = edition_with_sessions(cancellation_deadline=timezone.localdate() - timedelta(1))
    enrolment = services.enrolment_create(edition=edition, person=PersonFactory())
    with pytest.raises(services.AcademyError):
        services.enrolment_cancel(enrolment=enrolment)
    services.enrolment_cancel(enrolment=enrolment, by_staff=True)
    assert Enrolment.objects.get(pk=enrolment.pk).status == S.CANCELLED


def test_members_pay_the_member_price_and_others_the_non_member_price(roles_synced):
    edition = edition_with_sessions()
    member = MemberFactory()
    outsider = UserFactory()
    assert services.enrolment_create(edition=edition, person=member.person).price == 300
    assert services.enrolment_create(edition=edition, person=outsider.person).price == 400


def test_double_submitted_enrol_form_enrols_once(member_client, member):
    edition = edition_with_sessions()
    url = reverse("academy:enrol", args=[edition.pk])
    member_client.post(url)
    member_client.post(url)
    assert Enrolment.objects.filter(person=member.person).count() == 1


def test_member_sees_only_their_own_enrolments(member_client, other_member):
    edition = edition_with_sessions()
    foreign = services.enrolment_create(edition=edition, person=other_member.person)
    for name in ["academy:evaluate", "academy:certificate_download"]:
        assert member_client.get(reverse(name, args=[foreign.pk])).status_code == 404
    response = member_client.post(reverse("academy:enrolment_cancel", args=[foreign.pk]))
    assert response.status_code == 404
    assert Enrolment.objects.get(pk=foreign.pk).status == S.CONFIRMED


def test_member_cannot_open_the_participant_list(member_client):
    edition = edition_with_sessions()
    assert member_client.get(reverse("academy:participants", args=[edition.pk])).status_code == 403


def test_participant_list_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    edition = edition_with_sessions(capacity=40, sessions=3)
    for _ in range(30):
        services.enrolment_create(edition=edition, person=PersonFactory())
    with django_assert_max_num_queries(14):
        response = staff_client.get(reverse("academy:participants", args=[edition.pk]))
    assert len(response.context["enrolments"]) == 30


def test_catalogue_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(12):
        edition_with_sessions(sessions=2)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("academy:catalogue"))
    assert response.context["page"].paginator.count == 12


def test_catalogue_filters_by_places_left(client):
    full = edition_with_sessions(capacity=1)
    services.enrolment_create(edition=full, person=PersonFactory())
    free = edition_with_sessions(capacity=5)
    response = client.get(reverse("academy:catalogue"), {"places_left": "on"})
    assert [e.pk for e in response.context["page"]] == [free.pk]


def test_calendar_download_is_valid_icalendar(client):
    edition = edition_with_sessions(sessions=2)
    body = client.get(reverse("academy:edition_ics", args=[edition.pk])).content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_concurrent_enrolments_never_exceed_capacity(transactional_db, postgres_only):
    """40 people enrol at the same moment from separate connections: exactly 10 get in."""
    edition = edition_with_sessions(capacity=10)
    people = [PersonFactory() for _ in range(40)]
    barrier = threading.Barrier(40)
    errors = []

    def enrol(person):
        try:
            barrier.wait(timeout=30)
            services.enrolment_create(edition=edition, person=person)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statuses = list(Enrolment.objects.filter(edition=edition).values_list("status", flat=True))
    assert statuses.count(S.CONFIRMED) == 10
    assert statuses.count(S.WAITLISTED) == 30
    waiting = Enrolment.objects.filter(edition=edition, status=S.WAITLISTED).order_by(
        "created_at", "pk"
    )
    assert [selectors.waitlist_position(e) for e in waiting] == list(range(1, 31))
    first_waiting = waiting.first()
    services.enrolment_cancel(
        enrolment=Enrolment.objects.filter(edition=edition, status=S.CONFIRMED).first()
    )
    first_waiting.refresh_from_db()
    assert first_waiting.status == S.CONFIRMED
    assert Enrolment.objects.filter(edition=edition, status=S.CONFIRMED).count() == 10
    still_waiting = Enrolment.objects.filter(edition=edition, status=S.WAITLISTED)
    assert sorted(selectors.waitlist_positions(list(still_waiting)).values()) == list(range(1, 30))


def test_staff_also_find_editions_of_the_last_months_in_the_catalogue(client, staff_client):
    from django.test import Client

    past = edition_with_sessions(days_ahead=-30)
    upcoming = edition_with_sessions(days_ahead=30)
    visitor = Client().get(reverse("academy:catalogue")).context["page"]
    assert [e.pk for e in visitor] == [upcoming.pk]
    staff = staff_client.get(reverse("academy:catalogue")).context["page"]
    assert {e.pk for e in staff} == {past.pk, upcoming.pk}
