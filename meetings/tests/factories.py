from datetime import time, timedelta

from django.utils import timezone

from meetings import services
from meetings.models import Delegate, Meeting, Workshop
from members.tests.factories import OrganisationFactory, PersonFactory


def meeting(*, kind=Meeting.Kind.REGIONAL, days_ahead=30, capacity=None, **extra) -> Meeting:
    """A published meeting `days_ahead` from today (negative: in the past), 10:00-16:00."""
    fields = {
        "kind": kind,
        "title": f"{Meeting.Kind(kind).label} {Meeting.objects.count() + 1}",
        "date": timezone.localdate() + timedelta(days=days_ahead),
        "start_time": time(10),
        "end_time": extra.pop("end_time", time(16)),
        "location": "Ingrado, Utrecht",
        "capacity": capacity,
        "status": Meeting.Status.PUBLISHED,
        "audience": Meeting.Audience.PARTNERS,
        **extra,
    }
    if kind == Meeting.Kind.RAYONDAG and "rayon" not in fields:
        from members.tests.factories import RayonFactory

        fields["rayon"] = RayonFactory()
    instance = services.new_meeting(**fields)
    instance.full_clean()
    instance.save()
    return instance


def alv(*, days_ahead=0, **extra) -> Meeting:
    """A published general meeting, today by default (so people can check in and vote),
    lasting until the end of the day: not over, whatever the time the tests run."""
    extra.setdefault("audience", Meeting.Audience.MEMBERS)
    extra.setdefault("end_time", time(23, 59))
    return meeting(kind=Meeting.Kind.ALV, days_ahead=days_ahead, **extra)


def workshop(meeting, *, round=1, capacity=2, title=None) -> Workshop:
    return Workshop.objects.create(
        meeting=meeting,
        round=round,
        capacity=capacity,
        title=title or f"Workshop {round}-{Workshop.objects.count() + 1}",
    )


def member_organisation_with_delegate(meeting, **organisation):
    """A member organisation and its named delegate (a person of it) for `meeting`."""
    org = OrganisationFactory(**organisation)
    person = PersonFactory(organisation=org)
    Delegate.objects.create(meeting=meeting, organisation=org, person=person)
    return org, person
