from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, Max, Min, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ingrado import places
from members.permissions import is_staff_user
from members.selectors import person_for_user

from .filters import CatalogueFilter
from .models import Attendance, Certificate, Edition, Enrolment, Session

# The generation of what the catalogue shows (ingrado.caching): bumped by every enrolment,
# cancellation and capacity change, and by every save in the admin.
ACADEMY_GENERATION = "academy"

# The places of an edition: taken under the edition's lock, freed to the first waiting.
ENROLMENT_PLACES = places.Places(holder=Edition, claims=Enrolment, holder_field="edition")


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the first on the waiting list; None when not on it. Order of enrolment."""
    return ENROLMENT_PLACES.position(enrolment)


def waitlist_positions(enrolments) -> dict[int, int]:
    """Positions of many waiting-list enrolments in one query: {enrolment pk: position}."""
    return ENROLMENT_PLACES.positions(enrolments)


# The query parameters the catalogue reads: its filters and the page.
CATALOGUE_PARAMETERS = [*CatalogueFilter.base_filters, "page"]


def catalogue(*, params, include_recent=False) -> CatalogueFilter:
    """Upcoming editions; staff also see those of the last 90 days, to register attendance
    and issue certificates after the event."""
    since = timezone.localdate() - timedelta(days=90 if include_recent else 0)
    current = Session.objects.filter(date__gte=since).values("edition_id")
    upcoming = (
        Edition.objects.filter(pk__in=current, activity__is_published=True, is_cancelled=False)
        .with_dates_and_places()
        .select_related("activity")
        .prefetch_related("sessions")
        .order_by("first_date", "pk")
    )
    return CatalogueFilter(params or None, queryset=upcoming)


def get_edition(pk, *, staff=False) -> Edition:
    """The edition with its dates and places, if this user may see it."""
    queryset = Edition.objects.select_related("activity").with_dates_and_places()
    if not staff:
        queryset = queryset.filter(activity__is_published=True)
    return get_object_or_404(queryset.prefetch_related("sessions"), pk=pk)


def edition_heading(pk) -> tuple[Edition, list[Session]]:
    """The edition (for staff) and its sessions, with only what its participant list shows
    above the rows: the title, the capacity and the sessions' dates and times. Reading the
    thirty columns of an edition, its activity and its sessions into models cost a tenth of
    the page; the sessions are read by a plain query (a prefetch cost more than the query)."""
    edition = get_object_or_404(
        Edition.objects.select_related("activity").only("capacity", "activity__title"), pk=pk
    )
    sessions = Session.objects.filter(edition_id=edition.pk).only("date", "start_time")
    return edition, list(sessions)


def get_enrolment_for_user(user, pk) -> Enrolment:
    """The enrolment, if it is the user's own (or the user is staff); otherwise 404."""
    queryset = Enrolment.objects.select_related("edition__activity", "person")
    if not is_staff_user(user):
        person = person_for_user(user)
        if person is None:
            raise Http404
        queryset = queryset.filter(person=person)
    return get_object_or_404(queryset, pk=pk)


def krsd_participants(edition):
    """The confirmed participants, with what the KRSD CSV needs of them."""
    return (
        edition.enrolments.filter(status=Enrolment.Status.CONFIRMED)
        .with_attended_every_session()
        .select_related("person", "person__organisation")
        .only(
            "edition_id",
            "status",
            "person__first_name",
            "person__last_name",
            "person__email",
            "person__krsd_number",
            "person__organisation__name",
        )
        .order_by("created_at", "pk")
    )


def participants(edition) -> list[Enrolment]:
    """The edition's enrolments that are not cancelled, confirmed ones first, with what the
    participant list shows of each: person, organisation, evaluation, certificate and whether
    they attended every session."""
    return list(
        Enrolment.objects.filter(edition_id=edition.pk)
        .exclude(status=Enrolment.Status.CANCELLED)
        .with_attended_every_session()
        .select_related("person__organisation", "evaluation", "certificate")
        .order_by("status", "created_at", "pk")
    )


def average_score(enrolments) -> float | None:
    """The average evaluation of the listed participants."""
    scores = [e.evaluation.score for e in enrolments if hasattr(e, "evaluation")]
    return sum(scores) / len(scores) if scores else None


def open_enrolment(person, edition) -> Enrolment | None:
    """The person's enrolment in the edition (confirmed or waiting), if any."""
    if person is None:
        return None
    return (
        edition.enrolments.filter(person=person).exclude(status=Enrolment.Status.CANCELLED).first()
    )


def present_at(sessions) -> set[tuple[int, int]]:
    """(enrolment pk, session pk) of each attendance at these sessions registered as present.
    Selected by the sessions' keys, which the pages have at hand: no join to the sessions."""
    if not sessions:
        return set()
    attendance = Attendance.objects.filter(
        session_id__in=[session.pk for session in sessions], present=True
    )
    return set(attendance.values_list("enrolment_id", "session_id"))


def enrolments_of(person):
    return (
        Enrolment.objects.filter(person=person)
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("edition__activity", "certificate", "evaluation")
        .prefetch_related(Prefetch("edition__sessions", queryset=Session.objects.order_by("date")))
        .order_by("-created_at")
    )


def person_page_enrolments(person, *, limit: int) -> list[Enrolment]:
    """The person's enrolments (cancelled ones too), newest first, with the activity, the
    first session's date and the certificate: one query."""
    return list(
        Enrolment.objects.filter(person=person)
        .select_related("edition__activity", "certificate")
        .annotate(first_date=Min("edition__sessions__date"))
        .order_by("-created_at", "-pk")[:limit]
    )


