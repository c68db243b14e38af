"""Reads of the meetings: what a user may see, the voting register, presence and quorum,
voting rights and results."""

from dataclasses import dataclass, field
from math import ceil

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ingrado import places
from members.models import Organisation, Person
from members.permissions import is_board_user
from members.selectors import person_for_user

from .filters import MeetingFilter
from .models import (
    Ballot,
    Decision,
    Delegate,
    Document,
    Meeting,
    MeetingReport,
    PlaceStatus,
    ProgrammeItem,
    Proxy,
    Registration,
    Workshop,
    WorkshopPlace,
)

MANAGE = "meetings.manage_meetings"

# The places of a meeting and of a workshop: the portal's one rule (ingrado.places): taken
# under the holder's lock by the services, freed to the first waiting.
MEETING_PLACES = places.Places(holder=Meeting, claims=Registration, holder_field="meeting")
WORKSHOP_PLACES = places.Places(
    holder=Workshop,
    claims=WorkshopPlace,
    holder_field="workshop",
    person_path="registration__person",
)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not on it. Order of registration."""
    return MEETING_PLACES.position(registration)


def waitlist_positions(registrations) -> dict[int, int]:
    """Positions of many waiting-list registrations in one query: {registration pk: position}."""
    return MEETING_PLACES.positions(registrations)


def quorum_needed(register: int, percent: int | None) -> int | None:
    """How many member organisations must be present or represented (None: no quorum)."""
    if percent is None:
        return None
    return ceil(register * percent / 100)


def may_manage(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE)


def rayon_contact_rayon(user):
    """The rayon a user is contact person for (None for anyone else)."""
    person = person_for_user(user)
    return person.rayon_contact_for if person is not None else None


def may_edit(user, meeting: Meeting) -> bool:
    """Staff change any meeting; a rayon contact person a draft rayondag of their rayon."""
    if may_manage(user):
        return True
    rayon = rayon_contact_rayon(user)
    return (
        rayon is not None
        and meeting.kind == Meeting.Kind.RAYONDAG
        and meeting.rayon_id == rayon.pk
        and meeting.status == Meeting.Status.DRAFT
    )


def visible_meetings(user):
    """Published and cancelled meetings for everyone; drafts for staff and the board, and
    a rayon contact person's drafts of their own rayon."""
    meetings = Meeting.objects.all()
    if may_manage(user) or is_board_user(user):
        return meetings
    visible = ~Q(status=Meeting.Status.DRAFT)
    rayon = rayon_contact_rayon(user) if user.is_authenticated else None
    if rayon is not None:
        visible |= Q(kind=Meeting.Kind.RAYONDAG, rayon=rayon)
    return meetings.filter(visible)


def meeting_list(*, user, params) -> MeetingFilter:
    meetings = (
        visible_meetings(user)
        .select_related("rayon", "region")
        .annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=PlaceStatus.CONFIRMED)
            )
        )
    )
    return MeetingFilter(params or None, queryset=meetings)


def get_meeting_for_user(user, pk) -> Meeting:
    """The meeting, if this user may know it exists; otherwise 404."""
    return get_object_or_404(
        visible_meetings(user).select_related("rayon", "region", "alv", "created_by"), pk=pk
    )


def meeting_page(meeting: Meeting) -> dict:
    """What the meeting's page shows besides the meeting: programme, workshops with their
    places, documents, decisions and the werkconferentie or ALV it belongs to."""
    workshops = list(
        meeting.workshops.annotate(
            confirmed_count=Count("places", filter=Q(places__status=PlaceStatus.CONFIRMED))
        )
    )
    return {
        "items": list(ProgrammeItem.objects.filter(meeting=meeting)),
        "workshops": workshops,
        "rounds": sorted({w.round for w in workshops}),
        "documents": list(Document.objects.filter(meeting=meeting).order_by("title", "pk")),
        "decisions": list(Decision.objects.filter(meeting=meeting)),
        "werkconferenties": list(meeting.werkconferenties.filter(status=Meeting.Status.PUBLISHED)),
        "confirmed_count": meeting.registrations.filter(status=PlaceStatus.CONFIRMED).count(),
    }


def open_registration(person, meeting) -> Registration | None:
    if person is None:
        return None
    return (
        Registration.objects.filter(meeting=meeting, person=person)
        .exclude(status=PlaceStatus.CANCELLED)
        .first()
    )


def workshop_places_of(registration) -> list[WorkshopPlace]:
    if registration is None:
        return []
    return list(
        registration.workshop_places.exclude(status=PlaceStatus.CANCELLED).select_related(
            "workshop"
        )
    )


