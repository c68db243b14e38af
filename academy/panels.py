"""What the academy contributes to Mijn Ingrado and to the AVG export."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import formatting
from ingrado.caching import cached_figures

from . import selectors, services, stats
from .models import Certificate, Enrolment


def dashboard_context(request, person):
    if person is None:
        return {"enrolments": [], "is_manager": False}
    enrolments = selectors.dashboard_enrolments(person, limit=10)
    positions = selectors.waitlist_positions(enrolments)
    now = timezone.now()
    for enrolment in enrolments:
        enrolment.position = positions.get(enrolment.pk)
        enrolment.can_evaluate = (
            selectors.is_over(enrolment.last_session_end, now)
            and enrolment.status == Enrolment.Status.CONFIRMED
            and enrolment.evaluation_pk is None
        )
    return {"enrolments": enrolments, "is_manager": person.is_manager}


def runs_editions(user) -> bool:
    return user.has_perm("academy.manage_editions")


def watches_figures(user) -> bool:
    """The board: may see the Academie's figures without running editions."""
    return user.has_perm("academy.view_academy_figures") and not runs_editions(user)


def work_context(request, person):
    """Editions waiting for staff: attendance to register, certificates to issue (three
    queries)."""
    today = timezone.localdate()
    return {
        "attendance": selectors.editions_needing_attendance(today),
        "certificates": selectors.editions_needing_certificates(today),
        "days_back": selectors.WORK_DAYS_BACK,
    }


def figures_context(request, person):
    """This year's Academie figures so far (the year's figures the jaarverslag uses, cached)."""
    year = timezone.localdate().year
    figures = cached_figures("academy", year, stats.year_figures)
    return {
        "key": "academie",
        "title": _("Academie %(year)s so far") % {"year": year},
        "figures": [
            (formatting.number(figures["participants"]), _("participants")),
            (formatting.number(figures["certificates"]), _("certificates")),
        ],
        "links": [(reverse("academy:figures"), _("Academie figures"))],
    }


PERSON_PAGE_ENROLMENTS = 20


def person_page_context(person):
    """The person's enrolments on their page in the directory (staff): the newest twenty,
    cancelled ones too."""
    enrolments = selectors.person_page_enrolments(person, limit=PERSON_PAGE_ENROLMENTS + 1)
    return {
        "enrolments": enrolments[:PERSON_PAGE_ENROLMENTS],
        "more_enrolments": len(enrolments) > PERSON_PAGE_ENROLMENTS,
    }


def export_enrolments(person):
    return [
        {
            "activity": e.edition.activity.title,
            "status": e.get_status_display(),
            "enrolled_at": e.created_at.isoformat(),
            "price": str(e.price),
            "evaluation": (
                {"score": e.evaluation.score, "comments": e.evaluation.comments}
                if hasattr(e, "evaluation")
                else None
            ),
            "certificate": e.certificate.code if hasattr(e, "certificate") else None,
        }
        for e in selectors.enrolments_of(person)
    ]


AUDIT_ACTIONS = {
    "academy.enrolment_cancel": gettext_lazy("cancelled your enrolment"),
    "academy.certificate_issue": gettext_lazy("issued your certificate"),
    "academy.certificate_download": gettext_lazy("downloaded your certificate"),
}


def audited_objects(person) -> dict:
    """The person's enrolments and certificates, as the audit log names them."""
    enrolments = Enrolment.objects.filter(person=person).values_list(
        "pk", "edition__activity__title", "certificate__pk"
    )
    described = {}
    for pk, title, certificate_pk in enrolments:
        described[(Enrolment._meta.label, str(pk))] = _("your enrolment in “%(title)s”") % {
            "title": title
        }
        if certificate_pk is not None:
            described[(Certificate._meta.label, str(certificate_pk))] = _(
                "your certificate of “%(title)s”"
            ) % {"title": title}
    return described


def erase(person):
    services.enrolments_release_for_erasure(person=person)
