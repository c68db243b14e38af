from datetime import time, timedelta
from decimal import Decimal

import factory
from django.db.models import Avg
from django.utils import timezone

from academy.models import Activity, Edition, Evaluation, Session


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = Activity.Kind.TRAINING
    title = factory.Sequence(lambda n: f"Training leerrecht {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    description = "Een training."
    audience = Activity.Audience.EVERYONE
    krsd_points = 8
    krsd_code = "KRSD-2401"
    price_member = Decimal("300.00")
    price_non_member = Decimal("400.00")


def edition_with_sessions(*, capacity=10, days_ahead=30, sessions=1, activity=None, **extra):
    first = timezone.localdate() + timedelta(days=days_ahead)
    edition = Edition.objects.create(
        activity=activity or ActivityFactory(),
        capacity=capacity,
        enrolment_deadline=extra.pop("enrolment_deadline", first - timedelta(days=3)),
        cancellation_deadline=extra.pop("cancellation_deadline", first - timedelta(days=7)),
        **extra,
    )
    for number in range(sessions):
        Session.objects.create(
            edition=edition,
            date=first + timedelta(days=7 * number),
            start_time=time(9),
            end_time=time(12),
            location="Utrecht",
        )
    return edition


def edition_admin_form(edition, **changes) -> dict:
    """What the admin's change form of an edition with one session posts, with `changes`."""
    session = edition.sessions.get()
    return {
        "activity": edition.activity_id,
        "capacity": edition.capacity,
        "enrolment_deadline": edition.enrolment_deadline.isoformat(),
        "cancellation_deadline": edition.cancellation_deadline.isoformat(),
        "created_at_0": edition.created_at.date().isoformat(),
        "created_at_1": "09:00:00",
        "sessions-TOTAL_FORMS": 1,
        "sessions-INITIAL_FORMS": 1,
        "sessions-0-id": session.pk,
        "sessions-0-edition": edition.pk,
        "sessions-0-date": session.date.isoformat(),
        "sessions-0-start_time": session.start_time.strftime("%H:%M"),
        "sessions-0-end_time": session.end_time.strftime("%H:%M"),
        "sessions-0-location": session.location,
        **changes,
    }


def past_edition_with_sessions(*, capacity=10, sessions=2, activity=None):
    """An edition whose sessions took place last week and the week before; enrolment is
    still open so tests can enrol people (as staff would register latecomers)."""
    today = timezone.localdate()
    edition = Edition.objects.create(
        activity=activity or ActivityFactory(),
        capacity=capacity,
        enrolment_deadline=today + timedelta(days=1),
        cancellation_deadline=today - timedelta(days=30),
    )
    for number in range(sessions):
        Session.objects.create(
            edition=edition,
            date=today - timedelta(days=7 * (sessions - number)),
            start_time=time(9),
            end_time=time(12),
            location="Utrecht",
        )
    return edition


def average_scores(editions) -> dict:
    """{edition pk: average evaluation score}: what the seeded data and the evaluations are
    checked against."""
    return dict(
        Evaluation.objects.filter(enrolment__edition__in=editions)
        .values_list("enrolment__edition")
        .annotate(average=Avg("score"))
        .order_by()
    )
