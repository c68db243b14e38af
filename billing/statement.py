"""★ The member statement sent with the contributie invoice: what the membership gave the
organisation in a year. Each figure comes from its app's own year figures filtered to the
organisation (the numbers of the figures pages with `?organisatie=<id>`).

Apps contribute through `register_statement_section(name, order, provider)`, a provider being
`provider(organisation, year) -> list[(label, value)]` with values already formatted for
people. The helpdesk's, the Academie's and the meetings' sections are registered here
(billing sits above those apps and reads their year figures; none of them imports billing).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum
from django.utils.translation import gettext as _

from ingrado.formatting import money, number


@dataclass(frozen=True)
class StatementSection:
    name: str
    order: int
    title: Callable  # () -> str
    provider: Callable  # (organisation, year) -> list[(label, value)]


_sections: list[StatementSection] = []


def register_statement_section(*, name: str, order: int, title, provider) -> None:
    if not any(section.name == name for section in _sections):
        _sections.append(StatementSection(name, order, title, provider))
        _sections.sort(key=lambda section: section.order)


def sections() -> list[StatementSection]:
    return list(_sections)


def member_discount(organisation, year: int) -> Decimal:
    """The non-member price minus the price paid, over the organisation's confirmed
    enrolments in editions held in `year`."""
    from academy import stats
    from academy.models import Enrolment

    editions = stats._held_editions(year)
    total = (
        Enrolment.objects.filter(
            edition__in=editions,
            status=Enrolment.Status.CONFIRMED,
            person__organisation=organisation,
            price__lt=F("edition__activity__price_non_member"),
        )
        .annotate(discount=F("edition__activity__price_non_member") - F("price"))
        .aggregate(total=Sum("discount"))["total"]
    )
    return Decimal(total or 0).quantize(Decimal("0.01"))


def _helpdesk(organisation, year):
    from knowledge import stats

    figures = stats.year_figures(year, organisation=organisation)
    median = figures["median_working_days"]
    return [
        (_("Questions answered"), number(figures["answered"])),
        (
            _("Median working days to an answer"),
            number(median, 1) if median is not None else "–",
        ),
    ]


def _academy(organisation, year):
    from academy import stats

    figures = stats.year_figures(year, organisation=organisation)
    return [
        (_("Colleagues trained"), number(figures["participants"])),
        (_("Certificates"), number(figures["certificates"])),
        (_("Member discount on Academie prices"), money(member_discount(organisation, year))),
    ]


def _meetings(organisation, year):
    from meetings import stats

    figures = stats.year_figures(year, organisation=organisation)
    rows = [
        (_("Meetings attended"), number(figures["meetings"])),
        (_("Colleagues at meetings"), number(figures["people"])),
    ]
    rows += [(stats.kind_label(row["kind"]), number(row["meetings"])) for row in figures["by_kind"]]
    return rows


def register_defaults() -> None:
    register_statement_section(
        name="helpdesk", order=10, title=lambda: _("Vraag & Antwoord"), provider=_helpdesk
    )
    register_statement_section(
        name="academy", order=20, title=lambda: _("Ingrado Academie"), provider=_academy
    )
    register_statement_section(
        name="meetings", order=30, title=lambda: _("Bijeenkomsten"), provider=_meetings
    )


def member_statement(organisation, year: int) -> dict:
    return {
        "organisation": organisation,
        "year": year,
        "sections": [
            {"name": s.name, "title": s.title(), "rows": s.provider(organisation, year)}
            for s in sections()
        ],
    }
