"""A changed capacity gives freed places to the waiting list through the same rule as a
cancellation (`services.waitlist_promote`, the edition row locked), whatever the door."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from academy import selectors, services
from academy.models import Enrolment
from academy.tests.factories import edition_admin_form, edition_with_sessions
from members.models import AuditLog
from members.tests.factories import AdministratorFactory, PersonFactory

pytestmark = pytest.mark.django_db
S = Enrolment.Status


def _enrol(edition, count):
    return [
        services.enrolment_create(edition=edition, person=PersonFactory()) for _ in range(count)
    ]


def test_raising_the_capacity_in_the_admin_promotes_the_waiting_list_in_order(
    roles_synced, django_capture_on_commit_callbacks
):
    edition = edition_with_sessions(capacity=2)
    confirmed = _enrol(edition, 2)
    first, second, third = _enrol(edition, 3)
    administrator = AdministratorFactory()
    admin = Client()
    admin.force_login(administrator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("admin:academy_edition_change", args=[edition.pk]),
            edition_admin_form(edition, capacity=4),
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    edition.refresh_from_db()
    assert edition.capacity == 4
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert [statuses[e.pk] for e in [*confirmed, first, second, third]] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITLISTED,
    ]
    third.refresh_from_db()
    assert selectors.waitlist_position(third) == 1
    promoted = sorted(m.to[0] for m in mail.outbox)
    assert promoted == sorted([first.person.email, second.person.email])
    assert all(m.subject.startswith("[Ingrado] Er is een plaats vrij") for m in mail.outbox)
    entry = AuditLog.objects.get(action="academy.edition_capacity_change")
    assert entry.actor == administrator


def test_a_lower_capacity_keeps_everyone_confirmed_and_promotes_nobody(roles_synced):
    edition = edition_with_sessions(capacity=3)
    _enrol(edition, 3)
    (waiting,) = _enrol(edition, 1)
    assert services.edition_capacity_change(edition=edition, capacity=2) == []
    assert Enrolment.objects.filter(status=S.CONFIRMED).count() == 3
    assert services.places_left(edition) == 0
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert services.edition_capacity_change(edition=edition, capacity=3) == []
    promoted = services.edition_capacity_change(edition=edition, capacity=4)
    assert [e.pk for e in promoted] == [waiting.pk]


def test_a_raised_capacity_after_the_edition_started_promotes_nobody(roles_synced):
    edition = edition_with_sessions(capacity=1, days_ahead=-1)
    edition.enrolment_deadline = edition.cancellation_deadline = edition.created_at.date()
    edition.save()
    Enrolment.objects.create(edition=edition, person=PersonFactory(), status=S.CONFIRMED, price=0)
    Enrolment.objects.create(edition=edition, person=PersonFactory(), status=S.WAITLISTED, price=0)
    assert services.edition_capacity_change(edition=edition, capacity=5) == []
    assert Enrolment.objects.filter(status=S.WAITLISTED).count() == 1


def test_a_capacity_raised_while_people_enrol_gives_its_places_to_the_waiting_list(
    transactional_db, postgres_only
):
    """Ten newcomers enrol at the moment staff raise a full edition's capacity by five:
    the five waiting longest get the places, never a newcomer, and nobody is over."""
    edition = edition_with_sessions(capacity=10)
    _enrol(edition, 10)
    waiting = _enrol(edition, 5)
    newcomers = [PersonFactory() for _ in range(10)]
    barrier = threading.Barrier(11)
    errors = []

    def run(action):
        try:
            barrier.wait(timeout=30)
            action()
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    actions = [
        lambda person=person: services.enrolment_create(edition=edition, person=person)
        for person in newcomers
    ]
    actions.append(lambda: services.edition_capacity_change(edition=edition, capacity=15))
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    statuses = dict(Enrolment.objects.values_list("person_id", "status"))
    assert list(statuses.values()).count(S.CONFIRMED) == 15
    assert all(statuses[e.person_id] == S.CONFIRMED for e in waiting)
    assert all(statuses[p.pk] == S.WAITLISTED for p in newcomers)


def test_enrolling_and_promoting_read_one_rule_for_places_left(roles_synced):
    edition = edition_with_sessions(capacity=1, days_ahead=10)
    assert services.places_left(edition) == 1
    (first,) = _enrol(edition, 1)
    assert services.places_left(edition) == 0
    (second,) = _enrol(edition, 1)
    assert second.status == S.WAITLISTED
    services.enrolment_cancel(enrolment=first)
    second.refresh_from_db()
    assert second.status == S.CONFIRMED
