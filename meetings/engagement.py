"""What an organisation did with Ingrado: one timeline of its questions, its people's
enrolments and certificates, the meetings they attended, the votes it cast (open ones only)
and the proxies it gave; and per rayon the "betrokkenheidskaart": the member organisations
that did none of these in the last twelve months. Reads only: each part is the other app's
own model, filtered by the organisation recorded with it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from academy.models import Certificate, Enrolment
from knowledge.models import Question
from knowledge.stats import topic_trends
from members.models import Organisation

from .models import Ballot, ConsultationResponse, PlaceStatus, Proxy, Registration

TIMELINE_LENGTH = 200


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # question, enrolment, certificate, meeting, vote, proxy, consultation
    text: str
    person: str = ""


def timeline(organisation: Organisation, *, staff: bool) -> list[Event]:
    """The newest TIMELINE_LENGTH events, newest first (a fixed number of queries). Staff
    see a question's subject; the organisation's manager its topic only."""
    events = []
    for question in (
        Question.objects.filter(organisation=organisation)
        .select_related("topic", "asker")
        .order_by("-received_at")[:TIMELINE_LENGTH]
    ):
        about = question.subject if staff else question.topic.name
        events.append(
            Event(
                question.received_at,
                "question",
                _("Question: %(about)s") % {"about": about},
                question.asker.full_name,
            )
        )
    for enrolment in (
        Enrolment.objects.filter(person__organisation=organisation)
        .exclude(status="cancelled")
        .select_related("person", "edition__activity")
        .order_by("-created_at")[:TIMELINE_LENGTH]
    ):
        events.append(
            Event(
                enrolment.created_at,
                "enrolment",
                _("Enrolled in %(title)s") % {"title": enrolment.edition.activity.title},
                enrolment.person.full_name,
            )
        )
    for certificate in (
        Certificate.objects.filter(enrolment__person__organisation=organisation)
        .select_related("enrolment__person", "enrolment__edition__activity")
        .order_by("-issued_at")[:TIMELINE_LENGTH]
    ):
        events.append(
            Event(
                certificate.issued_at,
                "certificate",
                _("Certificate of %(title)s")
                % {"title": certificate.enrolment.edition.activity.title},
                certificate.enrolment.person.full_name,
            )
        )
    for registration in (
        Registration.objects.filter(
            organisation=organisation,
            status=PlaceStatus.CONFIRMED,
            checked_in_at__isnull=False,
        )
        .select_related("person", "meeting")
        .order_by("-checked_in_at")[:TIMELINE_LENGTH]
    ):
        events.append(
            Event(
                registration.checked_in_at,
                "meeting",
                _("Attended %(title)s") % {"title": registration.meeting.title},
                registration.person.full_name,
            )
        )
    for ballot in (
        Ballot.objects.filter(organisation=organisation)
        .exclude(choice="")  # a secret vote has no choice to show, and is not shown
        .select_related("decision", "cast_by")
        .order_by("-cast_at")[:TIMELINE_LENGTH]
    ):
        events.append(
            Event(
                ballot.cast_at,
                "vote",
                _("Vote on %(title)s: %(choice)s")
                % {"choice": ballot.get_choice_display().lower(), "title": ballot.decision.title},
                ballot.cast_by.full_name if ballot.cast_by else "",
            )
        )
    for proxy in (
        Proxy.objects.filter(grantor=organisation)
        .select_related("holder", "meeting")
        .order_by("-granted_at")[:TIMELINE_LENGTH]
    ):
        events.append(
            Event(
                proxy.granted_at,
                "proxy",
                _("Gave a proxy to %(holder)s for %(title)s")
                % {"holder": proxy.holder.name, "title": proxy.meeting.title},
            )
        )
    for response in (
        ConsultationResponse.objects.filter(organisation=organisation)
        .select_related("meeting")
        .order_by("-submitted_at")[:TIMELINE_LENGTH]
    ):
        events.append(
            Event(
                response.submitted_at,
                "consultation",
                _("Answered %(title)s") % {"title": response.meeting.title},
            )
        )
    events.sort(key=lambda event: event.at, reverse=True)
    return events[:TIMELINE_LENGTH]


def _active_since(organisation_ids, since: datetime) -> dict[int, datetime]:
    """{organisation pk: its latest activity since `since`} (seven queries)."""
    latest: dict[int, datetime] = {}

    def note(rows):
        for pk, at in rows:
            if pk is not None and at is not None and (pk not in latest or at > latest[pk]):
                latest[pk] = at

    ids = list(organisation_ids)
    note(
        Question.objects.filter(organisation_id__in=ids, received_at__gte=since).values_list(
            "organisation_id", "received_at"
        )
    )
    note(
        Enrolment.objects.filter(person__organisation_id__in=ids, created_at__gte=since)
        .exclude(status="cancelled")
        .values_list("person__organisation_id", "created_at")
    )
    note(
        Certificate.objects.filter(
            enrolment__person__organisation_id__in=ids, issued_at__gte=since
        ).values_list("enrolment__person__organisation_id", "issued_at")
    )
    note(
        Registration.objects.filter(organisation_id__in=ids, checked_in_at__gte=since).values_list(
            "organisation_id", "checked_in_at"
        )
    )
    note(
        Ballot.objects.filter(organisation_id__in=ids, cast_at__gte=since).values_list(
            "organisation_id", "cast_at"
        )
    )
    note(
        Proxy.objects.filter(grantor_id__in=ids, granted_at__gte=since).values_list(
            "grantor_id", "granted_at"
        )
    )
    note(
        ConsultationResponse.objects.filter(
            organisation_id__in=ids, submitted_at__gte=since
        ).values_list("organisation_id", "submitted_at")
    )
    return latest


def engagement_map(rayon, *, today: date | None = None) -> dict:
    """The betrokkenheidskaart of a rayon: its member organisations, those without any
    activity in the last twelve months first, each with its latest activity."""
    today = today or timezone.localdate()
    since = timezone.make_aware(datetime.combine(today - timedelta(days=365), datetime.min.time()))
    organisations = list(
        Organisation.objects.active_members(on=today).filter(rayon=rayon).order_by("name")
    )
    latest = _active_since([o.pk for o in organisations], since)
    for organisation in organisations:
        organisation.latest_activity = latest.get(organisation.pk)
    quiet = [o for o in organisations if o.latest_activity is None]
    active = [o for o in organisations if o.latest_activity is not None]
    return {"rayon": rayon, "quiet": quiet, "active": active, "since": since}


def werkconferentie_themes(*, now: datetime | None = None, limit: int = 8):
    """The helpdesk's topics of this quarter so far beside the period of the same length
    before it, rising first: themes for a werkconferentie's programme."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    first_month = 3 * ((local.month - 1) // 3) + 1
    since = local.replace(month=first_month, day=1, hour=0, minute=0, second=0, microsecond=0)
    if now - since < timedelta(days=14):  # early in a quarter: the last four weeks
        since = now - timedelta(days=28)
    return since, topic_trends(since=since, until=now, limit=limit)
