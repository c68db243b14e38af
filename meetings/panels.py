"""What the meetings contribute to Mijn Ingrado, a person's page in the directory and the
AVG export and erasure."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors, services
from .models import Ballot, Delegate, PlaceStatus, Proxy, Registration

PANEL_REGISTRATIONS = 8


def dashboard_context(request, person):
    """The person's meetings (coming, and the last month's to evaluate), the ALVs where
    they vote for their organisation, and for a manager the delegate and proxy to arrange."""
    if person is None:
        return {"registrations": [], "delegations": [], "alvs": [], "consultations": []}
    registrations = selectors.upcoming_registrations(person, limit=PANEL_REGISTRATIONS)
    positions = services.waitlist_positions(registrations)
    for registration in registrations:
        registration.position = positions.get(registration.pk)
        registration.can_evaluate = (
            registration.status == PlaceStatus.CONFIRMED
            and registration.meeting.is_over()
            and not hasattr(registration, "evaluation")
        )
    return {
        "registrations": registrations,
        "delegations": selectors.delegations_ahead(person),
        "alvs": selectors.coming_alvs_for_manager(person),
        "consultations": selectors.open_consultations(person),
        "organisation_timeline": person.organisation_id if person.is_manager else None,
        "rayon_contact": person.rayon_contact_for_id is not None,
    }


PERSON_PAGE_REGISTRATIONS = 20


def person_page_context(person):
    registrations = list(
        Registration.objects.filter(person=person)
        .select_related("meeting")
        .order_by("-meeting__date", "-pk")[: PERSON_PAGE_REGISTRATIONS + 1]
    )
    return {
        "registrations": registrations[:PERSON_PAGE_REGISTRATIONS],
        "more_registrations": len(registrations) > PERSON_PAGE_REGISTRATIONS,
    }


def export_personal_data(person) -> dict:
    """Registrations (with the organisation and rayon recorded, presence, workshops and
    evaluation), voting delegations, named votes the person cast, proxies they gave as
    manager, and their consultation answers. Secret votes have no choice to export."""
    registrations = [
        {
            "meeting": r.meeting.title,
            "date": r.meeting.date.isoformat(),
            "status": r.status,
            "registered_at": r.created_at.isoformat(),
            "organisation": r.organisation.name if r.organisation else None,
            "rayon": r.rayon.name if r.rayon else None,
            "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            "left_at": r.checked_out_at.isoformat() if r.checked_out_at else None,
            "workshops": [
                {"workshop": p.workshop.title, "round": p.round, "status": p.status}
                for p in r.workshop_places.all()
            ],
            "evaluation": (
                {"score": r.evaluation.score, "comments": r.evaluation.comments}
                if hasattr(r, "evaluation")
                else None
            ),
        }
        for r in selectors.registrations_of(person)
    ]
    delegations = [
        {
            "meeting": d.meeting.title,
            "date": d.meeting.date.isoformat(),
            "organisation": d.organisation.name,
            "named_at": d.named_at.isoformat(),
        }
        for d in Delegate.objects.filter(person=person).select_related("meeting", "organisation")
    ]
    votes = [
        {
            "decision": b.decision.title,
            "meeting": b.decision.meeting.title,
            "organisation": b.organisation.name,
            "by_proxy": b.via_proxy,
            "cast_at": b.cast_at.isoformat(),
            "choice": b.choice or None,  # a secret vote keeps no choice
        }
        for b in Ballot.objects.filter(cast_by=person).select_related(
            "decision__meeting", "organisation"
        )
    ]
    proxies = [
        {
            "meeting": p.meeting.title,
            "given_by": p.grantor.name,
            "given_to": p.holder.name,
            "given_at": p.granted_at.isoformat(),
            "revoked_at": p.revoked_at.isoformat() if p.revoked_at else None,
            "lapsed_at": p.lapsed_at.isoformat() if p.lapsed_at else None,
        }
        for p in Proxy.objects.filter(granted_by__person=person).select_related(
            "meeting", "grantor", "holder"
        )
    ]
    answers = [
        {
            "consultation": response.meeting.title,
            "answered_at": response.submitted_at.isoformat(),
            "answers": [
                {"question": a.question.text, "answer": a.value} for a in response.answers.all()
            ],
        }
        for response in person.consultation_responses.select_related("meeting").prefetch_related(
            "answers__question"
        )
    ]
    return {
        "registrations": registrations,
        "voting_delegations": delegations,
        "votes": votes,
        "proxies_given": proxies,
        "consultation_answers": answers,
    }


AUDIT_ACTIONS = {
    "meetings.registration_cancel": gettext_lazy("cancelled your registration"),
    "meetings.check_in": gettext_lazy("checked you in"),
    "meetings.check_out": gettext_lazy("recorded that you left"),
}


def audited_objects(person) -> dict:
    described = {}
    for pk, title in Registration.objects.filter(person=person).values_list("pk", "meeting__title"):
        described[(Registration._meta.label, str(pk))] = _("your registration for “%(title)s”") % {
            "title": title
        }
    return described


def erase(person):
    services.registrations_release_for_erasure(person=person)
