import factory

from programmes.models import (
    AnnualReport,
    KeyFigure,
    Programme,
    Project,
    Result,
    Speerpunt,
    StrategicPlan,
    YearPlan,
)


class StrategicPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicPlan
        django_get_or_create = ["title"]

    title = "Samen kansen zien en waarmaken"
    first_year = 2025
    last_year = 2030
    mission = "Iedere jongere heeft recht op onderwijs en ontwikkeling – daar maken wij werk van!"
    core_values = "Bevlogen\nVerbindend\nVoortvarend"
    introduction = "Dit jaarverslag laat in vogelvlucht zien wat Ingrado heeft gedaan."


class SpeerpuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speerpunt

    plan = factory.SubFactory(StrategicPlanFactory)
    letter = factory.Sequence(lambda n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26])
    title = factory.Sequence(lambda n: f"Speerpunt {n}")
    goals_2030 = "Doel een\nDoel twee"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    plan = factory.SubFactory(StrategicPlanFactory)
    number = factory.Sequence(lambda n: n % 5 + 1)
    name = factory.Sequence(lambda n: f"Programma {n}")
    theme = "Thema"
    description = factory.Sequence(lambda n: f"Stip op de horizon {n}.")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    code = factory.LazyAttribute(lambda project: project.slug)
    description = "Omschrijving."
    end_result_2030 = factory.Sequence(lambda n: f"Eindresultaat van project {n}.")
    first_year = 2025
    last_year = 2030


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    project = factory.SubFactory(ProjectFactory)
    year = 2025
    text = factory.Sequence(lambda n: f"Resultaat nummer {n} behaald.")
    is_highlight = True
    order = factory.Sequence(lambda n: n)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    project = factory.SubFactory(ProjectFactory)
    year = 2025
    value = "550"
    label = "deelnemers"


class YearPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearPlan

    project = factory.SubFactory(ProjectFactory)
    year = 2025
    intended_results = "Beoogd resultaat."
    activities = "Activiteiten."


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReport

    year = 2025
