"""Figures of the meetings per year and quarter, by kind, rayon and kind of organisation: for
the staff's figures page and CSV, and for the jaarverslag's programme "Verbonden vereniging"
(`year_figures` and `sentences`).

A meeting is *held* in a year when it is published (not a draft, not cancelled) and its day
in that year has come; consultations are counted apart. A *participant* is a confirmed
registration that checked in. Organisations, rayons and kinds of organisation are those
recorded with the registration on the day of registering, so a later move changes nothing.
Partners are participants whose organisation was not a member (partners and others).

Filtered to one organisation (`?organisatie=<id>` on the figures page, and the member
statement with the contributie) the figures are those of its people as recorded on the day:
the meetings they attended (and the visits to it, for a Doorstroompunt region), their
participations, evaluations and consultation answers."""

from collections import Counter
from datetime import date

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ingrado import formatting
from members.models import Organisation, Rayon

from .models import (
    ConsultationAnswer,
    ConsultationQuestion,
    ConsultationResponse,
    Evaluation,
    Meeting,
    PlaceStatus,
    Registration,
)

Kind = Meeting.Kind
# "ruim voldoende" or better (jaarplan 2019): a 7 or higher.
GOOD_SCORE = 7


def held_meetings(year: int):
    until = min(date(year, 12, 31), timezone.localdate())
    return Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, date__gte=date(year, 1, 1), date__lte=until
    ).exclude(kind=Kind.CONSULTATION)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def year_figures(year: int, organisation=None) -> dict:
    """The year's figures as plain values (kinds as codes, dates as dates): cacheable, and
    the same in every language; `sentences()` and the pages put them in words. Of one
    organisation when `organisation` is given: the meetings its people attended."""
    held = held_meetings(year)
    if organisation is not None:
        held = held.filter(
            Q(
                registrations__organisation=organisation,
                registrations__status=PlaceStatus.CONFIRMED,
                registrations__checked_in_at__isnull=False,
            )
            | Q(kind=Kind.VISIT, region=organisation)
        ).distinct()
    meetings = list(held.select_related("rayon", "region"))
    ids = [m.pk for m in meetings]
    attended = Registration.objects.filter(
        meeting_id__in=ids, status=PlaceStatus.CONFIRMED, checked_in_at__isnull=False
    )
    of_organisation = {}
    if organisation is not None:
        attended = attended.filter(organisation=organisation)
        of_organisation = {"registration__organisation": organisation}
    rows = list(
        attended.values_list(
            "meeting_id",
            "person_id",
            "organisation_id",
            "rayon__name",
            "organisation_kind",
            "was_member",
        )
    )
    meeting_of = {m.pk: m for m in meetings}
    evaluations = Evaluation.objects.filter(
        registration__meeting_id__in=ids, **of_organisation
    ).aggregate(
        average=Avg("score"), total=Count("pk"), good=Count("pk", filter=Q(score__gte=GOOD_SCORE))
    )

    def quarter(meeting):
        return (meeting.date.month - 1) // 3 + 1

    by_quarter = []
    for number in range(1, 5):
        in_quarter = [r for r in rows if quarter(meeting_of[r[0]]) == number]
        by_quarter.append(
            {
                "quarter": number,
                "meetings": sum(1 for m in meetings if quarter(m) == number),
                "participants": len(in_quarter),
                "organisations": len({r[2] for r in in_quarter if r[2]}),
            }
        )
    kinds = Counter(m.kind for m in meetings)
    participants_by_kind = Counter(meeting_of[r[0]].kind for r in rows)
    by_rayon = Counter(r[3] for r in rows if r[3])
    organisations_by_rayon = {
        name: len({r[2] for r in rows if r[3] == name and r[2]}) for name in by_rayon
    }
    rayondagen = sorted(
        ((m.rayon.name, m.date) for m in meetings if m.kind == Kind.RAYONDAG and m.rayon_id),
        key=lambda item: item[1],
    )
    alvs = [m for m in meetings if m.kind == Kind.ALV]
    werkconferenties = [m for m in meetings if m.kind == Kind.WERKCONFERENTIE]
    consultations = Meeting.objects.filter(
        kind=Kind.CONSULTATION,
        status=Meeting.Status.PUBLISHED,
        answers_until__year=year,
    )
    if organisation is not None:
        consultations = consultations.filter(responses__organisation=organisation).distinct()
        of_responder = Q(responses__organisation=organisation)
    else:
        of_responder = Q()
    consultations = consultations.annotate(
        responses_count=Count("responses", filter=of_responder, distinct=True)
    )
    return {
        "year": year,
        "organisation_id": organisation.pk if organisation is not None else None,
        "meetings": len(meetings),
        "by_kind": [
            {"kind": kind, "meetings": kinds[kind], "participants": participants_by_kind[kind]}
            for kind in Kind.values
            if kinds[kind]
        ],
        "participants": len(rows),
        "people": len({r[1] for r in rows}),
        "organisations": len({r[2] for r in rows if r[2]}),
        "share_partners": _share(sum(1 for r in rows if not r[5]), len(rows)),
        "evaluation_average": round(evaluations["average"], 1) if evaluations["average"] else None,
        "evaluations": evaluations["total"],
        "share_good": _share(evaluations["good"], evaluations["total"]),
        "by_quarter": by_quarter,
        "by_rayon": [
            {
                "rayon": name,
                "participants": by_rayon[name],
                "organisations": organisations_by_rayon[name],
            }
            for name in Rayon.objects.order_by("order", "name").values_list("name", flat=True)
            if name in by_rayon
        ],
        "by_organisation_kind": [
            {"kind": kind, "participants": count}
            for kind, count in sorted(
                Counter(r[4] or "" for r in rows).items(), key=lambda item: -item[1]
            )
        ],
        "alv_dates": [m.date for m in alvs],
        "werkconferenties": len(werkconferenties),
        "alvs_with_werkconferentie": sum(
            1 for m in alvs if any(w.alv_id == m.pk for w in werkconferenties)
        ),
        "rayondagen": rayondagen,
        "rayons_with_rayondag": len({name for name, _day in rayondagen}),
        "rayons_total": Rayon.objects.count(),
        "rayon_contact_meetings": [
            (m.title, m.date) for m in meetings if m.kind == Kind.RAYON_CONTACTS
        ],
        "regions_visited": len({m.region_id for m in meetings if m.kind == Kind.VISIT}),
        "visits": sum(1 for m in meetings if m.kind == Kind.VISIT),
        "consultations": len(consultations),
        "consultation_responses": sum(c.responses_count for c in consultations),
    }