def get_registration_for_user(user, pk) -> Registration:
    """The registration, if it is the user's own (or the user runs meetings); else 404."""
    registrations = Registration.objects.select_related("meeting", "person__organisation")
    if not may_manage(user):
        person = person_for_user(user)
        if person is None:
            raise Http404
        registrations = registrations.filter(person=person)
    return get_object_or_404(registrations, pk=pk)


def may_read_documents(user, meeting: Meeting) -> bool:
    """Staff and the board; for a meeting's published documents also everyone who may take
    part: members, and for a meeting open to partners anyone with an account."""
    if not user.is_authenticated:
        return False
    if may_manage(user) or is_board_user(user):
        return True
    if meeting.status == Meeting.Status.DRAFT:
        return False
    if meeting.audience == Meeting.Audience.PARTNERS:
        return True
    person = person_for_user(user)
    return person is not None and person.is_member


def get_document_for_user(user, meeting_pk, document_pk) -> Document:
    meeting = get_meeting_for_user(user, meeting_pk)
    if not may_read_documents(user, meeting):
        raise Http404
    documents = Document.objects.filter(meeting=meeting)
    if not (may_manage(user) or is_board_user(user)):
        documents = documents.filter(is_draft=False)
    return get_object_or_404(documents, pk=document_pk)


# --- the voting register, presence and quorum --------------------------------------------


def voting_register(meeting: Meeting):
    """The organisations with a vote: those with an active membership on the meeting's day."""
    return Organisation.objects.active_members(on=meeting.date)


def in_voting_register(meeting: Meeting, organisation: Organisation) -> bool:
    return voting_register(meeting).filter(pk=organisation.pk).exists()


def _present_people(meeting: Meeting) -> set[int]:
    return set(
        Registration.objects.filter(
            meeting=meeting,
            status=PlaceStatus.CONFIRMED,
            checked_in_at__isnull=False,
            checked_out_at__isnull=True,
        ).values_list("person_id", flat=True)
    )


def delegate_present(meeting: Meeting, organisation: Organisation) -> bool:
    delegate = Delegate.objects.filter(meeting=meeting, organisation=organisation).first()
    return delegate is not None and delegate.person_id in _present_people(meeting)


@dataclass
class Presence:
    """Who is there for the vote: organisations whose delegate is checked in (present) and
    those represented by a proxy that counts (its holder's delegate is checked in)."""

    register: int
    present: set[int] = field(default_factory=set)
    represented: set[int] = field(default_factory=set)
    quorum_needed: int | None = None

    @property
    def count(self) -> int:
        return len(self.present | self.represented)

    @property
    def quorum_met(self) -> bool:
        return self.quorum_needed is None or self.count >= self.quorum_needed


def presence(meeting: Meeting) -> Presence:
    """The live count "present or represented: N of M member organisations" (five queries,
    however many organisations)."""
    register = set(voting_register(meeting).values_list("pk", flat=True))
    people = _present_people(meeting)
    delegates = dict(
        Delegate.objects.filter(meeting=meeting).values_list("organisation_id", "person_id")
    )
    present = {org for org, person in delegates.items() if person in people and org in register}
    represented = {
        grantor
        for grantor, holder in Proxy.objects.filter(
            meeting=meeting, revoked_at__isnull=True, lapsed_at__isnull=True
        ).values_list("grantor_id", "holder_id")
        if holder in present and grantor in register and grantor not in present
    }
    return Presence(
        register=len(register),
        present=present,
        represented=represented,
        quorum_needed=quorum_needed(len(register), meeting.quorum_percent),
    )


def voting_rights(meeting: Meeting, person: Person | None) -> dict[int, bool]:
    """The votes `person` casts now: {organisation pk: by proxy}. Their own organisation's
    when they are its delegate and checked in, and each organisation whose proxy their
    organisation holds while it counts (the grantor's own delegate is not present)."""
    if person is None:
        return {}
    delegations = list(
        Delegate.objects.filter(meeting=meeting, person=person).values_list(
            "organisation_id", flat=True
        )
    )
    if not delegations or person.pk not in _present_people(meeting):
        return {}
    current = presence(meeting)
    rights = {org: False for org in delegations if org in current.present}
    for grantor in Proxy.objects.filter(
        meeting=meeting,
        holder_id__in=list(rights),
        revoked_at__isnull=True,
        lapsed_at__isnull=True,
    ).values_list("grantor_id", flat=True):
        if grantor in current.represented:
            rights[grantor] = True
    return rights


def proxies_held(meeting: Meeting, organisation_ids) -> list[Proxy]:
    """The proxies given to these organisations that still apply (counting or not)."""
    return list(
        Proxy.objects.filter(
            meeting=meeting,
            holder_id__in=list(organisation_ids),
            revoked_at__isnull=True,
            lapsed_at__isnull=True,
        ).select_related("grantor")
    )


