"""The Academie's part of the jaarverslag, registered in `AcademyConfig.ready()`: the
Academie project's figures in the plan's own measure (every activity's average evaluation
8 or higher), the Academie kerncijfers and the participants per year."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import annual_figures
from ingrado.annual_figures import Computed, Figure, Measure, Series
from ingrado.formatting import number

from . import stats


def present(data: dict) -> Computed:
    figures = [
        Figure(number(data["activities"]), _("trainings, workshops and webinars"), True),
        Figure(number(data["participants"]), _("participants"), True),
        Figure(number(data["average_rating"], 1), _("average evaluation"), True),
        Figure(number(data["certificates"]), _("certificates"), True),
    ]
    text = _(
        "%(activities)s trainings, workshops and webinars with %(participants)s "
        "participants in total."
    ) % {"activities": number(data["activities"]), "participants": number(data["participants"])}
    rated, high = data.get("activities_rated"), data.get("activities_rated_8_or_higher")
    if rated:
        values = {
            "high": number(high),
            "rated": number(rated),
            "average": number(data["average_rating"], 1),
        }
        if high == rated:
            text += (
                " "
                + _("All %(rated)s activities averaged 8 or higher; on average %(average)s.")
                % values
            )
        else:
            text += (
                " "
                + _(
                    "%(high)s of the %(rated)s activities averaged 8 or higher; on average "
                    "%(average)s."
                )
                % values
            )
    return Computed(figures=figures, text=text)


def series(first: int, last: int) -> dict[str, Series]:
    rows = stats.participants_per_year(first, last)
    return {"participants": Series(_("Academie participants per year"), list(rows))}


PROVIDER = annual_figures.Provider(
    name="academy",
    project="academie",
    year_figures=stats.year_figures,
    present=present,
    has_data="activities",
    title=gettext_lazy("Academie"),
    measures=(
        Measure("activities", gettext_lazy("Trainings, workshops and webinars")),
        Measure("participants", gettext_lazy("Participants")),
        Measure("certificates", gettext_lazy("Certificates")),
        Measure("average_rating", gettext_lazy("Average evaluation (1-10)"), 1),
    ),
    series=series,
    order=20,
)
