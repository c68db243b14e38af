"""The nieuwsbrief's part of the jaarverslag, registered in `CommunicationsConfig.ready()`:
the Ledenbinding project's newsletter figures, computed from what was sent (never typed)."""

from django.utils.translation import gettext as _

from ingrado import annual_figures
from ingrado.annual_figures import Computed, Figure
from ingrado.formatting import number, percent

from . import stats


def present(data: dict) -> Computed:
    figures = [
        Figure(number(data["newsletters"]), _("digital newsletters"), True),
        Figure(number(data["recipients"]), _("recipients per newsletter"), True),
        Figure(percent(data["open_rate"]), _("opened the newsletter"), True),
        Figure(percent(data["click_rate"]), _("clicked through"), True),
    ]
    text = _(
        "%(newsletters)s digital newsletters were sent, each to about %(recipients)s "
        "recipients; %(open_rate)s of them opened the newsletter and %(click_rate)s "
        "clicked through to further information."
    ) % {
        "newsletters": number(data["newsletters"]),
        "recipients": number(data["recipients"]),
        "open_rate": percent(data["open_rate"]),
        "click_rate": percent(data["click_rate"]),
    }
    return Computed(figures=figures, text=text)


PROVIDER = annual_figures.Provider(
    name="communications",
    project="ledenbinding",
    year_figures=stats.year_figures,
    present=present,
    has_data="newsletters",
    order=30,
)