def in_words(number: int) -> str:
    """ "Twee", "Dertien": a count at the start of the jaarverslag's sentence (figures
    above twenty)."""
    return formatting.words(number, capital=True)


def _day_month(day: date) -> str:
    """ "16 april" (the sentence is about one year)."""
    return formatting.day_month(day)


def _and(parts: list[str], joiner=None) -> str:
    joiner = joiner or _(" and ")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]


def sentences(figures: dict) -> dict[str, str]:
    """What the jaarverslag's programme "Verbonden vereniging" says of the year, computed:
    the ALVs with their dates, the rayondagen, the rayon contact persons' meetings (the
    kick-off) and the regions visited. A subject without meetings is left out."""
    found = {}
    alvs = figures["alv_dates"]
    if alvs:
        dates = _and([_day_month(day) for day in alvs], _(" and on "))
        if figures["alvs_with_werkconferentie"] == len(alvs):
            text = ngettext(
                "%(count)s general meeting and its werkconferentie, on %(dates)s.",
                "%(count)s general meetings and their werkconferenties, on %(dates)s.",
                len(alvs),
            )
        else:
            text = ngettext(
                "%(count)s general meeting, on %(dates)s.",
                "%(count)s general meetings, on %(dates)s.",
                len(alvs),
            )
        found["alv"] = text % {"count": in_words(len(alvs)), "dates": dates}
    if figures["rayondagen"]:
        days = _and(
            [
                _("rayon %(rayon)s (%(day)s)") % {"rayon": rayon, "day": _day_month(day)}
                for rayon, day in figures["rayondagen"]
            ]
        )
        found["rayondagen"] = ngettext(
            "%(count)s rayondag, with the rayon contact persons: %(days)s.",
            "%(count)s rayondagen, with the rayon contact persons: %(days)s.",
            len(figures["rayondagen"]),
        ) % {"count": in_words(len(figures["rayondagen"])), "days": days}
        found["rayons"] = _("%(held)s of %(total)s rayons held a rayondag.") % {
            "held": figures["rayons_with_rayondag"],
            "total": figures["rayons_total"],
        }
    if figures["rayon_contact_meetings"]:
        found["rayon_contacts"] = " ".join(
            _("%(title)s (%(day)s).") % {"title": title, "day": _day_month(day)}
            for title, day in figures["rayon_contact_meetings"]
        )
    if figures["regions_visited"]:
        found["visits"] = ngettext(
            "%(count)s Doorstroompunt region visited.",
            "%(count)s Doorstroompunt regions visited.",
            figures["regions_visited"],
        ) % {"count": in_words(figures["regions_visited"])}
    return found