@dataclass(slots=True)
class DashboardEnrolment:
    """An enrolment as Mijn Ingrado lists it: plain values, read in one query (the models of
    an enrolment, its edition, activity, certificate and sessions cost three times the
    query)."""

    pk: int
    edition_id: int
    status: str
    title: str
    certificate_state: str | None  # None: no certificate
    evaluation_pk: int | None  # None: not evaluated
    last_session_end: datetime | None  # None: the edition has no sessions
    position: int | None = None  # on the waiting list
    can_evaluate: bool = False

    # Labels as get_FOO_display() gives them: a value that is not a choice as it is.
    @property
    def status_label(self):
        return dict(Enrolment.Status.choices).get(self.status, self.status)

    @property
    def certificate_label(self):
        return dict(Certificate.State.choices).get(self.certificate_state, self.certificate_state)


def dashboard_enrolments(person, limit: int) -> list[DashboardEnrolment]:
    """The person's latest enrolments that are not cancelled, newest first, with the end of
    each edition's last session."""
    rows = list(
        Enrolment.objects.filter(person=person)
        .exclude(status=Enrolment.Status.CANCELLED)
        .order_by("-created_at")
        .values_list(
            "pk",
            "edition_id",
            "status",
            "edition__activity__title",
            "certificate__state",
            "evaluation__pk",
        )[:limit]
    )
    ends = last_session_ends({row[1] for row in rows})
    return [
        DashboardEnrolment(
            pk=pk,
            edition_id=edition_id,
            status=status,
            title=title,
            certificate_state=certificate_state,
            evaluation_pk=evaluation_pk,
            last_session_end=ends.get(edition_id),
        )
        for pk, edition_id, status, title, certificate_state, evaluation_pk in rows
    ]


def last_session_ends(edition_ids) -> dict[int, datetime]:
    """{edition pk: the end of its last session}, for editions that have sessions."""
    if not edition_ids:
        return {}
    last = {}
    sessions = (
        Session.objects.filter(edition_id__in=edition_ids)
        .order_by()
        .values_list("edition_id", "date", "end_time")
    )
    for edition_id, date, end_time in sessions:
        last[edition_id] = max(last.get(edition_id, (date, end_time)), (date, end_time))
    return {
        edition_id: timezone.make_aware(datetime.combine(date, end_time))
        for edition_id, (date, end_time) in last.items()
    }


def is_over(last_session_end: datetime | None, now: datetime | None = None) -> bool:
    """Whether an edition whose last session ends then is over: evaluations and certificates
    come after that moment. An edition without sessions is never over."""
    return last_session_end is not None and last_session_end <= (now or timezone.now())


def last_session_over(edition_id: int) -> bool:
    return is_over(last_session_ends({edition_id}).get(edition_id))


def organisation_enrolments(organisation):
    return (
        Enrolment.objects.filter(person__organisation=organisation)
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("person", "edition__activity", "certificate")
        .prefetch_related("edition__sessions")
        .order_by("person__last_name", "-created_at")
    )


def certificate_candidates(enrolments):
    """The confirmed `enrolments` without a certificate whose participant was present at every
    session of their edition (the one rule: `who_attended_every_session`): the ones a
    certificate is issued to."""
    return enrolments.filter(
        status=Enrolment.Status.CONFIRMED, certificate__isnull=True
    ).who_attended_every_session()


# --- Mijn werk: editions that wait for staff ---------------------------------------

# Editions whose sessions are longer ago than this are history, not work.
WORK_DAYS_BACK = 90


def editions_needing_attendance(today) -> list[dict]:
    """Editions with a recent session (up to today) that has confirmed participants and no
    attendance registered: one query."""
    sessions = (
        Session.objects.filter(
            date__range=(today - timedelta(days=WORK_DAYS_BACK), today),
            edition__is_cancelled=False,
        )
        .filter(
            Exists(
                Enrolment.objects.filter(
                    edition=OuterRef("edition"), status=Enrolment.Status.CONFIRMED
                )
            ),
            ~Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        )
        .select_related("edition__activity")
        .only("date", "start_time", "edition__activity__title")
        .order_by("date", "start_time", "pk")
    )
    editions = {}
    for session in sessions:
        entry = editions.setdefault(
            session.edition_id, {"edition": session.edition, "sessions": []}
        )
        entry["sessions"].append(session)
    return list(editions.values())


def editions_needing_certificates(today, now=None) -> list[dict]:
    """Recent editions whose last session is over, with how many participants who attended
    every session have no certificate yet and how many certificates failed or got stuck:
    two queries."""
    recent = (
        Edition.objects.filter(is_cancelled=False)
        .annotate(last_date=Max("sessions__date"))
        .filter(last_date__range=(today - timedelta(days=WORK_DAYS_BACK), today))
        .values("pk")
    )
    found = {}

    def entry(edition):
        return found.setdefault(edition.pk, {"edition": edition, "eligible": 0, "failed": 0})

    for enrolment in certificate_candidates(
        Enrolment.objects.filter(edition__in=recent)
    ).select_related("edition__activity"):
        entry(enrolment.edition)["eligible"] += 1
    now = now or timezone.now()
    for certificate in (
        Certificate.objects.filter(enrolment__edition__in=recent)
        .exclude(state=Certificate.State.READY)
        .select_related("enrolment__edition__activity")
    ):
        if certificate.state == Certificate.State.FAILED or certificate.is_overdue(now):
            entry(certificate.enrolment.edition)["failed"] += 1
    return sorted(found.values(), key=lambda e: e["edition"].pk)


def has_certificates(edition) -> bool:
    return Certificate.objects.filter(enrolment__edition=edition).exists()


def get_certificate_by_code(code) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__person", "enrolment__edition__activity"),
        code=code.upper()[:20],
        state=Certificate.State.READY,
    )