def delegation_of(meeting: Meeting, organisation) -> Delegate | None:
    if organisation is None:
        return None
    return (
        Delegate.objects.filter(meeting=meeting, organisation=organisation)
        .select_related("person")
        .first()
    )


def proxy_given_by(meeting: Meeting, organisation) -> Proxy | None:
    if organisation is None:
        return None
    return (
        Proxy.objects.filter(meeting=meeting, grantor=organisation)
        .select_related("holder")
        .order_by("-granted_at", "-pk")
        .first()
    )


def proxy_holders(meeting: Meeting, exclude) -> list[Organisation]:
    """Organisations with a named delegate that may receive a proxy."""
    return list(
        voting_register(meeting)
        .filter(pk__in=Delegate.objects.filter(meeting=meeting).values("organisation_id"))
        .exclude(pk=exclude.pk)
        .only("name")
        .order_by("name")
    )


def register_rows(meeting: Meeting) -> list[dict]:
    """The voting register as the staff's page shows it: each organisation with its
    delegate, whether present or represented, and its proxy (a fixed number of queries)."""
    current = presence(meeting)
    delegates = {
        d.organisation_id: d
        for d in Delegate.objects.filter(meeting=meeting).select_related("person")
    }
    proxies = {
        p.grantor_id: p
        for p in Proxy.objects.filter(
            meeting=meeting, revoked_at__isnull=True, lapsed_at__isnull=True
        ).select_related("holder")
    }
    rows = []
    for organisation in voting_register(meeting).select_related("rayon").order_by("name"):
        rows.append(
            {
                "organisation": organisation,
                "delegate": delegates.get(organisation.pk),
                "present": organisation.pk in current.present,
                "represented": organisation.pk in current.represented,
                "proxy": proxies.get(organisation.pk),
            }
        )
    return rows


def proxy_log(meeting: Meeting) -> list:
    """Every change of the meeting's proxies, from the audit log, newest first."""
    from members.models import AuditLog

    proxies = {
        str(p.pk): p
        for p in Proxy.objects.filter(meeting=meeting).select_related("grantor", "holder")
    }
    entries = list(
        AuditLog.objects.filter(object_type=Proxy._meta.label, object_id__in=list(proxies))
        .select_related("actor__person")
        .order_by("-at", "-pk")[:200]
    )
    for entry in entries:
        entry.proxy = proxies[entry.object_id]
    return entries


# --- decisions ----------------------------------------------------------------------------

REQUIRED = {
    Decision.Majority.SIMPLE: gettext_lazy("more than half"),
    Decision.Majority.TWO_THIRDS: gettext_lazy("at least two thirds"),
}


@dataclass(frozen=True)
class Result:
    votes_for: int
    against: int
    abstain: int
    majority: str

    @property
    def cast(self) -> int:
        """Votes cast: abstentions are not counted as cast."""
        return self.votes_for + self.against

    @property
    def adopted(self) -> bool:
        if self.cast == 0:
            return False
        if self.majority == Decision.Majority.TWO_THIRDS:
            return 3 * self.votes_for >= 2 * self.cast
        return 2 * self.votes_for > self.cast

    @property
    def sentence(self) -> str:
        """ "aangenomen: 58 voor, 2 tegen, 1 onthouding; vereist meer dan de helft"."""
        abstentions = ngettext("%(n)s abstention", "%(n)s abstentions", self.abstain) % {
            "n": self.abstain
        }
        return _(
            "%(outcome)s: %(for)s for, %(against)s against, %(abstain)s; requires %(required)s"
        ) % {
            "outcome": _("adopted") if self.adopted else _("rejected"),
            "for": self.votes_for,
            "against": self.against,
            "abstain": abstentions,
            "required": REQUIRED[self.majority],
        }


def decision_result(decision: Decision) -> Result:
    return Result(
        decision.tally_for, decision.tally_against, decision.tally_abstain, decision.majority
    )


def adopting_body(meeting: Meeting):
    return _("the ALV")


def decisions_with_progress(meeting: Meeting) -> list[Decision]:
    """The ALV's decisions, each with how many voting rights were used."""
    return list(
        Decision.objects.filter(meeting=meeting)
        .select_related("year_plan_programme")
        .annotate(ballot_count=Count("ballots"))
    )


def ballots_of(decision: Decision) -> list[Ballot]:
    """The named votes of an open decision (a secret one has no choice to show)."""
    return list(
        decision.ballots.select_related("organisation", "cast_by").order_by("organisation__name")
    )


def get_decision(pk) -> Decision:
    return get_object_or_404(Decision.objects.select_related("meeting"), pk=pk)


# --- participants, check-in --------------------------------------------------------------