def rayons_with_rayondag_text(figures: dict) -> str:
    """ "2 van 6"."""
    return _("%(held)s of %(total)s") % {
        "held": figures["rayons_with_rayondag"],
        "total": figures["rayons_total"],
    }


# --- the staff's page and CSV -----------------------------------------------------------------


def kind_label(code: str) -> str:
    return str(dict(Kind.choices).get(code, code))


def organisation_kind_label(code: str) -> str:
    return str(dict(Organisation.Kind.choices).get(code, code)) if code else _("no organisation")


def charts(figures: dict) -> dict:
    from knowledge.charts import bar_chart

    return {
        "quarters": bar_chart(
            [(f"K{row['quarter']}", row["participants"]) for row in figures["by_quarter"]],
            title=_("Participants per quarter"),
        ),
        "kinds": bar_chart(
            [(kind_label(row["kind"]), row["participants"]) for row in figures["by_kind"]],
            title=_("Participants per kind of meeting"),
        ),
    }


def csv_header() -> list[str]:
    return [_("Figure"), _("Value")]


def csv_rows(figures: dict) -> list[list]:
    rows = [
        [_("Meetings"), figures["meetings"]],
        [_("Participants"), figures["participants"]],
        [_("Different people"), figures["people"]],
        [_("Organisations reached"), figures["organisations"]],
        [_("Share of partners (%)"), formatting.number(figures["share_partners"], 1)],
        [_("Average evaluation"), formatting.number(figures["evaluation_average"], 1)],
        [_("Share evaluated 7 or higher (%)"), formatting.number(figures["share_good"], 1)],
        [_("Rayons with a rayondag"), rayons_with_rayondag_text(figures)],
        [_("Doorstroompunt regions visited"), figures["regions_visited"]],
        [_("Consultations"), figures["consultations"]],
    ]
    for row in figures["by_quarter"]:
        rows.append([_("Q%(n)s meetings") % {"n": row["quarter"]}, row["meetings"]])
        rows.append([_("Q%(n)s participants") % {"n": row["quarter"]}, row["participants"]])
        rows.append([_("Q%(n)s organisations") % {"n": row["quarter"]}, row["organisations"]])
    for row in figures["by_kind"]:
        label = kind_label(row["kind"])
        rows.append([_("%(kind)s: meetings") % {"kind": label}, row["meetings"]])
        rows.append([_("%(kind)s: participants") % {"kind": label}, row["participants"]])
    for row in figures["by_rayon"]:
        rows.append(
            [_("Rayon %(rayon)s: participants") % {"rayon": row["rayon"]}, row["participants"]]
        )
    for row in figures["by_organisation_kind"]:
        label = organisation_kind_label(row["kind"])
        rows.append([_("%(kind)s: participants") % {"kind": label}, row["participants"]])
    return rows


# --- consultations -------------------------------------------------------------------------------


def has_answered(meeting: Meeting, person) -> bool:
    """Whether this person's answer (or their organisation's) is in."""
    if person is None:
        return False
    responses = ConsultationResponse.objects.filter(meeting=meeting)
    if meeting.answer_per == Meeting.AnswerPer.ORGANISATION:
        return (
            person.organisation_id is not None
            and responses.filter(organisation_id=person.organisation_id).exists()
        )
    return responses.filter(person=person).exists()


def consultation_results(meeting: Meeting) -> list[dict]:
    """Per question: the count of each option in all, by rayon and by kind of organisation
    (or the open answers)."""
    questions = list(meeting.questions.all())
    answers = list(
        ConsultationAnswer.objects.filter(response__meeting=meeting).values_list(
            "question_id", "value", "response__rayon__name", "response__organisation_kind"
        )
    )
    results = []
    for question in questions:
        mine = [a for a in answers if a[0] == question.pk]
        if question.kind == ConsultationQuestion.Kind.TEXT:
            results.append({"question": question, "texts": [a[1] for a in mine]})
            continue
        options = question.option_list()
        rayons = sorted({a[2] or "–" for a in mine})
        kinds = sorted({a[3] for a in mine})
        results.append(
            {
                "question": question,
                "total": len(mine),
                "options": [
                    {
                        "option": option,
                        "count": sum(1 for a in mine if a[1] == option),
                        "by_rayon": [
                            sum(1 for a in mine if a[1] == option and (a[2] or "–") == rayon)
                            for rayon in rayons
                        ],
                        "by_kind": [
                            sum(1 for a in mine if a[1] == option and a[3] == kind)
                            for kind in kinds
                        ],
                    }
                    for option in options
                ],
                "rayons": rayons,
                "kinds": [organisation_kind_label(kind) for kind in kinds],
            }
        )
    return results
