"""Enrolment rules: places, waiting list, deadlines, prices, e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from academy import selectors, services
from academy.models import Enrolment
from academy.tests.factories import ActivityFactory, edition_with_sessions
from members.models import AuditLog
from members.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
S = Enrolment.Status


def test_a_confirmed_enrolment_is_mailed_with_the_sessions_as_a_calendar_attachment(
    django_capture_on_commit_callbacks,
):
    edition = edition_with_sessions(sessions=2, activity=ActivityFactory(title="MAS-training"))
    person = PersonFactory(first_name="Fatima")
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(edition=edition, person=person)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert "MAS-training" in message.subject
    assert "Beste Fatima" in message.body or "Fatima" in message.body
    name, calendar, mimetype = message.attachments[0]
    assert (name, mimetype) == ("academie.ics", "text/calendar")
    assert calendar.count("BEGIN:VEVENT") == 2


def test_joining_the_waiting_list_sends_the_position_not_a_confirmation(
    django_capture_on_commit_callbacks,
):
    edition = edition_with_sessions(capacity=1)
    services.enrolment_create(edition=edition, person=PersonFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = services.enrolment_create(edition=edition, person=PersonFactory())
    assert waiting.status == S.WAITLISTED
    [message] = mail.outbox
    assert message.to == [waiting.person.email]
    assert "Op de wachtlijst (nummer 1)" in message.subject and not message.attachments


@pytest.mark.parametrize("change", ["unpublished", "cancelled"])
def test_an_unpublished_or_cancelled_edition_takes_no_enrolments(change):
    edition = edition_with_sessions()
    if change == "unpublished":
        edition.activity.is_published = False
        edition.activity.save()
    else:
        edition.is_cancelled = True
        edition.save()
    with pytest.raises(services.EditionNotOpen):
        services.enrolment_create(edition=edition, person=PersonFactory())
    assert not Enrolment.objects.exists()


def test_enrolling_on_the_deadline_day_itself_is_still_possible():
    edition = edition_with_sessions(enrolment_deadline=timezone.localdate())
    assert services.enrolment_create(edition=edition, person=PersonFactory()).status == S.CONFIRMED


def test_the_deadline_refusal_is_a_dutch_message():
    edition = edition_with_sessions(enrolment_deadline=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.EnrolmentClosed) as error:
        services.enrolment_create(edition=edition, person=PersonFactory())
    assert error.value.message == "De inschrijftermijn is verstreken."


def test_cancelling_without_a_waiting_list_frees_a_place():
    edition = edition_with_sessions(capacity=1)
    enrolment = services.enrolment_create(edition=edition, person=PersonFactory())
    services.enrolment_cancel(enrolment=enrolment)
    newcomer = services.enrolment_create(edition=edition, person=PersonFactory())
    assert newcomer.status == S.CONFIRMED


def test_someone_who_cancelled_may_enrol_again():
    edition = edition_with_sessions()
    person = PersonFactory()
    services.enrolment_cancel(enrolment=services.enrolment_create(edition=edition, person=person))
    again = services.enrolment_create(edition=edition, person=person)
    assert again.status == S.CONFIRMED
    assert Enrolment.objects.filter(person=person).count() == 2


def test_cancelling_twice_is_refused():
    enrolment = services.enrolment_create(edition=edition_with_sessions(), person=PersonFactory())
    services.enrolment_cancel(enrolment=enrolment)
    with pytest.raises(services.AlreadyCancelled):
        services.enrolment_cancel(enrolment=enrolment)


def test_only_someone_on_the_waiting_list_can_leave_it():
    enrolment = services.enrolment_create(edition=edition_with_sessions(), person=PersonFactory())
    with pytest.raises(services.NotOnWaitingList):
        services.waitlist_leave(enrolment=enrolment)
    assert Enrolment.objects.get(pk=enrolment.pk).status == S.CONFIRMED


def test_leaving_the_waiting_list_is_possible_after_the_cancellation_deadline_and_promotes_nobody(
    django_capture_on_commit_callbacks,
):
    edition = edition_with_sessions(
        capacity=1, cancellation_deadline=timezone.localdate() - timedelta(days=1)
    )
    confirmed = services.enrolment_create(edition=edition, person=PersonFactory())
    waiting = services.enrolment_create(edition=edition, person=PersonFactory())
    third = services.enrolment_create(edition=edition, person=PersonFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.waitlist_leave(enrolment=waiting)
    assert [(m.to, m.subject.split(":")[0]) for m in mail.outbox] == [
        ([waiting.person.email], "[Ingrado] Inschrijving geannuleerd")
    ]
    assert Enrolment.objects.get(pk=confirmed.pk).status == S.CONFIRMED
    assert selectors.waitlist_position(Enrolment.objects.get(pk=third.pk)) == 1


def test_staff_cancelling_after_the_deadline_promotes_the_first_and_is_logged(staff_user):
    edition = edition_with_sessions(
        capacity=1, cancellation_deadline=timezone.localdate() - timedelta(days=1)
    )
    confirmed = services.enrolment_create(edition=edition, person=PersonFactory())
    waiting = services.enrolment_create(edition=edition, person=PersonFactory())
    services.enrolment_cancel(enrolment=confirmed, by_staff=True, actor=staff_user)
    assert Enrolment.objects.get(pk=waiting.pk).status == S.CONFIRMED
    log = AuditLog.objects.get(action="academy.enrolment_cancel")
    assert log.actor == staff_user and log.object_id == str(confirmed.pk)


def test_a_place_freed_after_the_edition_started_goes_to_nobody():
    edition = edition_with_sessions(capacity=1, days_ahead=-1)
    confirmed = Enrolment.objects.create(
        edition=edition, person=PersonFactory(), status="confirmed", price=0
    )
    waiting = Enrolment.objects.create(
        edition=edition, person=PersonFactory(), status="waitlisted", price=0
    )
    services.enrolment_cancel(enrolment=confirmed, by_staff=True)
    assert Enrolment.objects.get(pk=waiting.pk).status == S.WAITLISTED


def test_waiting_list_positions_follow_the_order_of_enrolment_per_edition():
    first_edition = edition_with_sessions(capacity=1)
    second_edition = edition_with_sessions(capacity=1)
    enrolments = []
    for edition in (first_edition, second_edition, first_edition, second_edition, first_edition):
        enrolments.append(services.enrolment_create(edition=edition, person=PersonFactory()))
    positions = selectors.waitlist_positions(enrolments)
    assert positions == {enrolments[2].pk: 1, enrolments[4].pk: 2, enrolments[3].pk: 1}
    assert [selectors.waitlist_position(e) for e in enrolments] == [None, None, 1, 1, 2]


def test_a_person_of_a_former_member_organisation_pays_the_non_member_price():
    former = OrganisationFactory(member_until=timezone.localdate() - timedelta(days=1))
    edition = edition_with_sessions()
    enrolment = services.enrolment_create(
        edition=edition, person=PersonFactory(organisation=former)
    )
    assert enrolment.price == edition.activity.price_non_member


def test_the_price_is_kept_on_the_enrolment_when_the_activity_gets_dearer():
    edition = edition_with_sessions()
    enrolment = services.enrolment_create(edition=edition, person=PersonFactory())
    edition.activity.price_member = 999
    edition.activity.save()
    assert Enrolment.objects.get(pk=enrolment.pk).price == 300