def participants(meeting: Meeting) -> list[Registration]:
    """The meeting's registrations that are not cancelled, confirmed first, with the
    person, the organisation of that day, evaluation and workshop places (a fixed number of
    queries)."""
    return list(
        Registration.objects.filter(meeting=meeting)
        .exclude(status=PlaceStatus.CANCELLED)
        .select_related("person", "organisation", "rayon", "evaluation")
        .prefetch_related(
            Prefetch(
                "workshop_places",
                queryset=WorkshopPlace.objects.exclude(status=PlaceStatus.CANCELLED)
                .select_related("workshop")
                .order_by("round"),
            )
        )
        .order_by("status", "person__last_name", "person__first_name", "pk")
    )


CHECK_IN_RESULTS = 25


def check_in_search(meeting: Meeting, query: str) -> tuple[list[Registration], list[Person]]:
    """People matching `query` (name, e-mail or organisation): the meeting's registrations,
    and, for the door, people who are not registered (at most CHECK_IN_RESULTS each)."""
    query = query.strip()
    if not query:
        return [], []
    words = Q()
    for word in query.split()[:4]:
        words &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    people = Person.objects.filter(words, erased_at__isnull=True)
    registrations = list(
        Registration.objects.filter(meeting=meeting, person__in=people)
        .exclude(status=PlaceStatus.CANCELLED)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name")[:CHECK_IN_RESULTS]
    )
    registered = Registration.objects.filter(meeting=meeting).exclude(status=PlaceStatus.CANCELLED)
    others = list(
        people.exclude(pk__in=registered.values("person_id"))
        .select_related("organisation")
        .order_by("last_name", "first_name")[:CHECK_IN_RESULTS]
    )
    return registrations, others


def present_list(meeting: Meeting) -> list[Registration]:
    """Everyone who checked in, by organisation: the presentielijst."""
    return list(
        Registration.objects.filter(meeting=meeting, checked_in_at__isnull=False)
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__last_name", "pk")
    )


def reports_of(meeting: Meeting) -> list[MeetingReport]:
    return list(MeetingReport.objects.filter(meeting=meeting).order_by("-requested_at")[:6])


def get_report(pk) -> MeetingReport:
    return get_object_or_404(MeetingReport.objects.select_related("meeting"), pk=pk)


# --- a person's meetings -----------------------------------------------------------------


def upcoming_registrations(person, limit: int) -> list[Registration]:
    """The person's registrations that are not cancelled, of meetings from today on and the
    last month (to evaluate), soonest first."""
    from datetime import timedelta

    since = timezone.localdate() - timedelta(days=31)
    return list(
        Registration.objects.filter(person=person, meeting__date__gte=since)
        .exclude(status=PlaceStatus.CANCELLED)
        .select_related("meeting", "evaluation")
        .order_by("meeting__date", "meeting__start_time")[:limit]
    )


def registrations_of(person):
    return (
        Registration.objects.filter(person=person)
        .select_related("meeting", "organisation", "rayon", "evaluation")
        .prefetch_related("workshop_places__workshop")
        .order_by("-meeting__date", "-pk")
    )


def coming_alvs_for_manager(person) -> list[dict]:
    """For a manager: each coming ALV with their organisation's delegate and proxy."""
    if person is None or not person.is_manager:
        return []
    today = timezone.localdate()
    meetings = list(
        Meeting.objects.filter(
            kind=Meeting.Kind.ALV, status=Meeting.Status.PUBLISHED, date__gte=today
        ).order_by("date")[:3]
    )
    delegates = {
        d.meeting_id: d
        for d in Delegate.objects.filter(
            meeting__in=meetings, organisation_id=person.organisation_id
        ).select_related("person")
    }
    proxies = {
        p.meeting_id: p
        for p in Proxy.objects.filter(
            meeting__in=meetings,
            grantor_id=person.organisation_id,
            revoked_at__isnull=True,
            lapsed_at__isnull=True,
        ).select_related("holder")
    }
    return [
        {"meeting": m, "delegate": delegates.get(m.pk), "proxy": proxies.get(m.pk)}
        for m in meetings
    ]


def delegations_ahead(person) -> list[Delegate]:
    """The ALVs ahead where `person` casts their organisation's vote."""
    if person is None:
        return []
    return list(
        Delegate.objects.filter(person=person, meeting__date__gte=timezone.localdate())
        .select_related("meeting", "organisation")
        .order_by("meeting__date")
    )


def open_consultations(person) -> list[Meeting]:
    if person is None or not person.is_member:
        return []
    return list(
        Meeting.objects.filter(
            kind=Meeting.Kind.CONSULTATION,
            status=Meeting.Status.PUBLISHED,
            answers_until__gte=timezone.now(),
        ).order_by("answers_until")[:3]
    )
